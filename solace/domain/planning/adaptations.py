"""What each screening adaptation does to a course, and why (the seed and clinical-reference.md, cited per rule).

| Adaptation            | Change to the plan                                                                  |
|-----------------------|-------------------------------------------------------------------------------------|
| extended_foundation   | more stage-1 sessions (weeks added up to 20, or taken from stages 2-3 if fixed)     |
| slow_pacing           | at most one new practice per session; extra parts become sessions of their own       |
| exposure_integration  | coordination sessions after the formulation and before stage 3                     |
| medication_monitoring | medication-response check-ins in week 2, every 4 weeks after, and the last week    |
| cbt_coordination      | a coordination note in session 1, reviews at the start of stages 2 and 3, homework  |
|                       | kept to 10 minutes a day                                                             |
| safety_plan           | safety planning in session 1                                                         |
| grounding_first       | grounding opens every session until imagery starts; a grounding check comes first  |

Pure: the functions here return blocks, add-ons and notes; layout.py places them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from types import MappingProxyType
from typing import Final

from solace.domain.planning import sources
from solace.domain.planning.content import (
    CONCERN_PHRASES,
    COURSES,
    EXPOSURE_AFTER_FORMULATION,
    EXPOSURE_BEFORE_APPLYING,
    FOUNDATION_NOTE,
    GROUNDING_CHECK,
    NO_CONCERNS,
    SAFETY_FIRST,
    SAFETY_FIRST_FOCUS,
    Block,
    foundation_blocks,
)
from solace.domain.planning.exercises import EXERCISES
from solace.domain.planning.layout import AddOn, SessionDraft, block_minutes, new_practices, practices
from solace.domain.planning.vocabulary import Adaptation, Concern, CourseFormat, Stage

A = Adaptation

REASONS: Final[Mapping[Adaptation, str]] = MappingProxyType({
    A.EXTENDED_FOUNDATION: (
        f"Severe anxiety or severe borderline personality needs a longer foundational phase. {sources.SEED_FOUNDATION}"
    ),
    A.SLOW_PACING: (
        "Strong self-criticism can meet compassion practice with resistance or a rise in threat, so new practices "
        f"come one at a time. {sources.SEED_PACE} {sources.REF_PACING}"
    ),
    A.EXPOSURE_INTEGRATION: (
        "PTSD may need exposure therapy alongside CFT; CFT is proposed mainly for stabilisation, so the two are "
        f"coordinated. {sources.SEED_EXPOSURE} {sources.REF_STABILISATION}"
    ),
    A.MEDICATION_MONITORING: (
        f"Compassion work can heighten emotional sensitivity and change the response to antidepressants. "
        f"{sources.SEED_MEDICATION}"
    ),
    A.CBT_COORDINATION: (
        f"CFT can be combined with CBT if the techniques do not conflict and the homework load stays manageable. "
        f"{sources.SEED_CBT}"
    ),
    A.SAFETY_PLAN: (
        f"Risk must be addressed before compassion work starts. {sources.SEED_WARNING}"
    ),
    A.GROUNDING_FIRST: (
        "Imagery can raise threat, and dissociation or trauma symptoms need a reliable way back to the present "
        f"before imagery begins. {sources.REF_FEARS_OF_COMPASSION} {sources.SEED_EMERGENCY_SKILLS}"
    ),
})

MEDICATION_FIRST_WEEK: Final = 2
MEDICATION_INTERVAL_WEEKS: Final = 4
"""Check-ins in week 2 (the seed warns of fluctuations in the initial stages), then every 4 weeks, and in the last
week unless one fell in the week before: a Solace design choice aligned with the 4-weekly RSES."""
CBT_HOMEWORK_MINUTES: Final = 10
"""With concurrent CBT, daily CFT homework is kept to the seed's lower bound (seed: "modifying homework
difficulty")."""


def desired_blocks(course_format: CourseFormat, adaptations: frozenset[Adaptation], concerns: Sequence[Concern],
                   session_minutes: int) -> dict[Stage, list[Block]]:
    """The blocks each stage would have with enough weeks: the format's course, plus what adaptations add."""
    course = COURSES[course_format]
    stages = {stage: [_name_concerns(block, concerns) for block in course[stage]] for stage in Stage}
    if A.SAFETY_PLAN in adaptations:
        stages[Stage.RECOGNISE] = _safety_first(stages[Stage.RECOGNISE], session_minutes)
    if A.EXPOSURE_INTEGRATION in adaptations:
        stages[Stage.RECOGNISE].append(EXPOSURE_AFTER_FORMULATION)
        stages[Stage.BUILD].insert(_before_trailing_family_sessions(stages[Stage.BUILD]), EXPOSURE_BEFORE_APPLYING)
    if A.EXTENDED_FOUNDATION in adaptations:
        stages[Stage.RECOGNISE].extend(foundation_blocks(course))
    if A.GROUNDING_FIRST in adaptations:
        stages[Stage.BUILD].insert(_first_imagery_block(stages[Stage.BUILD]), GROUNDING_CHECK)
    if A.SLOW_PACING in adaptations:
        stages = _one_new_practice_per_block(stages)
    return stages


def _safety_first(blocks: Sequence[Block], session_minutes: int) -> list[Block]:
    """Safety planning joins the first session when it fits there, else it has session 1 to itself."""
    first = blocks[0]
    joined = replace(first, focus=f"{SAFETY_FIRST_FOCUS}; {first.focus}", items=("safety_planning", *first.items))
    if block_minutes(joined) <= session_minutes:
        return [joined, *blocks[1:]]
    return [SAFETY_FIRST, *blocks]


def _first_imagery_block(blocks: Sequence[Block]) -> int:
    return next((i for i, block in enumerate(blocks) if any(EXERCISES[c].imagery for c in block.items)), 0)


def _before_trailing_family_sessions(blocks: Sequence[Block]) -> int:
    """Where a clinician-only block goes at the end of a stage: before the family sessions that close it, so it
    can share a session with the clinician-only block before them when weeks are short."""
    index = len(blocks)
    while index and blocks[index - 1].family:
        index -= 1
    return index


def _name_concerns(block: Block, concerns: Sequence[Concern]) -> Block:
    if not block.applies_to_concerns:
        return block
    named = ", ".join(CONCERN_PHRASES[concern] for concern in concerns) or NO_CONCERNS
    return replace(block, focus=block.focus.format(concerns=named))


def _one_new_practice_per_block(stages: Mapping[Stage, Sequence[Block]]) -> dict[Stage, list[Block]]:
    known: set[str] = set()
    split: dict[Stage, list[Block]] = {}
    for stage in Stage:
        split[stage] = []
        for block in stages[stage]:
            split[stage].extend(_split(block, known))
            known.update(practices(block.items))
    return split


def _split(block: Block, known: set[str]) -> list[Block]:
    extra = new_practices(block.items, known)[1:]
    if not extra:
        return [block]
    rank = block.drop_rank if block.drop_rank is not None else block.split_rank
    first = new_practices(block.items, known)[0]
    parts = [replace(block, focus=f"{block.focus}: {EXERCISES[first].title.lower()} first",
                     items=tuple(code for code in block.items if code not in extra))]
    parts += [
        Block(focus=f"{EXERCISES[code].title}: one new practice at a time", items=(code,), drop_rank=rank,
              family=block.family, adaptation=A.SLOW_PACING.value)
        for code in extra
    ]
    return parts


def add_ons(adaptations: frozenset[Adaptation], weeks: int, stage_starts: Sequence[int]) -> list[AddOn]:
    found: list[AddOn] = []
    if A.MEDICATION_MONITORING in adaptations:
        found += [AddOn("medication_check_in", week, MEDICATION_NOTE) for week in medication_weeks(weeks)]
    if A.CBT_COORDINATION in adaptations:
        found += [AddOn("cbt_coordination_review", week, CBT_REVIEW_NOTE) for week in stage_starts[1:]]
    return found


def medication_weeks(weeks: int) -> list[int]:
    planned = list(range(MEDICATION_FIRST_WEEK, weeks + 1, MEDICATION_INTERVAL_WEEKS))
    if weeks - planned[-1] >= 2:
        planned.append(weeks)
    return planned


MEDICATION_NOTE: Final = (
    "Medication-response check-in: ask about changes in mood, sleep, side effects and emotional sensitivity; pass "
    "any change to the prescriber."
)
CBT_REVIEW_NOTE: Final = (
    "CBT coordination milestone: compare what CFT and CBT are practising now, resolve clashes, check homework load."
)
CBT_START_NOTE: Final = (
    "CBT coordination: with consent, tell the CBT provider about this plan; agree which techniques each therapy "
    "uses, and keep CFT homework to 10 minutes a day."
)
SAFETY_PLAN_NOTE: Final = "Safety plan first: make it in this session, before any compassion practice."
SAFETY_PLAN_END_NOTE: Final = "Add the safety plan to the personal practice manual."
GROUNDING_IMAGERY_NOTE: Final = (
    "Grounding first: open with grounding and start the imagery only if grounding works reliably for the patient."
)
IMAGERY_NOTE: Final = (
    "First imagery of the course: imagery can raise threat in people high in self-criticism or fears of "
    "compassion (Rockliff et al. 2008; 2011). Keep it short, ask what came up, offer a way out."
)
CHAIR_WORK_NOTE: Final = (
    "First chair work: start only if the patient settles with soothing practice and has practised the "
    "compassionate self; keep trauma memories out unless agreed with the trauma therapist."
)
GROUP_INDIVIDUAL_ITEMS_NOTE: Final = (
    "In a group, do the {titles} with each member concerned individually, in the time this agenda sets aside or "
    "in a separate slot."
)


def slow_pacing_note(code: str) -> str:
    return (f"Slow pacing: {EXERCISES[code].title} is the only new practice today; if it meets resistance, return "
            "to earlier practice and try again next session.")


def add_notes(drafts: Sequence[SessionDraft], adaptations: frozenset[Adaptation],
              course_format: CourseFormat) -> None:
    """Adaptation notes and the two safety notes every plan carries (first imagery, first chair work)."""
    first, last = drafts[0], drafts[-1]
    if A.EXTENDED_FOUNDATION in adaptations:
        for draft in drafts:
            if draft.stage is Stage.RECOGNISE:
                draft.notes.append(FOUNDATION_NOTE)
    if A.SAFETY_PLAN in adaptations:
        first.notes.append(SAFETY_PLAN_NOTE)
        last.notes.append(SAFETY_PLAN_END_NOTE)
    if A.CBT_COORDINATION in adaptations:
        first.notes.append(CBT_START_NOTE)
    imagery = _first_with(drafts, lambda code: EXERCISES[code].imagery)
    if imagery is not None:
        if A.GROUNDING_FIRST in adaptations:
            imagery.notes.append(GROUNDING_IMAGERY_NOTE)
        imagery.notes.append(IMAGERY_NOTE)
    chair_work = _first_with(drafts, lambda code: code == "chair_work")
    if chair_work is not None:
        chair_work.notes.append(CHAIR_WORK_NOTE)
    if A.SLOW_PACING in adaptations:
        _add_slow_pacing_notes(drafts)
    if course_format is CourseFormat.GROUP:
        _add_group_notes(drafts)


def _first_with(drafts: Sequence[SessionDraft], wanted: Callable[[str], bool]) -> SessionDraft | None:
    return next((draft for draft in drafts if any(wanted(code) for code in draft.agenda())), None)


def _add_slow_pacing_notes(drafts: Sequence[SessionDraft]) -> None:
    seen: set[str] = set()
    for draft in drafts:
        new = new_practices(draft.agenda(), seen)
        if new and draft.number > 1:
            draft.notes.append(slow_pacing_note(new[0]))
        seen.update(practices(draft.agenda()))


INDIVIDUAL_IN_GROUP: Final = ("safety_planning", "medication_check_in", "cbt_coordination_review",
                              "exposure_coordination")


def _add_group_notes(drafts: Sequence[SessionDraft]) -> None:
    for draft in drafts:
        individual = [EXERCISES[code].title.lower() for code in draft.agenda() if code in INDIVIDUAL_IN_GROUP]
        if individual:
            draft.notes.append(GROUP_INDIVIDUAL_ITEMS_NOTE.format(titles=" and ".join(individual)))
