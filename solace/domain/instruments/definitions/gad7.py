"""GAD-7: Generalized Anxiety Disorder 7-item scale (clinical-reference.md §2.2).

Public domain, so Solace ships the wording. The lowest answer is "Not at all", not "Not at all sure"
(the reproduction error documented by Zorowitz et al. 2021).
"""

from __future__ import annotations

from solace.domain.instruments.builders import numbered_items, response_scale
from solace.domain.instruments.model import (
    ChangeCriteria,
    Comparison,
    CutOff,
    Evidence,
    Instrument,
    Licence,
    LoincCodes,
    NormativeSample,
    ReliabilityEstimate,
    ReliabilityKind,
    ScoreRule,
    SeverityBand,
)

SOURCE = "clinical-reference.md §2.2"

BOTHERED_OPTIONS = response_scale(
    0,
    3,
    labels={0: "Not at all", 1: "Several days", 2: "More than half the days", 3: "Nearly every day"},
)

ITEM_TEXTS = (
    "Feeling nervous, anxious, or on edge",
    "Not being able to stop or control worrying",
    "Worrying too much about different things",
    "Trouble relaxing",
    "Being so restless that it is hard to sit still",
    "Becoming easily annoyed or irritable",
    "Feeling afraid, as if something awful might happen",
)

ITEM_LOINC = ("69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7")


def _band(code: str, label: str, lower: int, upper: int) -> SeverityBand:
    return SeverityBand(
        code=code,
        label=label,
        lower=lower,
        upper=upper,
        source=f"Spitzer et al. 2006; {SOURCE} (CamCOPS gad7.py severity())",
        evidence=Evidence.CONFIRMED,
    )


GAD7 = Instrument(
    code="gad7",
    version="2006",
    scoring_version="1",
    title="Generalized Anxiety Disorder 7-item scale (GAD-7)",
    citation=(
        "Spitzer RL, Kroenke K, Williams JBW, Lowe B. A brief measure for assessing generalized anxiety "
        "disorder: the GAD-7. Arch Intern Med 2006;166:1092-1097."
    ),
    licence=Licence(
        text="Public domain, as for the PHQ: no permission is required to reproduce, translate, display or distribute.",
        wording_reproducible=True,
        source=f"{SOURCE} (camcops gad7.rst)",
        evidence=Evidence.CONFIRMED,
    ),
    recall_period="Past 2 weeks",
    instructions="Over the last 2 weeks, how often have you been bothered by the following problems?",
    answer_key="0 = not at all, 1 = several days, 2 = more than half the days, 3 = nearly every day.",
    items=numbered_items("gad7", 7, BOTHERED_OPTIONS, texts=ITEM_TEXTS, loinc=ITEM_LOINC),
    total_rule=ScoreRule.SUM,
    total_range=(0, 21),
    higher_is_better=False,
    severity_bands=(
        _band("minimal", "Minimal", 0, 4),
        _band("mild", "Mild", 5, 9),
        _band("moderate", "Moderate", 10, 14),
        _band("severe", "Severe", 15, 21),
    ),
    cut_offs=(
        CutOff(
            code="caseness",
            label="Caseness: 8 or more (NHS Talking Therapies caseness >7)",
            threshold=8,
            comparison=Comparison.AT_OR_ABOVE,
            source=f"{SOURCE}: IAPT caseness (NCT05134103 page)",
            evidence=Evidence.CONFIRMED,
        ),
        CutOff(
            code="generalized_anxiety_screen",
            label="10 or more: screening cut-off for GAD (sensitivity 89%, specificity 82%, Spitzer 2006)",
            threshold=10,
            comparison=Comparison.AT_OR_ABOVE,
            source=f"{SOURCE} (camcops gad7.rst)",
            evidence=Evidence.CONFIRMED,
        ),
    ),
    reliability=(
        ReliabilityEstimate(
            kind=ReliabilityKind.CRONBACH_ALPHA,
            value=0.92,
            sample="Primary care (Spitzer 2006)",
            source=f"{SOURCE}, restated by mrcpsych.uk",
            evidence=Evidence.SECONDARY,
        ),
    ),
    norms=(
        NormativeSample(
            population="German general population (Lowe et al. 2008)",
            mean=2.95,
            sd=3.4,
            source=f"{SOURCE}, PMC7598559 table 1",
            evidence=Evidence.CONFIRMED,
        ),
    ),
    change_criteria=ChangeCriteria(
        reliable_change_points=4,
        clinical_cut_off="caseness",
        source="NHS Talking Therapies (IAPT): reliable change 4 points, caseness 8 or more",
        evidence=Evidence.CONFIRMED,
    ),
    loinc=LoincCodes(
        panel="69737-5",
        total="70274-6",
        source=f"{SOURCE} (HL7 personal-health-record-format-ig GAD-7 example)",
        evidence=Evidence.CONFIRMED,
    ),
    evidence_notes=(
        "[U] An ICC of .83 is restated by secondary pages, which disagree on whether it is test-retest; not stored.",
        "[X] No clinical-sample mean/SD for the Jacobson-Truax formula; the IAPT 4-point value is used instead.",
    ),
)
