"""FSCRS: Forms of Self-Criticising/Attacking & Self-Reassuring Scale (clinical-reference.md §2.4).

Stem "When things go wrong for me:", 22 items, 0-4, no reverse items, three subscale sums and no total.
No cut-offs are published [X]; the canonizer "low / moderate / high" ranges and "norms" are invented by that
repository and are not used. Flagging item 9 (wanting to hurt or injure oneself) is a Solace design
suggestion, not a published rule.
"""

from __future__ import annotations

from solace.domain.instruments.builders import numbered_items, numbered_subscale, response_scale
from solace.domain.instruments.model import (
    CriticalItem,
    Evidence,
    Instrument,
    Licence,
    ReliabilityEstimate,
    ReliabilityKind,
    ScoreRule,
)

SOURCE = "clinical-reference.md §2.4"
SUBSCALE_SOURCE = f"{SOURCE} (canonizer fscrs questionnaire.json; CINEICC)"

SUBSCALES = (
    ("inadequate_self", "Inadequate Self (IS)", (1, 2, 4, 6, 7, 14, 17, 18, 20)),
    ("hated_self", "Hated Self (HS)", (9, 10, 12, 15, 22)),
    ("reassured_self", "Reassured Self (RS)", (3, 5, 8, 11, 13, 16, 19, 21)),
)


def _alpha(scope: str, value: float) -> ReliabilityEstimate:
    return ReliabilityEstimate(
        kind=ReliabilityKind.CRONBACH_ALPHA,
        value=value,
        sample="Gilbert et al. 2004 (primary table not read)",
        source=f"{SOURCE} (canonizer JSON)",
        evidence=Evidence.SECONDARY,
        scope=scope,
    )


FSCRS = Instrument(
    code="fscrs",
    version="2004",
    scored_version=(
        "Gilbert, Clarke, Hempel, Miles & Irons 2004, Forms of Self-Criticising/Attacking & Self-Reassuring "
        "Scale: the 22 items in the published order under the stem 'When things go wrong for me:', answers 0 (not "
        "at all like me) to 4 (extremely like me)"
    ),
    scoring_version="1",
    title="Forms of Self-Criticising/Attacking & Self-Reassuring Scale (FSCRS)",
    citation=(
        "Gilbert P, Clarke M, Hempel S, Miles JNV, Irons C. Criticizing and reassuring oneself: an exploration "
        "of forms, styles and reasons in female students. Br J Clin Psychol 2004;43:31-50."
    ),
    licence=Licence(
        text=(
            "(c) Gilbert et al. 2004, printed on the form. Free research and clinical use is widely assumed, "
            "but no explicit licence statement was found [U]: the clinic supplies the wording."
        ),
        wording_reproducible=False,
        source=SOURCE,
        evidence=Evidence.CONFIRMED,
    ),
    recall_period=None,
    instructions=None,
    answer_key=(
        "0 = not at all like me, 1 = a little bit like me, 2 = moderately like me, "
        "3 = quite a bit like me, 4 = extremely like me."
    ),
    items=numbered_items("fscrs", 22, response_scale(0, 4)),
    total_rule=ScoreRule.NONE,
    total_range=None,
    higher_is_better=None,
    subscales=tuple(
        numbered_subscale(
            "fscrs", code, title, positions, ScoreRule.SUM, source=SUBSCALE_SOURCE, evidence=Evidence.CONFIRMED
        )
        for code, title, positions in SUBSCALES
    ),
    critical_items=(
        CriticalItem(
            item_code="fscrs_q9",
            threshold=1,
            reason=(
                "Anger at oneself to the point of wanting to hurt or injure oneself: any endorsement is shown "
                "to the clinician for a risk review (Solace design suggestion, not a published rule)."
            ),
            evidence=Evidence.SOLACE,
        ),
    ),
    reliability=(
        _alpha("inadequate_self", 0.90),
        _alpha("hated_self", 0.86),
        _alpha("reassured_self", 0.86),
    ),
    evidence_notes=(
        "Subscales are sums [C]; some studies report item means, so check a norm table's convention [U].",
        "[X] No published cut-offs or norms read (Baiao et al. 2015 table not read); canonizer values unused.",
        "[X] No LOINC term.",
        "Solace decision: item 9 is a critical item at 1 or more (design suggestion, clinical-reference §2.4).",
    ),
)
