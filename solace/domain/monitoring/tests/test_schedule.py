"""Due-ness of scheduled measures: windows per cadence, fulfilment, merging across rules, bad input."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from solace.domain.instruments import get_instrument
from solace.domain.monitoring.schedule import (
    DEFAULT_COURSE_SCHEDULE,
    FOLLOW_UP_AFTER,
    MILESTONE_LEAD,
    SESSION_LEAD,
    Cadence,
    Completion,
    CourseTimeline,
    Milestone,
    ScheduleError,
    ScheduleRule,
    due_measures,
    occasions,
)

START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)  # a Monday
WEEK = timedelta(weeks=1)
DAY = timedelta(days=1)


def weekly_course(weeks: int = 12, *, booked: int | None = None) -> CourseTimeline:
    count = weeks if booked is None else booked
    return CourseTimeline(start=START, weeks=weeks, session_starts=tuple(START + n * WEEK for n in range(count)))


def rule(instrument: str, cadence: Cadence, **fields: Any) -> ScheduleRule:
    return ScheduleRule(key=f"{instrument}-{cadence}", instrument=instrument, cadence=cadence,
                        assigned_at=START - 10 * DAY, **fields)


def due_codes(rules: list[ScheduleRule], course: CourseTimeline | None, done: list[Completion],
              now: datetime) -> list[str]:
    return [measure.instrument for measure in due_measures(rules, course, done, now)]


# --- every session -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("now", "session"),
    [
        (START - SESSION_LEAD, 1),  # opens exactly 3 days before session 1
        (START, 1),
        (START + WEEK - SESSION_LEAD - timedelta(seconds=1), 1),  # last second of session 1's window
        (START + WEEK - SESSION_LEAD, 2),  # session 2's window opens
        (START + 11 * WEEK + 6 * DAY, 12),  # after the last session, within its grace week
    ],
)
def test_every_session_window(now: datetime, session: int) -> None:
    [due] = due_measures([rule("phq9", Cadence.EVERY_SESSION)], weekly_course(), [], now)
    assert due.occasion.number == session and due.occasion.contains(now)


@pytest.mark.parametrize("now", [START - SESSION_LEAD - timedelta(seconds=1), START + 11 * WEEK + 7 * DAY])
def test_every_session_not_due_before_the_first_window_or_after_the_last(now: datetime) -> None:
    assert due_codes([rule("phq9", Cadence.EVERY_SESSION)], weekly_course(), [], now) == []


def test_every_session_is_fulfilled_by_a_response_in_the_window_only() -> None:
    now = START + WEEK  # session 2, window opened 3 days earlier
    rules = [rule("phq9", Cadence.EVERY_SESSION)]
    inside = Completion("phq9", START + WEEK - DAY)
    before = Completion("phq9", START + WEEK - SESSION_LEAD - timedelta(seconds=1))  # belongs to session 1
    other_instrument = Completion("gad7", START + WEEK - DAY)
    assert due_codes(rules, weekly_course(), [inside], now) == []
    assert due_codes(rules, weekly_course(), [before, other_instrument], now) == ["phq9"]


def test_every_session_needs_sessions() -> None:
    assert due_codes([rule("phq9", Cadence.EVERY_SESSION)], None, [], START) == []
    empty = CourseTimeline(start=START, weeks=12)
    assert due_codes([rule("phq9", Cadence.EVERY_SESSION)], empty, [], START) == []


def test_sessions_closer_than_the_lead_never_share_a_window() -> None:
    starts = (START, START + DAY, START + 2 * DAY)
    course = CourseTimeline(start=START, weeks=2, session_starts=starts)
    found = occasions(rule("phq9", Cadence.EVERY_SESSION), course, until=START + WEEK)
    assert [o.opens_at for o in found] == [START - SESSION_LEAD, START, START + DAY]
    assert [o.closes_at for o in found] == [START, START + DAY, START + 2 * DAY + 7 * DAY]


def test_sessions_are_sorted() -> None:
    shuffled = CourseTimeline(start=START, weeks=3, session_starts=(START + 2 * WEEK, START, START + WEEK))
    assert shuffled.session_starts == (START, START + WEEK, START + 2 * WEEK)


# --- every N weeks -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("now", "week"),
    [(START, 0), (START + 4 * WEEK - timedelta(seconds=1), 0), (START + 4 * WEEK, 4), (START + 9 * WEEK, 8),
     (START + 12 * WEEK, 12)],
)
def test_every_n_weeks_counts_from_the_course_start(now: datetime, week: int) -> None:
    [due] = due_measures([rule("rses", Cadence.EVERY_N_WEEKS, interval_weeks=4)], weekly_course(), [], now)
    assert due.occasion.number == week


def test_every_n_weeks_stops_after_the_course() -> None:
    course = weekly_course(12)
    rules = [rule("rses", Cadence.EVERY_N_WEEKS, interval_weeks=4)]
    assert due_codes(rules, course, [], START + 16 * WEEK) == []
    assert due_codes(rules, course, [], START - DAY) == []  # not before the course starts


def test_every_n_weeks_without_a_course_counts_from_the_assignment() -> None:
    assigned = START + 3 * DAY
    weekly = ScheduleRule("k", "k10", Cadence.EVERY_N_WEEKS, assigned, interval_weeks=2)
    [due] = due_measures([weekly], None, [], assigned + 5 * WEEK)
    assert due.occasion.opens_at == assigned + 4 * WEEK and due.occasion.number == 4


# --- milestones --------------------------------------------------------------------------------------------------

def test_milestone_dates_follow_the_booked_sessions() -> None:
    course = weekly_course(12)
    end = START + 11 * WEEK
    assert course.milestone_at(Milestone.BASELINE) == START
    assert course.milestone_at(Milestone.END) == end
    assert course.milestone_at(Milestone.MID) == START + (end - START) / 2
    assert course.milestone_at(Milestone.FOLLOW_UP) == end + FOLLOW_UP_AFTER


def test_milestones_use_the_planned_end_when_only_some_sessions_are_booked() -> None:
    assert weekly_course(12, booked=3).milestone_at(Milestone.END) == START + 11 * WEEK
    assert CourseTimeline(start=START, weeks=12).milestone_at(Milestone.BASELINE) == START


@pytest.mark.parametrize(
    ("now", "milestone"),
    [
        (START - MILESTONE_LEAD, Milestone.BASELINE),
        (START + 2 * WEEK, Milestone.BASELINE),  # baseline stays open until the mid-point window opens
        (START + 5.5 * WEEK - MILESTONE_LEAD, Milestone.MID),
        (START + 11 * WEEK, Milestone.END),
        (START + 11 * WEEK + FOLLOW_UP_AFTER, Milestone.FOLLOW_UP),
    ],
)
def test_milestone_windows(now: datetime, milestone: Milestone) -> None:
    every = rule("fscrs", Cadence.MILESTONES, milestones=tuple(Milestone))
    [due] = due_measures([every], weekly_course(12), [], now)
    assert due.occasion.milestone == milestone


def test_only_the_chosen_milestones_are_due() -> None:
    baseline_and_end = rule("fscrs", Cadence.MILESTONES, milestones=(Milestone.BASELINE, Milestone.END))
    assert due_codes([baseline_and_end], weekly_course(12), [], START + 6 * WEEK) == []
    assert due_codes([baseline_and_end], None, [], START) == []  # milestones need a course


# --- once, merging, ordering -------------------------------------------------------------------------------------

def test_once_is_due_until_completed_after_the_assignment() -> None:
    once = rule("pcl5", Cadence.ONCE)
    assert due_codes([once], None, [], START + 300 * DAY) == ["pcl5"]
    assert due_codes([once], None, [Completion("pcl5", START - 11 * DAY)], START) == ["pcl5"]  # before assigned
    assert due_codes([once], None, [Completion("pcl5", START)], START + DAY) == []
    assert due_codes([once], None, [], START - 11 * DAY) == []  # not before it was assigned


def test_one_entry_per_instrument_with_every_rule_that_asks() -> None:
    session = rule("phq9", Cadence.EVERY_SESSION)
    baseline = rule("phq9", Cadence.MILESTONES, milestones=(Milestone.BASELINE,))
    [due] = due_measures([session, baseline], weekly_course(), [], START)
    assert due.occasion.cadence is Cadence.MILESTONES  # opened first (7 days before, not 3)
    assert due.rule_keys == ("phq9-every_session", "phq9-milestones")


def test_one_response_fulfils_every_rule_asking_for_the_instrument() -> None:
    session = rule("phq9", Cadence.EVERY_SESSION)
    baseline = rule("phq9", Cadence.MILESTONES, milestones=(Milestone.BASELINE,))
    assert due_codes([session, baseline], weekly_course(), [Completion("phq9", START - DAY)], START) == []


def test_default_schedule_at_the_first_session() -> None:
    rules = [
        ScheduleRule(str(n), t.instrument, t.cadence, START - 10 * DAY, t.interval_weeks, t.milestones)
        for n, t in enumerate(DEFAULT_COURSE_SCHEDULE)
    ]
    assert due_codes(rules, weekly_course(), [], START) == ["fscrs", "scs_sf", "phq9", "gad7", "rses"]
    # a week later the baseline questionnaires are still open (until the mid-point window opens)
    assert due_codes(rules, weekly_course(), [], START + WEEK) == ["fscrs", "scs_sf", "rses", "phq9", "gad7"]
    done = [Completion(code, START) for code in ("fscrs", "scs_sf", "rses", "phq9", "gad7")]
    assert due_codes(rules, weekly_course(), done, START + WEEK) == ["phq9", "gad7"]


def test_default_schedule_names_shipped_instruments() -> None:
    for template in DEFAULT_COURSE_SCHEDULE:
        assert get_instrument(template.instrument).code == template.instrument


def test_time_zones_compare_as_instants() -> None:
    london_start = START.astimezone(ZoneInfo("Europe/London"))
    shanghai_done = Completion("phq9", (START - DAY).astimezone(ZoneInfo("Asia/Shanghai")))
    course = CourseTimeline(start=london_start, weeks=1, session_starts=(london_start,))
    assert due_codes([rule("phq9", Cadence.EVERY_SESSION)], course, [shanghai_done], START) == []


# --- bad input ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"cadence": Cadence.EVERY_N_WEEKS}, "every N weeks needs a whole number of weeks"),
        ({"cadence": Cadence.EVERY_N_WEEKS, "interval_weeks": 0}, "every N weeks needs a whole number of weeks"),
        ({"cadence": Cadence.ONCE, "interval_weeks": 2}, "only an every-N-weeks rule takes an interval"),
        ({"cadence": Cadence.MILESTONES}, "needs at least one milestone"),
        ({"cadence": Cadence.MILESTONES, "milestones": (Milestone.MID, Milestone.MID)}, "listed twice"),
        ({"cadence": Cadence.ONCE, "milestones": (Milestone.MID,)}, "only a milestone rule takes milestones"),
        ({"cadence": Cadence.ONCE, "assigned_at": datetime(2026, 1, 1)}, "must be time-zone aware"),
    ],
)
def test_contradictory_rules_are_refused(fields: dict[str, object], message: str) -> None:
    values = {"key": "k", "instrument": "phq9", "assigned_at": START} | fields
    with pytest.raises(ScheduleError, match=message):
        ScheduleRule(**values)  # type: ignore[arg-type]


def test_naive_times_are_refused_everywhere() -> None:
    naive = datetime(2026, 1, 1)
    with pytest.raises(ScheduleError):
        CourseTimeline(start=naive, weeks=4)
    with pytest.raises(ScheduleError):
        CourseTimeline(start=START, weeks=4, session_starts=(naive,))
    with pytest.raises(ScheduleError):
        CourseTimeline(start=START, weeks=0)
    with pytest.raises(ScheduleError):
        Completion("phq9", naive)
    with pytest.raises(ScheduleError):
        due_measures([], None, [], naive)


# --- properties --------------------------------------------------------------------------------------------------

moments = st.integers(min_value=-30 * 24, max_value=200 * 24).map(lambda hours: START + timedelta(hours=hours))
cadences = st.sampled_from(
    [
        {"cadence": Cadence.ONCE},
        {"cadence": Cadence.EVERY_SESSION},
        {"cadence": Cadence.EVERY_N_WEEKS, "interval_weeks": 3},
        {"cadence": Cadence.MILESTONES, "milestones": tuple(Milestone)},
    ]
)


@given(cadence=cadences, now=moments, weeks=st.integers(min_value=1, max_value=20))
def test_completing_what_is_due_makes_it_not_due(cadence: dict[str, Any], now: datetime, weeks: int) -> None:
    rules = [rule("phq9", **cadence)]
    course = weekly_course(weeks)
    due = due_measures(rules, course, [], now)
    assert len(due) <= 1
    if due:
        assert due[0].occasion.contains(now)
        assert due_measures(rules, course, [Completion("phq9", now)], now) == ()


@given(cadence=cadences, until=moments, weeks=st.integers(min_value=1, max_value=20))
def test_occasion_windows_are_ordered_and_never_overlap(
    cadence: dict[str, Any], until: datetime, weeks: int
) -> None:
    found = occasions(rule("phq9", **cadence), weekly_course(weeks), until=until)
    for earlier, later in itertools.pairwise(found):
        assert earlier.closes_at is not None and earlier.closes_at <= later.opens_at
    assert all(o.opens_at <= until and (o.closes_at is None or o.opens_at < o.closes_at) for o in found)
