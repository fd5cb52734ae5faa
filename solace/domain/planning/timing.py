"""When a course starts, which week it is in, and wall-clock session times across daylight-saving changes (pure:
time and zone names are passed in, never read here).

Sources: Solace design choices. Courses are weekly (the seed document, "Compassion-focused therapy" overview, and
clinical-reference.md §1.4-1.5: weekly sessions); how the start is counted and how clock changes are handled are
Solace's.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta


class UnknownTimeZone(ValueError):
    """The zone name is not in the time-zone database."""


class SkippedLocalTime(ValueError):
    """The wall-clock time does not exist on that day in that zone (the clocks go forward over it)."""


def course_start(*, session_starts: Iterable[datetime], started_on: date | None, zone: str) -> datetime | None:
    """When a course starts: midnight of the day it was started (activated) in the patient's `zone`, or its first
    session that was not cancelled (pass only those) when that came earlier; None when neither exists. Solace
    design choice: a course runs from its start date, and sessions booked before it (moved or entered late) still
    fall inside the course."""
    candidates = list(session_starts)
    if started_on is not None:
        candidates.append(datetime.combine(started_on, time(0), tzinfo=_zone(zone)))
    return min(candidates, default=None)


def course_week(start: datetime | None, *, now: datetime, weeks: int) -> int | None:
    """Which week of the course `now` falls in: 1-based, counted in whole weeks from `start`, and at most the
    course's `weeks`; None before the course starts (or when it has no start). Solace design choice."""
    if start is None or now < start:
        return None
    return min(weeks, (now - start) // timedelta(weeks=1) + 1)


def local_start(day: date, at: time, zone: str) -> datetime:
    """A wall-clock time in `zone` as UTC. A time the clocks skip on that day (daylight saving starts) raises
    SkippedLocalTime: it does not exist there, and guessing would move the session by an hour. A time that
    happens twice (daylight saving ends) means its first occurrence. Unknown zones raise UnknownTimeZone.
    Solace design choice."""
    local = datetime.combine(day, at, tzinfo=_zone(zone))
    round_trip = local.astimezone(UTC).astimezone(local.tzinfo)
    if round_trip.replace(tzinfo=None) != local.replace(tzinfo=None):
        raise SkippedLocalTime(f"{at:%H:%M} does not exist on {day} in {zone}")
    return local.astimezone(UTC)


def weekly_starts(first_day: date, at: time, zone: str, weeks: Iterable[int]) -> list[datetime]:
    """The same wall-clock time in `zone`, in each given course week (week 1 is `first_day`), as UTC: across a
    daylight-saving change the UTC time moves and the local time does not. Checks the first day's time with
    `local_start`. Solace design choice."""
    local_start(first_day, at, zone)
    tz = _zone(zone)
    return [datetime.combine(first_day + timedelta(weeks=week - 1), at, tzinfo=tz).astimezone(UTC) for week in weeks]


def _zone(name: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise UnknownTimeZone(name) from None
