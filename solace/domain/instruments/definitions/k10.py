"""K10: Kessler Psychological Distress Scale, scored 1-5 (Australian convention; clinical-reference.md §2.12).

10 items, 1 (none of the time) to 5 (all of the time), past 4 weeks; total = sum, 10-50. Bands are the ABS
ones (10-15 low, 16-21 moderate, 22-29 high, 30-50 very high); the ABS notes that "no universally agreed
categories" exist. The Andrews & Slade bands (<20, 20-24, 25-29, 30-50) are an alternative not used here.
US scoring (0-4, total 0-40) is a different version.
"""

from __future__ import annotations

from solace.domain.instruments.builders import numbered_items, response_scale
from solace.domain.instruments.model import (
    Evidence,
    Instrument,
    Licence,
    ReliabilityEstimate,
    ReliabilityKind,
    ScoreRule,
    SeverityBand,
)

SOURCE = "clinical-reference.md §2.12"


def _band(code: str, label: str, lower: int, upper: int) -> SeverityBand:
    return SeverityBand(
        code=code,
        label=label,
        lower=lower,
        upper=upper,
        source=f"ABS Information Paper 4817.0.55.001; {SOURCE}",
        evidence=Evidence.CONFIRMED,
    )


K10 = Instrument(
    code="k10",
    version="2002-abs-1-5",
    scored_version=(
        "Kessler et al. 2002, Kessler Psychological Distress Scale, the 10 items in the published order, answers "
        "1 (none of the time) to 5 (all of the time) as in the Australian Bureau of Statistics scoring"
    ),
    scoring_version="1",
    title="Kessler Psychological Distress Scale (K10)",
    citation=(
        "Kessler RC, Barker PR, Colpe LJ, et al. Screening for serious mental illness in the general "
        "population. Arch Gen Psychiatry 2003;60:184-189."
    ),
    licence=Licence(
        text=(
            "'Use of the K6 and K10 is free and does not require any formal permission or approval' [S], "
            "not yet read on the Harvard page itself: the clinic supplies the wording until confirmed."
        ),
        wording_reproducible=False,
        source=SOURCE,
        evidence=Evidence.SECONDARY,
    ),
    recall_period="Past 4 weeks",
    instructions=None,
    answer_key=(
        "1 = none of the time, 2 = a little of the time, 3 = some of the time, 4 = most of the time, "
        "5 = all of the time."
    ),
    items=numbered_items("k10", 10, response_scale(1, 5)),
    total_rule=ScoreRule.SUM,
    total_range=(10, 50),
    higher_is_better=False,
    severity_bands=(
        _band("low", "Low", 10, 15),
        _band("moderate", "Moderate", 16, 21),
        _band("high", "High", 22, 29),
        _band("very_high", "Very high", 30, 50),
    ),
    reliability=(
        ReliabilityEstimate(
            kind=ReliabilityKind.CRONBACH_ALPHA,
            value=0.90,
            sample="Not stated (secondary page)",
            source=SOURCE,
            evidence=Evidence.SECONDARY,
        ),
    ),
    evidence_notes=(
        "[X] No normative SD read: no reliable-change classification.",
        "[X] No K10 LOINC term; the K6 panel 62746-3 must not be reused.",
    ),
)
