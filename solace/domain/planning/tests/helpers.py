"""Shared helpers for the planning tests (not collected: no test_ prefix)."""

from __future__ import annotations

from collections.abc import Iterable

from solace.domain.planning import EXERCISES, CoursePlan, ExerciseKind, PlanRequest, plan_course


def plan(*, adaptations: Iterable[str] = (), **fields: object) -> CoursePlan:
    """A plan for a suitable patient (decision suitable_with_adaptations when adaptations are given)."""
    chosen = tuple(adaptations)
    decision = "suitable_with_adaptations" if chosen else "suitable"
    return plan_course(PlanRequest(decision=decision, adaptations=chosen, **fields))  # type: ignore[arg-type]


def sessions_with(course: CoursePlan, code: str) -> list[int]:
    return [session.number for session in course.sessions if code in session.agenda]


def new_practices_per_session(course: CoursePlan) -> list[list[str]]:
    """For each session, the compassion practices (ExerciseKind.PRACTICE) it uses for the first time."""
    seen: set[str] = set()
    found = []
    for session in course.sessions:
        practices = [c for c in session.agenda if EXERCISES[c].kind is ExerciseKind.PRACTICE]
        found.append([c for c in practices if c not in seen])
        seen.update(practices)
    return found


def first_imagery(course: CoursePlan) -> int:
    return next(s.number for s in course.sessions if any(EXERCISES[c].imagery for c in s.agenda))


def stage_weeks(course: CoursePlan) -> list[int]:
    return [len(stage.weeks) for stage in course.stages]
