"""Invariants of every plan (hypothesis over formats, every adaptation subset, weeks and session lengths):
12-20 weekly sessions of 60-90 minutes, three ordered stages covering every week once, agendas of known exercises
that fit the session, stage and format, homework of 10-15 minutes in every stage."""

from __future__ import annotations

import itertools
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solace.domain.planning import (
    EXERCISES,
    Adaptation,
    Concern,
    CourseFormat,
    PlanRequest,
    Stage,
    plan_course,
)

FAST = settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

requests = st.builds(
    PlanRequest,
    decision=st.sampled_from(["suitable", "suitable_with_adaptations"]),
    format=st.sampled_from([f.value for f in CourseFormat]),
    adaptations=st.lists(st.sampled_from([a.value for a in Adaptation]), unique=True).map(tuple),
    weeks=st.none() | st.integers(12, 20),
    session_minutes=st.none() | st.integers(60, 90),
    concerns=st.lists(st.sampled_from([c.value for c in Concern]), max_size=3).map(tuple),
)


@FAST
@given(request=requests)
def test_weeks_and_minutes_stay_within_the_seed_ranges(request: PlanRequest) -> None:
    course = plan_course(request)
    assert 12 <= course.weeks <= 20
    assert 60 <= course.session_minutes <= 90
    if request.weeks is not None:
        assert course.weeks == request.weeks
    if request.session_minutes is not None:
        assert course.session_minutes == request.session_minutes
    assert len(course.sessions) == course.weeks
    for number, session in enumerate(course.sessions, start=1):
        assert session.number == session.week == number
        assert session.minutes == course.session_minutes


@FAST
@given(request=requests)
def test_stages_are_ordered_contiguous_and_cover_every_week_once(request: PlanRequest) -> None:
    course = plan_course(request)
    assert [stage.number for stage in course.stages] == [1, 2, 3]
    weeks = [week for stage in course.stages for week in stage.weeks]
    assert weeks == list(range(1, course.weeks + 1))
    assert all(stage.weeks for stage in course.stages)
    for stage in course.stages:
        assert list(stage.weeks) == list(range(stage.weeks[0], stage.weeks[-1] + 1))
        assert all(course.session(week).stage == stage.number for week in stage.weeks)


@FAST
@given(request=requests)
def test_every_session_has_a_fitting_agenda_of_known_exercises(request: PlanRequest) -> None:
    course = plan_course(request)
    for session in course.sessions:
        assert session.agenda and session.focus
        assert len(set(session.agenda)) == len(session.agenda)
        assert sum(EXERCISES[code].minutes for code in session.agenda) <= session.minutes
        for code in session.agenda:
            exercise = EXERCISES[code]
            assert exercise.allowed_in(Stage(session.stage)), (session.number, code)
            assert course.format in exercise.formats, (course.format, code)
    assert "relapse_prevention" in course.sessions[-1].agenda


@FAST
@given(request=requests)
def test_homework_every_stage_10_to_15_minutes(request: PlanRequest) -> None:
    course = plan_course(request)
    assert [item.stage for item in course.homework] == [1, 2, 3]
    used = {code for session in course.sessions for code in session.agenda}
    for item in course.homework:
        assert 10 <= item.minutes_per_day <= 15
        assert item.kind in {"self_dialogue_training", "meditation", "emotional_journaling", "self_soothing_writing"}
        assert item.instructions and item.exercise in used


@FAST
@given(request=requests)
def test_every_stated_adaptation_is_explained_and_the_plan_is_json(request: PlanRequest) -> None:
    course = plan_course(request)
    assert [a.code for a in course.adaptations] == [a.value for a in Adaptation if a.value in request.adaptations]
    assert all(a.effect and a.reason for a in course.adaptations)
    data = course.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert plan_course(request) == course


@pytest.mark.parametrize("course_format", [f.value for f in CourseFormat])
@pytest.mark.parametrize(("weeks", "minutes"), [(12, 60), (None, 60), (20, 90)])
def test_every_adaptation_subset_fits_the_tightest_and_loosest_courses(course_format: str, weeks: int | None,
                                                                      minutes: int) -> None:
    codes = [a.value for a in Adaptation]
    for size in range(len(codes) + 1):
        for chosen in itertools.combinations(codes, size):
            course = plan_course(PlanRequest(decision="suitable_with_adaptations", format=course_format,
                                             adaptations=chosen, weeks=weeks, session_minutes=minutes))
            assert 12 <= course.weeks <= 20 and len(course.sessions) == course.weeks
            assert all(sum(EXERCISES[c].minutes for c in s.agenda) <= minutes for s in course.sessions)
