"""SCS-SF: Self-Compassion Scale, Short Form (clinical-reference.md §2.5).

12 items, 1 (almost never) to 5 (almost always). Items 1, 4, 8, 9, 11 and 12 are reversed (6 - answer) and the
total is the mean of all 12 items after reversal, 1-5. Neff advises against SF subscale scores, so none are
declared. The bands are Neff's rough guide for the SCS ("1-2.5 low, 2.5-3.5 moderate, 3.5-5.0 high"), a
heuristic, not a clinical cut-off, given for the 26-item long form: the bands are declared `heuristic` and pages
show them as a "heuristic guide", never as confirmed bands. The guide does not say which band owns 2.5 and 3.5:
Solace puts both boundaries in "moderate" (a Solace decision).
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

SOURCE = "clinical-reference.md §2.5"
BAND_SOURCE = (
    f"Neff's rough guide for the SCS, a heuristic and not a clinical cut-off ({SOURCE}, "
    "platform.self-management.eu); boundary ownership is a Solace decision"
)

SCS_SF = Instrument(
    code="scs_sf",
    version="2011",
    scored_version=(
        "Raes, Pommier, Neff & Van Gucht 2011, Self-Compassion Scale - Short Form, the 12 items in the published "
        "order (reverse-scored items 1, 4, 8, 9, 11 and 12), answers 1 (almost never) to 5 (almost always)"
    ),
    scoring_version="1",
    title="Self-Compassion Scale - Short Form (SCS-SF)",
    citation=(
        "Raes F, Pommier E, Neff KD, Van Gucht D. Construction and factorial validation of a short form of the "
        "Self-Compassion Scale. Clin Psychol Psychother 2011;18:250-255."
    ),
    licence=Licence(
        text=(
            "Neff: 'Please feel free to use the Self-Compassion Scale - Short Form in your research' [S]. "
            "Terms for commercial or in-app use are not confirmed [U]: the clinic supplies the wording."
        ),
        wording_reproducible=False,
        source=SOURCE,
        evidence=Evidence.SECONDARY,
    ),
    recall_period=None,
    instructions=None,
    answer_key="1 = almost never ... 5 = almost always, as ticked; items 1, 4, 8, 9, 11, 12 are reversed by scoring.",
    items=numbered_items("scs_sf", 12, response_scale(1, 5), reverse=(1, 4, 8, 9, 11, 12)),
    total_rule=ScoreRule.MEAN,
    total_range=(1.0, 5.0),
    higher_is_better=True,
    severity_bands=(
        SeverityBand(
            code="low",
            label="Low",
            lower=1.0,
            upper=2.5,
            upper_inclusive=False,
            source=BAND_SOURCE,
            evidence=Evidence.CONFIRMED,
            heuristic=True,
        ),
        SeverityBand(
            code="moderate",
            label="Moderate",
            lower=2.5,
            upper=3.5,
            source=BAND_SOURCE,
            evidence=Evidence.CONFIRMED,
            heuristic=True,
        ),
        SeverityBand(
            code="high",
            label="High",
            lower=3.5,
            upper=5.0,
            lower_inclusive=False,
            source=BAND_SOURCE,
            evidence=Evidence.CONFIRMED,
            heuristic=True,
        ),
    ),
    reliability=(
        ReliabilityEstimate(
            kind=ReliabilityKind.CRONBACH_ALPHA,
            value=0.86,
            sample="All validation samples (alpha >= .86; r >= .97 with the 26-item SCS)",
            source=f"{SOURCE}, Wiley abstract doi:10.1002/cpp.702",
            evidence=Evidence.CONFIRMED,
        ),
    ),
    evidence_notes=(
        "Solace decision [U]: 2.5 and 3.5 both count as 'moderate'; Neff's guide overlaps at the boundaries.",
        "[X] No normative SD read: no reliable-change classification.",
        "[X] No LOINC term.",
    ),
)
