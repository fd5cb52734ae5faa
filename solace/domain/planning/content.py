"""What a course covers, before it is fitted to a number of weeks: session blocks per format and stage.

A block is one session's main content (its focus and the exercises it introduces or repeats). Every session also
opens with a short settling practice (soothing rhythm breathing, or grounding when grounding comes first), which is
added when the plan is laid out. Blocks with a `drop_rank` are left out, highest rank first, when the weeks are
too few; required blocks never are (they may be merged with a neighbour when the session is long enough).

Sources: stage contents and their order follow clinical-reference.md §1.4, which every manualised group protocol
shares [C]. The group course follows the published group ordering (§1.5): sessions 1-3 as in the Trials 2023
protocol, then Cattani et al. 2021 Modules 3-12, with Modules 10 and 11 sharing a session so that 12 weekly
sessions hold it. No canonical individual session-by-session manual exists (§1.4 [X]); the individual and family
courses are Solace's arrangement of the same stage contents.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from solace.domain.planning import sources
from solace.domain.planning.vocabulary import Concern, CourseFormat, Stage


@dataclass(frozen=True)
class Block:
    focus: str
    items: tuple[str, ...]
    drop_rank: int | None = None
    """None: required. Otherwise optional, and left out before lower ranks when weeks are short."""
    family: bool = False
    """Family members attend (family format): the planned session's `family_attends`, and FAMILY_ATTENDS in its
    notes."""
    notes: tuple[str, ...] = ()
    applies_to_concerns: bool = False
    """The focus names the patient's concerns (`{concerns}` in the focus is filled in)."""
    adaptation: str | None = None
    """The adaptation code that added this block, if any."""
    imagery_gate: bool = False
    """Never shares a session with imagery (the grounding check that must come before it)."""
    split_rank: int | None = None
    """Drop rank of the parts split off when slow pacing allows one new practice per session; None keeps them
    required."""


Course = Mapping[Stage, tuple[Block, ...]]

CATTANI = "Follows Cattani et al. 2021"
TRIALS = "Follows the Trials 2023 group protocol"
AND_CATTANI = "and Cattani et al. 2021"
FAMILY_ATTENDS = "Family members attend this session."
"""The clinician-facing note on a family session; the plan's `family_attends` flag is what is read."""

_APPLYING = "Applying compassion to {concerns}"

CONCERN_PHRASES: Final[Mapping[Concern, str]] = MappingProxyType({
    Concern.CHRONIC_DEPRESSION: "low mood",
    Concern.PTSD: "trauma-related shame and self-blame",
    Concern.SOCIAL_ANXIETY: "feared social situations",
    Concern.SELF_HARM: "urges to self-harm",
    Concern.SELF_CRITICISM: "the inner critic",
    Concern.LOW_SELF_ESTEEM: "low self-worth",
    Concern.DEPENDENT_PERSONALITY: "relying on others and making one's own decisions",
    Concern.HIGHLY_SENSITIVE: "being easily overwhelmed",
    Concern.PSYCHOSOMATIC_STRESS: "stress felt in the body",
    Concern.BORDERLINE_PERSONALITY: "intense feelings in relationships",
})
"""How a stage-3 focus names the patient's concerns (seed: "applying these skills to real-life situations")."""
NO_CONCERNS: Final = "a current difficulty"

_INDIVIDUAL: Course = MappingProxyType({
    Stage.RECOGNISE: (
        Block("What compassion is, and a first soothing practice",
              ("compassion_introduction", "soothing_rhythm_breathing")),
        Block("The tricky brain: a brain we did not choose, shaped by our lives", ("tricky_brain",)),
        Block("The three systems in your life: drawing the three circles", ("three_circles",)),
        Block("Making sense of it: the threat-based formulation", ("threat_formulation",)),
    ),
    Stage.BUILD: (
        Block("Mindful attention", ("mindfulness",)),
        Block("Feeling safe: safe-place imagery and the compassionate colour",
              ("safe_place_imagery", "compassionate_colour"), split_rank=1),
        Block("Building the compassionate self", ("compassionate_self",)),
        Block("The compassionate self in daily life", ("compassionate_self",), drop_rank=3),
        Block("Receiving compassion: the compassionate other", ("compassionate_other",)),
        Block("Fears, blocks and resistances to compassion, added to the formulation", ("threat_formulation",),
              drop_rank=2),
    ),
    Stage.APPLY: (
        Block("Multiple selves: the critic, the hurt self and the compassionate self", ("chair_work",)),
        Block("A compassionate letter to yourself", ("compassionate_letter",)),
        Block("Shame and guilt, met by the compassionate self", ("compassionate_self",), drop_rank=2),
        Block(_APPLYING, ("compassionate_self",), drop_rank=1, applies_to_concerns=True),
        Block("Compassionate assertiveness and forgiveness, rehearsed in role-play", ("chair_work",), drop_rank=3),
        Block("A compassionate future: your personal practice manual", ("relapse_prevention",)),
    ),
})

_GROUP: Course = MappingProxyType({
    Stage.RECOGNISE: (
        Block("Group agreement, what compassion is (and is not), soothing rhythm breathing",
              ("group_agreement", "compassion_introduction", "soothing_rhythm_breathing"),
              notes=(f"{TRIALS}, session 1, {AND_CATTANI}, Module 1.",)),
        Block("The tricky brain and the social shaping of the self", ("tricky_brain",),
              notes=(f"{TRIALS}, session 2, {AND_CATTANI}, Module 1.",)),
        Block("Three systems of emotion: the three circles", ("three_circles",),
              notes=(f"{TRIALS}, session 3, {AND_CATTANI}, Module 2.",)),
    ),
    Stage.BUILD: (
        Block("Mindfulness", ("mindfulness",), notes=(f"{CATTANI}, Module 3.",)),
        Block("Feeling safe and receiving compassion from others", ("safe_place_imagery", "compassionate_other"),
              notes=(f"{CATTANI}, Module 4.",)),
        Block("The compassionate self", ("compassionate_self",), notes=(f"{CATTANI}, Module 5.",)),
    ),
    Stage.APPLY: (
        Block("Multiple selves", ("chair_work",), notes=(f"{CATTANI}, Module 6.",)),
        Block("Self-criticism: what the critic is trying to protect", ("threat_formulation",),
              notes=(f"{CATTANI}, Module 7; the critic as a threat-system safety strategy (four-column "
                     "formulation, clinical-reference.md §1.2).",)),
        Block("Shame and guilt", ("compassionate_self",), drop_rank=2, notes=(f"{CATTANI}, Module 8.",)),
        Block("Deepening compassion for the self: a compassionate letter", ("compassionate_letter",),
              notes=(f"{CATTANI}, Module 9.",)),
        Block("Compassionate assertiveness and forgiveness", ("chair_work",), drop_rank=1,
              notes=(f"{CATTANI}, Modules 10 and 11 (one session, so that the course keeps 12 weeks).",)),
        Block("Envisioning a compassionate future: your personal practice manual", ("relapse_prevention",),
              notes=(f"{CATTANI}, Module 12.",)),
    ),
})

_FAMILY: Course = MappingProxyType({
    Stage.RECOGNISE: (
        Block("Together: what compassion is, and a first soothing practice",
              ("compassion_introduction", "soothing_rhythm_breathing"), family=True),
        *_INDIVIDUAL[Stage.RECOGNISE][1:],
    ),
    Stage.BUILD: (
        Block("Mindful attention", ("mindfulness",)),
        Block("Feeling safe: safe-place imagery and the compassionate colour",
              ("safe_place_imagery", "compassionate_colour"), split_rank=1),
        Block("Building the compassionate self", ("compassionate_self",)),
        Block("Receiving compassion: the compassionate other", ("compassionate_other",)),
        Block("Together: compassionate communication in the family", ("compassionate_communication",),
              family=True),
    ),
    Stage.APPLY: (
        Block("Multiple selves: the critic, the hurt self and the compassionate self", ("chair_work",)),
        Block("A compassionate letter to yourself", ("compassionate_letter",)),
        Block("Together: answering distress and self-criticism at home with compassion",
              ("compassionate_communication",), drop_rank=1, family=True),
        Block(_APPLYING, ("compassionate_self",), drop_rank=2, applies_to_concerns=True),
        Block("Together: a compassionate future and the family's part in the practice manual",
              ("relapse_prevention",), family=True),
    ),
})

COURSES: Final[Mapping[CourseFormat, Course]] = MappingProxyType({
    CourseFormat.INDIVIDUAL: _INDIVIDUAL,
    CourseFormat.GROUP: _GROUP,
    CourseFormat.FAMILY: _FAMILY,
})


@dataclass(frozen=True)
class FormatDefaults:
    weeks: int
    session_minutes: int
    source: str


DEFAULTS: Final[Mapping[CourseFormat, FormatDefaults]] = MappingProxyType({
    CourseFormat.INDIVIDUAL: FormatDefaults(
        weeks=16, session_minutes=60,
        source=(f"{sources.REF_INDIVIDUAL_LENGTH} 16 weekly sessions is the upper end of that range, within the "
                f"seed's 12-20 weeks; 60 minutes is the seed's shortest session. {sources.SEED_DOSE}"),
    ),
    CourseFormat.GROUP: FormatDefaults(
        weeks=12, session_minutes=90,
        source=(f"{sources.REF_CATTANI} 12 weekly sessions. {sources.REF_GROUP_LENGTH} 90 minutes is the longest "
                f"session the seed allows. {sources.SEED_DOSE}"),
    ),
    CourseFormat.FAMILY: FormatDefaults(
        weeks=14, session_minutes=60,
        source=(f"{sources.REF_NO_FAMILY_PROTOCOL} {sources.SOLACE}: 14 weeks, the middle of the 12-16 sessions "
                f"individual CFT runs in trials ({sources.REF} §1.4), with family sessions in every stage. "
                f"{sources.SEED_DOSE}"),
    ),
})

COURSE_WEEKS: Final = (12, 20)
SESSION_MINUTES: Final = (60, 90)
"""Seed: "Treatment usually lasts 12-20 weeks, with weekly sessions of 60-90 minutes"."""

# --- blocks added by adaptations ---------------------------------------------------------------------------------


FOUNDATION_NOTE: Final = (
    "Longer foundational phase: go at the patient's pace and give soothing practice more time before skills "
    "building starts."
)


def foundation_blocks(course: Course) -> tuple[Block, ...]:
    """Extra stage-1 sessions for a longer foundational phase: half as many again as the format's stage 1
    (rounded up), revisiting the psychoeducation at a slower pace with more soothing practice. The proportion is
    a Solace design choice; the seed gives no number. They are optional with the lowest drop rank: when the
    clinician fixes a short course, stage 1 keeps as many as its share of the weeks allows."""
    revisits = (
        Block("Foundation: the tricky brain and \"not your fault\" again, at a slower pace", ("tricky_brain",),
              drop_rank=0, adaptation="extended_foundation", notes=(FOUNDATION_NOTE,)),
        Block("Foundation: the three circles again: what feeds the soothing circle?", ("three_circles",),
              drop_rank=0, adaptation="extended_foundation", notes=(FOUNDATION_NOTE,)),
    )
    count = math.ceil(len(course[Stage.RECOGNISE]) / 2)
    return tuple(revisits[index % len(revisits)] for index in range(count))


EXPOSURE_AFTER_FORMULATION: Final = Block(
    "Coordinating with the trauma work: CFT for safeness and stabilisation, exposure where agreed",
    ("exposure_coordination",), adaptation="exposure_integration",
    notes=("Agree with the trauma therapist which sessions work with trauma memories; CFT sessions build "
           "safeness and stabilisation (Rushforth et al. 2022).",),
)
EXPOSURE_BEFORE_APPLYING: Final = Block(
    "Coordinating with the trauma work before applying compassion to problems",
    ("exposure_coordination",), adaptation="exposure_integration",
    notes=("Review readiness with the trauma therapist before stage 3; plan how the compassionate self supports "
           "the exposure sessions.",),
)
SAFETY_FIRST_FOCUS: Final = "Safety first: a plan for difficult moments"
SAFETY_FIRST: Final = Block(SAFETY_FIRST_FOCUS, ("safety_planning",), adaptation="safety_plan")
"""Session 1 on its own when safety planning does not fit into the first session's usual content."""

GROUNDING_CHECK: Final = Block(
    "Grounding check before any imagery", ("grounding_skills",), adaptation="grounding_first", imagery_gate=True,
    notes=("Start imagery only when the patient can ground themselves reliably; otherwise repeat grounding "
           "practice before moving on.",),
)

STAGE_HOMEWORK: Final[Mapping[Stage, str]] = MappingProxyType({
    Stage.RECOGNISE: "soothing_rhythm_breathing",
    Stage.BUILD: "mindfulness",
    Stage.APPLY: "chair_work",
})
"""The daily practice set in each stage (seed homework kinds: journaling, meditation, self-dialogue training).
A stage's homework starts after its first session, so it is a practice that session teaches in every format
(soothing rhythm breathing in session 1, mindful attention and multiple selves in the first session of stages 2
and 3): the patient never practises a concept they have not met yet (the three circles come in session 3)."""
GROUNDING_HOMEWORK: Final = "grounding_skills"
