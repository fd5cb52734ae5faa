"""Measurement schedules: which questionnaires a patient should complete now.

A clinician assigns an instrument once, before every therapy session, every N weeks, or at course milestones
(baseline, mid-point, end, follow-up). Each rule yields *occasions*, each with a window [opens_at, closes_at).
An occasion is fulfilled by any completed response to the same instrument inside its window, whichever rule
asked for it. A measure is due when the occasion whose window contains `now` is not yet fulfilled; occasions
whose window has passed are missed, never piled up (routine outcome monitoring asks for the current state,
clinical-reference.md §3.2-3.3).

Sources and decisions:
- Session-by-session measurement is the routine-outcome-monitoring design of §3.2 (OQ-45 feedback) and §3.3.
- Measuring at pre, mid and post treatment follows the CFT group trial of Fox, Cattani & Burlingame 2020 (§1.5).
- The window lengths below (3 days before a session, 7 days before a milestone, a follow-up 12 weeks after the
  end, 4 weeks to complete a follow-up) are Solace design decisions, not published rules.
- The default schedule of a treatment course (PHQ-9 and GAD-7 every session, RSES every 4 weeks, FSCRS and
  SCS-SF at baseline, mid and end) is the product decision of issue 3 ("Measurement-based care").

Pure: no clock, no I/O. Every datetime must be time-zone aware; `now` is passed in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum


class Cadence(StrEnum):
    ONCE = "once"
    EVERY_SESSION = "every_session"
    EVERY_N_WEEKS = "every_n_weeks"
    MILESTONES = "milestones"


class Milestone(StrEnum):
    BASELINE = "baseline"
    MID = "mid"
    END = "end"
    FOLLOW_UP = "follow_up"


MILESTONE_ORDER: tuple[Milestone, ...] = (Milestone.BASELINE, Milestone.MID, Milestone.END, Milestone.FOLLOW_UP)

SESSION_LEAD = timedelta(days=3)
"""A per-session measure opens this long before the session (Solace decision), so the result is there in session."""
LAST_SESSION_GRACE = timedelta(days=7)
"""The last session's measure stays open this long after it (Solace decision)."""
MILESTONE_LEAD = timedelta(days=7)
"""A milestone measure opens this long before the milestone (Solace decision)."""
FOLLOW_UP_AFTER = timedelta(weeks=12)
"""Follow-up is this long after the end of the course (Solace decision)."""
FOLLOW_UP_WINDOW = timedelta(weeks=4)
"""How long the follow-up measure stays open (Solace decision)."""


class ScheduleError(ValueError):
    """A schedule rule or course timeline contradicts itself."""


def _aware(name: str, value: datetime) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ScheduleError(f"{name} must be time-zone aware, got {value!r}")


@dataclass(frozen=True)
class ScheduleRule:
    """One assignment: `key` identifies it to the caller (for example a database id) and is returned as is."""

    key: str
    instrument: str
    cadence: Cadence
    assigned_at: datetime
    interval_weeks: int | None = None
    milestones: tuple[Milestone, ...] = ()

    def __post_init__(self) -> None:
        _aware("assigned_at", self.assigned_at)
        if self.cadence is Cadence.EVERY_N_WEEKS:
            if self.interval_weeks is None or self.interval_weeks < 1:
                raise ScheduleError(f"{self.instrument}: every N weeks needs a whole number of weeks of 1 or more")
        elif self.interval_weeks is not None:
            raise ScheduleError(f"{self.instrument}: only an every-N-weeks rule takes an interval")
        if self.cadence is Cadence.MILESTONES:
            if not self.milestones:
                raise ScheduleError(f"{self.instrument}: a milestone rule needs at least one milestone")
            if len(set(self.milestones)) != len(self.milestones):
                raise ScheduleError(f"{self.instrument}: a milestone is listed twice")
        elif self.milestones:
            raise ScheduleError(f"{self.instrument}: only a milestone rule takes milestones")


@dataclass(frozen=True)
class CourseTimeline:
    """A treatment course as the schedule sees it: when it starts, how many weeks it is planned for, and the
    start times of its sessions that have not been cancelled (any order; they are sorted here)."""

    start: datetime
    weeks: int
    session_starts: tuple[datetime, ...] = ()

    def __post_init__(self) -> None:
        _aware("start", self.start)
        for start in self.session_starts:
            _aware("session start", start)
        if self.weeks < 1:
            raise ScheduleError("a course lasts at least one week")
        object.__setattr__(self, "session_starts", tuple(sorted(self.session_starts)))

    @property
    def baseline_at(self) -> datetime:
        return self.session_starts[0] if self.session_starts else self.start

    @property
    def end_at(self) -> datetime:
        """The planned last weekly session (start + weeks - 1), or the last booked session when that is later."""
        planned = self.start + timedelta(weeks=self.weeks - 1)
        return max(planned, self.session_starts[-1]) if self.session_starts else planned

    def milestone_at(self, milestone: Milestone) -> datetime:
        match milestone:
            case Milestone.BASELINE:
                return self.baseline_at
            case Milestone.MID:
                return self.baseline_at + (self.end_at - self.baseline_at) / 2
            case Milestone.END:
                return self.end_at
            case Milestone.FOLLOW_UP:
                return self.end_at + FOLLOW_UP_AFTER


@dataclass(frozen=True)
class Completion:
    instrument: str
    completed_at: datetime

    def __post_init__(self) -> None:
        _aware("completed_at", self.completed_at)


@dataclass(frozen=True)
class Occasion:
    """One time a rule asks for its instrument. `number` is the session number (every session) or the week
    of the course (every N weeks); `milestone` is set for milestone rules."""

    rule_key: str
    instrument: str
    cadence: Cadence
    opens_at: datetime
    closes_at: datetime | None
    number: int | None = None
    milestone: Milestone | None = None

    def contains(self, moment: datetime) -> bool:
        return self.opens_at <= moment and (self.closes_at is None or moment < self.closes_at)


@dataclass(frozen=True)
class DueMeasure:
    """An instrument to complete now: the occasion that asks for it (the earliest-opened one when several rules
    do) and the keys of every rule asking for it."""

    instrument: str
    occasion: Occasion
    rule_keys: tuple[str, ...] = field(default=())


def occasions(rule: ScheduleRule, course: CourseTimeline | None, *, until: datetime) -> tuple[Occasion, ...]:
    """Every occasion of `rule` that opens at or before `until`, in time order. Rules that need a course
    (every session, milestones) have none without one; every-N-weeks counts from the course start, or from
    the assignment when there is no course."""
    _aware("until", until)
    match rule.cadence:
        case Cadence.ONCE:
            found: tuple[Occasion, ...] = (Occasion(rule.key, rule.instrument, rule.cadence, rule.assigned_at, None),)
        case Cadence.EVERY_SESSION:
            found = _session_occasions(rule, course)
        case Cadence.EVERY_N_WEEKS:
            found = _interval_occasions(rule, course, until)
        case Cadence.MILESTONES:
            found = _milestone_occasions(rule, course)
    return tuple(occasion for occasion in found if occasion.opens_at <= until)


def _session_occasions(rule: ScheduleRule, course: CourseTimeline | None) -> tuple[Occasion, ...]:
    if course is None or not course.session_starts:
        return ()
    starts = course.session_starts
    # A window never opens before the previous session, so a result always belongs to one session.
    opens = [max(start - SESSION_LEAD, starts[index - 1]) if index else start - SESSION_LEAD
             for index, start in enumerate(starts)]
    closes = [*opens[1:], starts[-1] + LAST_SESSION_GRACE]
    return tuple(
        Occasion(rule.key, rule.instrument, rule.cadence, opens[index], closes[index], number=index + 1)
        for index in range(len(starts))
        if opens[index] < closes[index]
    )


def _interval_occasions(rule: ScheduleRule, course: CourseTimeline | None, until: datetime) -> tuple[Occasion, ...]:
    assert rule.interval_weeks is not None  # checked in ScheduleRule.__post_init__
    interval = timedelta(weeks=rule.interval_weeks)
    anchor = course.start if course is not None else rule.assigned_at
    last = course.start + timedelta(weeks=course.weeks) if course is not None else until
    found = []
    moment, index = anchor, 0
    while moment <= last and moment <= until:
        found.append(Occasion(rule.key, rule.instrument, rule.cadence, moment, moment + interval,
                              number=index * rule.interval_weeks))
        index += 1
        moment = anchor + index * interval
    return tuple(found)


def _milestone_occasions(rule: ScheduleRule, course: CourseTimeline | None) -> tuple[Occasion, ...]:
    if course is None:
        return ()
    opens = {milestone: course.milestone_at(milestone) - MILESTONE_LEAD for milestone in MILESTONE_ORDER}
    closes = {
        Milestone.BASELINE: opens[Milestone.MID],
        Milestone.MID: opens[Milestone.END],
        Milestone.END: opens[Milestone.FOLLOW_UP],
        Milestone.FOLLOW_UP: course.milestone_at(Milestone.FOLLOW_UP) + FOLLOW_UP_WINDOW,
    }
    return tuple(
        Occasion(rule.key, rule.instrument, rule.cadence, opens[milestone], closes[milestone], milestone=milestone)
        for milestone in MILESTONE_ORDER
        if milestone in rule.milestones and opens[milestone] < closes[milestone]
    )


def _fulfilled(occasion: Occasion, completions: Iterable[Completion]) -> bool:
    return any(c.instrument == occasion.instrument and occasion.contains(c.completed_at) for c in completions)


def due_measures(
    rules: Sequence[ScheduleRule],
    course: CourseTimeline | None,
    completions: Sequence[Completion],
    now: datetime,
) -> tuple[DueMeasure, ...]:
    """The instruments due at `now`, one entry per instrument, ordered by when their occasion opened (then by
    the order of `rules`).

    For each rule, the occasion whose window contains `now` is due unless a completion of the same instrument
    lies inside that window. Past occasions are missed, not due. See the module docstring for the sources.
    """
    _aware("now", now)
    current: dict[str, list[Occasion]] = {}
    for rule in rules:
        for occasion in occasions(rule, course, until=now):
            if occasion.contains(now) and not _fulfilled(occasion, completions):
                current.setdefault(occasion.instrument, []).append(occasion)
    due = [
        DueMeasure(
            instrument=instrument,
            occasion=min(found, key=lambda occasion: occasion.opens_at),
            rule_keys=tuple(dict.fromkeys(occasion.rule_key for occasion in found)),
        )
        for instrument, found in current.items()
    ]
    return tuple(sorted(due, key=lambda measure: measure.occasion.opens_at))


@dataclass(frozen=True)
class RuleTemplate:
    """A rule without a patient: what a default schedule assigns."""

    instrument: str
    cadence: Cadence
    interval_weeks: int | None = None
    milestones: tuple[Milestone, ...] = ()


DEFAULT_COURSE_SCHEDULE: tuple[RuleTemplate, ...] = (
    RuleTemplate("phq9", Cadence.EVERY_SESSION),
    RuleTemplate("gad7", Cadence.EVERY_SESSION),
    RuleTemplate("rses", Cadence.EVERY_N_WEEKS, interval_weeks=4),
    RuleTemplate("fscrs", Cadence.MILESTONES, milestones=(Milestone.BASELINE, Milestone.MID, Milestone.END)),
    RuleTemplate("scs_sf", Cadence.MILESTONES, milestones=(Milestone.BASELINE, Milestone.MID, Milestone.END)),
)
"""What every treatment course measures unless the clinician changes it (issue 3; see the module docstring)."""
