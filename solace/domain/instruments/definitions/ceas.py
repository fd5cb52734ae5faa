"""CEAS (self): Compassionate Engagement and Action Scales, self-compassion scale only (clinical-reference.md §2.6).

13 items, 1 (never) to 10 (always), numbered continuously: Engagement 1-8, Action 9-13. The reverse-coded
filler items (Engagement 3 and 7, Action 3, i.e. 3, 7 and 11 here) are administered but not scored.

Solace decision: no total. The published scoring is one score per section (Engagement = sum of items
1, 2, 4, 5, 6, 8, range 6-60; Action = sum of items 9, 10, 12, 13, range 4-40); summing both sections into one
score is not the published scoring [S], so the sections are reported as two subscales.
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

SOURCE = "clinical-reference.md §2.6"
SECTION_SOURCE = f"{SOURCE}: section sums excluding fillers (CINEICC); continuous numbering derived [S]"

SUBSCALES = (
    ("engagement", "Compassionate engagement (self)", (1, 2, 4, 5, 6, 8)),
    ("action", "Compassionate action (self)", (9, 10, 12, 13)),
)

CEAS = Instrument(
    code="ceas",
    version="2017-self-compassion",
    scored_version=(
        "Gilbert et al. 2017, Compassionate Engagement and Action Scales, the self-compassion scale: Engagement "
        "items 1-8 then Action items 9-13 in one continuous numbering, answers 1 (never) to 10 (always)"
    ),
    scoring_version="1",
    title="Compassionate Engagement and Action Scales - Self-compassion (CEAS-Self)",
    citation=(
        "Gilbert P, Catarino F, Duarte C, Matos M, Kolts R, Stubbs J, Ceresatto L, Duarte J, Pinto-Gouveia J, "
        "Basran J. The development of compassionate engagement and action scales for self and others. "
        "J Compassionate Health Care 2017;4:4. doi:10.1186/s40639-017-0033-3"
    ),
    licence=Licence(
        text=(
            "The 2017 paper is open access (BMC), but no statement from the authors or the Compassionate Mind "
            "Foundation covers reproducing the items in software [X]: the clinic supplies the wording."
        ),
        wording_reproducible=False,
        source=SOURCE,
        evidence=Evidence.CONFIRMED,
    ),
    recall_period=None,
    instructions=None,
    answer_key="1 = never ... 10 = always.",
    items=numbered_items("ceas", 13, response_scale(1, 10), unscored=(3, 7, 11)),
    total_rule=ScoreRule.NONE,
    total_range=None,
    higher_is_better=True,
    subscales=tuple(
        numbered_subscale(
            "ceas", code, title, positions, ScoreRule.SUM, source=SECTION_SOURCE, evidence=Evidence.SECONDARY
        )
        for code, title, positions in SUBSCALES
    ),
    reliability=(
        ReliabilityEstimate(
            kind=ReliabilityKind.CRONBACH_ALPHA,
            value=0.70,
            upper=0.95,
            sample="Turkish adaptation, 525 students, across all subscales of all three scales (Ari et al. 2022)",
            source=f"{SOURCE}, Front Psychol 13:780077",
            evidence=Evidence.CONFIRMED,
        ),
    ),
    evidence_notes=(
        "[U] Whether the printed Action section restarts numbering at 1 was not seen; fillers are keyed to "
        "section position (Engagement 3 and 7, Action 3), which is items 3, 7 and 11 here.",
        "[U] Gilbert 2017 alphas not read. [X] No norms, cut-offs or LOINC term.",
        "Solace decision: no total; Engagement and Action are reported separately, as published.",
    ),
)
