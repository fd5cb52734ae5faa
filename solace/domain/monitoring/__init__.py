"""Outcome monitoring: reliable and clinically significant change (clinical-reference.md §3.1)."""

from solace.domain.monitoring.change import (
    ChangeCategory,
    ChangeMethod,
    ChangeResult,
    ClinicalSignificance,
    classify_change,
    clinical_significance,
)
from solace.domain.monitoring.reliable_change import (
    RELIABLE_CHANGE_Z,
    cut_off_a,
    cut_off_b,
    cut_off_c,
    reliable_change_index,
    reliable_change_threshold,
    standard_error_of_difference,
)

__all__ = [
    "RELIABLE_CHANGE_Z",
    "ChangeCategory",
    "ChangeMethod",
    "ChangeResult",
    "ClinicalSignificance",
    "classify_change",
    "clinical_significance",
    "cut_off_a",
    "cut_off_b",
    "cut_off_c",
    "reliable_change_index",
    "reliable_change_threshold",
    "standard_error_of_difference",
]
