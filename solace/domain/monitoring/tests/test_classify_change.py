"""classify_change: published reliable-change points, the J-T formula, direction, and intake exclusion."""

from __future__ import annotations

import json

import pytest

from solace.domain.instruments import (
    ChangeCriteria,
    Comparison,
    CutOff,
    Evidence,
    Instrument,
    Licence,
    ScoreRule,
    UnknownInstrument,
)
from solace.domain.instruments.builders import numbered_items, response_scale
from solace.domain.monitoring import ChangeCategory, ChangeMethod, classify_change

RECOVERED = ChangeCategory.RECOVERED
IMPROVED = ChangeCategory.IMPROVED
UNCHANGED = ChangeCategory.UNCHANGED
DETERIORATED = ChangeCategory.DETERIORATED
NOT_APPLICABLE = ChangeCategory.NOT_APPLICABLE

# (instrument, baseline, latest, category, clinically significant change assessed)
PUBLISHED_POINTS = [
    # PHQ-9: reliable change 6 points, caseness 10 or more (NHS Talking Therapies)
    ("phq9", 18, 9, RECOVERED, True),
    ("phq9", 18, 12, IMPROVED, True),
    ("phq9", 18, 13, UNCHANGED, True),
    ("phq9", 12, 6, RECOVERED, True),  # exactly 6 points
    ("phq9", 12, 8, UNCHANGED, True),  # crossed the cut-off without reliable change
    ("phq9", 10, 4, RECOVERED, True),
    ("phq9", 8, 2, IMPROVED, False),  # below caseness at intake: excluded
    ("phq9", 8, 3, UNCHANGED, False),
    ("phq9", 10, 16, DETERIORATED, True),
    ("phq9", 10, 15, UNCHANGED, True),
    ("phq9", 9, 15, DETERIORATED, False),
    # GAD-7: reliable change 4 points, caseness 8 or more
    ("gad7", 12, 7, RECOVERED, True),
    ("gad7", 12, 8, IMPROVED, True),
    ("gad7", 12, 9, UNCHANGED, True),
    ("gad7", 8, 4, RECOVERED, True),
    ("gad7", 7, 3, IMPROVED, False),
    ("gad7", 5, 9, DETERIORATED, False),
    # PCL-5: reliable change 15 points, clinically significant if 28 or less (Marx 2022)
    ("pcl5", 50, 28, RECOVERED, True),
    ("pcl5", 50, 35, IMPROVED, True),
    ("pcl5", 50, 36, UNCHANGED, True),
    ("pcl5", 29, 14, RECOVERED, True),
    ("pcl5", 28, 10, IMPROVED, False),
    ("pcl5", 30, 45, DETERIORATED, True),
]


@pytest.mark.parametrize(("code", "baseline", "latest", "category", "assessed"), PUBLISHED_POINTS)
def test_published_reliable_change_points(
    code: str, baseline: int, latest: int, category: ChangeCategory, assessed: bool
) -> None:
    result = classify_change(code, baseline, latest)

    assert result.category is category
    assert result.method is ChangeMethod.PUBLISHED_POINTS
    assert result.clinically_significant_change_assessed is assessed
    assert result.difference == latest - baseline
    assert result.reliable_change_index is None


def test_intake_below_the_cut_off_is_excluded_and_says_so() -> None:
    result = classify_change("phq9", 8, 2)

    assert result.baseline_in_clinical_range is False
    assert any("excluded from clinically significant change" in reason for reason in result.reasons)


def test_crossing_without_reliable_change_is_not_recovery() -> None:
    result = classify_change("phq9", 12, 8)

    assert result.category is UNCHANGED
    assert result.latest_in_clinical_range is False
    assert any("without reliable change" in reason for reason in result.reasons)


@pytest.mark.parametrize(
    ("baseline", "latest", "category"),
    [
        (40.0, 20.0, IMPROVED),
        (40.0, 25.0, UNCHANGED),
        (20.0, 40.0, DETERIORATED),
        (20.0, 30.0, UNCHANGED),
        (60, 0, IMPROVED),
    ],
)
def test_des2_uses_the_jacobson_truax_formula(baseline: float, latest: float, category: ChangeCategory) -> None:
    result = classify_change("des2", baseline, latest)

    assert result.method is ChangeMethod.JACOBSON_TRUAX
    assert result.category is category
    assert result.reliable_change_threshold == pytest.approx(1.96 * 16.4 * 2**0.5 * 0.15**0.5)
    assert result.reliable_change_index == pytest.approx((latest - baseline) / (16.4 * 2**0.5 * 0.15**0.5))
    assert result.clinically_significant_change_assessed is False
    assert any("No clinical cut-off" in reason for reason in result.reasons)


@pytest.mark.parametrize(("code", "baseline", "latest"), [("rses", 10, 25), ("scs_sf", 1.5, 4.0), ("k10", 40, 12)])
def test_not_applicable_without_published_values(code: str, baseline: float, latest: float) -> None:
    result = classify_change(code, baseline, latest)

    assert result.category is NOT_APPLICABLE
    assert result.method is None
    assert "no published reliable-change value" in result.reasons[0]


@pytest.mark.parametrize("code", ["ders16", "wsas"])
def test_not_applicable_for_other_totals(code: str) -> None:
    assert classify_change(code, 30, 20).category is NOT_APPLICABLE


@pytest.mark.parametrize("code", ["fscrs", "ceas", "fcs", "cssrs_screener", "three_systems", "practice_distress"])
def test_not_applicable_without_a_total(code: str) -> None:
    result = classify_change(code, 10, 5)

    assert result.category is NOT_APPLICABLE
    assert "has no total score" in result.reasons[0]


@pytest.mark.parametrize(("baseline", "latest"), [(-1, 5), (5, 28), (float("nan"), 5), (True, 5)])
def test_totals_outside_the_instrument_range_are_rejected(baseline: float, latest: float) -> None:
    with pytest.raises(ValueError, match="phq9"):
        classify_change("phq9", baseline, latest)


def test_unknown_instrument() -> None:
    with pytest.raises(UnknownInstrument):
        classify_change("oq45", 80, 60)


def test_to_dict_is_json_ready() -> None:
    result = classify_change("phq9", 18, 9).to_dict()

    assert result["category"] == "recovered"
    assert result["method"] == "published_points"
    assert json.loads(json.dumps(result)) == result


def test_every_phq9_pair_is_consistent_with_the_iapt_rules() -> None:
    for baseline in range(28):
        for latest in range(28):
            category = classify_change("phq9", baseline, latest).category
            mirrored = classify_change("phq9", latest, baseline).category
            assert (category is DETERIORATED) is (latest - baseline >= 6)
            assert (category in (RECOVERED, IMPROVED)) is (baseline - latest >= 6)
            assert (category is RECOVERED) is (baseline - latest >= 6 and baseline >= 10 and latest < 10)
            assert (category in (RECOVERED, IMPROVED)) is (mirrored is DETERIORATED)


# --- direction: an instrument where higher is better ---------------------------------------------------------


def wellbeing(criteria: ChangeCriteria) -> Instrument:
    """A made-up 3-item 0-10 wellbeing scale, clinical below 15, to test the higher-is-better direction."""
    return Instrument(
        code="wellbeing_test",
        version="test",
        scored_version="Test fixture, items 1-3.",
        scoring_version="1",
        title="Test wellbeing scale",
        citation="Test fixture.",
        licence=Licence(text="Test.", wording_reproducible=False, source="test", evidence=Evidence.SOLACE),
        recall_period=None,
        instructions=None,
        answer_key="0 = worst ... 10 = best.",
        items=numbered_items("wellbeing_test", 3, response_scale(0, 10)),
        total_rule=ScoreRule.SUM,
        total_range=(0, 30),
        higher_is_better=True,
        cut_offs=(
            CutOff(
                code="clinical_range",
                label="Below 15",
                threshold=15,
                comparison=Comparison.BELOW,
                source="test",
                evidence=Evidence.CONFIRMED,
            ),
        ),
        change_criteria=criteria,
    )


FORMULA = ChangeCriteria(
    sd=5, reliability=0.84, clinical_cut_off="clinical_range", source="test", evidence=Evidence.CONFIRMED
)
POINTS = ChangeCriteria(
    reliable_change_points=6, clinical_cut_off="clinical_range", source="test", evidence=Evidence.CONFIRMED
)


@pytest.mark.parametrize("criteria", [FORMULA, POINTS], ids=["formula", "points"])
@pytest.mark.parametrize(
    ("baseline", "latest", "category"),
    [
        (8, 20, RECOVERED),
        (4, 12, IMPROVED),
        (10, 14, UNCHANGED),
        (20, 10, DETERIORATED),
        (16, 24, IMPROVED),
        (24, 16, DETERIORATED),
    ],
)
def test_higher_is_better_direction(
    criteria: ChangeCriteria, baseline: int, latest: int, category: ChangeCategory
) -> None:
    result = classify_change(wellbeing(criteria), baseline, latest)

    assert result.category is category
    assert result.clinically_significant_change_assessed is (baseline < 15)
