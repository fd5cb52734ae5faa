"""From validated choices to sessions, homework and stages: the planning pipeline (see layout.py for the mechanics
and adaptations.py for the rules)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from solace.domain.planning.adaptations import (
    CBT_HOMEWORK_MINUTES,
    add_notes,
    add_ons,
    desired_blocks,
)
from solace.domain.planning.content import COURSE_WEEKS, FAMILY_ATTENDS, GROUNDING_HOMEWORK, STAGE_HOMEWORK, Block
from solace.domain.planning.exercises import EXERCISES
from solace.domain.planning.layout import (
    SessionDraft,
    allocate,
    fit_stage,
    floors,
    lay_out,
    lengthen_first_stage,
    minimum_length,
    place_add_ons,
    practices,
)
from solace.domain.planning.model import HomeworkAssignment, PlannedSession, StagePlan
from solace.domain.planning.vocabulary import Adaptation, Concern, CourseFormat, Stage


@dataclass(frozen=True)
class Choices:
    """A validated request."""

    format: CourseFormat
    adaptations: frozenset[Adaptation]
    weeks: int | None
    """None: as many weeks as the content wants, within 12-20."""
    session_minutes: int
    concerns: tuple[Concern, ...]

    def without(self, adaptation: Adaptation) -> Choices:
        return replace(self, adaptations=self.adaptations - {adaptation})


@dataclass(frozen=True)
class Built:
    choices: Choices
    weeks: int
    stages: tuple[StagePlan, ...]
    sessions: tuple[PlannedSession, ...]
    homework: tuple[HomeworkAssignment, ...]
    minimum_weeks: Mapping[Stage, int]
    """The fewest sessions each stage's content fits into at this session length (after leaving out what may be
    left out)."""

    def stage_length(self, stage: Stage) -> int:
        return len(self.stages[stage - 1].weeks)


def build(choices: Choices) -> Built:
    adaptations = choices.adaptations
    slow = Adaptation.SLOW_PACING in adaptations
    blocks = desired_blocks(choices.format, adaptations, choices.concerns, choices.session_minutes)
    known = _known_before_each_stage(blocks)
    capacity = choices.session_minutes
    minimum = {stage: minimum_length(blocks[stage], capacity, known[stage], slow) for stage in Stage}
    weeks, lengths = _stage_lengths(choices.weeks, blocks, minimum)
    fitted = {stage: fit_stage(blocks[stage], lengths[stage], stage, capacity, known[stage], slow) for stage in Stage}
    drafts = lay_out(fitted, capacity=capacity, slow=slow, grounding_first=Adaptation.GROUNDING_FIRST in adaptations)
    starts = _stage_starts(lengths)
    place_add_ons(drafts, add_ons(adaptations, weeks, starts), capacity)
    add_notes(drafts, adaptations, choices.format)
    return Built(
        choices=choices,
        weeks=weeks,
        stages=tuple(
            StagePlan(number=int(stage), name=stage.title, weeks=tuple(range(starts[i], starts[i] + lengths[stage])))
            for i, stage in enumerate(Stage)
        ),
        sessions=tuple(_frozen(draft, capacity) for draft in drafts),
        homework=tuple(_homework(stage, adaptations) for stage in Stage),
        minimum_weeks=minimum,
    )


def _stage_lengths(fixed_weeks: int | None, blocks: Mapping[Stage, list[Block]],
                   minimum: Mapping[Stage, int]) -> tuple[int, dict[Stage, int]]:
    """The course length (the clinician's, or what the blocks want within 12-20 weeks) and each stage's share."""
    foundation = sum(1 for block in blocks[Stage.RECOGNISE] if block.adaptation == Adaptation.EXTENDED_FOUNDATION)
    desired = {stage: len(blocks[stage]) - (foundation if stage is Stage.RECOGNISE else 0) for stage in Stage}
    required = {stage: sum(1 for block in blocks[stage] if block.drop_rank is None) for stage in Stage}
    if fixed_weeks is not None:
        # Stage 1 takes its foundation weeks from stages 3 and 2.
        shared = allocate(fixed_weeks, desired, floors(minimum, required, fixed_weeks))
        return fixed_weeks, lengthen_first_stage(shared, foundation, minimum)
    low, high = COURSE_WEEKS
    weeks = min(high, max(low, sum(desired.values()) + foundation))
    # The course grew by the foundation sessions (up to 20 weeks): share out the rest, then add them to stage 1.
    rest = weeks - foundation
    lengths = allocate(rest, desired, floors(minimum, required, rest))
    lengths[Stage.RECOGNISE] += foundation
    return weeks, lengths


def _known_before_each_stage(blocks: Mapping[Stage, list[Block]]) -> dict[Stage, set[str]]:
    """The compassion practices met in earlier stages (what slow pacing no longer counts as new)."""
    before: dict[Stage, set[str]] = {}
    running: set[str] = set()
    for stage in Stage:
        before[stage] = set(running)
        running.update(code for block in blocks[stage] for code in practices(block.items))
    return before


def _stage_starts(lengths: Mapping[Stage, int]) -> list[int]:
    starts, week = [], 1
    for stage in Stage:
        starts.append(week)
        week += lengths[stage]
    return starts


def _frozen(draft: SessionDraft, minutes: int) -> PlannedSession:
    return PlannedSession(
        number=draft.number,
        week=draft.number,
        stage=int(draft.stage),
        minutes=minutes,
        agenda=draft.agenda(),
        focus=draft.block.focus,
        notes=tuple(dict.fromkeys([*([FAMILY_ATTENDS] if draft.block.family else []), *draft.notes])),
        family_attends=draft.block.family,
    )


def _homework(stage: Stage, adaptations: frozenset[Adaptation]) -> HomeworkAssignment:
    code = STAGE_HOMEWORK[stage]
    if stage is Stage.RECOGNISE and Adaptation.GROUNDING_FIRST in adaptations:
        code = GROUNDING_HOMEWORK
    form = EXERCISES[code].homework
    assert form is not None, code  # the content tables only name exercises with a homework form
    minutes = form.minutes_per_day
    if Adaptation.CBT_COORDINATION in adaptations:
        minutes = min(minutes, CBT_HOMEWORK_MINUTES)
    return HomeworkAssignment(stage=int(stage), exercise=code, minutes_per_day=minutes, kind=form.kind.value,
                              instructions=form.instructions)
