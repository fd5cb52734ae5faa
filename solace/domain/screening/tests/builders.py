"""Answer lists for screening tests, in each instrument's published item order (not collected: no test_ prefix).

The positions below are written out from clinical-reference.md §2, independently of the definitions.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

FSCRS_HATED_SELF = (9, 10, 12, 15, 22)
FSCRS_INADEQUATE_SELF = (1, 2, 4, 6, 7, 14, 17, 18, 20)
CEAS_ENGAGEMENT = (1, 2, 4, 5, 6, 8)
CEAS_ACTION = (9, 10, 12, 13)
FCS_FOR_OTHERS = tuple(range(1, 11))
FCS_FROM_OTHERS = tuple(range(11, 24))
FCS_FOR_SELF = tuple(range(24, 39))
SCS_SF_REVERSED = (1, 4, 8, 9, 11, 12)


def spread(answers: list[int], positions: Sequence[int], total: int, maximum: int) -> list[int]:
    """Raise the answers at `positions` (1-based) from their current value until they add `total` more."""
    for position in positions:
        step = min(total, maximum - answers[position - 1])
        answers[position - 1] += step
        total -= step
    if total:
        raise ValueError("total out of reach")
    return answers


def risk(level: str, *, safety_plan: bool = False, on: str = "2025-03-01") -> dict[str, Any]:
    """The clinician's structured risk assessment in intake JSON."""
    return {"level": level, "assessed_on": on, "protective_factors": "Close to her sister; plans for the summer.",
            "safety_plan_in_place": safety_plan}


def phq9(item9: int = 0, others: int = 0) -> list[int]:
    return [others] * 8 + [item9]


def gad7(total: int) -> list[int]:
    return spread([0] * 7, range(1, 8), total, 3)


def cssrs(level: str) -> list[int]:
    return {
        "none": [0, 0, 0, 0, 0, 0, 0],
        "low": [1, 1, 0, 0, 0, 0, 0],
        "moderate": [1, 1, 1, 0, 0, 0, 0],
        "high": [1, 1, 1, 1, 0, 0, 0],
        "behaviour": [0, 0, 0, 0, 0, 1, 1],
        "behaviour_long_ago": [0, 0, 0, 0, 0, 1, 0],
    }[level]


def des2(mean_times_28: int) -> list[int]:
    """Answers whose sum is `mean_times_28` (a multiple of 10): the DES-II mean is that sum / 28."""
    return spread([0] * 28, range(1, 29), mean_times_28, 100)


def ders16(total: int) -> list[int]:
    return spread([1] * 16, range(1, 17), total - 16, 5)


def fscrs(hated: int = 0, inadequate: int = 0, item9: int = 0) -> list[int]:
    """Hated Self adds up to `hated` (item 9 at `item9`, the rest on the other Hated Self items)."""
    answers = [0] * 22
    answers[8] = item9
    spread(answers, [p for p in FSCRS_HATED_SELF if p != 9], hated - item9, 4)
    return spread(answers, FSCRS_INADEQUATE_SELF, inadequate, 4)


def fcs(for_self: int = 0, from_others: int = 0, for_others: int = 0) -> list[int]:
    answers = [0] * 38
    spread(answers, FCS_FOR_SELF, for_self, 4)
    spread(answers, FCS_FROM_OTHERS, from_others, 4)
    return spread(answers, FCS_FOR_OTHERS, for_others, 4)


def ceas(engagement_item: int, action_item: int) -> list[int]:
    """Every engagement item at `engagement_item`, every action item at `action_item`; fillers at 5."""
    answers = [5] * 13
    for position in CEAS_ENGAGEMENT:
        answers[position - 1] = engagement_item
    for position in CEAS_ACTION:
        answers[position - 1] = action_item
    return answers


def scs_sf(item_score: int) -> list[int]:
    """Every item scoring `item_score` after reversal, so the SCS-SF mean is exactly `item_score`."""
    return [6 - item_score if position in SCS_SF_REVERSED else item_score for position in range(1, 13)]


def pcl5(total: int) -> list[int]:
    return spread([0] * 20, range(1, 21), total, 4)


def intake(**fields: Any) -> dict[str, Any]:
    """A clean adult intake (PHQ-9 all zero, so suicide risk is screened) with `fields` merged in; `responses`
    and `clinical_flags` are merged key by key."""
    data: dict[str, Any] = {"age": 34, "responses": {"phq9": phq9()}, "clinical_flags": {}}
    for key, value in fields.items():
        if key in ("responses", "clinical_flags"):
            data[key] = {**data[key], **value}
        else:
            data[key] = value
    return data
