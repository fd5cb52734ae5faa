"""How a course moves through its stages, and what the clinician weighs when moving it on (pure).

A course is not started, then in one of the three CFT stages (recognise, build, apply), then completed. The
clinician moves it on one step at a time; the stage criteria shown beside that decision are attendance and the
change on the course's core symptom measures.

Sources: the stage order is clinical-reference.md §1.4 [C] (every manualised group protocol shares it) and the seed
document ("Compassion-focused therapy" overview: recognise, establish new patterns, apply). Moving one step at a
time, the states before and after the stages and the criteria shown are Solace design choices.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from solace.domain.planning.vocabulary import Stage


class CourseStage(StrEnum):
    """Where a course is: the three CFT stages (clinical-reference.md §1.4), plus before and after them."""

    NOT_STARTED = "not_started"
    RECOGNISE = "recognise"
    BUILD = "build"
    APPLY = "apply"
    COMPLETED = "completed"


COURSE_STAGE_ORDER: Final[tuple[CourseStage, ...]] = tuple(CourseStage)
"""The order a course moves through (clinical-reference.md §1.4 for the three stages in the middle)."""

PLAN_STAGES: Final[Mapping[CourseStage, Stage]] = MappingProxyType({
    CourseStage.RECOGNISE: Stage.RECOGNISE,
    CourseStage.BUILD: Stage.BUILD,
    CourseStage.APPLY: Stage.APPLY,
})
"""A course stage and the stage number a plan uses for it (only the three CFT stages have plan sessions)."""

STAGE_CRITERIA_INSTRUMENTS: Final[tuple[str, ...]] = ("phq9", "gad7")
"""Measures whose change is shown beside a stage decision: the core depression and anxiety measures with published
reliable-change values (clinical-reference.md §2.1, §2.2, §3.1). Solace design choice."""


def next_stage(stage: CourseStage | str) -> CourseStage | None:
    """The stage after `stage` in COURSE_STAGE_ORDER, None after completion (clinical-reference.md §1.4).
    Raises ValueError for an unknown stage code."""
    index = COURSE_STAGE_ORDER.index(CourseStage(stage))
    return COURSE_STAGE_ORDER[index + 1] if index + 1 < len(COURSE_STAGE_ORDER) else None


def stage_transition_allowed(current: CourseStage | str, to: CourseStage | str) -> bool:
    """A course moves one stage at a time, forwards only, to the next stage (Solace design choice: the clinician
    decides each step with its criteria in view; clinical-reference.md §1.4 for the order)."""
    following = next_stage(current)
    return following is not None and to == following.value


def stage_may_move_on(stage: CourseStage | str, *, active: bool) -> bool:
    """Whether the clinician may move the course on now: only an active course moves, and only while a stage follows
    (Solace design choice; the order is clinical-reference.md §1.4)."""
    return active and next_stage(stage) is not None


def plan_stage(stage: CourseStage | str) -> Stage | None:
    """The plan's stage number for a course stage; None before and after the three stages."""
    return PLAN_STAGES.get(CourseStage(stage))


def course_stage(plan_stage_number: int) -> CourseStage:
    """The course stage of a plan's stage number (1, 2 or 3). Raises ValueError for any other number."""
    wanted = Stage(plan_stage_number)
    return next(stage for stage, number in PLAN_STAGES.items() if number is wanted)


def attendance_rate(attended: int, missed: int) -> float | None:
    """Share of the sessions held or missed that the patient attended, to two decimals; cancelled sessions do not
    count, and with none attended or missed there is no rate (None). Solace design choice, shown beside stage
    decisions (clinical-reference.md §4.2 for why attendance and dropout matter in CFT)."""
    if attended < 0 or missed < 0:
        raise ValueError("attended and missed are counts (0 or more)")
    total = attended + missed
    return round(attended / total, 2) if total else None
