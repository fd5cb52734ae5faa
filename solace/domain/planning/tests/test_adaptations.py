"""Each adaptation changes the plan as stated: table-driven (the plan with the adaptation against the same plan
without it, at the format defaults), then as properties over every other choice."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solace.domain.planning import Adaptation, CourseFormat, CoursePlan, Stage
from solace.domain.planning.building import Choices, build
from solace.domain.planning.tests.helpers import (
    first_imagery,
    new_practices_per_session,
    plan,
    sessions_with,
    stage_weeks,
)

FORMATS = [f.value for f in CourseFormat]
FAST = settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
FOUNDATION_NOTE_START = "Longer foundational phase"


def _extended_foundation(with_: CoursePlan, without: CoursePlan) -> None:
    assert stage_weeks(with_)[0] == stage_weeks(without)[0] + 2
    assert stage_weeks(with_)[1:] == stage_weeks(without)[1:]
    assert with_.weeks == without.weeks + 2
    stage_1 = [s for s in with_.sessions if s.stage == 1]
    assert sum(s.focus.startswith("Foundation:") for s in stage_1) == 2
    assert all(any(n.startswith(FOUNDATION_NOTE_START) for n in s.notes) for s in stage_1)


def _slow_pacing(with_: CoursePlan, without: CoursePlan) -> None:
    assert max(len(new) for new in new_practices_per_session(without)) == 2
    assert max(len(new) for new in new_practices_per_session(with_)) == 1
    assert with_.weeks == without.weeks + 1
    for session, new in zip(with_.sessions, new_practices_per_session(with_), strict=True):
        if new and session.number > 1:
            assert any(n.startswith("Slow pacing:") for n in session.notes), session.number


def _exposure_integration(with_: CoursePlan, without: CoursePlan) -> None:
    assert sessions_with(without, "exposure_coordination") == []
    coordination = sessions_with(with_, "exposure_coordination")
    assert [with_.session(n).stage for n in coordination] == [1, 2]
    assert with_.weeks == without.weeks + 2


def _medication_monitoring(with_: CoursePlan, without: CoursePlan) -> None:
    assert sessions_with(without, "medication_check_in") == []
    expected = {"individual": [2, 6, 10, 14, 16], "group": [2, 6, 10, 12], "family": [2, 6, 10, 14]}
    assert sessions_with(with_, "medication_check_in") == expected[with_.format.value]
    assert with_.weeks == without.weeks


def _cbt_coordination(with_: CoursePlan, without: CoursePlan) -> None:
    assert sessions_with(without, "cbt_coordination_review") == []
    stage_starts = [stage.weeks[0] for stage in with_.stages[1:]]
    assert sessions_with(with_, "cbt_coordination_review") == stage_starts
    assert any(n.startswith("CBT coordination:") for n in with_.session(1).notes)
    assert max(h.minutes_per_day for h in without.homework) == 15
    assert all(h.minutes_per_day == 10 for h in with_.homework)


def _safety_plan(with_: CoursePlan, without: CoursePlan) -> None:
    assert sessions_with(without, "safety_planning") == []
    assert sessions_with(with_, "safety_planning") == [1]
    assert with_.session(1).focus.startswith("Safety first")
    assert any(n.startswith("Safety plan first") for n in with_.session(1).notes)


def _grounding_first(with_: CoursePlan, without: CoursePlan) -> None:
    assert sessions_with(without, "grounding_skills") == []
    imagery = first_imagery(with_)
    assert imagery > first_imagery(without)
    assert with_.session(1).agenda[0] == "grounding_skills"
    assert all(with_.session(n).agenda[0] == "grounding_skills" for n in range(1, imagery + 1))
    assert "Grounding check" in with_.session(imagery - 1).focus
    assert with_.homework[0].exercise == "grounding_skills"
    assert without.homework[0].exercise == "soothing_rhythm_breathing"


CHANGES: dict[Adaptation, Callable[[CoursePlan, CoursePlan], None]] = {
    Adaptation.EXTENDED_FOUNDATION: _extended_foundation,
    Adaptation.SLOW_PACING: _slow_pacing,
    Adaptation.EXPOSURE_INTEGRATION: _exposure_integration,
    Adaptation.MEDICATION_MONITORING: _medication_monitoring,
    Adaptation.CBT_COORDINATION: _cbt_coordination,
    Adaptation.SAFETY_PLAN: _safety_plan,
    Adaptation.GROUNDING_FIRST: _grounding_first,
}


def test_every_adaptation_has_a_stated_change() -> None:
    assert set(CHANGES) == set(Adaptation)


@pytest.mark.parametrize("course_format", FORMATS)
@pytest.mark.parametrize("adaptation", list(Adaptation), ids=lambda a: a.value)
def test_adaptation_changes_the_plan_as_stated(adaptation: Adaptation, course_format: str) -> None:
    with_ = plan(format=course_format, adaptations=[adaptation.value])
    without = plan(format=course_format)
    CHANGES[adaptation](with_, without)
    [applied] = with_.adaptations
    assert applied.code == adaptation.value and applied.effect and applied.reason
    cited = ("Seed document", "(seed document)", "clinical-reference.md")
    assert any(source in applied.reason for source in cited)


@pytest.mark.parametrize(
    ("adaptation", "phrase"),
    [
        (Adaptation.EXTENDED_FOUNDATION, "longer foundational phase"),
        (Adaptation.SLOW_PACING, "carefully adjust the pace"),
        (Adaptation.EXPOSURE_INTEGRATION, "combine exposure therapy"),
        (Adaptation.MEDICATION_MONITORING, "antidepressants"),
        (Adaptation.CBT_COORDINATION, "avoid conflicts between techniques"),
        (Adaptation.SAFETY_PLAN, "rule out suicidal tendencies"),
        (Adaptation.GROUNDING_FIRST, "Rockliff"),
    ],
)
def test_reasons_quote_their_source(adaptation: Adaptation, phrase: str) -> None:
    [applied] = plan(adaptations=[adaptation.value]).adaptations
    assert phrase in applied.reason


def test_effects_name_the_sessions_they_changed() -> None:
    course = plan(adaptations=["medication_monitoring", "exposure_integration", "cbt_coordination"])
    effects = {a.code: a.effect for a in course.adaptations}
    medication = ", ".join(map(str, sessions_with(course, "medication_check_in")))
    assert f"sessions {medication}." in effects["medication_monitoring"]
    exposure = ", ".join(map(str, sessions_with(course, "exposure_coordination")))
    assert f"sessions {exposure};" in effects["exposure_integration"]
    assert [a.code for a in course.adaptations] == ["exposure_integration", "medication_monitoring",
                                                    "cbt_coordination"]


def test_extended_foundation_with_fixed_weeks_takes_weeks_from_stages_3_and_2() -> None:
    with_, without = plan(weeks=16, adaptations=["extended_foundation"]), plan(weeks=16)
    assert stage_weeks(without) == [4, 6, 6]
    assert stage_weeks(with_) == [6, 5, 5]
    assert "stage 2 6->5 weeks, stage 3 6->5 weeks; the course stays at 16 weeks" in with_.adaptations[0].effect


def test_extended_foundation_grows_the_course_up_to_20_weeks() -> None:
    everything = [a.value for a in Adaptation]
    assert plan(adaptations=everything).weeks == 20


def test_safety_plan_that_fits_joins_the_first_session() -> None:
    course = plan(format="group", adaptations=["safety_plan"])  # 90-minute sessions
    assert course.weeks == 12
    assert set(course.session(1).agenda) == {"safety_planning", "group_agreement", "compassion_introduction",
                                             "soothing_rhythm_breathing"}
    assert any("individually" in n for n in course.session(1).notes)


def test_grounding_first_opens_with_grounding_and_keeps_breathing_in_session_1() -> None:
    course = plan(adaptations=["grounding_first"])
    assert course.session(1).agenda == ("grounding_skills", "compassion_introduction", "soothing_rhythm_breathing")
    imagery = first_imagery(course)
    assert course.session(imagery + 1).agenda[0] == "soothing_rhythm_breathing"


# --- the same claims over every other choice ---------------------------------------------------------------------

adaptation_sets = st.frozensets(st.sampled_from(list(Adaptation)))
Context = tuple[CourseFormat, frozenset[Adaptation], int | None, int]
contexts = st.tuples(st.sampled_from(list(CourseFormat)), adaptation_sets,
                     st.none() | st.integers(12, 20), st.integers(60, 90))


def _pair(adaptation: Adaptation, context: Context) -> tuple[CoursePlan, CoursePlan]:
    course_format, others, weeks, minutes = context
    chosen = [a.value for a in others | {adaptation}]
    rest = [a.value for a in others - {adaptation}]
    kwargs = {"format": course_format.value, "weeks": weeks, "session_minutes": minutes}
    return plan(adaptations=chosen, **kwargs), plan(adaptations=rest, **kwargs)


@FAST
@given(context=contexts)
def test_extended_foundation_lengthens_stage_1_unless_the_other_stages_cannot_give(context: Context) -> None:
    with_, without = _pair(Adaptation.EXTENDED_FOUNDATION, context)
    assert all(any(n.startswith(FOUNDATION_NOTE_START) for n in s.notes) for s in with_.sessions if s.stage == 1)
    if stage_weeks(with_)[0] > stage_weeks(without)[0]:
        return
    course_format, others, weeks, minutes = context
    built = build(Choices(course_format, others | {Adaptation.EXTENDED_FOUNDATION}, weeks, minutes, ()))
    assert weeks is not None
    assert [built.stage_length(s) for s in (Stage.BUILD, Stage.APPLY)] == \
        [built.minimum_weeks[s] for s in (Stage.BUILD, Stage.APPLY)]
    effect = next(a.effect for a in with_.adaptations if a.code == "extended_foundation")
    assert effect.startswith("Stage 1 could not be lengthened")


@FAST
@given(context=contexts)
def test_slow_pacing_introduces_one_practice_at_a_time(context: Context) -> None:
    with_, _ = _pair(Adaptation.SLOW_PACING, context)
    assert all(len(new) <= 1 for new in new_practices_per_session(with_))


@FAST
@given(context=contexts)
def test_care_adaptations_always_appear(context: Context) -> None:
    course_format, others, weeks, minutes = context
    everything = others | {Adaptation.SAFETY_PLAN, Adaptation.EXPOSURE_INTEGRATION, Adaptation.MEDICATION_MONITORING,
                           Adaptation.CBT_COORDINATION}
    course = plan(adaptations=[a.value for a in everything], format=course_format.value, weeks=weeks,
                  session_minutes=minutes)
    assert 1 in sessions_with(course, "safety_planning")
    assert [course.session(n).stage for n in sessions_with(course, "exposure_coordination")] == [1, 2]
    assert len(sessions_with(course, "medication_check_in")) >= 3
    assert len(sessions_with(course, "cbt_coordination_review")) == 2
    assert all(h.minutes_per_day == 10 for h in course.homework)


@FAST
@given(context=contexts)
def test_grounding_comes_before_any_imagery(context: Context) -> None:
    with_, _ = _pair(Adaptation.GROUNDING_FIRST, context)
    imagery = first_imagery(with_)
    assert all(with_.session(n).agenda[0] == "grounding_skills" for n in range(1, imagery + 1))
    assert "Grounding check" in with_.session(imagery - 1).focus
    assert any(n.startswith("Grounding first") for n in with_.session(imagery).notes)
