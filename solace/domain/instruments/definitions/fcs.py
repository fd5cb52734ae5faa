"""FCS: Fears of Compassion Scales (clinical-reference.md §2.7).

38 items, 0 (don't agree at all) to 4 (completely agree), in the order the authors list the three scales:
fear of expressing compassion for others (items 1-10), of receiving compassion from others (11-23) and of
compassion for self (24-38). Each scale is the sum of its own items; higher means more fear. No total: the
three scales are separate questionnaires. No reverse items are described by any source read [U].
"""

from __future__ import annotations

from solace.domain.instruments.builders import numbered_items, numbered_subscale, response_scale
from solace.domain.instruments.model import (
    Evidence,
    Instrument,
    Licence,
    ReliabilityEstimate,
    ReliabilityKind,
    ScoreRule,
)

SOURCE = "clinical-reference.md §2.7"
SCALE_SOURCE = f"{SOURCE}: scale order per the 2011 abstract and CINEICC; sums per scale [S]"

SUBSCALES = (
    ("for_others", "Fear of expressing compassion for others", tuple(range(1, 11))),
    ("from_others", "Fear of receiving compassion from others", tuple(range(11, 24))),
    ("for_self", "Fear of compassion for self", tuple(range(24, 39))),
)


def _alpha(scope: str, value: float) -> ReliabilityEstimate:
    return ReliabilityEstimate(
        kind=ReliabilityKind.CRONBACH_ALPHA,
        value=value,
        sample="Original 2011 study (which sample is not stated)",
        source=f"{SOURCE} (CINEICC)",
        evidence=Evidence.SECONDARY,
        scope=scope,
    )


FCS = Instrument(
    code="fcs",
    version="2011",
    scored_version=(
        "Gilbert, McEwan, Matos & Rivis 2011, Fears of Compassion Scales: for others (10 items), from others (13 "
        "items), for self (15 items) in that order, numbered 1-38, answers 0 (don't agree at all) to 4 "
        "(completely agree)"
    ),
    scoring_version="1",
    title="Fears of Compassion Scales (FCS)",
    citation=(
        "Gilbert P, McEwan K, Matos M, Rivis A. Fears of compassion: development of three self-report measures. "
        "Psychol Psychother 2011;84:239-255. doi:10.1348/147608310X526511"
    ),
    licence=Licence(
        text=(
            "No statement found from the authors or the Compassionate Mind Foundation [X]: the clinic supplies "
            "the wording."
        ),
        wording_reproducible=False,
        source=SOURCE,
        evidence=Evidence.NOT_FOUND,
    ),
    recall_period=None,
    instructions=None,
    answer_key="0 = don't agree at all ... 4 = completely agree.",
    items=numbered_items("fcs", 38, response_scale(0, 4)),
    total_rule=ScoreRule.NONE,
    total_range=None,
    higher_is_better=False,
    subscales=tuple(
        numbered_subscale(
            "fcs", code, title, positions, ScoreRule.SUM, source=SCALE_SOURCE, evidence=Evidence.SECONDARY
        )
        for code, title, positions in SUBSCALES
    ),
    reliability=(_alpha("for_others", 0.72), _alpha("from_others", 0.80), _alpha("for_self", 0.83)),
    evidence_notes=(
        "[S] That the printed questionnaire presents the scales in this order was not seen.",
        "[U] No reverse-scored items are described by any source read.",
        "[X] No norms, cut-offs or LOINC term; no reliable-change classification.",
        "Solace decision: no total; the three scales are reported as subscales.",
    ),
)
