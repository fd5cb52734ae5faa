"""Course planning: a screening decision, its adaptations and the clinician's choices -> a weekly CFT course.

    plan = plan_course(PlanRequest(decision="suitable_with_adaptations", adaptations=("slow_pacing",)))
    plan.to_dict()

Rules and their sources:
- Three stages in order, covering every week once: psychoeducation and formulation, building compassionate-mind
  skills, applying compassion to problems (seed; clinical-reference.md §1.4 [C]).
- One session a week for 12-20 weeks, 60-90 minutes each (seed). Defaults per format (content.DEFAULTS):
  individual 16 weeks of 60 minutes (§1.4: individual CFT in trials runs 12-16 sessions), group 12 weeks of 90
  minutes (Cattani et al. 2021, 12 sessions, §1.5; published groups ran 2 h, above the seed's maximum), family
  14 weeks of 60 minutes (no published family protocol [X]; the middle of the individual range). When the
  clinician leaves `weeks` empty, adaptations that add sessions lengthen the course, up to 20 weeks.
- The group course follows the published group ordering (§1.5): Trials 2023 sessions 1-3, then Cattani
  Modules 3-12. The family course adds family sessions with compassionate communication in every stage.
- Daily homework of 10-15 minutes in every stage, in the seed's homework kinds.
- Measures: the default schedule of issue 3 (solace.domain.monitoring.schedule.DEFAULT_COURSE_SCHEDULE).
- Adaptations: adaptations.py; each one's effect is stated in the plan.
- Refused for `not_suitable` and `defer` decisions (screening; the seed's contraindications and warning).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from solace.domain.monitoring.schedule import DEFAULT_COURSE_SCHEDULE, Cadence
from solace.domain.planning.adaptations import REASONS
from solace.domain.planning.building import Choices, build
from solace.domain.planning.content import COURSE_WEEKS, DEFAULTS, SESSION_MINUTES
from solace.domain.planning.effects import EFFECTS
from solace.domain.planning.errors import PlanInputError, PlanRefused
from solace.domain.planning.model import AppliedAdaptation, CoursePlan, PlannedMeasure, PlanRequest
from solace.domain.planning.vocabulary import (
    Adaptation,
    Concern,
    CourseFormat,
    Decision,
    decision_allows_course,
)

PLANNER_VERSION: Final = "3"
"""Bumped whenever the content tables or planning rules change; store it with every saved plan."""

REFUSALS: Final = {
    Decision.NOT_SUITABLE: (
        "Screening found CFT not suitable (a contraindication such as acute psychosis, uncontrolled mania or severe "
        "dissociation): no course is planned. Consider the alternatives in the screening result."
    ),
    Decision.DEFER: (
        "Screening deferred CFT (for example an acute crisis, suicidal risk or withdrawal to address first): plan "
        "the course after the reason is resolved and screening is repeated."
    ),
}


def plan_course(request: PlanRequest) -> CoursePlan:
    """Plan a weekly CFT course for a screened patient (rules and sources in the module docstring).

    Raises PlanRefused for a `not_suitable` or `defer` decision, and PlanInputError naming the field for an
    unknown decision, format, adaptation or concern, weeks outside 12-20, or minutes outside 60-90.
    """
    choices = _validated(request)
    built = build(choices)
    applied = tuple(
        AppliedAdaptation(code=code.value, effect=EFFECTS[code](built, build(choices.without(code))),
                          reason=REASONS[code])
        for code in Adaptation
        if code in choices.adaptations
    )
    return CoursePlan(
        format=choices.format,
        weeks=built.weeks,
        session_minutes=choices.session_minutes,
        stages=built.stages,
        sessions=built.sessions,
        homework=built.homework,
        measures=default_measures(),
        adaptations=applied,
    )


def default_measures() -> tuple[PlannedMeasure, ...]:
    """The default measurement schedule of a course, one entry per instrument and occasion kind."""
    measures: list[PlannedMeasure] = []
    for rule in DEFAULT_COURSE_SCHEDULE:
        match rule.cadence:
            case Cadence.EVERY_SESSION:
                measures.append(PlannedMeasure(rule.instrument, "every_session"))
            case Cadence.EVERY_N_WEEKS:
                measures.append(PlannedMeasure(rule.instrument, f"every_{rule.interval_weeks}_weeks"))
            case Cadence.MILESTONES:
                measures += [PlannedMeasure(rule.instrument, milestone.value) for milestone in rule.milestones]
            case Cadence.ONCE:
                measures.append(PlannedMeasure(rule.instrument, "once"))
    return tuple(measures)


# --- validation --------------------------------------------------------------------------------------------------


def _validated(request: PlanRequest) -> Choices:
    decision = _member(Decision, request.decision, "decision")
    if not decision_allows_course(decision):
        raise PlanRefused(REFUSALS[decision])
    course_format = _member(CourseFormat, request.format, "format")
    defaults = DEFAULTS[course_format]
    minutes = defaults.session_minutes if request.session_minutes is None else request.session_minutes
    return Choices(
        format=course_format,
        adaptations=frozenset(_members(Adaptation, request.adaptations, "adaptations")),
        weeks=None if request.weeks is None else _within(request.weeks, COURSE_WEEKS, "weeks"),
        session_minutes=_within(minutes, SESSION_MINUTES, "session_minutes"),
        concerns=tuple(dict.fromkeys(_members(Concern, request.concerns, "concerns"))),
    )


def _member[E: StrEnum](enum: type[E], value: object, field: str) -> E:
    if isinstance(value, str):
        for member in enum:
            if member.value == value:
                return member
    known = ", ".join(member.value for member in enum)
    raise PlanInputError(field, f"unknown code {value!r}; known codes: {known}")


def _members[E: StrEnum](enum: type[E], values: object, field: str) -> list[E]:
    if not isinstance(values, list | tuple):
        raise PlanInputError(field, f"expected a list of codes, got {values!r}")
    return [_member(enum, value, field) for value in values]


def _within(value: object, bounds: tuple[int, int], field: str) -> int:
    low, high = bounds
    if isinstance(value, bool) or not isinstance(value, int):
        raise PlanInputError(field, f"expected a whole number from {low} to {high}, got {value!r}")
    if not low <= value <= high:
        raise PlanInputError(field, f"{value} is outside {low}-{high}")
    return value
