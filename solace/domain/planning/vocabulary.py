"""The vocabulary of course planning: codes in, codes out (string and integer enums).

Every code here is part of the plan JSON contract shared by the web pages, the API and the CLI. The decision,
adaptation and concern codes are screening's own (`solace.domain.screening.model`): planning takes what screening
decides, so there is one vocabulary and nothing to keep in step.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum
from typing import Final, Literal

from solace.domain.screening.model import Adaptation, Concern, Decision, decision_allows_course
from solace.domain.screening.text import gettext_noop

__all__ = [
    "ANY_STAGE",
    "STAGE_NAMES",
    "Adaptation",
    "AnyStage",
    "Concern",
    "CourseFormat",
    "Decision",
    "ExerciseKind",
    "HomeworkKind",
    "Stage",
    "decision_allows_course",
]


class CourseFormat(StrEnum):
    """The three CFT formats of the seed document: group, individual and family intervention models."""

    INDIVIDUAL = "individual"
    GROUP = "group"
    FAMILY = "family"


class Stage(IntEnum):
    """The three stages of a CFT course (seed: recognise, establish, apply; clinical-reference.md §1.4)."""

    RECOGNISE = 1
    BUILD = 2
    APPLY = 3

    @property
    def title(self) -> str:
        return STAGE_NAMES[self]


STAGE_NAMES: Final[dict[Stage, str]] = {
    Stage.RECOGNISE: gettext_noop("Psychoeducation and formulation"),
    Stage.BUILD: gettext_noop("Building compassionate-mind skills"),
    Stage.APPLY: gettext_noop("Applying compassion to problems"),
}
"""Stage names as clinical-reference.md §1.4 gives them: the one set of names, on plans and on courses (the web
layer's `courses.choices.STAGE_LABELS` derives from them)."""

AnyStage = Literal["any"]
ANY_STAGE: Final[AnyStage] = "any"
"""An exercise that may be used in every stage (care items, grounding, soothing rhythm breathing)."""


class ExerciseKind(StrEnum):
    PSYCHOEDUCATION = "psychoeducation"
    FORMULATION = "formulation"
    SETTLING = "settling"
    """A brief settling practice (soothing rhythm breathing, grounding) that opens sessions and helps the patient
    manage what other practices stir up."""
    PRACTICE = "practice"
    """A compassion practice (attention, imagery, writing, chair work, family communication): slow pacing
    introduces these one at a time."""
    CARE = "care"
    """Safety, coordination and group-process items: part of the session, not a compassion practice."""
    MAINTENANCE = "maintenance"


class HomeworkKind(StrEnum):
    """The homework forms the seed names."""

    SELF_DIALOGUE_TRAINING = "self_dialogue_training"
    MEDITATION = "meditation"
    EMOTIONAL_JOURNALING = "emotional_journaling"
    SELF_SOOTHING_WRITING = "self_soothing_writing"
