"""Jacobson & Truax (1991) reliable change and clinical-significance cut-offs (clinical-reference.md §3.1).

    SE     = SD1 * sqrt(1 - r_xx)
    S_diff = sqrt(2 * SE^2) = SD1 * sqrt(2) * sqrt(1 - r_xx)     (the sqrt(2) per Christensen & Mendoza 1986)
    RC     = (X_post - X_pre) / S_diff;  reliable when |RC| > 1.96

SD1 is the pre-treatment (or normative clinical) SD and r_xx the reliability (alpha or test-retest).
Cut-offs: a = M_dys -/+ 2 SD_dys, b = M_func +/- 2 SD_func, c = (SD_dys M_func + SD_func M_dys) / (SD_dys + SD_func);
the exact notation is [U], the structure matches R clinsig's defaults (disp.mult 2, rc.mult 1.96).
"""

from __future__ import annotations

import math

RELIABLE_CHANGE_Z = 1.96
"""|RC| above this is reliable change (p < .05); Jacobson & Truax 1991."""

SPREAD_MULTIPLIER = 2.0
"""Criteria a and b use 2 standard deviations (R clinsig disp.mult)."""


def standard_error_of_difference(sd: float, reliability: float) -> float:
    """S_diff = SD1 * sqrt(2) * sqrt(1 - r_xx) (clinical-reference.md §3.1, psyctc.org rcsc1)."""
    if not (math.isfinite(sd) and sd > 0):
        raise ValueError(f"the standard deviation must be a positive number, got {sd}")
    if not (math.isfinite(reliability) and 0 <= reliability < 1):
        raise ValueError(f"the reliability must be at least 0 and below 1, got {reliability}")
    return sd * math.sqrt(2.0) * math.sqrt(1.0 - reliability)


def reliable_change_index(pre: float, post: float, sd: float, reliability: float) -> float:
    """RC = (post - pre) / S_diff (Jacobson & Truax 1991; clinical-reference.md §3.1). The sign follows the
    scale: positive means the score went up, whichever direction is better."""
    return (post - pre) / standard_error_of_difference(sd, reliability)


def reliable_change_threshold(sd: float, reliability: float, z: float = RELIABLE_CHANGE_Z) -> float:
    """The smallest raw-score change that is reliable: z * SD1 * sqrt(2) * sqrt(1 - r_xx)
    (clinical-reference.md §3.1; e.g. SD 5, r .89 gives 4.6 points)."""
    return z * standard_error_of_difference(sd, reliability)


def cut_off_a(*, dysfunctional_mean: float, dysfunctional_sd: float, higher_is_better: bool) -> float:
    """Criterion a: 2 SD beyond the dysfunctional mean, in the functional direction (clinical-reference §3.1)."""
    shift = SPREAD_MULTIPLIER * dysfunctional_sd
    return dysfunctional_mean + shift if higher_is_better else dysfunctional_mean - shift


def cut_off_b(*, functional_mean: float, functional_sd: float, higher_is_better: bool) -> float:
    """Criterion b: the edge of the functional range, 2 SD from the functional mean toward the dysfunctional
    side (clinical-reference.md §3.1)."""
    shift = SPREAD_MULTIPLIER * functional_sd
    return functional_mean - shift if higher_is_better else functional_mean + shift


def cut_off_c(
    *, dysfunctional_mean: float, dysfunctional_sd: float, functional_mean: float, functional_sd: float
) -> float:
    """Criterion c: the point equally far, in SD units, from both means; preferred when the distributions
    overlap (clinical-reference.md §3.1). With equal SDs it is the midpoint of the means."""
    if dysfunctional_sd <= 0 or functional_sd <= 0:
        raise ValueError("both standard deviations must be positive")
    weighted = dysfunctional_sd * functional_mean + functional_sd * dysfunctional_mean
    return weighted / (dysfunctional_sd + functional_sd)
