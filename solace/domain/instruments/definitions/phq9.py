"""PHQ-9: Patient Health Questionnaire-9 (clinical-reference.md §2.1).

Public domain, so Solace ships the item wording. Item wording follows the public-domain form as restated in
many public repositories [S]; check punctuation against phqscreeners.com before release.
Item 10 (functional difficulty) is not scored and is not part of this definition.
"""

from __future__ import annotations

from solace.domain.instruments.builders import numbered_items, response_scale
from solace.domain.instruments.model import (
    ChangeCriteria,
    Comparison,
    CriticalItem,
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

SOURCE = "clinical-reference.md §2.1"
EM_DASH = "\u2014"

BOTHERED_OPTIONS = response_scale(
    0,
    3,
    labels={0: "Not at all", 1: "Several days", 2: "More than half the days", 3: "Nearly every day"},
    loinc_answers={0: "LA6568-5", 1: "LA6569-3", 2: "LA6570-1", 3: "LA6571-9"},
)

ITEM_TEXTS = (
    "Little interest or pleasure in doing things",
    "Feeling down, depressed, or hopeless",
    "Trouble falling or staying asleep, or sleeping too much",
    "Feeling tired or having little energy",
    "Poor appetite or overeating",
    f"Feeling bad about yourself {EM_DASH} or that you are a failure or have let yourself or your family down",
    "Trouble concentrating on things, such as reading the newspaper or watching television",
    "Moving or speaking so slowly that other people could have noticed? Or the opposite "
    f"{EM_DASH} being so fidgety or restless that you have been moving around a lot more than usual",
    "Thoughts that you would be better off dead or of hurting yourself in some way",
)

ITEM_LOINC = (
    "44250-9",
    "44255-8",
    "44259-0",
    "44254-1",
    "44251-7",
    "44258-2",
    "44252-5",
    "44253-3",
    "44260-8",
)


def _band(code: str, label: str, lower: int, upper: int) -> SeverityBand:
    return SeverityBand(
        code=code,
        label=label,
        lower=lower,
        upper=upper,
        source=f"Kroenke, Spitzer & Williams 2001; {SOURCE} (awell README; CamCOPS phq9.py severity())",
        evidence=Evidence.CONFIRMED,
    )


PHQ9 = Instrument(
    code="phq9",
    version="2001",
    scoring_version="1",
    title="Patient Health Questionnaire-9 (PHQ-9)",
    citation=(
        "Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression severity measure. "
        "J Gen Intern Med 2001;16:606-613."
    ),
    licence=Licence(
        text=(
            "Public domain: no permission is required to reproduce, translate, display or distribute "
            "(phqscreeners.com, quoted by CamCOPS). Copyright (c) Pfizer Inc."
        ),
        wording_reproducible=True,
        source=f"{SOURCE} (camcops phq9.rst)",
        evidence=Evidence.CONFIRMED,
    ),
    recall_period="Past 2 weeks",
    instructions="Over the last 2 weeks, how often have you been bothered by any of the following problems?",
    answer_key="0 = not at all, 1 = several days, 2 = more than half the days, 3 = nearly every day.",
    items=numbered_items("phq9", 9, BOTHERED_OPTIONS, texts=ITEM_TEXTS, loinc=ITEM_LOINC),
    total_rule=ScoreRule.SUM,
    total_range=(0, 27),
    higher_is_better=False,
    severity_bands=(
        _band("minimal", "Minimal", 0, 4),
        _band("mild", "Mild", 5, 9),
        _band("moderate", "Moderate", 10, 14),
        _band("moderately_severe", "Moderately severe", 15, 19),
        _band("severe", "Severe", 20, 27),
    ),
    cut_offs=(
        CutOff(
            code="caseness",
            label="Caseness: 10 or more (NHS Talking Therapies caseness >9; Kroenke 2010 cut-off for major depression)",
            threshold=10,
            comparison=Comparison.AT_OR_ABOVE,
            source=f"{SOURCE}: IAPT caseness (NCT05134103 page); camcops phq9.rst (Kroenke et al. 2010)",
            evidence=Evidence.CONFIRMED,
        ),
    ),
    critical_items=(
        CriticalItem(
            item_code="phq9_q9",
            threshold=1,
            reason=(
                "Thoughts of being better off dead or of self-harm: any positive response should trigger "
                "a suicide-risk assessment."
            ),
            evidence=Evidence.CONFIRMED,
        ),
    ),
    reliability=(
        ReliabilityEstimate(
            kind=ReliabilityKind.CRONBACH_ALPHA,
            value=0.89,
            sample="Primary care (Kroenke 2001)",
            source=f"{SOURCE}, restated by oskarflygare.com",
            evidence=Evidence.SECONDARY,
        ),
        ReliabilityEstimate(
            kind=ReliabilityKind.CRONBACH_ALPHA,
            value=0.892,
            sample="109 psychiatric patients with major depressive disorder (China)",
            source=f"{SOURCE}, PMC7525967 abstract",
            evidence=Evidence.CONFIRMED,
        ),
        ReliabilityEstimate(
            kind=ReliabilityKind.TEST_RETEST,
            value=0.737,
            sample="2-week retest, n = 54 of the same psychiatric sample",
            source=f"{SOURCE}, PMC7525967 abstract",
            evidence=Evidence.CONFIRMED,
        ),
    ),
    norms=(
        NormativeSample(
            population="German general population (Kocalevent et al. 2013)",
            mean=2.91,
            sd=3.5,
            source=f"{SOURCE}, PMC7598559 table 1",
            evidence=Evidence.CONFIRMED,
        ),
    ),
    change_criteria=ChangeCriteria(
        reliable_change_points=6,
        clinical_cut_off="caseness",
        source="NHS Talking Therapies (IAPT): reliable change 6 points, caseness 10 or more",
        evidence=Evidence.CONFIRMED,
    ),
    loinc=LoincCodes(
        panel="44249-1",
        total="44261-6",
        answer_list="LL358-3",
        source=f"{SOURCE} (HL7 SDC, medizininformatik-initiative kerndatensatzmodul-proms)",
        evidence=Evidence.CONFIRMED,
    ),
    evidence_notes=(
        "[U] alpha .86 (OB-GYN) and 48-hour test-retest .84 (Kroenke 2001) were not read in the source; not stored.",
        "[X] No clinical-sample mean/SD for the Jacobson-Truax formula; the IAPT 6-point value is used instead.",
        "[S] Exact punctuation of the item wording is taken from public restatements of the form.",
    ),
)
