"""The vocabulary of course planning: codes in, codes out (string and integer enums).

Every code here is part of the plan JSON contract shared by the web pages, the API and the CLI. The decision and
adaptation codes mirror those of `solace.domain.screening` on purpose (plans accept plain values, so planning
does not depend on screening); a change there needs the same change here.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum
from typing import Final, Literal


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
    Stage.RECOGNISE: "Psychoeducation and formulation",
    Stage.BUILD: "Building compassionate-mind skills",
    Stage.APPLY: "Applying compassion to problems",
}
"""Stage names as clinical-reference.md §1.4 gives them."""

AnyStage = Literal["any"]
ANY_STAGE: Final[AnyStage] = "any"
"""An exercise that may be used in every stage (care items, grounding, soothing rhythm breathing)."""


class Decision(StrEnum):
    """Screening decisions (the same codes as `solace.domain.screening.Decision`)."""

    SUITABLE = "suitable"
    SUITABLE_WITH_ADAPTATIONS = "suitable_with_adaptations"
    DEFER = "defer"
    NOT_SUITABLE = "not_suitable"


DECISIONS_ALLOWING_A_PLAN: Final = frozenset({Decision.SUITABLE, Decision.SUITABLE_WITH_ADAPTATIONS})


class Adaptation(StrEnum):
    """Screening adaptations (the same codes as `solace.domain.screening.Adaptation`), in the order plans list them."""

    EXTENDED_FOUNDATION = "extended_foundation"
    SLOW_PACING = "slow_pacing"
    EXPOSURE_INTEGRATION = "exposure_integration"
    MEDICATION_MONITORING = "medication_monitoring"
    CBT_COORDINATION = "cbt_coordination"
    SAFETY_PLAN = "safety_plan"
    GROUNDING_FIRST = "grounding_first"


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


class Concern(StrEnum):
    """Presenting concerns (the same codes as `solace.domain.screening.Concern`); plans use them to name what the
    stage-3 sessions apply compassion to."""

    CHRONIC_DEPRESSION = "chronic_depression"
    PTSD = "ptsd"
    SOCIAL_ANXIETY = "social_anxiety"
    SELF_HARM = "self_harm"
    SELF_CRITICISM = "self_criticism"
    LOW_SELF_ESTEEM = "low_self_esteem"
    DEPENDENT_PERSONALITY = "dependent_personality"
    HIGHLY_SENSITIVE = "highly_sensitive"
    PSYCHOSOMATIC_STRESS = "psychosomatic_stress"
    BORDERLINE_PERSONALITY = "borderline_personality"
