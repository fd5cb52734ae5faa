"""Screening thresholds: defaults from the reference, validated overrides, sources that say what they are."""

from __future__ import annotations

import pytest

from solace.domain.instruments import Standing
from solace.domain.screening import (
    DEFAULT_THRESHOLDS,
    THRESHOLD_FIELDS,
    ScreeningThresholds,
    ThresholdError,
    thresholds_from_overrides,
)

PUBLISHED_DEFAULTS = {  # clinical-reference.md §2, written out independently
    "des2_defer_at": 30.0, "des2_grounding_at": 20.0, "phq9_item9_at": 1, "gad7_severe_at": 15,
    "pcl5_probable_ptsd_at": 33, "scs_sf_high_at": 3.5, "scs_sf_low_below": 2.5,
}


def test_published_defaults() -> None:
    """The defaults are the published values; their standing (published, heuristic guide, or a published value
    used for a Solace choice) is checked against the reference in instruments/tests/test_evidence_standing.py."""
    for name, value in PUBLISHED_DEFAULTS.items():
        assert getattr(DEFAULT_THRESHOLDS, name) == value


SAYS_SO = {Standing.SOLACE_CHOICE: "Solace design choice", Standing.HEURISTIC: "heuristic guide"}


def test_every_unpublished_threshold_says_what_it_is() -> None:
    for name, spec in THRESHOLD_FIELDS.items():
        assert spec.metadata["label"] and spec.metadata["source"], name
        standing = spec.metadata["standing"]
        assert spec.metadata["published"] is (standing is Standing.PUBLISHED), name
        if standing in SAYS_SO:
            assert SAYS_SO[standing] in spec.metadata["source"], name
        assert "[" not in spec.metadata["source"] and ".md" not in spec.metadata["source"], name


def test_overrides_apply_and_report_only_what_differs() -> None:
    thresholds = thresholds_from_overrides({"gad7_severe_at": 12, "des2_defer_at": 35, "cssrs_defer_level": "high"})
    assert thresholds.gad7_severe_at == 12 and thresholds.des2_defer_at == 35.0
    assert isinstance(thresholds.des2_defer_at, float)
    assert thresholds.overrides() == {"gad7_severe_at": 12, "des2_defer_at": 35.0, "cssrs_defer_level": "high"}
    assert thresholds.source_of("gad7_severe_at").endswith("(clinic setting)")
    assert DEFAULT_THRESHOLDS.overrides() == {}
    assert thresholds_from_overrides(thresholds.overrides()) == thresholds


@pytest.mark.parametrize(("overrides", "name", "message"), [
    ({"gad7_cutoff": 10}, "gad7_cutoff", "unknown screening threshold"),
    ({"gad7_severe_at": "15"}, "gad7_severe_at", "must be a number"),
    ({"gad7_severe_at": 14.5}, "gad7_severe_at", "must be a whole number"),
    ({"gad7_severe_at": 22}, "gad7_severe_at", "between 0 and 21"),
    ({"gad7_severe_at": True}, "gad7_severe_at", "must be a number"),
    ({"cssrs_defer_level": "none"}, "cssrs_defer_level", "must be one of low, moderate, high"),
    ({"require_suicide_screen": 1}, "require_suicide_screen", "must be true or false"),
    ({"des2_grounding_at": 40}, "des2_grounding_at", "must not be above des2_defer_at"),
    ({"fcs_low_item_mean": 3.0, "fcs_high_item_mean": 2.5}, "fcs_low_item_mean", "must not be above"),
])
def test_invalid_overrides_name_the_setting(overrides: dict[str, object], name: str, message: str) -> None:
    with pytest.raises(ThresholdError) as raised:
        thresholds_from_overrides(overrides)
    assert raised.value.name == name and message in raised.value.message


def test_thresholds_are_frozen() -> None:
    with pytest.raises(AttributeError):
        DEFAULT_THRESHOLDS.gad7_severe_at = 10  # type: ignore[misc]
    assert ScreeningThresholds() == DEFAULT_THRESHOLDS
