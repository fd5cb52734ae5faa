"""WSAS: Work and Social Adjustment Scale (clinical-reference.md §2.13).

5 items, 0 (not at all) to 8 (very severely), "Because of my [problem] my ability to ... is impaired":
1 work, 2 home management, 3 social leisure, 4 private leisure, 5 close relationships. Total = sum, 0-40.

Missing data follows the NHS Data Dictionary (IAPT dataset) rule, not CamCOPS: if item 1 is "not applicable"
(retired or not working by choice) or one item is missing, it is replaced by the mean of the answered items;
with more than one missing the questionnaire is not scored. The total is then not rounded (the rule does not
say to round [U]); `imputed_items` in the result names the replaced item.

Bands (Mundt's text [S]): <10 subclinical, 10-20 significant functional impairment, >20 moderately severe
or worse. The bands are half-open so that imputed, fractional totals fall in exactly one band.
"""

from __future__ import annotations

from solace.domain.instruments.builders import numbered_items, response_scale
from solace.domain.instruments.model import (
    Evidence,
    Instrument,
    Licence,
    MissingItemPolicy,
    ReliabilityEstimate,
    ReliabilityKind,
    ScoreRule,
    SeverityBand,
)

SOURCE = "clinical-reference.md §2.13"
BAND_SOURCE = f"Mundt et al. 2002 as quoted on scribd; {SOURCE}"

WSAS = Instrument(
    code="wsas",
    version="2002",
    scored_version=(
        "Mundt, Marks, Shear & Greist 2002, Work and Social Adjustment Scale: 1 work, 2 home management, 3 social "
        "leisure, 4 private leisure, 5 close relationships, answers 0 (not at all) to 8 (very severely)"
    ),
    scoring_version="1",
    title="Work and Social Adjustment Scale (WSAS)",
    citation=(
        "Mundt JC, Marks IM, Shear MK, Greist JH. The Work and Social Adjustment Scale: a simple measure of "
        "impairment in functioning. Br J Psychiatry 2002;180:461-464."
    ),
    licence=Licence(
        text=(
            "Copyright (c) Isaac M. Marks [C]. Widely used in NHS Talking Therapies; formal terms not found [U]: "
            "the clinic supplies the wording."
        ),
        wording_reproducible=False,
        source=f"{SOURCE} (camcops wsas.rst)",
        evidence=Evidence.CONFIRMED,
    ),
    recall_period=None,
    instructions=None,
    answer_key=(
        "0 = not at all impaired ... 8 = very severely impaired. Leave item 1 unanswered when the person is "
        "retired or not working by choice."
    ),
    items=numbered_items("wsas", 5, response_scale(0, 8)),
    total_rule=ScoreRule.SUM,
    total_range=(0, 40),
    higher_is_better=False,
    severity_bands=(
        SeverityBand(
            code="subclinical",
            label="Subclinical",
            lower=0,
            upper=10,
            upper_inclusive=False,
            source=BAND_SOURCE,
            evidence=Evidence.SECONDARY,
        ),
        SeverityBand(
            code="significant_impairment",
            label="Significant functional impairment",
            lower=10,
            upper=20,
            source=BAND_SOURCE,
            evidence=Evidence.SECONDARY,
        ),
        SeverityBand(
            code="moderately_severe",
            label="Moderately severe or worse",
            lower=20,
            upper=40,
            lower_inclusive=False,
            source=BAND_SOURCE,
            evidence=Evidence.SECONDARY,
        ),
    ),
    missing_items=MissingItemPolicy(
        max_imputed_items=1,
        description=(
            "One missing item (or item 1 'not applicable') is replaced by the mean of the answered items; "
            "with more than one missing the questionnaire is not scored."
        ),
        source=f"NHS Data Dictionary, WSAS score (June 2012 release); {SOURCE}",
    ),
    reliability=(
        ReliabilityEstimate(
            kind=ReliabilityKind.CRONBACH_ALPHA,
            value=0.70,
            upper=0.94,
            sample="Depression and OCD samples (Mundt 2002)",
            source=f"{SOURCE}, Cambridge abstract",
            evidence=Evidence.CONFIRMED,
        ),
        ReliabilityEstimate(
            kind=ReliabilityKind.TEST_RETEST,
            value=0.73,
            sample="Mundt 2002",
            source=f"{SOURCE}, Cambridge abstract",
            evidence=Evidence.CONFIRMED,
        ),
    ),
    evidence_notes=(
        "Solace decision: the NHS Data Dictionary missing-data rule, not CamCOPS's (drop item 1, maximum 32).",
        "[U] The NHS rule does not say whether the imputed total is rounded; Solace does not round.",
        "[X] No normative SD: no reliable-change classification. No LOINC term.",
    ),
)
