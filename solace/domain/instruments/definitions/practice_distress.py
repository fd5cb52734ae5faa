"""Practice distress: Solace's own before/after distress rating around a compassion practice.

About 15% of patients feel a brief rise in anxiety during compassion meditation (seed document), so each
practice is bracketed by a 0-10 distress rating. The result reports `change` = after - before: negative means
distress fell, positive means it rose. Not a validated instrument.
"""

from __future__ import annotations

from solace.domain.instruments.builders import response_scale
from solace.domain.instruments.model import Evidence, Instrument, Item, ItemDifference, Licence, ScoreRule

SOURCE = "Solace (wording and scoring are the project's own); seed document on anxiety during practice"

OPTIONS = response_scale(0, 10, labels={0: "No distress at all", 10: "The most distress I can imagine"})

PRACTICE_DISTRESS = Instrument(
    code="practice_distress",
    version="1",
    scoring_version="1",
    title="Distress before and after practice",
    citation="Solace project.",
    licence=Licence(
        text="Solace's own wording.",
        wording_reproducible=True,
        source=SOURCE,
        evidence=Evidence.SOLACE,
    ),
    recall_period="Right now",
    instructions="Rate how distressed you feel right now, from 0 (no distress at all) to 10 (the most distress "
    "you can imagine): once just before the practice and once just after it.",
    answer_key="0 = no distress at all ... 10 = the most distress I can imagine.",
    items=(
        Item(
            code="before",
            position=1,
            text="Before the practice: how distressed do you feel right now?",
            minimum=0,
            maximum=10,
            options=OPTIONS,
        ),
        Item(
            code="after",
            position=2,
            text="After the practice: how distressed do you feel right now?",
            minimum=0,
            maximum=10,
            options=OPTIONS,
        ),
    ),
    total_rule=ScoreRule.NONE,
    total_range=None,
    higher_is_better=False,
    item_difference=ItemDifference(
        key="change",
        later_item="after",
        earlier_item="before",
        description="Distress after minus before: negative means distress fell during the practice.",
    ),
    evidence_notes=("Solace's own rating: no published reliability, norms, bands or cut-offs.",),
)
