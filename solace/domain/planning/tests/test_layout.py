"""The layout mechanics on small hand-made inputs: sharing weeks between stages, lengthening stage 1, leaving out
and merging blocks, practice-and-review sessions, and add-ons looking for room."""

from __future__ import annotations

import pytest

from solace.domain.planning.content import Block
from solace.domain.planning.layout import (
    AddOn,
    LayoutError,
    SessionDraft,
    allocate,
    compress,
    floors,
    lengthen_first_stage,
    place_add_ons,
    with_reviews,
)
from solace.domain.planning.vocabulary import Stage

S1, S2, S3 = Stage.RECOGNISE, Stage.BUILD, Stage.APPLY


def stages(a: int, b: int, c: int) -> dict[Stage, int]:
    return {S1: a, S2: b, S3: c}


@pytest.mark.parametrize(
    ("weeks", "desired", "minimum", "expected"),
    [
        (16, (4, 6, 6), (3, 3, 3), (4, 6, 6)),
        (20, (4, 6, 6), (3, 3, 3), (5, 8, 7)),   # quotas 5, 7.5, 7.5: the tie goes to the earlier stage
        (12, (4, 6, 6), (3, 3, 3), (3, 5, 4)),
        (12, (4, 6, 6), (4, 4, 3), (4, 4, 4)),   # a minimum binds
        (12, (3, 3, 6), (4, 4, 4), (4, 4, 4)),
    ],
)
def test_allocate(weeks: int, desired: tuple[int, int, int], minimum: tuple[int, int, int],
                  expected: tuple[int, int, int]) -> None:
    lengths = allocate(weeks, stages(*desired), stages(*minimum))
    assert tuple(lengths[s] for s in Stage) == expected
    assert sum(lengths.values()) == weeks


def test_allocate_refuses_too_few_weeks() -> None:
    with pytest.raises(LayoutError):
        allocate(12, stages(4, 6, 6), stages(5, 5, 3))


@pytest.mark.parametrize(
    ("lengths", "extra", "minimum", "expected"),
    [
        ((4, 6, 6), 2, (3, 3, 3), (6, 5, 5)),
        ((4, 6, 5), 1, (3, 3, 3), (5, 5, 5)),
        ((4, 4, 4), 2, (3, 4, 3), (5, 4, 3)),   # stage 2 at its minimum: only stage 3 gives
        ((4, 4, 3), 2, (3, 4, 3), (4, 4, 3)),   # neither can give
    ],
)
def test_lengthen_first_stage(lengths: tuple[int, int, int], extra: int, minimum: tuple[int, int, int],
                              expected: tuple[int, int, int]) -> None:
    moved = lengthen_first_stage(stages(*lengths), extra, stages(*minimum))
    assert tuple(moved[s] for s in Stage) == expected


def test_floors_rise_towards_the_required_blocks_as_weeks_allow() -> None:
    assert floors(stages(3, 3, 3), stages(4, 4, 3), 12) == stages(4, 4, 3)
    assert floors(stages(3, 3, 3), stages(5, 5, 3), 10) == stages(4, 3, 3)


def block(*items: str, rank: int | None = None, family: bool = False, gate: bool = False) -> Block:
    return Block(focus=" + ".join(items), items=items, drop_rank=rank, family=family, imagery_gate=gate)


def test_compress_leaves_out_optional_blocks_first_highest_rank_first() -> None:
    blocks = [block("mindfulness"), block("compassionate_self", rank=1), block("compassionate_other"),
              block("threat_formulation", rank=2)]
    kept = compress(blocks, 3, 60, set(), slow=False)
    assert [b.items for b in kept] == [("mindfulness",), ("compassionate_self",), ("compassionate_other",)]


def test_compress_merges_neighbours_that_fit_one_session() -> None:
    blocks = [block("tricky_brain"), block("three_circles"), block("threat_formulation")]
    assert [b.items for b in compress(blocks, 2, 60, set(), slow=False)] == [
        ("tricky_brain", "three_circles"), ("threat_formulation",)]
    assert len(compress(blocks, 2, 59, set(), slow=False)) == 3  # 10 + 25 + 25 no longer fits


@pytest.mark.parametrize(
    ("blocks", "slow"),
    [
        ([block("compassion_introduction", family=True), block("tricky_brain")], False),      # audiences differ
        ([block("grounding_skills", gate=True), block("safe_place_imagery")], False),        # gate before imagery
        ([block("mindfulness"), block("safe_place_imagery")], True),                         # two new practices
    ],
)
def test_compress_never_merges_what_must_stay_apart(blocks: list[Block], slow: bool) -> None:
    assert len(compress(blocks, 1, 90, set(), slow=slow)) == 2


def test_slow_pacing_may_merge_a_known_practice_with_a_new_one() -> None:
    blocks = [block("mindfulness"), block("safe_place_imagery")]
    assert len(compress(blocks, 1, 90, {"mindfulness"}, slow=True)) == 1


def test_reviews_are_spread_and_never_follow_the_last_block_of_stage_3() -> None:
    blocks = [block("chair_work"), block("compassionate_letter"), block("relapse_prevention")]
    padded = with_reviews(blocks, 5, S3)
    assert [b.items for b in padded] == [("chair_work",), ("chair_work",), ("compassionate_letter",),
                                         ("compassionate_letter",), ("relapse_prevention",)]
    assert padded[1].focus.startswith("Practice and review")


def draft(number: int, *items: str) -> SessionDraft:
    return SessionDraft(number=number, stage=S1, block=block(*items), opening=None, items=list(items))


def test_add_ons_go_to_the_nearest_session_with_room() -> None:
    drafts = [draft(1, "threat_formulation", "three_circles"), draft(2, "tricky_brain"), draft(3, "tricky_brain")]
    place_add_ons(drafts, [AddOn("medication_check_in", 1, "check")], 60)
    assert [d.addons for d in drafts] == [[], ["medication_check_in"], []]
    assert drafts[1].notes == ["check"]


def test_add_ons_that_find_no_room_fail_loudly() -> None:
    drafts = [draft(1, "threat_formulation", "three_circles")]
    with pytest.raises(LayoutError):
        place_add_ons(drafts, [AddOn("medication_check_in", 1, "check")], 60)
