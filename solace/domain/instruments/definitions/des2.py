"""DES-II: Dissociative Experiences Scale II (clinical-reference.md §2.9).

28 items, each the percentage of the time (0-100 in steps of 10); the total is the mean of the 28 items
(0-100). The manual reports the total only; the amnesia, depersonalisation/derealisation and absorption
subscales (item means) come from a secondary source [S]. The DES-T (taxon) is not implemented: its item list
and the 20 cut-off are unverified [U], and the proper taxon score is a Bayesian probability.

Cut-offs on the total: 30 (Carlson et al. 1993), 20 and 12 (Mueller-Pfeiffer et al. 2013). Reliable change
uses the Jacobson-Truax formula with the general-psychiatric-patient SD 16.4 [S] and the manual's weighted
test-retest reliability .85 [C]; no cut-off is declared for clinically significant change.
"""

from __future__ import annotations

from solace.domain.instruments.builders import numbered_items, numbered_subscale, response_scale
from solace.domain.instruments.model import (
    ChangeCriteria,
    Comparison,
    CutOff,
    Evidence,
    Instrument,
    Licence,
    NormativeSample,
    ReliabilityEstimate,
    ReliabilityKind,
    ScoreRule,
)

SOURCE = "clinical-reference.md §2.9"
SUBSCALE_SOURCE = f"{SOURCE} (mps-team-cn des2.js, citing NovoPsych)"
NORM_SOURCE = f"van IJzendoorn & Schuengel 1996 meta-analysis; {SOURCE} (betterworldhealthcare page)"

SUBSCALES = (
    ("amnesia", "Amnesia", (3, 4, 5, 8, 25, 26)),
    ("depersonalisation_derealisation", "Depersonalisation / derealisation", (7, 11, 12, 13, 27, 28)),
    ("absorption", "Absorption", (2, 14, 15, 17, 18, 20)),
)


def _norm(population: str, mean: float, sd: float) -> NormativeSample:
    return NormativeSample(population=population, mean=mean, sd=sd, source=NORM_SOURCE, evidence=Evidence.SECONDARY)


def _cut_off(code: str, label: str, threshold: int, source: str) -> CutOff:
    return CutOff(
        code=code,
        label=label,
        threshold=threshold,
        comparison=Comparison.AT_OR_ABOVE,
        source=source,
        evidence=Evidence.CONFIRMED,
    )


DES2 = Instrument(
    code="des2",
    version="1993",
    scored_version=(
        "Carlson & Putnam 1993, Dissociative Experiences Scale II, the 28 items in the published order, answers "
        "0% to 100% of the time in steps of 10"
    ),
    scoring_version="1",
    title="Dissociative Experiences Scale II (DES-II)",
    citation="Carlson EB, Putnam FW. An update on the Dissociative Experiences Scale. Dissociation 1993;6:16-23.",
    licence=Licence(
        text=(
            "The manual says copies 'can be photocopied for clinical or research use'. Digital or commercial use "
            "is unclear [U]: the clinic supplies the wording."
        ),
        wording_reproducible=False,
        source=f"{SOURCE} (DES manual)",
        evidence=Evidence.CONFIRMED,
    ),
    recall_period=None,
    instructions=None,
    answer_key="Percentage of the time the experience happens: 0, 10, 20 ... 100.",
    items=numbered_items("des2", 28, response_scale(0, 100, step=10), step=10),
    total_rule=ScoreRule.MEAN,
    total_range=(0.0, 100.0),
    higher_is_better=False,
    subscales=tuple(
        numbered_subscale(
            "des2", code, title, positions, ScoreRule.MEAN, source=SUBSCALE_SOURCE, evidence=Evidence.SECONDARY
        )
        for code, title, positions in SUBSCALES
    ),
    cut_offs=(
        _cut_off(
            "carlson_1993",
            "30 or more: cut-off used by Carlson et al. 1993 to classify multiple personality disorder",
            30,
            f"Carlson et al. 1993, Am J Psychiatry 150:1030-1036; {SOURCE}",
        ),
        _cut_off(
            "ddnos_did_screen",
            "20 or more: detects 80% of DDNOS/DID in psychiatric out- and day-patients",
            20,
            f"Mueller-Pfeiffer et al. 2013; {SOURCE}",
        ),
        _cut_off(
            "dissociative_disorder_screen",
            "12 or more: detects 80% of any dissociative disorder in psychiatric out- and day-patients",
            12,
            f"Mueller-Pfeiffer et al. 2013; {SOURCE}",
        ),
    ),
    reliability=(
        ReliabilityEstimate(
            kind=ReliabilityKind.TEST_RETEST,
            value=0.85,
            sample="Weighted mean across studies (DES manual)",
            source=f"{SOURCE} (cps.nova.edu DES page)",
            evidence=Evidence.CONFIRMED,
        ),
        ReliabilityEstimate(
            kind=ReliabilityKind.CRONBACH_ALPHA,
            value=0.93,
            sample="DES manual",
            source=f"{SOURCE} (cps.nova.edu DES page)",
            evidence=Evidence.CONFIRMED,
        ),
    ),
    norms=(
        _norm("Non-clinical adults", 11.6, 10.6),
        _norm("Students / adolescents", 14.3, 14.3),
        _norm("General psychiatric patients", 16.7, 16.4),
        _norm("Personality disorders", 19.6, 16.2),
        _norm("Abuse history", 29.2, 21.0),
        _norm("PTSD", 32.0, 19.2),
        _norm("Dissociative disorders", 41.2, 22.0),
    ),
    change_criteria=ChangeCriteria(
        sd=16.4,
        reliability=0.85,
        source=(
            "Jacobson & Truax 1991 reliable change index with SD 16.4 of general psychiatric patients "
            "(van IJzendoorn & Schuengel 1996, as restated by a secondary source) and test-retest reliability .85 "
            "(DES manual, Carlson & Putnam)"
        ),
        evidence=Evidence.SECONDARY,
    ),
    evidence_notes=(
        "[U] Sensitivity/specificity at the cut-off of 30 itself were not read (76%/76% is the whole-group "
        "discriminant analysis).",
        "[U] Some sources add items 22 and 23 to absorption; the 6-item lists [S] are used.",
        "[U] DES-T items 3, 5, 7, 8, 12, 13, 22, 27 and its cut-off of 20 are unverified: not implemented.",
        "Solace decision: reliable change from the J-T formula with the general-psychiatric SD [S]; no cut-off "
        "for clinically significant change, so recovery is not assessed.",
        "[X] No LOINC term.",
    ),
)
