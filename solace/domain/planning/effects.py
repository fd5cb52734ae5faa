"""The `effect` sentence of each applied adaptation: what changed, found by comparing the plan with the same plan
planned without that adaptation (so the sentence is true of this plan, whatever else was chosen)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Final

from solace.domain.planning.building import Built
from solace.domain.planning.exercises import EXERCISES
from solace.domain.planning.layout import new_practices, practices
from solace.domain.planning.vocabulary import Adaptation, Stage

A = Adaptation


def sessions_with(built: Built, code: str) -> list[int]:
    return [session.number for session in built.sessions if code in session.agenda]


def first_imagery(built: Built) -> int | None:
    return next((s.number for s in built.sessions if any(EXERCISES[c].imagery for c in s.agenda)), None)


def most_new_practices(built: Built) -> int:
    seen: set[str] = set()
    most = 0
    for session in built.sessions:
        most = max(most, len(new_practices(session.agenda, seen)))
        seen.update(practices(session.agenda))
    return most


def _numbers(numbers: Iterable[int]) -> str:
    return ", ".join(str(number) for number in numbers) or "none"


def _weeks_change(built: Built, without: Built) -> str:
    if built.weeks == without.weeks:
        return f"the course stays at {built.weeks} weeks"
    return f"the course goes from {without.weeks} to {built.weeks} weeks"


def _extended_foundation(built: Built, without: Built) -> str:
    lengths = [(without.stage_length(stage), built.stage_length(stage)) for stage in Stage]
    (before1, after1), (before2, after2), (before3, after3) = lengths
    if after1 <= before1:
        return (f"Stage 1 could not be lengthened: in {built.weeks} weeks of {built.choices.session_minutes} "
                "minutes, stages 2 and 3 already have the fewest sessions their content needs. Every stage-1 "
                "session carries the slower-pace note; more weeks or longer sessions would make room.")
    return (f"Stage 1 lasts {after1} weeks instead of {before1}, with foundation sessions revisiting the "
            f"psychoeducation more slowly and a slower-pace note on every stage-1 session; stage 2 "
            f"{before2}->{after2} weeks, stage 3 {before3}->{after3} weeks; {_weeks_change(built, without)}.")


def _slow_pacing(built: Built, without: Built) -> str:
    dropped = sorted({c for s in without.sessions for c in s.agenda} - {c for s in built.sessions for c in s.agenda})
    left_out = f"; left out to make room: {', '.join(EXERCISES[c].title for c in dropped)}" if dropped else ""
    return (f"At most {most_new_practices(built)} new practice per session (up to {most_new_practices(without)} "
            f"without slow pacing); {_weeks_change(built, without)}{left_out}.")


def _exposure(built: Built, without: Built) -> str:
    return (f"Coordination with the trauma work in sessions {_numbers(sessions_with(built, 'exposure_coordination'))}"
            f"; {_weeks_change(built, without)}.")


def _medication(built: Built, without: Built) -> str:
    return f"Medication-response check-ins in sessions {_numbers(sessions_with(built, 'medication_check_in'))}."


def _cbt(built: Built, without: Built) -> str:
    return (f"Coordination note in session 1; CBT coordination reviews in sessions "
            f"{_numbers(sessions_with(built, 'cbt_coordination_review'))}; daily homework kept to "
            f"{max(item.minutes_per_day for item in built.homework)} minutes.")


def _safety_plan(built: Built, without: Built) -> str:
    moved = [code for code in without.sessions[0].agenda if code not in built.sessions[0].agenda]
    titles = ", ".join(EXERCISES[code].title for code in moved)
    carried = f"; moved to the next session to make room: {titles}" if moved else ""
    return f"Safety planning in session 1, before any compassion practice{carried}."


def _grounding_first(built: Built, without: Built) -> str:
    imagery = first_imagery(built)
    return (f"Grounding skills open session 1 and every session up to the first imagery; imagery starts in session "
            f"{imagery}, straight after a grounding check (session {first_imagery(without)} without grounding "
            f"first); grounding is the stage-1 homework; {_weeks_change(built, without)}.")


EFFECTS: Final[Mapping[Adaptation, Callable[[Built, Built], str]]] = {
    A.EXTENDED_FOUNDATION: _extended_foundation,
    A.SLOW_PACING: _slow_pacing,
    A.EXPOSURE_INTEGRATION: _exposure,
    A.MEDICATION_MONITORING: _medication,
    A.CBT_COORDINATION: _cbt,
    A.SAFETY_PLAN: _safety_plan,
    A.GROUNDING_FIRST: _grounding_first,
}
