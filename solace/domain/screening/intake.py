"""The intake: what the clinician's assessment and the patient's measures say, parsed from JSON-like data.

One parser serves the CLI, the API and the web form, so an invalid intake gets the same error everywhere:
`IntakeError.field` names the offending field in dotted form (`age`, `presenting_concerns`,
`clinical_flags.acute_crisis`, `responses.phq9`, `concurrent_treatments.1.kind`) and the message names the item
for answers (the instrument library's `AnswerError`, e.g. "phq9_q3 (item 3): 4 is out of range 0-3").

Answers are given per instrument code in the library's published item order and scored by
`solace.domain.instruments.score` (never re-implemented here).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from types import MappingProxyType

from solace.domain.instruments import AnswerError, ScoreResult, get_instrument, score
from solace.domain.screening.model import (
    ClinicalFlag,
    Concern,
    Modality,
    RiskLevel,
    SelfExploration,
    TreatmentKind,
)

SCREENING_INSTRUMENTS: tuple[str, ...] = (
    "phq9", "gad7", "cssrs_screener", "des2", "ders16", "fscrs", "fcs", "ceas", "scs_sf", "rses", "pcl5",
)
"""Instruments an intake may carry, in the order forms list them."""



def age_on(born: date, day: date) -> int:
    """Age in whole years on `day` (the birthday counts from the day itself; 29 February birthdays count from
    1 March in other years). The intake's age; Solace design choice."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def answers_prefill_intake(*, submitted_at: datetime, previous_evaluated_at: datetime | None,
                           previous_has_answers: bool) -> bool:
    """Whether a questionnaire the patient completed pre-fills a new intake: when there is no earlier screening,
    when it was completed after the earlier screening was evaluated, or when the earlier intake had no answers
    for it. Otherwise the earlier intake's own answers stay. Solace design choice (re-screening starts from the
    latest information; the clinician reviews every pre-filled answer before saving)."""
    return previous_evaluated_at is None or submitted_at > previous_evaluated_at or not previous_has_answers


CSSRS_SIX_ITEM_LAYOUT = 6


def stored_answers_current(code: str, answers: list[int | None]) -> list[int | None]:
    """A stored intake's answers (published item order at the time) in today's item order, for pre-filling a new
    intake. Intakes before C-SSRS scoring version 2 kept six answers, the sixth being suicidal behaviour in the
    past 3 months; version 2 asks lifetime behaviour first and the past 3 months only after a lifetime "yes"
    (clinical-reference.md §2.10, Posner et al. 2011; the split is Solace's). Behaviour in the past 3 months
    implies lifetime behaviour; an old "no" says nothing about lifetime, so both stay unanswered and the clinician
    asks again rather than read "no" into it. Other instruments pass through unchanged."""
    if code != "cssrs_screener" or len(answers) != CSSRS_SIX_ITEM_LAYOUT:
        return list(answers)
    recent = answers[5]
    return [*answers[:5], *((1, 1) if recent == 1 else (None, None))]


MINIMUM_AGE = 10
MAXIMUM_AGE = 120
MAXIMUM_NAME_LENGTH = 200
MAXIMUM_PROTECTIVE_FACTORS_LENGTH = 4000
FIELDS = (
    "age", "presenting_concerns", "clinical_flags", "responses", "concurrent_treatments", "modality_preference",
    "self_exploration_acceptance", "risk_assessment",
)
RISK_ASSESSMENT_FIELDS = ("level", "assessed_on", "protective_factors", "safety_plan_in_place")


class IntakeError(ValueError):
    """The intake cannot be evaluated. `field` is the dotted path of the offending field (None: the whole)."""

    def __init__(self, field: str | None, message: str) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class ConcurrentTreatment:
    kind: TreatmentKind
    name: str | None = None


@dataclass(frozen=True)
class RiskAssessment:
    """The clinician's own structured suicide-risk assessment, for clinics not licensed to use the C-SSRS
    electronically (clinical-reference.md §2.10: the electronic licence is exclusive to Clario). PHQ-9 item 9
    asks for "a suicide-risk assessment" (§2.1), not for a particular instrument. Who signed it, and when, is
    stored with the screening, not here."""

    level: RiskLevel
    assessed_on: date
    protective_factors: str = ""
    safety_plan_in_place: bool = False

    def to_dict(self) -> dict[str, object]:
        return {"level": self.level.value, "assessed_on": self.assessed_on.isoformat(),
                "protective_factors": self.protective_factors, "safety_plan_in_place": self.safety_plan_in_place}


@dataclass(frozen=True)
class Intake:
    """A parsed, validated intake. `scores` holds each given instrument's result, keyed by instrument code."""

    age: int
    presenting_concerns: tuple[Concern, ...] = ()
    clinical_flags: frozenset[ClinicalFlag] = frozenset()
    scores: Mapping[str, ScoreResult] = MappingProxyType({})
    concurrent_treatments: tuple[ConcurrentTreatment, ...] = ()
    modality_preference: Modality | None = None
    self_exploration_acceptance: SelfExploration | None = None
    risk_assessment: RiskAssessment | None = None

    def has_flag(self, flag: ClinicalFlag) -> bool:
        return flag in self.clinical_flags

    def treatments_of(self, kind: TreatmentKind) -> tuple[ConcurrentTreatment, ...]:
        return tuple(treatment for treatment in self.concurrent_treatments if treatment.kind is kind)

    def to_dict(self) -> dict[str, object]:
        """The normalised intake JSON: every flag spelled out, answers as validated whole numbers."""
        data: dict[str, object] = {
            "age": self.age,
            "presenting_concerns": [concern.value for concern in self.presenting_concerns],
            "clinical_flags": {flag.value: flag in self.clinical_flags for flag in ClinicalFlag},
            "responses": {
                code: [result.answers[item] for item in get_instrument(code).item_codes]
                for code, result in self.scores.items()
            },
            "concurrent_treatments": [
                {"kind": t.kind.value, **({"name": t.name} if t.name is not None else {})}
                for t in self.concurrent_treatments
            ],
        }
        if self.modality_preference is not None:
            data["modality_preference"] = self.modality_preference.value
        if self.self_exploration_acceptance is not None:
            data["self_exploration_acceptance"] = self.self_exploration_acceptance.value
        if self.risk_assessment is not None:
            data["risk_assessment"] = self.risk_assessment.to_dict()
        return data


def parse_intake(data: object) -> Intake:
    """Validate intake JSON (already decoded) into an `Intake`; raises IntakeError naming the first bad field."""
    if not isinstance(data, Mapping):
        raise IntakeError(None, f"the intake must be a JSON object, not {_json_type(data)}")
    unknown = sorted(str(key) for key in data if key not in FIELDS)
    if unknown:
        raise IntakeError(unknown[0], f"unknown field; expected one of: {', '.join(FIELDS)}")
    if "age" not in data:
        raise IntakeError("age", "is required")
    return Intake(
        age=_age(data["age"]),
        presenting_concerns=_concerns(data.get("presenting_concerns", [])),
        clinical_flags=_flags(data.get("clinical_flags", {})),
        scores=MappingProxyType(_responses(data.get("responses", {}))),
        concurrent_treatments=_treatments(data.get("concurrent_treatments", [])),
        modality_preference=_optional_choice("modality_preference", data.get("modality_preference"), Modality),
        self_exploration_acceptance=_optional_choice(
            "self_exploration_acceptance", data.get("self_exploration_acceptance"), SelfExploration
        ),
        risk_assessment=_risk_assessment(data.get("risk_assessment")),
    )


def _risk_assessment(value: object) -> RiskAssessment | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise IntakeError("risk_assessment", f"must be an object, not {_json_type(value)}")
    extra = sorted(str(key) for key in value if key not in RISK_ASSESSMENT_FIELDS)
    if extra:
        raise IntakeError(f"risk_assessment.{extra[0]}",
                          f"unknown field; expected one of: {', '.join(RISK_ASSESSMENT_FIELDS)}")
    for required in ("level", "assessed_on", "safety_plan_in_place"):
        if required not in value:
            raise IntakeError(f"risk_assessment.{required}", "is required")
    plan = value["safety_plan_in_place"]
    if not isinstance(plan, bool):
        raise IntakeError("risk_assessment.safety_plan_in_place", f"must be true or false, not {_json_type(plan)}")
    factors = value.get("protective_factors") or ""
    if not isinstance(factors, str) or len(factors) > MAXIMUM_PROTECTIVE_FACTORS_LENGTH:
        raise IntakeError("risk_assessment.protective_factors",
                          f"must be text of at most {MAXIMUM_PROTECTIVE_FACTORS_LENGTH} characters")
    return RiskAssessment(level=_choice("risk_assessment.level", value["level"], RiskLevel),
                          assessed_on=_date("risk_assessment.assessed_on", value["assessed_on"]),
                          protective_factors=factors.strip(), safety_plan_in_place=plan)


def _date(field: str, value: object) -> date:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    shown = repr(value) if isinstance(value, str) else _json_type(value)
    raise IntakeError(field, f"must be a date as YYYY-MM-DD, not {shown}")


def _age(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise IntakeError("age", f"must be a whole number of years, not {_json_type(value)}")
    if not MINIMUM_AGE <= value <= MAXIMUM_AGE:
        raise IntakeError("age", f"{value} is out of range {MINIMUM_AGE}-{MAXIMUM_AGE}")
    return value


def _concerns(value: object) -> tuple[Concern, ...]:
    items = _list("presenting_concerns", value)
    chosen = {_choice("presenting_concerns", item, Concern) for item in items}
    return tuple(concern for concern in Concern if concern in chosen)


def _flags(value: object) -> frozenset[ClinicalFlag]:
    if not isinstance(value, Mapping):
        raise IntakeError("clinical_flags", f"must be an object of true/false flags, not {_json_type(value)}")
    flags = set()
    for key, flag_value in value.items():
        field = f"clinical_flags.{key}"
        if key not in ClinicalFlag.__members__.values():
            raise IntakeError(field, f"unknown flag; expected one of: {_codes(ClinicalFlag)}")
        if not isinstance(flag_value, bool):
            raise IntakeError(field, f"must be true or false, not {_json_type(flag_value)}")
        if flag_value:
            flags.add(ClinicalFlag(key))
    return frozenset(flags)


def _responses(value: object) -> dict[str, ScoreResult]:
    if not isinstance(value, Mapping):
        raise IntakeError("responses", f"must be an object keyed by instrument code, not {_json_type(value)}")
    scores: dict[str, ScoreResult] = {}
    for code in sorted(value, key=_instrument_order):
        field = f"responses.{code}"
        if code not in SCREENING_INSTRUMENTS:
            raise IntakeError(field, f"unknown instrument; screening uses: {', '.join(SCREENING_INSTRUMENTS)}")
        answers = value[code]
        if not isinstance(answers, Sequence) or isinstance(answers, str | bytes):
            raise IntakeError(field, f"must be a list of answers in published item order, not {_json_type(answers)}")
        try:
            scores[code] = score(code, answers)
        except AnswerError as exc:
            raise IntakeError(field, exc.message) from exc
    return scores


def _instrument_order(code: object) -> tuple[int, str]:
    known = code in SCREENING_INSTRUMENTS
    return (SCREENING_INSTRUMENTS.index(str(code)) if known else -1, str(code))


def _treatments(value: object) -> tuple[ConcurrentTreatment, ...]:
    treatments = []
    for index, entry in enumerate(_list("concurrent_treatments", value)):
        field = f"concurrent_treatments.{index}"
        if not isinstance(entry, Mapping):
            raise IntakeError(field, f'must be an object such as {{"kind": "cbt"}}, not {_json_type(entry)}')
        extra = sorted(str(key) for key in entry if key not in ("kind", "name"))
        if extra:
            raise IntakeError(f"{field}.{extra[0]}", "unknown field; expected kind and name")
        if "kind" not in entry:
            raise IntakeError(f"{field}.kind", "is required")
        kind = _choice(f"{field}.kind", entry["kind"], TreatmentKind)
        treatments.append(ConcurrentTreatment(kind=kind, name=_name(f"{field}.name", entry.get("name"))))
    return tuple(treatments)


def _name(field: str, value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise IntakeError(field, f"must be text, not {_json_type(value)}")
    if len(value) > MAXIMUM_NAME_LENGTH:
        raise IntakeError(field, f"must be at most {MAXIMUM_NAME_LENGTH} characters")
    return value.strip() or None


def _list(field: str, value: object) -> Sequence[object]:
    if not isinstance(value, Sequence) or isinstance(value, str | bytes):
        raise IntakeError(field, f"must be a list, not {_json_type(value)}")
    return value


def _choice[E: StrEnum](field: str, value: object, choices: type[E]) -> E:
    if not isinstance(value, str) or value not in choices.__members__.values():
        shown = repr(value) if isinstance(value, str) else _json_type(value)
        raise IntakeError(field, f"unknown value {shown}; expected one of: {_codes(choices)}")
    return choices(value)


def _optional_choice[E: StrEnum](field: str, value: object, choices: type[E]) -> E | None:
    return None if value is None else _choice(field, value, choices)


def _codes(choices: type[StrEnum]) -> str:
    return ", ".join(member.value for member in choices)


def _json_type(value: object) -> str:
    match value:
        case None:
            return "null"
        case bool():
            return "a boolean"
        case int() | float():
            return "a number"
        case str():
            return "text"
        case Mapping():
            return "an object"
        case Sequence():
            return "a list"
    return type(value).__name__


def intake_json_schema() -> dict[str, object]:
    """JSON Schema of the intake, generated from the same codes the parser accepts (for the API docs)."""
    answers = {"type": "array", "items": {"type": ["integer", "number", "string", "null"]}}
    return {
        "type": "object",
        "required": ["age"],
        "additionalProperties": False,
        "properties": {
            "age": {"type": "integer", "minimum": MINIMUM_AGE, "maximum": MAXIMUM_AGE},
            "presenting_concerns": {"type": "array", "items": {"enum": [c.value for c in Concern]}},
            "clinical_flags": {
                "type": "object", "additionalProperties": False,
                "properties": {flag.value: {"type": "boolean"} for flag in ClinicalFlag},
            },
            "responses": {
                "type": "object", "additionalProperties": False,
                "description": "Answers per instrument code, in the instrument library's published item order.",
                "properties": {
                    code: {**answers, "minItems": len(get_instrument(code).items),
                           "maxItems": len(get_instrument(code).items)}
                    for code in SCREENING_INSTRUMENTS
                },
            },
            "concurrent_treatments": {
                "type": "array",
                "items": {
                    "type": "object", "required": ["kind"], "additionalProperties": False,
                    "properties": {
                        "kind": {"enum": [k.value for k in TreatmentKind]},
                        "name": {"type": "string", "maxLength": MAXIMUM_NAME_LENGTH},
                    },
                },
            },
            "modality_preference": {"enum": [m.value for m in Modality]},
            "self_exploration_acceptance": {"enum": [s.value for s in SelfExploration]},
            "risk_assessment": {
                "type": "object", "additionalProperties": False,
                "required": ["level", "assessed_on", "safety_plan_in_place"],
                "description": "The clinician's own structured suicide-risk assessment (in place of, or besides, "
                               "the C-SSRS screener).",
                "properties": {
                    "level": {"enum": [level.value for level in RiskLevel]},
                    "assessed_on": {"type": "string", "format": "date"},
                    "protective_factors": {"type": "string", "maxLength": MAXIMUM_PROTECTIVE_FACTORS_LENGTH},
                    "safety_plan_in_place": {"type": "boolean"},
                },
            },
        },
    }
