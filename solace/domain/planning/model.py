"""What goes into a course plan and what comes out: frozen dataclasses with the plan's JSON shape (`to_dict`)."""

from __future__ import annotations

from dataclasses import dataclass

from solace.domain.planning.vocabulary import CourseFormat


@dataclass(frozen=True)
class PlanRequest:
    """A clinician's planning choices, as plain values (forms, the API and the CLI fill it from JSON).

    `decision` and `adaptations` come from the screening result; `weeks` and `session_minutes` are the clinician's
    choice, or None for the format's default; `concerns` are presenting-concern codes. `plan_course` checks every
    field and raises PlanInputError naming the first invalid one.
    """

    decision: str
    format: str = CourseFormat.INDIVIDUAL.value
    adaptations: tuple[str, ...] = ()
    weeks: int | None = None
    session_minutes: int | None = None
    concerns: tuple[str, ...] = ()


@dataclass(frozen=True)
class StagePlan:
    number: int
    name: str
    weeks: tuple[int, ...]

    def to_dict(self) -> dict[str, object]:
        return {"number": self.number, "name": self.name, "weeks": list(self.weeks)}


@dataclass(frozen=True)
class PlannedSession:
    number: int
    week: int
    stage: int
    minutes: int
    agenda: tuple[str, ...]
    """Exercise codes in running order: the opening practice first."""
    focus: str
    notes: tuple[str, ...]
    family_attends: bool = False
    """Family members attend this session (family-format courses only). The flag, never the note that says so in
    words, is what the course pages read."""

    def to_dict(self) -> dict[str, object]:
        return {
            "number": self.number,
            "week": self.week,
            "stage": self.stage,
            "minutes": self.minutes,
            "agenda": list(self.agenda),
            "focus": self.focus,
            "notes": list(self.notes),
            "family_attends": self.family_attends,
        }


@dataclass(frozen=True)
class HomeworkAssignment:
    """The daily practice set during one stage."""

    stage: int
    exercise: str
    minutes_per_day: int
    kind: str
    instructions: str

    def to_dict(self) -> dict[str, object]:
        return {
            "stage": self.stage,
            "exercise": self.exercise,
            "minutes_per_day": self.minutes_per_day,
            "kind": self.kind,
            "instructions": self.instructions,
        }


@dataclass(frozen=True)
class PlannedMeasure:
    instrument: str
    when: str
    """"every_session", "every_<n>_weeks", or a milestone: "baseline", "mid", "end"."""

    def to_dict(self) -> dict[str, object]:
        return {"instrument": self.instrument, "when": self.when}


@dataclass(frozen=True)
class AppliedAdaptation:
    code: str
    effect: str
    """What changed in this plan, compared with the same plan without the adaptation."""
    reason: str
    """Why, with its source."""

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "effect": self.effect, "reason": self.reason}


@dataclass(frozen=True)
class CoursePlan:
    format: CourseFormat
    weeks: int
    session_minutes: int
    stages: tuple[StagePlan, ...]
    sessions: tuple[PlannedSession, ...]
    homework: tuple[HomeworkAssignment, ...]
    measures: tuple[PlannedMeasure, ...]
    adaptations: tuple[AppliedAdaptation, ...]

    def session(self, number: int) -> PlannedSession:
        return self.sessions[number - 1]

    def to_dict(self) -> dict[str, object]:
        return {
            "format": self.format.value,
            "weeks": self.weeks,
            "session_minutes": self.session_minutes,
            "stages": [stage.to_dict() for stage in self.stages],
            "sessions": [session.to_dict() for session in self.sessions],
            "homework": [item.to_dict() for item in self.homework],
            "measures": [measure.to_dict() for measure in self.measures],
            "adaptations": [adaptation.to_dict() for adaptation in self.adaptations],
        }
