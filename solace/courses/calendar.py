"""iCalendar (RFC 5545) for session times, written by hand: a VCALENDAR of VEVENTs with UTC start and end.

Only what the viewer already sees goes in: a neutral summary ("Therapy session 3"), the times, and for staff a
link back to the session page. No names, notes or diagnoses: calendar files leave Solace for phones and mail
servers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

PRODUCT_ID = "-//Solace//Therapy sessions//EN"
LINE_LIMIT = 75
"""Octets per content line before folding (RFC 5545 §3.1)."""


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    start: datetime
    end: datetime
    summary: str
    sequence: int = 0
    cancelled: bool = False
    url: str = ""


def _utc(moment: datetime) -> str:
    """DATE-TIME in UTC form (RFC 5545 §3.3.5, form #2): 19970714T173000Z."""
    if moment.tzinfo is None:
        raise ValueError("calendar times must be timezone-aware")
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def escape_text(value: str) -> str:
    """TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character; continuation lines start with a
    space (RFC 5545 §3.1)."""
    parts: list[str] = []
    current, size = "", 0
    for character in line:
        width = len(character.encode("utf-8"))
        limit = LINE_LIMIT if not parts else LINE_LIMIT - 1
        if size + width > limit:
            parts.append(current)
            current, size = "", 0
        current += character
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def _event_lines(event: CalendarEvent, stamp: str) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"DTSTAMP:{stamp}",
        f"DTSTART:{_utc(event.start)}",
        f"DTEND:{_utc(event.end)}",
        f"SUMMARY:{escape_text(event.summary)}",
        f"SEQUENCE:{event.sequence}",
        f"STATUS:{'CANCELLED' if event.cancelled else 'CONFIRMED'}",
        "TRANSP:OPAQUE",
    ]
    if event.url:
        lines.append(f"URL:{event.url}")
    lines.append("END:VEVENT")
    return lines


def calendar(events: Iterable[CalendarEvent], *, name: str, now: datetime) -> str:
    """The whole calendar object, CRLF line endings, ready to send as text/calendar."""
    stamp = _utc(now)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODUCT_ID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"X-WR-CALNAME:{escape_text(name)}"]
    for event in events:
        lines += _event_lines(event, stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
