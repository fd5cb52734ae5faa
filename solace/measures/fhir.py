"""FHIR R4 export: instruments as Questionnaires, responses as a Bundle of a QuestionnaireResponse and score
Observations. Built as plain dicts from the domain's definitions, then validated with fhir.resources (R4B models,
which accept R4 content for these resources).

Codes: LOINC where the instrument declares one (clinical-reference.md §2, e.g. PHQ-9 panel 44249-1, total 44261-6),
otherwise the local code system SCORE_SYSTEM. Item text and answer labels only where the licence allows; otherwise
the item reads "Item N" and the clinic supplies the wording.
"""

from __future__ import annotations

import json
from typing import Any

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from solace.domain.instruments import Instrument, Item, Number, ResponseOption, get_instrument
from solace.measures.models import MeasureResponse

BASE = "https://solace.example.org/fhir"
SCORE_SYSTEM = f"{BASE}/CodeSystem/instrument-scores"
ANSWER_SYSTEM = f"{BASE}/CodeSystem/answer-values"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
ORDINAL_VALUE = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
SURVEY = {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "survey",
                      "display": "Survey"}]}


def questionnaire_url(instrument: Instrument) -> str:
    return f"{BASE}/Questionnaire/{instrument.code}"


def _fhir_id(code: str) -> str:
    """FHIR ids allow letters, digits, '-' and '.', not '_'."""
    return code.replace("_", "-")


def _answer_coding(item: Item, option: ResponseOption) -> dict[str, Any]:
    coding: dict[str, Any] = (
        {"system": LOINC, "code": option.loinc_answer} if option.loinc_answer
        else {"system": ANSWER_SYSTEM, "code": str(option.value)}
    )
    if option.label:
        coding["display"] = option.label
    coding["extension"] = [{"url": ORDINAL_VALUE, "valueDecimal": option.value}]
    return coding


def _question(item: Item) -> dict[str, Any]:
    question: dict[str, Any] = {
        "linkId": item.code,
        "prefix": str(item.position),
        "text": item.text or f"Item {item.position}",
        "type": "choice",
        "required": item.scored,
        "answerOption": [{"valueCoding": _answer_coding(item, option)} for option in item.options],
    }
    if item.loinc:
        question["code"] = [{"system": LOINC, "code": item.loinc}]
    return question


def questionnaire(instrument: Instrument) -> dict[str, Any]:
    """The instrument as a validated FHIR Questionnaire (JSON-ready dict)."""
    items = [_question(item) for item in instrument.items]
    if instrument.instructions:
        items.insert(0, {"linkId": f"{instrument.code}_instructions", "type": "display",
                         "text": instrument.instructions})
    data: dict[str, Any] = {
        "resourceType": "Questionnaire",
        "id": _fhir_id(instrument.code),
        "url": questionnaire_url(instrument),
        "version": instrument.version,
        "name": "".join(part.capitalize() for part in instrument.code.split("_")),
        "title": instrument.title,
        "status": "active",
        "subjectType": ["Patient"],
        "publisher": "Solace",
        "description": instrument.citation,
        "copyright": instrument.licence.text,
        "item": items,
    }
    if instrument.loinc and instrument.loinc.panel:
        data["code"] = [{"system": LOINC, "code": instrument.loinc.panel, "display": instrument.title}]
    return _validated(Questionnaire, data)


def _validated(model: Any, data: dict[str, Any]) -> dict[str, Any]:
    return json.loads(model.model_validate(data).model_dump_json())  # type: ignore[no-any-return]


def _answer(item: Item, value: int) -> dict[str, Any]:
    option = next(option for option in item.options if option.value == value)
    return {"valueCoding": _answer_coding(item, option)}


def questionnaire_response(response: MeasureResponse) -> dict[str, Any]:
    instrument = get_instrument(response.instrument_code)
    assert response.submitted_at is not None
    answered = [
        {"linkId": item.code, "answer": [_answer(item, response.answers[item.code])]}
        for item in instrument.items if response.answers.get(item.code) is not None
    ]
    data: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "id": str(response.pk),
        "questionnaire": f"{questionnaire_url(instrument)}|{response.instrument_version}",
        "status": "completed",
        "subject": {"reference": f"Patient/{response.patient_id}"},
        "authored": response.submitted_at.isoformat(),
        "item": answered,
    }
    return _validated(QuestionnaireResponse, data)


def _score_observation(response: MeasureResponse, instrument: Instrument, *, code: dict[str, Any], suffix: str,
                       value: Number, band: str | None) -> dict[str, Any]:
    assert response.submitted_at is not None
    data: dict[str, Any] = {
        "resourceType": "Observation",
        "id": f"{response.pk}-{_fhir_id(suffix)}",
        "status": "final",
        "category": [SURVEY],
        "code": code,
        "subject": {"reference": f"Patient/{response.patient_id}"},
        "effectiveDateTime": response.submitted_at.isoformat(),
        "valueQuantity": {"value": value, "unit": "{score}", "system": UCUM, "code": "{score}"},
        "derivedFrom": [{"reference": f"QuestionnaireResponse/{response.pk}"}],
        "note": [{"text": f"Scored by Solace: {instrument.code} version {response.instrument_version}, "
                          f"scoring version {response.scoring_version}."}],
    }
    if band:
        data["interpretation"] = [{"text": band}]
    return _validated(Observation, data)


def score_observations(response: MeasureResponse) -> list[dict[str, Any]]:
    """One Observation for the total, or one per subscale for instruments without a total (FSCRS, FCS, CEAS)."""
    instrument = get_instrument(response.instrument_code)
    score = response.score or {}
    total = score.get("total")
    if total is not None:
        band = instrument.band_for(total)
        coding = ({"system": LOINC, "code": instrument.loinc.total} if instrument.loinc and instrument.loinc.total
                  else {"system": SCORE_SYSTEM, "code": f"{instrument.code}-total"})
        code = {"coding": [{**coding, "display": f"{instrument.title} total score"}],
                "text": f"{instrument.title} total score"}
        return [_score_observation(response, instrument, code=code, suffix="total", value=total,
                                   band=band.label if band else None)]
    return [*_subscale_observations(response, instrument, score), *_extra_observations(response, instrument, score)]


def _subscale_observations(response: MeasureResponse, instrument: Instrument,
                           score: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        _score_observation(
            response, instrument, suffix=subscale.code, value=score["subscales"][subscale.code], band=None,
            code={"coding": [{"system": SCORE_SYSTEM, "code": f"{instrument.code}-{subscale.code}",
                              "display": f"{instrument.title}: {subscale.title}"}],
                  "text": f"{instrument.title}: {subscale.title}"},
        )
        for subscale in instrument.subscales if subscale.code in score.get("subscales", {})
    ]


def _extra_observations(response: MeasureResponse, instrument: Instrument,
                        score: dict[str, Any]) -> list[dict[str, Any]]:
    """Results the instrument declares a LOINC code for besides the total, e.g. the C-SSRS risk level (93374-7)."""
    assert response.submitted_at is not None
    extras = instrument.loinc.extra if instrument.loinc else ()
    return [
        _validated(Observation, {
            "resourceType": "Observation",
            "id": f"{response.pk}-{_fhir_id(key)}",
            "status": "final",
            "category": [SURVEY],
            "code": {"coding": [{"system": LOINC, "code": code}], "text": f"{instrument.title}: {key}"},
            "subject": {"reference": f"Patient/{response.patient_id}"},
            "effectiveDateTime": response.submitted_at.isoformat(),
            "valueCodeableConcept": {"text": str(score[key])},
            "derivedFrom": [{"reference": f"QuestionnaireResponse/{response.pk}"}],
        })
        for key, code in extras if score.get(key) is not None
    ]


def response_bundle(response: MeasureResponse) -> dict[str, Any]:
    """A collection Bundle: the QuestionnaireResponse and its score Observations, validated as a whole."""
    resources = [questionnaire_response(response), *score_observations(response)]
    data = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [{"fullUrl": f"{BASE}/{r['resourceType']}/{r['id']}", "resource": r} for r in resources],
    }
    return _validated(Bundle, data)
