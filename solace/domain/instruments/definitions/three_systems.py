"""Three systems daily check-in: Solace's own three-item check-in (not a validated instrument).

Based on Gilbert's three affect-regulation systems (threat, drive, soothing; clinical-reference.md §1.1 and
the seed document). Each item is 0-10 and is reported as its own subscale; there is no total, because the
systems are not meant to add up (a strong soothing system is good, a strong threat system is not).
"""

from __future__ import annotations

from solace.domain.instruments.builders import response_scale
from solace.domain.instruments.model import Evidence, Instrument, Item, Licence, ScoreRule, Subscale

SOURCE = "Solace (wording and scoring are the project's own), after clinical-reference.md §1.1"

OPTIONS = response_scale(0, 10, labels={0: "Not at all", 10: "Very strongly"})

SYSTEMS = (
    ("threat", "Threat system", "Today, how strongly have you felt threatened, anxious, angry, ashamed or on guard?"),
    (
        "drive",
        "Drive system",
        "Today, how strongly have you felt driven: wanting, striving, achieving or chasing things?",
    ),
    ("soothing", "Soothing system", "Today, how strongly have you felt soothed: calm, safe, content or cared for?"),
)

THREE_SYSTEMS = Instrument(
    code="three_systems",
    version="1",
    scoring_version="1",
    title="Three systems daily check-in",
    citation="Solace project; after Gilbert's three-systems model (Gilbert 2009, 2014; clinical-reference.md §1.1).",
    licence=Licence(
        text="Solace's own wording.",
        wording_reproducible=True,
        source=SOURCE,
        evidence=Evidence.SOLACE,
    ),
    recall_period="Today",
    instructions=(
        "Think about today as a whole. For each of the three systems, choose a number from 0 (not at all) "
        "to 10 (very strongly). There are no right or wrong answers."
    ),
    answer_key="0 = not at all ... 10 = very strongly.",
    items=tuple(
        Item(code=code, position=position, text=text, minimum=0, maximum=10, options=OPTIONS)
        for position, (code, _title, text) in enumerate(SYSTEMS, start=1)
    ),
    total_rule=ScoreRule.NONE,
    total_range=None,
    higher_is_better=None,
    subscales=tuple(
        Subscale(
            code=code, title=title, item_codes=(code,), rule=ScoreRule.SUM, source=SOURCE, evidence=Evidence.SOLACE
        )
        for code, title, _text in SYSTEMS
    ),
    evidence_notes=("Solace's own check-in: no published reliability, norms, bands or cut-offs.",),
)
