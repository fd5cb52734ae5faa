"""Errors raised by course planning and the exercise library."""

from __future__ import annotations


class PlanRefused(ValueError):
    """No course may be planned for this screening decision (`not_suitable` or `defer`). `reason` says why, in a
    sentence a clinician can read."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class PlanInputError(ValueError):
    """A planning choice is invalid. `field` names the request field (`weeks`, `session_minutes`, `format`,
    `adaptations`, `decision`, `concerns`) so forms and the API can attach the message to it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class UnknownExercise(LookupError):
    """No exercise is in the library under this code."""

    def __init__(self, code: str) -> None:
        super().__init__(f"unknown exercise {code!r}")
        self.code = code


class ExerciseDefinitionError(ValueError):
    """An exercise definition contradicts itself (raised when the library module is imported)."""
