"""Jacobson-Truax formulas (clinical-reference.md §3.1): worked examples, cut-offs a/b/c, and properties."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solace.domain.monitoring import (
    RELIABLE_CHANGE_Z,
    cut_off_a,
    cut_off_b,
    cut_off_c,
    reliable_change_index,
    reliable_change_threshold,
    standard_error_of_difference,
)

FAST = settings(max_examples=200, deadline=None, database=None)

scores = st.floats(min_value=-200, max_value=200, allow_nan=False)
sds = st.floats(min_value=0.1, max_value=50, allow_nan=False)
reliabilities = st.floats(min_value=0.0, max_value=0.99, allow_nan=False)


@pytest.mark.parametrize(("sd", "reliability", "threshold"), [(5, 0.89, 4.6), (5, 0.84, 5.5)])
def test_worked_examples_from_the_reference(sd: float, reliability: float, threshold: float) -> None:
    assert round(reliable_change_threshold(sd, reliability), 1) == threshold


def test_standard_error_of_difference_includes_the_square_root_of_two() -> None:
    assert standard_error_of_difference(5, 0.84) == pytest.approx(5 * math.sqrt(2) * 0.4)


def test_reliable_change_index() -> None:
    assert reliable_change_index(20, 10, 5, 0.84) == pytest.approx(-10 / (5 * math.sqrt(2) * 0.4))
    assert reliable_change_index(10, 10, 5, 0.84) == 0


@pytest.mark.parametrize(
    ("sd", "reliability"), [(0, 0.8), (-1, 0.8), (math.nan, 0.8), (5, 1.0), (5, 1.2), (5, -0.1), (5, math.nan)]
)
def test_invalid_sd_or_reliability(sd: float, reliability: float) -> None:
    with pytest.raises(ValueError, match="must be"):
        reliable_change_index(10, 5, sd, reliability)


@pytest.mark.parametrize(("higher_is_better", "expected"), [(False, 10.0), (True, 30.0)])
def test_cut_off_a_is_two_sd_beyond_the_dysfunctional_mean(higher_is_better: bool, expected: float) -> None:
    assert cut_off_a(dysfunctional_mean=20, dysfunctional_sd=5, higher_is_better=higher_is_better) == expected


@pytest.mark.parametrize(("higher_is_better", "expected"), [(False, 9.0), (True, 1.0)])
def test_cut_off_b_is_two_sd_from_the_functional_mean(higher_is_better: bool, expected: float) -> None:
    assert cut_off_b(functional_mean=5, functional_sd=2, higher_is_better=higher_is_better) == expected


def test_cut_off_c() -> None:
    assert cut_off_c(dysfunctional_mean=20, dysfunctional_sd=6, functional_mean=5, functional_sd=3) == 10
    assert cut_off_c(dysfunctional_mean=20, dysfunctional_sd=4, functional_mean=6, functional_sd=4) == 13
    with pytest.raises(ValueError, match="positive"):
        cut_off_c(dysfunctional_mean=20, dysfunctional_sd=0, functional_mean=6, functional_sd=4)


@FAST
@given(pre=scores, post=scores, sd=sds, reliability=reliabilities)
def test_rci_is_antisymmetric(pre: float, post: float, sd: float, reliability: float) -> None:
    forward = reliable_change_index(pre, post, sd, reliability)
    backward = reliable_change_index(post, pre, sd, reliability)

    assert forward == pytest.approx(-backward)


@FAST
@given(pre=scores, post=scores, sd=sds, reliability=reliabilities)
def test_rci_beyond_196_means_change_beyond_the_threshold(
    pre: float, post: float, sd: float, reliability: float
) -> None:
    index = reliable_change_index(pre, post, sd, reliability)
    threshold = reliable_change_threshold(sd, reliability)
    if math.isclose(abs(post - pre), threshold, rel_tol=1e-9):
        return

    assert (abs(index) > RELIABLE_CHANGE_Z) is (abs(post - pre) > threshold)


@FAST
@given(pre=scores, post=scores, sd=sds, reliability=reliabilities, scale=st.floats(min_value=0.1, max_value=10))
def test_rci_does_not_depend_on_the_unit(pre: float, post: float, sd: float, reliability: float, scale: float) -> None:
    assert reliable_change_index(pre * scale, post * scale, sd * scale, reliability) == pytest.approx(
        reliable_change_index(pre, post, sd, reliability), abs=1e-6
    )


@FAST
@given(
    dys_mean=st.floats(min_value=-100, max_value=100),
    func_mean=st.floats(min_value=-100, max_value=100),
    dys_sd=sds,
    func_sd=sds,
)
def test_cut_off_c_lies_between_the_means(dys_mean: float, func_mean: float, dys_sd: float, func_sd: float) -> None:
    c = cut_off_c(
        dysfunctional_mean=dys_mean, dysfunctional_sd=dys_sd, functional_mean=func_mean, functional_sd=func_sd
    )

    assert min(dys_mean, func_mean) - 1e-9 <= c <= max(dys_mean, func_mean) + 1e-9
