"""Measures API: the instrument library and its scoring contract, and a patient's responses (FHIR included).

The library and scoring are not patient-scoped, but they need a signed-in user or an API token like every other
operation (the API's default auth): scoring is free to compute, yet an open endpoint invites use as a public
scoring service, and nothing a clinic needs requires it anonymously.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from django.utils import timezone
from ninja import Router, Schema

from solace.accounts.requests import AuthenticatedApiRequest
from solace.domain.instruments import AnswerError, Instrument, UnknownInstrument, get_instrument, score, score_items
from solace.kernel.api_errors import ApiError
from solace.kernel.permissions import Action
from solace.measures import fhir, selectors
from solace.measures.access import access_measure_response
from solace.patients.access import access_patient

router = Router(tags=["measures"])


class InstrumentSummaryOut(Schema):
    code: str
    version: str
    scoring_version: str
    title: str
    items: int
    wording: str
    licence: str
    recall_period: str | None
    total_range: list[float] | None


class OptionOut(Schema):
    value: int
    label: str | None


class ItemOut(Schema):
    code: str
    position: int
    text: str | None
    minimum: int
    maximum: int
    step: int
    reverse_scored: bool
    scored: bool
    options: list[OptionOut]
    loinc: str | None


class InstrumentOut(InstrumentSummaryOut):
    citation: str
    instructions: str | None
    answer_key: str
    total_rule: str
    higher_is_better: bool | None
    item_list: list[ItemOut]
    subscales: list[dict[str, Any]]
    severity_bands: list[dict[str, Any]]
    cut_offs: list[dict[str, Any]]
    critical_items: list[dict[str, Any]]
    loinc: dict[str, Any] | None


class ScoreIn(Schema):
    answers: Any
    """A list in the instrument's published item order, or an object keyed by item code."""


class ResponseOut(Schema):
    id: uuid.UUID
    instrument: str
    instrument_version: str
    scoring_version: str
    submitted_at: datetime
    total: int | float | None
    band: str | None
    critical_items: list[str]

    @staticmethod
    def resolve_instrument(obj: Any) -> str:
        return str(obj.instrument_code)

    @staticmethod
    def resolve_total(obj: Any) -> Any:
        return obj.score_total

    @staticmethod
    def resolve_band(obj: Any) -> str | None:
        return obj.band or None


class ResponseDetailOut(ResponseOut):
    answers: dict[str, int | None]
    score: dict[str, Any]


class DueOut(Schema):
    instrument: str
    opens_at: datetime
    closes_at: datetime | None
    cadence: str
    session: int | None
    week: int | None
    milestone: str | None
    answered: int


def _instrument(code: str) -> Instrument:
    try:
        return get_instrument(code)
    except UnknownInstrument:
        raise ApiError(404, "not_found", f"Unknown instrument {code!r}.", "code") from None


@router.get("/instruments", response=list[InstrumentSummaryOut], summary="The instrument library")
def instrument_list(request: AuthenticatedApiRequest) -> Any:
    return selectors.instrument_catalogue()


@router.get("/instruments/{code}", response=InstrumentOut, summary="One instrument's definition")
def instrument_get(request: AuthenticatedApiRequest, code: str) -> Any:
    return selectors.instrument_definition(_instrument(code))


@router.post("/instruments/{code}/score", response=dict[str, Any],
             summary="Score answers (nothing is stored)",
             description="Returns ScoreResult.to_dict(): instrument, version, scoring_version, total, band, subscales, "
                         "critical_items, cut_offs, and the instrument's extras (risk, provisional_ptsd, change, "
                         "imputed_items) where it declares them.")
def instrument_score(request: AuthenticatedApiRequest, code: str, payload: ScoreIn) -> Any:
    instrument = _instrument(code)
    if not isinstance(payload.answers, list | dict):
        raise ApiError(422, "invalid", "answers: must be a list in published item order or an object keyed by "
                                       "item code", "answers")
    try:
        if isinstance(payload.answers, dict):
            return score_items(instrument, payload.answers).to_dict()
        return score(instrument.code, payload.answers).to_dict()
    except AnswerError as exc:
        raise ApiError(422, "invalid", exc.message, _answer_field(payload.answers, exc)) from exc


def _answer_field(answers: list[Any] | dict[str, Any], exc: AnswerError) -> str:
    """`answers.<index>` (0-based, as in any JSON list) for a list, `answers.<item code>` for a mapping."""
    if isinstance(answers, dict):
        return f"answers.{exc.item_code}" if exc.item_code else "answers"
    return f"answers.{exc.position - 1}" if exc.position else "answers"


@router.get("/instruments/{code}/fhir", response=dict[str, Any], summary="The instrument as a FHIR Questionnaire")
def instrument_fhir(request: AuthenticatedApiRequest, code: str) -> Any:
    return fhir.questionnaire(_instrument(code))


# --- a patient's responses ---------------------------------------------------------------------------------------


@router.get("/patients/{patient_id}/responses", response=list[ResponseOut], summary="A patient's submitted responses")
def response_list(request: AuthenticatedApiRequest, patient_id: str, instrument: str | None = None) -> Any:
    patient = access_patient(request.auth, patient_id, Action.READ, audit_action="measure_response.list")
    return selectors.submitted_responses(patient=patient, instrument_code=instrument)


@router.get("/patients/{patient_id}/responses/{response_id}", response=ResponseDetailOut,
            summary="One response with its answers and score")
def response_get(request: AuthenticatedApiRequest, patient_id: str, response_id: str) -> Any:
    return access_measure_response(request.auth, response_id, Action.READ, patient_id=patient_id)


@router.get("/patients/{patient_id}/responses/{response_id}/fhir", response=dict[str, Any],
            summary="One response as a FHIR Bundle (QuestionnaireResponse and score Observations)")
def response_fhir(request: AuthenticatedApiRequest, patient_id: str, response_id: str) -> Any:
    response = access_measure_response(request.auth, response_id, Action.READ, patient_id=patient_id)
    return fhir.response_bundle(response)


@router.get("/patients/{patient_id}/measures/due", response=list[DueOut], summary="Questionnaires due now")
def due_list(request: AuthenticatedApiRequest, patient_id: str) -> Any:
    patient = access_patient(request.auth, patient_id, Action.READ, audit_action="measures.due")
    return [
        {"instrument": item.instrument.code, "opens_at": item.due.occasion.opens_at,
         "closes_at": item.due.occasion.closes_at, "cadence": item.due.occasion.cadence.value,
         "session": item.due.occasion.number if item.due.occasion.cadence == "every_session" else None,
         "week": item.due.occasion.number if item.due.occasion.cadence == "every_n_weeks" else None,
         "milestone": item.due.occasion.milestone.value if item.due.occasion.milestone else None,
         "answered": item.answered}
        for item in selectors.due_list(patient=patient, now=timezone.now())
    ]
