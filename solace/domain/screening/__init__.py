"""Screening: is CFT suitable for this patient, now, and how should it be adapted? (pure domain)

    result = screen(intake_json, thresholds)        # parse + evaluate; raises IntakeError naming the field
    result.decision, result.findings, result.to_dict()

Sources: the seed document for contraindications, deferrals, pacing, co-treatments, alternatives and advice to
patients (no formal contraindication exists in published CFT sources, clinical-reference.md §4.3 [X]);
clinical-reference.md §2 for instrument thresholds (see thresholds.py). Rules: rules.py.
"""

from solace.domain.screening.co_treatments import (
    MINIMUM_PLAN_LENGTH,
    co_treatment_plan_missing,
    co_treatment_plan_required,
)
from solace.domain.screening.evaluation import RULESET_VERSION, decide, evaluate, screen
from solace.domain.screening.intake import (
    SCREENING_INSTRUMENTS,
    ConcurrentTreatment,
    Intake,
    IntakeError,
    RiskAssessment,
    intake_json_schema,
    parse_intake,
)
from solace.domain.screening.model import (
    Adaptation,
    Alternative,
    AlternativeCode,
    ClinicalFlag,
    Concern,
    CoTreatment,
    Decision,
    Finding,
    Modality,
    PredictedResponse,
    ResponseLevel,
    RiskLevel,
    ScreeningResult,
    SelfExploration,
    Severity,
    TreatmentKind,
    Verdict,
    decision_allows_course,
)
from solace.domain.screening.rules import RULES, Rule, rule_ids
from solace.domain.screening.thresholds import (
    DEFAULT_THRESHOLDS,
    ScreeningThresholds,
    ThresholdError,
    thresholds_from_overrides,
)
from solace.domain.screening.thresholds import (
    FIELDS as THRESHOLD_FIELDS,
)

__all__ = [
    "DEFAULT_THRESHOLDS",
    "MINIMUM_PLAN_LENGTH",
    "RULES",
    "RULESET_VERSION",
    "SCREENING_INSTRUMENTS",
    "THRESHOLD_FIELDS",
    "Adaptation",
    "Alternative",
    "AlternativeCode",
    "ClinicalFlag",
    "CoTreatment",
    "Concern",
    "ConcurrentTreatment",
    "Decision",
    "Finding",
    "Intake",
    "IntakeError",
    "Modality",
    "PredictedResponse",
    "ResponseLevel",
    "RiskAssessment",
    "RiskLevel",
    "Rule",
    "ScreeningResult",
    "ScreeningThresholds",
    "SelfExploration",
    "Severity",
    "ThresholdError",
    "TreatmentKind",
    "Verdict",
    "co_treatment_plan_missing",
    "co_treatment_plan_required",
    "decide",
    "decision_allows_course",
    "evaluate",
    "intake_json_schema",
    "parse_intake",
    "rule_ids",
    "screen",
    "thresholds_from_overrides",
]
