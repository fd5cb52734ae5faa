"""The vocabulary of screening: codes in, explained decision out (frozen dataclasses and string enums).

Every code here is part of the intake and result JSON contract shared by the CLI, the API and the web form.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How strongly a finding weighs on the decision, strongest first (see `decide`)."""

    BLOCK = "block"
    DEFER = "defer"
    ADAPT = "adapt"
    CAUTION = "caution"
    INFO = "info"


class Decision(StrEnum):
    """The screening decision: the one vocabulary for screening, planning and the Django choices
    (solace.screening.choices derives its labels from it)."""

    SUITABLE = "suitable"
    SUITABLE_WITH_ADAPTATIONS = "suitable_with_adaptations"
    DEFER = "defer"
    NOT_SUITABLE = "not_suitable"


def decision_allows_course(decision: Decision | str) -> bool:
    """Whether a screening decision allows a course to be planned and started: suitable, with or without
    adaptations. The seed document ("Compassion-focused therapy" overview) lists contraindications (not suitable)
    and conditions to address before starting (defer); neither starts a course. Unknown codes allow nothing."""
    return decision in (Decision.SUITABLE.value, Decision.SUITABLE_WITH_ADAPTATIONS.value)


class Adaptation(StrEnum):
    """Screening adaptations, in the order plans list them (solace.domain.planning uses these codes)."""

    EXTENDED_FOUNDATION = "extended_foundation"
    SLOW_PACING = "slow_pacing"
    EXPOSURE_INTEGRATION = "exposure_integration"
    MEDICATION_MONITORING = "medication_monitoring"
    CBT_COORDINATION = "cbt_coordination"
    SAFETY_PLAN = "safety_plan"
    GROUNDING_FIRST = "grounding_first"


class Verdict(StrEnum):
    """What a concurrent treatment means for CFT."""

    COMPATIBLE = "compatible"
    COORDINATE = "coordinate"
    MONITOR = "monitor"
    INTEGRATE = "integrate"
    NOT_RECOMMENDED = "not_recommended"


class Concern(StrEnum):
    """Presenting concerns: the seed's indications, plus borderline personality (a pacing consideration)."""

    CHRONIC_DEPRESSION = "chronic_depression"
    PTSD = "ptsd"
    SOCIAL_ANXIETY = "social_anxiety"
    SELF_HARM = "self_harm"
    SELF_CRITICISM = "self_criticism"
    LOW_SELF_ESTEEM = "low_self_esteem"
    DEPENDENT_PERSONALITY = "dependent_personality"
    HIGHLY_SENSITIVE = "highly_sensitive"
    PSYCHOSOMATIC_STRESS = "psychosomatic_stress"
    BORDERLINE_PERSONALITY = "borderline_personality"


class ClinicalFlag(StrEnum):
    """The clinician's judgement from the comprehensive assessment the seed asks for."""

    ACUTE_PSYCHOSIS = "acute_psychosis"
    MANIA_UNCONTROLLED = "mania_uncontrolled"
    DISSOCIATIVE_DISORDER_SEVERE = "dissociative_disorder_severe"
    ACUTE_CRISIS = "acute_crisis"
    SUBSTANCE_WITHDRAWAL = "substance_withdrawal"
    BORDERLINE_SEVERE = "borderline_severe"
    PTSD_DIAGNOSIS = "ptsd_diagnosis"
    SEVERE_ANXIETY = "severe_anxiety"


class TreatmentKind(StrEnum):
    CBT = "cbt"
    REBT = "rebt"
    ANTIDEPRESSANT = "antidepressant"
    EXPOSURE_THERAPY = "exposure_therapy"
    MBSR = "mbsr"
    OTHER = "other"


class RiskLevel(StrEnum):
    """The level of suicide risk the clinician concludes in their own structured risk assessment (the low /
    moderate / high triage bands of the C-SSRS guidelines, clinical-reference.md §2.10)."""

    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"


class Modality(StrEnum):
    """The three CFT formats of the seed document."""

    INDIVIDUAL = "individual"
    GROUP = "group"
    FAMILY = "family"


class SelfExploration(StrEnum):
    """The patient's acceptance of self-exploration, which the seed asks to weigh when choosing alternatives."""

    HIGH = "high"
    MODERATE = "moderate"
    LOW = "low"


class ResponseLevel(StrEnum):
    FAVOURABLE = "favourable"
    GUARDED = "guarded"
    POOR = "poor"


class AlternativeCode(StrEnum):
    PSYCHIATRIC_ASSESSMENT = "psychiatric_assessment"
    CRISIS_SERVICES = "crisis_services"
    ADDICTION_SERVICES = "addiction_services"
    MBSR = "mbsr"
    HUMANISTIC_THERAPY = "humanistic_therapy"


@dataclass(frozen=True)
class Finding:
    """One rule that applied: why (`message`, a fixed translatable sentence), on what (`evidence`: the flag,
    score or treatment that triggered it) and on whose authority (`source`)."""

    rule: str
    severity: Severity
    message: str
    source: str
    evidence: str
    adaptations: tuple[Adaptation, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "source": self.source,
            "evidence": self.evidence,
        }


@dataclass(frozen=True)
class CoTreatment:
    kind: TreatmentKind
    name: str | None
    verdict: Verdict
    message: str

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind.value, "name": self.name, "verdict": self.verdict.value, "message": self.message}


@dataclass(frozen=True)
class Alternative:
    code: AlternativeCode
    reason: str
    source: str

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code.value, "reason": self.reason, "source": self.source}


@dataclass(frozen=True)
class PredictedResponse:
    """A heuristic from compassion-tendency measures; never a validated prediction (see `prediction.py`)."""

    level: ResponseLevel
    reasons: tuple[str, ...]
    note: str

    def to_dict(self) -> dict[str, object]:
        return {"level": self.level.value, "reasons": list(self.reasons), "note": self.note}


@dataclass(frozen=True)
class ScreeningResult:
    decision: Decision
    findings: tuple[Finding, ...]
    adaptations: tuple[Adaptation, ...]
    co_treatments: tuple[CoTreatment, ...]
    scores: Mapping[str, Mapping[str, object]]
    predicted_response: PredictedResponse
    alternatives: tuple[Alternative, ...]
    next_steps: tuple[str, ...]

    @property
    def allows_start(self) -> bool:
        return decision_allows_course(self.decision)

    def to_dict(self) -> dict[str, object]:
        """The result JSON of the contract (CLI output, API response, stored screening)."""
        return {
            "decision": self.decision.value,
            "findings": [finding.to_dict() for finding in self.findings],
            "adaptations": [adaptation.value for adaptation in self.adaptations],
            "co_treatments": [treatment.to_dict() for treatment in self.co_treatments],
            "scores": {code: dict(values) for code, values in self.scores.items()},
            "predicted_response": self.predicted_response.to_dict(),
            "alternatives": [alternative.to_dict() for alternative in self.alternatives],
            "next_steps": list(self.next_steps),
        }
