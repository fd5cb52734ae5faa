"""DERS-16: Difficulties in Emotion Regulation Scale, 16-item version (clinical-reference.md §2.11).

16 items, 1 (almost never) to 5 (almost always), no reverse items (the Awareness subscale was dropped [S]);
total = sum, 16-80; five subscale sums. The item-to-subscale map comes from two agreeing secondary sources [S];
check it against the PMC4882111 appendix. No cut-offs are published [X].
"""

from __future__ import annotations

from solace.domain.instruments.builders import numbered_items, numbered_subscale, response_scale
from solace.domain.instruments.model import Evidence, Instrument, Licence, ScoreRule

SOURCE = "clinical-reference.md §2.11"
SUBSCALE_SOURCE = f"{SOURCE} (scribd DERS16 scoring sheet; a public DERS-16 scoring reference)"

SUBSCALES = (
    ("clarity", "Clarity", (1, 2)),
    ("goals", "Goals", (3, 7, 15)),
    ("impulse", "Impulse", (4, 8, 11)),
    ("strategies", "Strategies", (5, 6, 12, 14, 16)),
    ("nonacceptance", "Nonacceptance", (9, 10, 13)),
)

DERS16 = Instrument(
    code="ders16",
    version="2016",
    scored_version=(
        "Bjureberg et al. 2016, Difficulties in Emotion Regulation Scale, 16-item version, in the published item "
        "order, answers 1 (almost never) to 5 (almost always)"
    ),
    scoring_version="1",
    title="Difficulties in Emotion Regulation Scale, 16-item version (DERS-16)",
    citation=(
        "Bjureberg J, Ljotsson B, Tull MT, et al. Development and validation of a brief version of the "
        "Difficulties in Emotion Regulation Scale: the DERS-16. J Psychopathol Behav Assess 2016;38:284-296."
    ),
    licence=Licence(
        text="No licence statement found [X]: the clinic supplies the wording.",
        wording_reproducible=False,
        source=SOURCE,
        evidence=Evidence.NOT_FOUND,
    ),
    recall_period=None,
    instructions=None,
    answer_key=(
        "1 = almost never (0-10%), 2 = sometimes (11-35%), 3 = about half the time (36-65%), "
        "4 = most of the time (66-90%), 5 = almost always (91-100%)."
    ),
    items=numbered_items("ders16", 16, response_scale(1, 5)),
    total_rule=ScoreRule.SUM,
    total_range=(16, 80),
    higher_is_better=False,
    subscales=tuple(
        numbered_subscale(
            "ders16", code, title, positions, ScoreRule.SUM, source=SUBSCALE_SOURCE, evidence=Evidence.SECONDARY
        )
        for code, title, positions in SUBSCALES
    ),
    evidence_notes=(
        "[S] Item-to-subscale map not yet checked against the PMC4882111 appendix.",
        "[U] Alpha about .92-.94 and test-retest about .85 are unverified: not stored.",
        "[X] No cut-offs, norms, licence statement or LOINC term; no reliable-change classification.",
    ),
)
