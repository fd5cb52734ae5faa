"""Laying a course out over weeks: stage lengths, fitting blocks into them, and session agendas that fit the
session length.

The mechanics only; what the blocks contain is in content.py and why adaptations add what they add is in
adaptations.py. Every step is deterministic, so the same request always gives the same plan.

- Stage lengths are shared out in proportion to the number of blocks each stage wants (largest remainder, ties
  to the earlier stage), never below the fewest sessions a stage can be fitted into and, where the weeks allow,
  not below one session per required block. Foundation sessions (extended foundation) then go to stage 1: added
  weeks when the course may grow, weeks taken from stages 3 and 2 when its length is fixed.
- A stage with too many blocks first leaves out optional blocks (highest drop rank first), then merges neighbours
  into as many sessions as it has, as even in length as possible, never merging what must stay apart (family and
  individual sessions, the grounding check and imagery, two new practices under slow pacing) or what would not
  fit the session. A stage with spare weeks gets practice-and-review sessions spread evenly through it (never
  after the last block of stage 3, which closes the course).
- Each block is one session, opened by a short settling practice. Fitting assumes a 10-minute opening for every
  block, so sessions never overrun; `_check` makes sure. Add-on items (check-ins, reviews) go to the session
  nearest their target week that has room.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Final

from solace.domain.planning.content import Block
from solace.domain.planning.exercises import EXERCISES
from solace.domain.planning.vocabulary import ExerciseKind, Stage

SETTLING: Final = "soothing_rhythm_breathing"
GROUNDING: Final = "grounding_skills"
OPENING_MINUTES: Final = max(EXERCISES[SETTLING].minutes, EXERCISES[GROUNDING].minutes)


class LayoutError(RuntimeError):
    """The content cannot be laid out in the weeks and minutes given. Valid requests never raise it (a property
    test checks every format, adaptation set, length and session length); it means a content table was changed
    so that it no longer fits 12 weeks of 60-minute sessions."""


def minutes_of(codes: Iterable[str]) -> int:
    return sum(EXERCISES[code].minutes for code in dict.fromkeys(codes))


def practices(codes: Iterable[str]) -> list[str]:
    """The compassion practices among `codes` (what slow pacing introduces one at a time)."""
    return [code for code in dict.fromkeys(codes) if EXERCISES[code].kind is ExerciseKind.PRACTICE]


def new_practices(codes: Iterable[str], seen: set[str]) -> list[str]:
    return [code for code in practices(codes) if code not in seen]


def block_minutes(block: Block) -> int:
    return OPENING_MINUTES + minutes_of(block.items)


# --- fitting blocks into a stage ---------------------------------------------------------------------------------


def merge(first: Block, second: Block) -> Block:
    ranks = (first.drop_rank, second.drop_rank)
    return replace(
        first,
        focus=f"{first.focus}; {second.focus}",
        items=tuple(dict.fromkeys(first.items + second.items)),
        drop_rank=None if None in ranks else min(r for r in ranks if r is not None),
        notes=tuple(dict.fromkeys(first.notes + second.notes)),
        applies_to_concerns=first.applies_to_concerns or second.applies_to_concerns,
        adaptation=first.adaptation or second.adaptation,
    )


def _fits_one_session(group: Sequence[Block], before: Sequence[Block], capacity: int, seen: set[str],
                      slow: bool) -> bool:
    """Can these neighbouring blocks share one session? Same audience, within the session length, and with slow
    pacing at most one practice new to the patient."""
    items = [code for block in group for code in block.items]
    if len({block.family for block in group}) > 1 or OPENING_MINUTES + minutes_of(items) > capacity:
        return False
    if any(block.imagery_gate for block in group) and any(EXERCISES[code].imagery for code in items):
        return False
    known = seen | {code for block in before for code in practices(block.items)}
    return not slow or len(new_practices(items, known)) <= 1


def _merged(group: Sequence[Block]) -> Block:
    combined = group[0]
    for block in group[1:]:
        combined = merge(combined, block)
    return combined


def _partitions(blocks: Sequence[Block], capacity: int, seen: set[str], slow: bool) -> dict[int, tuple[int, ...]]:
    """For every reachable number of sessions, where to cut `blocks` into that many sessions of merged neighbours,
    keeping sessions as even in length as possible (least sum of squared minutes). Dynamic programming over
    contiguous groups; a group that would not fit one session is never formed."""
    n = len(blocks)
    cost = {
        (start, end): (OPENING_MINUTES + minutes_of(code for block in blocks[start:end] for code in block.items)) ** 2
        for start in range(n) for end in range(start + 1, n + 1)
        if _fits_one_session(blocks[start:end], blocks[:start], capacity, seen, slow)
    }
    best: dict[tuple[int, int], tuple[int, tuple[int, ...]]] = {(0, 0): (0, ())}
    for groups in range(1, n + 1):
        for end in range(groups, n + 1):
            options = [
                (previous[0] + cost[(start, end)], (*previous[1], end))
                for start in range(groups - 1, end)
                if (start, end) in cost and (previous := best.get((groups - 1, start))) is not None
            ]
            if options:
                best[(groups, end)] = min(options)
    return {groups: best[(groups, n)][1] for groups in range(1, n + 1) if (groups, n) in best}


def _drop_one(blocks: list[Block]) -> bool:
    optional = [i for i, block in enumerate(blocks) if block.drop_rank is not None]
    if not optional:
        return False
    del blocks[max(optional, key=lambda i: (blocks[i].drop_rank, i))]
    return True


def compress(blocks: Sequence[Block], length: int, capacity: int, seen: set[str], slow: bool) -> list[Block]:
    """At most `length` blocks if possible: optional blocks out first, then neighbours merged. Returns the
    shortest arrangement it can reach when `length` is out of reach."""
    kept = list(blocks)
    while len(kept) > length and _drop_one(kept):
        pass
    if len(kept) <= length:
        return kept
    cuts = _partitions(kept, capacity, seen, slow)
    if not cuts:
        return kept
    reachable = [count for count in cuts if count >= length] or [max(cuts)]
    bounds = (0, *cuts[min(reachable)])
    return [_merged(kept[bounds[i]:bounds[i + 1]]) for i in range(len(bounds) - 1)]


def minimum_length(blocks: Sequence[Block], capacity: int, seen: set[str], slow: bool) -> int:
    return len(compress(blocks, 0, capacity, seen, slow))


def review_block(after: Block) -> Block:
    repeated = tuple(code for code in after.items if EXERCISES[code].kind is not ExerciseKind.CARE)
    return Block(
        focus=f"Practice and review: {after.focus}",
        items=repeated,
        drop_rank=None,
        family=False,
        notes=("Repeat and deepen the earlier practice; no new exercise.",),
    )


def with_reviews(blocks: Sequence[Block], length: int, stage: Stage) -> list[Block]:
    """Pad to `length` with practice-and-review sessions, each after an evenly spaced block that has something
    to repeat (stage 3 keeps its last block last)."""
    extra = length - len(blocks)
    last = len(blocks) - 1 if stage is Stage.APPLY else len(blocks)
    anchors = [i for i in range(last) if review_block(blocks[i]).items] or [0]
    after: dict[int, int] = {}
    for n in range(extra):
        anchor = anchors[(2 * n + 1) * len(anchors) // (2 * extra)]
        after[anchor] = after.get(anchor, 0) + 1
    padded: list[Block] = []
    for index, block in enumerate(blocks):
        padded.append(block)
        padded.extend(review_block(block) for _ in range(after.get(index, 0)))
    return padded


def fit_stage(blocks: Sequence[Block], length: int, stage: Stage, capacity: int, seen: set[str],
              slow: bool) -> tuple[Block, ...]:
    fitted = compress(blocks, length, capacity, seen, slow)
    if len(fitted) > length:
        raise LayoutError(f"stage {int(stage)} needs {len(fitted)} sessions, has {length}")
    return tuple(with_reviews(fitted, length, stage))


def floors(minimum: Mapping[Stage, int], required: Mapping[Stage, int], weeks: int) -> dict[Stage, int]:
    """Each stage's floor: its minimum, raised towards one session per required block (so required content is not
    merged while optional content elsewhere still has a session), as far as the weeks allow; the largest shortfall
    first, the earlier stage on a tie."""
    floor = dict(minimum)
    while sum(floor.values()) < weeks:
        short = [stage for stage in Stage if floor[stage] < required[stage]]
        if not short:
            break
        floor[max(short, key=lambda s: (required[s] - floor[s], -s))] += 1
    return floor


def lengthen_first_stage(lengths: Mapping[Stage, int], extra: int, minimum: Mapping[Stage, int]) -> dict[Stage, int]:
    """Move up to `extra` weeks into stage 1 from stages 3 and 2 in proportion to their length: one at a time from
    the longer (stage 3 on a tie), never below a stage's minimum. Fewer move when both are at their minimum."""
    moved = dict(lengths)
    for _ in range(extra):
        donors = [stage for stage in (Stage.APPLY, Stage.BUILD) if moved[stage] > minimum[stage]]
        if not donors:
            break
        moved[max(donors, key=lambda stage: (moved[stage], stage))] -= 1
        moved[Stage.RECOGNISE] += 1
    return moved


def allocate(weeks: int, desired: Mapping[Stage, int], minimum: Mapping[Stage, int]) -> dict[Stage, int]:
    """Weeks per stage, proportional to `desired`, never below `minimum` (largest remainder; ties go to the earlier
    stage when adding and the later stage when taking away)."""
    if sum(minimum.values()) > weeks:
        raise LayoutError(f"the stages need at least {sum(minimum.values())} weeks, the course has {weeks}")
    total = sum(desired.values())
    quota = {stage: Fraction(weeks * desired[stage], total) for stage in Stage}
    lengths = {stage: max(minimum[stage], math.floor(quota[stage])) for stage in Stage}
    while sum(lengths.values()) > weeks:
        above = [stage for stage in Stage if lengths[stage] > minimum[stage]]
        lengths[max(above, key=lambda s: (lengths[s] - quota[s], s))] -= 1
    while sum(lengths.values()) < weeks:
        lengths[max(Stage, key=lambda s: (quota[s] - lengths[s], -s))] += 1
    return lengths


# --- sessions ----------------------------------------------------------------------------------------------------


@dataclass
class SessionDraft:
    """A session while it is being laid out (mutable; frozen into a PlannedSession at the end)."""

    number: int
    stage: Stage
    block: Block
    opening: str | None
    items: list[str]
    addons: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def agenda(self) -> tuple[str, ...]:
        opening = [self.opening] if self.opening else []
        return tuple(dict.fromkeys([*opening, *self.items, *self.addons]))

    def minutes(self) -> int:
        return minutes_of(self.agenda())


@dataclass(frozen=True)
class AddOn:
    """An item added to the session nearest `week` that has room, with a note explaining it."""

    code: str
    week: int
    note: str


def lay_out(stages: Mapping[Stage, Sequence[Block]], *, capacity: int, slow: bool,
            grounding_first: bool) -> list[SessionDraft]:
    """One session per fitted block. Sessions open with soothing rhythm breathing from session 2 on; with grounding
    first, grounding opens every session up to and including the first one with imagery instead."""
    blocks = [(stage, block) for stage in Stage for block in stages[stage]]
    imagery = next((i for i, (_, b) in enumerate(blocks) if any(EXERCISES[c].imagery for c in b.items)), len(blocks))
    grounding_until = imagery if grounding_first else -1
    drafts = [
        SessionDraft(
            number=index + 1, stage=stage, block=block,
            opening=GROUNDING if index <= grounding_until else (SETTLING if index else None),
            items=list(block.items), notes=list(block.notes),
        )
        for index, (stage, block) in enumerate(blocks)
    ]
    _check(drafts, capacity, slow)
    return drafts


def _check(drafts: Sequence[SessionDraft], capacity: int, slow: bool) -> None:
    """Fitting counts a 10-minute opening for every block and the same new practices as the sessions have, so a
    session can only overrun if a content table breaks those assumptions."""
    seen: set[str] = set()
    for draft in drafts:
        if draft.minutes() > capacity:
            raise LayoutError(f"session {draft.number} needs {draft.minutes()} minutes, has {capacity}")
        if slow and len(new_practices(draft.agenda(), seen)) > 1:
            raise LayoutError(f"session {draft.number} introduces more than one new practice")
        seen.update(practices(draft.agenda()))


def place_add_ons(drafts: list[SessionDraft], add_ons: Iterable[AddOn], capacity: int) -> None:
    for add_on in add_ons:
        draft = _nearest_with_room(drafts, add_on, capacity)
        draft.addons.append(add_on.code)
        draft.notes.append(add_on.note)


def _nearest_with_room(drafts: list[SessionDraft], add_on: AddOn, capacity: int) -> SessionDraft:
    extra = EXERCISES[add_on.code].minutes
    by_distance = sorted(drafts, key=lambda d: (abs(d.number - add_on.week), d.number < add_on.week))
    for draft in by_distance:
        if add_on.code not in draft.agenda() and draft.minutes() + extra <= capacity:
            return draft
    raise LayoutError(f"no session has {extra} free minutes for {add_on.code}")
