"""Errors raised by instrument lookup and scoring."""

from __future__ import annotations


class AnswerError(ValueError):
    """Answers cannot be scored. `item_code` and `position` (1-based) name the offending item when there
    is one; the message names it too, e.g. "phq9_q3 (item 3): 4 is out of range 0-3"."""

    def __init__(self, message: str, *, item_code: str | None = None, position: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.item_code = item_code
        self.position = position


class UnknownInstrument(LookupError):
    """No instrument is registered under this code."""

    def __init__(self, code: str, known: tuple[str, ...]) -> None:
        super().__init__(f"unknown instrument {code!r}; known instruments: {', '.join(known)}")
        self.code = code
