"""RSES: Rosenberg Self-Esteem Scale, original (University of Maryland) item order (clinical-reference.md §2.3).

Answer values are the UMD keys as ticked, for every item: 3 strongly agree, 2 agree, 1 disagree,
0 strongly disagree. Scoring mirrors the negatively worded items 2, 5, 6, 8 and 9 (3 - answer).
Forms in the PhenX / openpsychometrics order (negative items at 3, 5, 8, 9, 10) or scored 1-4 (LOINC 62931-1,
where 1 = strongly agree) are a different version and must be mapped by item text, not by number.

There are no discrete cut-offs (UMD FAQ [C]); the "<15 low, 15-25 normal" convention [S] is deliberately not
shipped as a band, so that nobody reads it as published.
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
)

SOURCE = "clinical-reference.md §2.3"

RSES = Instrument(
    code="rses",
    version="1965-umd-order",
    scored_version=(
        "Rosenberg 1965, the original item order of the University of Maryland form (negatively worded items at "
        "2, 5, 6, 8 and 9), answers as ticked 3 (strongly agree) to 0 (strongly disagree). Not the PhenX / "
        "openpsychometrics order, whose negative items are 3, 5, 8, 9 and 10"
    ),
    scoring_version="1",
    title="Rosenberg Self-Esteem Scale (RSES)",
    citation="Rosenberg M. Society and the adolescent self-image. Princeton, NJ: Princeton University Press; 1965.",
    licence=Licence(
        text=(
            "Dr. Florence Rosenberg has given permission to use the scale for educational and professional "
            "research, without charge, crediting Rosenberg (UMD Sociology). Commercial or software use is not "
            "addressed [U]: the clinic supplies the wording."
        ),
        wording_reproducible=False,
        source=f"{SOURCE} (socy.umd.edu FAQ)",
        evidence=Evidence.CONFIRMED,
    ),
    recall_period=None,
    instructions=None,
    answer_key=(
        "As ticked, for every item: 3 = strongly agree, 2 = agree, 1 = disagree, 0 = strongly disagree. "
        "Items 2, 5, 6, 8 and 9 are reversed by the scoring, not by the form."
    ),
    items=numbered_items("rses", 10, response_scale(0, 3), reverse=(2, 5, 6, 8, 9)),
    total_rule=ScoreRule.SUM,
    total_range=(0, 30),
    higher_is_better=True,
    reliability=(
        ReliabilityEstimate(
            kind=ReliabilityKind.CRONBACH_ALPHA,
            value=0.77,
            upper=0.88,
            sample="Various samples",
            source=f"{SOURCE} (dssugar/psychtest-jp phase1-research.md)",
            evidence=Evidence.SECONDARY,
        ),
        ReliabilityEstimate(
            kind=ReliabilityKind.TEST_RETEST,
            value=0.85,
            sample="2-week retest (Silber & Tippett 1965)",
            source=f"{SOURCE} (dssugar/psychtest-jp phase1-research.md)",
            evidence=Evidence.SECONDARY,
        ),
    ),
    evidence_notes=(
        "Reverse items 2, 5, 6, 8, 9 belong to the original/UMD order [C]; the set is tied to the item text.",
        "[S] The '<15 low' band is conventional (Wikipedia and repositories), not the author's; not shipped.",
        "[X] Normative mean/SD (Sinclair et al. 2010) not read: no reliable-change classification.",
        "[X] No LOINC total-score term; panel 62931-1 describes the PhenX order scored 1-4, so it is not attached.",
        "[U] Commercial or software use is not addressed by UMD.",
    ),
)
