"""Reads for measurement-based care: the instrument library, what is due, results and their change.

Patient-scoped reads take a patient that has already been through a gate (`access_patient`, `own_patient`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import QuerySet

from solace.domain.instruments import Instrument, get_instrument, instrument_list
from solace.domain.monitoring import ChangeResult, classify_change
from solace.domain.monitoring.schedule import (
    DEFAULT_COURSE_SCHEDULE,
    Cadence,
    Completion,
    CourseTimeline,
    DueMeasure,
    Milestone,
    ScheduleRule,
    due_measures,
)
from solace.measures.choices import ResponseStatus
from solace.measures.models import ClinicItemWording, MeasureAssignment, MeasureResponse
from solace.patients.models import Patient

# --- the library -------------------------------------------------------------------------------------------------


def instrument_summary(instrument: Instrument) -> dict[str, Any]:
    """One line of the library, as `solace instruments` and `GET /api/v1/instruments` show it."""
    return {
        "code": instrument.code,
        "version": instrument.version,
        "scoring_version": instrument.scoring_version,
        "title": instrument.title,
        "items": len(instrument.items),
        "wording": "shipped" if instrument.licence.wording_reproducible else "clinic_supplied",
        "licence": instrument.licence.text,
        "recall_period": instrument.recall_period,
        "total_range": list(instrument.total_range) if instrument.total_range else None,
    }


def instrument_catalogue() -> list[dict[str, Any]]:
    return [instrument_summary(instrument) for instrument in instrument_list()]


def instrument_definition(instrument: Instrument) -> dict[str, Any]:
    """The whole definition a client needs to show and score the instrument (wording only where licensed)."""
    return {
        **instrument_summary(instrument),
        "citation": instrument.citation,
        "instructions": instrument.instructions,
        "answer_key": instrument.answer_key,
        "total_rule": instrument.total_rule.value,
        "higher_is_better": instrument.higher_is_better,
        "item_list": [
            {"code": item.code, "position": item.position, "text": item.text, "minimum": item.minimum,
             "maximum": item.maximum, "step": item.step, "reverse_scored": item.reverse_scored, "scored": item.scored,
             "options": [{"value": option.value, "label": option.label} for option in item.options],
             "loinc": item.loinc}
            for item in instrument.items
        ],
        "subscales": [{"code": s.code, "title": s.title, "items": list(s.item_codes), "rule": s.rule.value}
                      for s in instrument.subscales],
        "severity_bands": [{"code": b.code, "label": b.label, "lower": b.lower, "upper": b.upper}
                           for b in instrument.severity_bands],
        "cut_offs": [{"code": c.code, "label": c.label, "threshold": c.threshold, "comparison": c.comparison.value}
                     for c in instrument.cut_offs],
        "critical_items": [{"item": c.item_code, "threshold": c.threshold, "reason": c.reason}
                           for c in instrument.critical_items],
        "loinc": {"panel": instrument.loinc.panel, "total": instrument.loinc.total} if instrument.loinc else None,
    }


def clinic_wording(*, clinic_id: int | None, instrument: Instrument) -> dict[str, str]:
    """The clinic's own wording of an instrument's items, by item code (empty when Solace ships the wording)."""
    if instrument.licence.wording_reproducible or clinic_id is None:
        return {}
    rows = ClinicItemWording.objects.filter(clinic_id=clinic_id, instrument_code=instrument.code)
    return dict(rows.values_list("item_code", "text"))


def wording_complete(*, clinic_id: int | None, instrument: Instrument) -> bool:
    """Whether a patient of the clinic can read every item: Solace ships the wording, or the clinic has supplied
    the wording of every item. Without it the patient would see "Item 3" and unlabelled answers."""
    if instrument.licence.wording_reproducible:
        return True
    texts = clinic_wording(clinic_id=clinic_id, instrument=instrument)
    return all(texts.get(code, "").strip() for code in instrument.item_codes)


def default_schedule_without_wording(*, clinic_id: int | None) -> list[Instrument]:
    """The instruments of the default course schedule the clinic cannot give yet, for want of their wording."""
    instruments = [get_instrument(template.instrument) for template in DEFAULT_COURSE_SCHEDULE]
    unique = list({instrument.code: instrument for instrument in instruments}.values())
    return [i for i in unique if not wording_complete(clinic_id=clinic_id, instrument=i)]


# --- schedules and what is due -----------------------------------------------------------------------------------


def assignment_list(*, patient: Patient) -> QuerySet[MeasureAssignment]:
    return patient.measure_assignments.filter(removed_at__isnull=True).order_by("created_at", "id")


@dataclass(frozen=True)
class TreatmentEpisode:
    """What measures needs to know of a patient's current treatment course: which one it is (assignments keep it)
    and its timeline (sessions and milestones). The courses app, which owns courses, supplies it."""

    course_id: int
    timeline: CourseTimeline


# Registered by the courses app (solace.courses.hooks): measures stands below courses and never imports it.
_episode_sources: list[Callable[[Patient], TreatmentEpisode | None]] = []


def episode_source_register(source: Callable[[Patient], TreatmentEpisode | None]) -> None:
    _episode_sources[:] = [source]


def current_episode(patient: Patient) -> TreatmentEpisode | None:
    """The patient's current treatment course as measures sees it, or None when there is none (or no source)."""
    return _episode_sources[0](patient) if _episode_sources else None


def _rules(assignments: Sequence[MeasureAssignment]) -> list[ScheduleRule]:
    return [
        ScheduleRule(key=str(a.pk), instrument=a.instrument_code, cadence=Cadence(a.cadence), assigned_at=a.created_at,
                     interval_weeks=a.interval_weeks, milestones=tuple(Milestone(m) for m in a.milestones))
        for a in assignments
    ]


@dataclass(frozen=True)
class DueItem:
    """A questionnaire to complete now, and the patient's draft of it when they have started one."""

    instrument: Instrument
    due: DueMeasure
    draft: MeasureResponse | None

    @property
    def answered(self) -> int:
        return self.draft.answered_count if self.draft else 0


def due_list(*, patient: Patient, now: datetime) -> list[DueItem]:
    """What the patient should complete now (solace.domain.monitoring.schedule.due_measures), in four queries."""
    assignments = list(assignment_list(patient=patient))
    if not assignments:
        return []
    completions = [
        Completion(code, at) for code, at in patient.measure_responses.filter(
            status=ResponseStatus.SUBMITTED).values_list("instrument_code", "submitted_at") if at is not None
    ]
    episode = current_episode(patient)
    timeline = episode.timeline if episode else None
    due = due_measures(_rules(assignments), timeline, completions, now)
    drafts = {d.instrument_code: d for d in patient.measure_responses.filter(status=ResponseStatus.DRAFT)}
    return [DueItem(get_instrument(m.instrument), m, drafts.get(m.instrument)) for m in due]


def assigned_instrument_codes(*, patient: Patient) -> set[str]:
    return set(assignment_list(patient=patient).values_list("instrument_code", flat=True))


def draft_get(*, patient: Patient, instrument: Instrument) -> MeasureResponse | None:
    return patient.measure_responses.filter(instrument_code=instrument.code, status=ResponseStatus.DRAFT).first()


# --- results -----------------------------------------------------------------------------------------------------


def submitted_responses(*, patient: Patient, instrument_code: str | None = None) -> QuerySet[MeasureResponse]:
    responses = patient.measure_responses.filter(status=ResponseStatus.SUBMITTED)
    if instrument_code is not None:
        responses = responses.filter(instrument_code=instrument_code)
    return responses.order_by("submitted_at", "pk")


@dataclass(frozen=True)
class InstrumentResults:
    """Every submitted response of one instrument for one patient, with the change from first to latest."""

    instrument: Instrument
    responses: tuple[MeasureResponse, ...]

    @property
    def baseline(self) -> MeasureResponse:
        return self.responses[0]

    @property
    def latest(self) -> MeasureResponse:
        return self.responses[-1]

    @property
    def change(self) -> ChangeResult | None:
        """Jacobson-Truax reliable and clinically significant change, baseline to latest (domain.monitoring)."""
        baseline, latest = self.baseline.score_total, self.latest.score_total
        if len(self.responses) < 2 or baseline is None or latest is None:
            return None
        return classify_change(self.instrument, baseline, latest)


def results_by_instrument(*, patient: Patient) -> list[InstrumentResults]:
    """Results for every instrument the patient has answered, in the library's order, in one query."""
    grouped: dict[str, list[MeasureResponse]] = {}
    for response in submitted_responses(patient=patient).defer("answers"):
        grouped.setdefault(response.instrument_code, []).append(response)
    order = {instrument.code: index for index, instrument in enumerate(instrument_list())}
    return [
        InstrumentResults(get_instrument(code), tuple(responses))
        for code, responses in sorted(grouped.items(), key=lambda pair: order.get(pair[0], len(order)))
    ]


def results_for(*, patient: Patient, instrument: Instrument) -> InstrumentResults | None:
    responses = tuple(submitted_responses(patient=patient, instrument_code=instrument.code))
    return InstrumentResults(instrument, responses) if responses else None


def latest_answers_in_order(*, patient: Patient, codes: Sequence[str]) -> dict[str, tuple[list[object], datetime]]:
    """The latest submitted answers per instrument, in published item order, with when they were given.

    Used to pre-fill a screening intake from what the patient has already completed (one query for all codes).
    """
    latest: dict[str, MeasureResponse] = {}
    for response in submitted_responses(patient=patient).filter(instrument_code__in=list(codes)):
        latest[response.instrument_code] = response  # ordered by submission: the last one wins
    return {
        code: ([response.answers.get(item.code) for item in get_instrument(code).items], response.submitted_at)
        for code, response in latest.items()
        if response.submitted_at is not None
    }
