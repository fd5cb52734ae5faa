"""No band, cut-off or screening threshold is declared (or shown) with a stronger standing than
clinical-reference.md gives it. The table is transcribed from the reference by hand, so the test runs on a clean
clone without ../shared: instrument -> band or cut-off -> the weakest honest standing."""

from __future__ import annotations

import pytest

from solace.domain.instruments import STANDING_ORDER, Standing, get_instrument, instrument_list
from solace.domain.screening import THRESHOLD_FIELDS

P, S, H, D = Standing.PUBLISHED, Standing.SECONDARY, Standing.HEURISTIC, Standing.SOLACE_CHOICE

REFERENCE_BANDS = {
    # §2.1 severity bands [C]
    "phq9": P,
    # §2.2 bands [C]
    "gad7": P,
    # §2.5 Neff's rough guide for the long form: "heuristics, not clinical cut-offs"
    "scs_sf": H,
    # §2.12 ABS bands [C]
    "k10": P,
    # §2.13 Mundt's bands quoted on a secondary page [S]
    "wsas": S,
}
REFERENCE_CUT_OFFS = {
    ("phq9", 10): P,  # §2.1 [C]
    ("gad7", 8): P,  # §2.2 IAPT caseness [C]
    ("gad7", 10): P,  # §2.2 [C]
    ("pcl5", 33): P,  # §2.8 31-33 [C]
    ("pcl5", 28): P,  # §2.8 Marx 2022 [C]
    ("des2", 30): P,  # §2.9 Carlson 1993 [C]
    ("des2", 20): P,  # §2.9 Mueller-Pfeiffer [C]
    ("des2", 12): P,  # §2.9 Mueller-Pfeiffer [C]
}
REFERENCE_THRESHOLDS = {
    "des2_defer_at": D,  # 30 is published [C]; deferring CFT with it is Solace's choice
    "des2_grounding_at": D,  # 20 is published [C]; grounding first is Solace's choice
    "cssrs_defer_level": D,
    "phq9_item9_at": P,  # §2.1 critical item [C]
    "require_suicide_screen": D,
    "gad7_severe_at": P,  # §2.2 severe band [C]
    "pcl5_probable_ptsd_at": P,  # §2.8 [C]
    "fscrs_hated_self_at": D,  # §2.4 no cut-offs [X]
    "fscrs_inadequate_self_at": D,
    "fscrs_item9_at": D,  # §2.4 "a design suggestion"
    "ders16_grounding_at": D,  # §2.11 [X]
    "fcs_high_item_mean": D,  # §2.7 [X]
    "fcs_low_item_mean": D,
    "ceas_high_item_mean": D,  # §2.6 [X]
    "ceas_low_item_mean": D,
    "scs_sf_high_at": H,  # §2.5 heuristic
    "scs_sf_low_below": H,
    "adult_age": D,
}


def _not_stronger(declared: Standing, reference: Standing) -> bool:
    return STANDING_ORDER.index(declared) >= STANDING_ORDER.index(reference)


@pytest.mark.parametrize("instrument", instrument_list(), ids=lambda i: i.code)
def test_bands_are_not_stronger_than_the_reference(instrument):
    if not instrument.severity_bands:
        return
    assert instrument.code in REFERENCE_BANDS, "transcribe this instrument's bands from the reference"
    for band in instrument.severity_bands:
        assert _not_stronger(band.standing, REFERENCE_BANDS[instrument.code]), (instrument.code, band.code)


@pytest.mark.parametrize("instrument", instrument_list(), ids=lambda i: i.code)
def test_cut_offs_are_not_stronger_than_the_reference(instrument):
    for cut_off in instrument.cut_offs:
        reference = REFERENCE_CUT_OFFS.get((instrument.code, cut_off.threshold))
        assert reference is not None, f"transcribe {instrument.code} cut-off {cut_off.threshold} from the reference"
        assert _not_stronger(cut_off.standing, reference), (instrument.code, cut_off.code)


def test_every_threshold_is_transcribed_and_not_stronger_than_the_reference():
    assert set(THRESHOLD_FIELDS) == set(REFERENCE_THRESHOLDS)
    for name, spec in THRESHOLD_FIELDS.items():
        assert _not_stronger(spec.metadata["standing"], REFERENCE_THRESHOLDS[name]), name


def test_the_named_cases_of_issue_9():
    assert {band.standing for band in get_instrument("scs_sf").severity_bands} == {H}
    assert {band.standing for band in get_instrument("wsas").severity_bands} == {S}
    assert THRESHOLD_FIELDS["des2_defer_at"].metadata["standing"] is D
