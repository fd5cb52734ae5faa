"""Stage progression (clinical-reference.md §1.4 for the order; one step at a time and the criteria are Solace
design choices) and course timing (Solace design choices): table-driven, every boundary."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from solace.domain.planning import Stage
from solace.domain.planning.progression import (
    COURSE_STAGE_ORDER,
    CourseStage,
    attendance_rate,
    course_stage,
    next_stage,
    plan_stage,
    stage_may_move_on,
    stage_transition_allowed,
)
from solace.domain.planning.timing import (
    SkippedLocalTime,
    UnknownTimeZone,
    course_start,
    course_week,
    local_start,
    weekly_starts,
)

S = CourseStage


def test_the_order_is_not_started_then_the_three_stages_of_section_1_4_then_completed() -> None:
    assert COURSE_STAGE_ORDER == (S.NOT_STARTED, S.RECOGNISE, S.BUILD, S.APPLY, S.COMPLETED)


@pytest.mark.parametrize(("stage", "following"), [
    (S.NOT_STARTED, S.RECOGNISE), (S.RECOGNISE, S.BUILD), (S.BUILD, S.APPLY), (S.APPLY, S.COMPLETED),
    (S.COMPLETED, None), ("build", S.APPLY),
])
def test_next_stage(stage: str, following: CourseStage | None) -> None:
    assert next_stage(stage) == following


def test_an_unknown_stage_is_an_error() -> None:
    with pytest.raises(ValueError, match="stage_4"):
        next_stage("stage_4")


@pytest.mark.parametrize(("current", "to", "allowed"), [
    ("not_started", "recognise", True), ("recognise", "build", True), ("build", "apply", True),
    ("apply", "completed", True),
    ("recognise", "apply", False),  # skipping a stage
    ("build", "recognise", False),  # going back
    ("build", "build", False),  # staying
    ("completed", "completed", False), ("completed", "not_started", False),
    ("recognise", "unknown", False), ("recognise", "", False),
])
def test_a_course_moves_one_stage_at_a_time(current: str, to: str, allowed: bool) -> None:
    assert stage_transition_allowed(current, to) is allowed


@pytest.mark.parametrize(("stage", "active", "may"), [
    ("recognise", True, True), ("apply", True, True), ("not_started", True, True),
    ("completed", True, False), ("recognise", False, False), ("completed", False, False),
])
def test_only_an_active_course_with_a_next_stage_moves_on(stage: str, active: bool, may: bool) -> None:
    assert stage_may_move_on(stage, active=active) is may


@pytest.mark.parametrize(("stage", "number"), [
    (S.NOT_STARTED, None), (S.RECOGNISE, Stage.RECOGNISE), (S.BUILD, Stage.BUILD), (S.APPLY, Stage.APPLY),
    (S.COMPLETED, None),
])
def test_plan_stage_numbers(stage: CourseStage, number: Stage | None) -> None:
    assert plan_stage(stage) is number
    if number is not None:
        assert course_stage(int(number)) is stage


@pytest.mark.parametrize("number", [0, 4, -1])
def test_only_plan_stages_1_to_3_have_a_course_stage(number: int) -> None:
    with pytest.raises(ValueError, match="is not a valid Stage"):
        course_stage(number)


@pytest.mark.parametrize(("attended", "missed", "rate"), [
    (0, 0, None), (1, 0, 1.0), (0, 1, 0.0), (1, 1, 0.5), (2, 1, 0.67), (1, 2, 0.33), (7, 1, 0.88),
])
def test_attendance_rate(attended: int, missed: int, rate: float | None) -> None:
    assert attendance_rate(attended, missed) == rate


def test_attendance_counts_are_never_negative() -> None:
    with pytest.raises(ValueError, match="counts"):
        attendance_rate(-1, 2)


# --- timing ------------------------------------------------------------------------------------------------------

MONDAY = datetime(2025, 3, 3, 17, 0, tzinfo=UTC)


@pytest.mark.parametrize(("sessions", "started_on", "zone", "start"), [
    # started on 3 March (local midnight), first session that evening: the start date
    ((MONDAY + timedelta(weeks=1), MONDAY), date(2025, 3, 3), "Europe/London", datetime(2025, 3, 3, tzinfo=UTC)),
    ((MONDAY,), date(2025, 3, 3), "Europe/Amsterdam", datetime(2025, 3, 2, 23, 0, tzinfo=UTC)),
    ((MONDAY,), date(2025, 3, 4), "Europe/London", MONDAY),  # a session before the start date: the session
    ((MONDAY + timedelta(weeks=1), MONDAY), None, "Europe/London", MONDAY),  # not activated: the first session
    ((), date(2025, 2, 20), "Europe/Amsterdam", datetime(2025, 2, 19, 23, 0, tzinfo=UTC)),  # local midnight
    ((), date(2025, 2, 20), "America/New_York", datetime(2025, 2, 20, 5, 0, tzinfo=UTC)),
    ((), None, "Europe/London", None),
])
def test_course_start(sessions: tuple[datetime, ...], started_on: date | None, zone: str,
                      start: datetime | None) -> None:
    assert course_start(session_starts=sessions, started_on=started_on, zone=zone) == start


@pytest.mark.parametrize(("now", "week"), [
    (MONDAY - timedelta(seconds=1), None), (MONDAY, 1), (MONDAY + timedelta(days=6, hours=23), 1),
    (MONDAY + timedelta(weeks=1), 2), (MONDAY + timedelta(weeks=5, hours=1), 6),
    (MONDAY + timedelta(weeks=15, days=6), 16), (MONDAY + timedelta(weeks=40), 16),  # at most the course's weeks
])
def test_course_week(now: datetime, week: int | None) -> None:
    assert course_week(MONDAY, now=now, weeks=16) == week


def test_no_start_no_week() -> None:
    assert course_week(None, now=MONDAY, weeks=16) is None


@pytest.mark.parametrize(("day", "at", "zone", "utc"), [
    (date(2025, 6, 2), time(18, 0), "Europe/Amsterdam", datetime(2025, 6, 2, 16, 0, tzinfo=UTC)),
    (date(2025, 1, 6), time(18, 0), "Europe/Amsterdam", datetime(2025, 1, 6, 17, 0, tzinfo=UTC)),
    # the clocks go back on 26 October 2025: 02:30 happens twice, and means the first time (summer time)
    (date(2025, 10, 26), time(2, 30), "Europe/Amsterdam", datetime(2025, 10, 26, 0, 30, tzinfo=UTC)),
    (date(2025, 3, 30), time(3, 0), "Europe/Amsterdam", datetime(2025, 3, 30, 1, 0, tzinfo=UTC)),
])
def test_local_start(day: date, at: time, zone: str, utc: datetime) -> None:
    assert local_start(day, at, zone) == utc


@pytest.mark.parametrize(("day", "at", "zone"), [
    (date(2025, 3, 30), time(2, 30), "Europe/Amsterdam"),  # the clocks skip 02:00-03:00
    (date(2025, 3, 30), time(2, 0), "Europe/Amsterdam"),
    (date(2025, 3, 9), time(2, 15), "America/New_York"),
])
def test_a_time_the_clocks_skip_is_refused(day: date, at: time, zone: str) -> None:
    with pytest.raises(SkippedLocalTime):
        local_start(day, at, zone)


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "", "../etc/passwd"])
def test_an_unknown_zone_is_refused(zone: str) -> None:
    with pytest.raises(UnknownTimeZone):
        local_start(date(2025, 6, 2), time(18, 0), zone)


def test_weekly_starts_keep_the_local_time_across_a_clock_change() -> None:
    starts = weekly_starts(date(2025, 3, 24), time(18, 0), "Europe/Amsterdam", [1, 2])
    assert starts == [datetime(2025, 3, 24, 17, 0, tzinfo=UTC), datetime(2025, 3, 31, 16, 0, tzinfo=UTC)]


def test_weekly_starts_check_the_first_day() -> None:
    with pytest.raises(SkippedLocalTime):
        weekly_starts(date(2025, 3, 30), time(2, 30), "Europe/Amsterdam", [1, 2])
