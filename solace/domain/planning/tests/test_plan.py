"""plan_course: the JSON shape, the defaults per format, a complete plan for every format, the published group
ordering, family sessions, refusal and bad input naming the field."""

from __future__ import annotations

import json

import pytest

from solace.domain.planning import (
    EXERCISES,
    CourseFormat,
    CoursePlan,
    PlanInputError,
    PlanRefused,
    PlanRequest,
    Stage,
    plan_course,
)
from solace.domain.planning.content import FAMILY_ATTENDS
from solace.domain.planning.tests.helpers import plan, sessions_with, stage_weeks

FORMATS = [f.value for f in CourseFormat]

# The default measurement schedule of issue 3, written out.
MEASURES = [
    {"instrument": "phq9", "when": "every_session"},
    {"instrument": "gad7", "when": "every_session"},
    {"instrument": "rses", "when": "every_4_weeks"},
    {"instrument": "fscrs", "when": "baseline"},
    {"instrument": "fscrs", "when": "mid"},
    {"instrument": "fscrs", "when": "end"},
    {"instrument": "scs_sf", "when": "baseline"},
    {"instrument": "scs_sf", "when": "mid"},
    {"instrument": "scs_sf", "when": "end"},
]


def test_to_dict_has_exactly_the_contract_keys() -> None:
    data = plan(adaptations=["safety_plan"]).to_dict()
    assert list(data) == ["format", "weeks", "session_minutes", "stages", "sessions", "homework", "measures",
                          "adaptations"]
    stages, sessions, homework = data["stages"], data["sessions"], data["homework"]
    assert isinstance(stages, list) and isinstance(sessions, list) and isinstance(homework, list)
    assert set(stages[0]) == {"number", "name", "weeks"}
    assert set(sessions[0]) == {"number", "week", "stage", "minutes", "agenda", "focus", "notes", "family_attends"}
    assert set(homework[0]) == {"stage", "exercise", "minutes_per_day", "kind", "instructions"}
    assert data["measures"] == MEASURES
    assert data["adaptations"] == [
        {"code": "safety_plan", "effect": data["adaptations"][0]["effect"],  # type: ignore[index]
         "reason": data["adaptations"][0]["reason"]}]  # type: ignore[index]
    assert json.loads(json.dumps(data)) == data


@pytest.mark.parametrize(
    ("course_format", "weeks", "minutes", "stages"),
    [("individual", 16, 60, [4, 6, 6]), ("group", 12, 90, [3, 3, 6]), ("family", 14, 60, [4, 5, 5])],
)
def test_defaults_per_format(course_format: str, weeks: int, minutes: int, stages: list[int]) -> None:
    course = plan(format=course_format)
    assert (course.weeks, course.session_minutes, stage_weeks(course)) == (weeks, minutes, stages)
    assert all(session.minutes == minutes for session in course.sessions)


@pytest.mark.parametrize("course_format", FORMATS)
def test_every_format_gives_a_complete_plan(course_format: str) -> None:
    course = plan(format=course_format)
    assert [s.number for s in course.sessions] == [s.week for s in course.sessions] == list(range(1, 1 + course.weeks))
    for session in course.sessions:
        assert session.agenda and session.focus
        for code in session.agenda:
            assert code in EXERCISES
            assert EXERCISES[code].allowed_in(Stage(session.stage)), (session.number, code)
            assert CourseFormat(course_format) in EXERCISES[code].formats, code
        assert sum(EXERCISES[code].minutes for code in session.agenda) <= session.minutes
    assert [h.stage for h in course.homework] == [1, 2, 3]
    assert all(10 <= h.minutes_per_day <= 15 and h.instructions for h in course.homework)
    assert course.sessions[-1].agenda[-1] == "relapse_prevention"
    assert [m.to_dict() for m in course.measures] == MEASURES


@pytest.mark.parametrize("course_format", FORMATS)
def test_the_stages_follow_the_reference_order(course_format: str) -> None:
    course = plan(format=course_format)
    assert [(s.number, s.name) for s in course.stages] == [
        (1, "Psychoeducation and formulation"),
        (2, "Building compassionate-mind skills"),
        (3, "Applying compassion to problems"),
    ]
    first_use = {code: s.stage for s in reversed(course.sessions) for code in s.agenda}
    assert first_use["tricky_brain"] == first_use["three_circles"] == 1
    assert first_use["mindfulness"] == first_use["compassionate_self"] == first_use["compassionate_other"] == 2
    assert first_use["chair_work"] == first_use["compassionate_letter"] == 3


def test_individual_course_session_by_session() -> None:
    agendas = [s.agenda for s in plan().sessions]
    assert agendas[:5] == [
        ("compassion_introduction", "soothing_rhythm_breathing"),
        ("soothing_rhythm_breathing", "tricky_brain"),
        ("soothing_rhythm_breathing", "three_circles"),
        ("soothing_rhythm_breathing", "threat_formulation"),
        ("soothing_rhythm_breathing", "mindfulness"),
    ]
    assert agendas[5] == ("soothing_rhythm_breathing", "safe_place_imagery", "compassionate_colour")
    assert agendas[10] == ("soothing_rhythm_breathing", "chair_work")
    assert [h.exercise for h in plan().homework] == ["soothing_rhythm_breathing", "mindfulness", "chair_work"]


@pytest.mark.parametrize("course_format", FORMATS)
def test_each_stage_homework_is_taught_in_the_stage_first_session(course_format: str) -> None:
    """Homework only uses what has been taught by then: the first session of a stage teaches its homework."""
    course = plan(format=course_format)
    for homework in course.homework:
        first_session = next(s for s in course.sessions if s.stage == homework.stage)
        assert homework.exercise in first_session.agenda, (homework.stage, first_session.agenda)


def test_group_follows_the_published_ordering() -> None:
    course = plan(format="group")
    # clinical-reference.md §1.5: Trials 2023 sessions 1-3, then Cattani et al. 2021 Modules 3-12.
    expected = [
        {"group_agreement", "compassion_introduction", "soothing_rhythm_breathing"},
        {"tricky_brain"},
        {"three_circles"},
        {"mindfulness"},                                   # Module 3
        {"safe_place_imagery", "compassionate_other"},     # Module 4
        {"compassionate_self"},                            # Module 5
        {"chair_work"},                                    # Module 6
        {"threat_formulation"},                            # Module 7, self-criticism
        {"compassionate_self"},                            # Module 8, shame and guilt
        {"compassionate_letter"},                          # Module 9
        {"chair_work"},                                    # Modules 10-11
        {"relapse_prevention"},                            # Module 12
    ]
    assert [set(s.agenda) - ({"soothing_rhythm_breathing"} if s.number > 1 else set()) for s in course.sessions] \
        == expected
    assert "Module 4" in " ".join(course.session(5).notes)
    assert "Trials 2023" in " ".join(course.session(1).notes)
    assert "Module 12" in " ".join(course.session(12).notes)


def test_family_course_adds_family_sessions_with_compassionate_communication() -> None:
    course = plan(format="family")
    communication = sessions_with(course, "compassionate_communication")
    assert [course.session(n).stage for n in communication] == [2, 3]
    family_sessions = [s.number for s in course.sessions if s.family_attends]
    assert family_sessions == [1, *communication, course.weeks]
    assert all(course.session(n).focus.startswith("Together") for n in family_sessions)
    # The clinician reads the same fact as a note; the flag is what the course pages use.
    assert all((FAMILY_ATTENDS in s.notes) == s.family_attends for s in course.sessions)
    assert all(s.to_dict()["family_attends"] is s.family_attends for s in course.sessions)
    assert "compassionate_communication" not in {c for s in plan().sessions for c in s.agenda}


@pytest.mark.parametrize("course_format", ["individual", "group"])
def test_only_family_courses_have_family_sessions(course_format: str) -> None:
    assert not any(s.family_attends for s in plan(format=course_format).sessions)


def test_concerns_name_what_stage_3_applies_compassion_to() -> None:
    course = plan(concerns=("social_anxiety", "self_criticism"))
    focuses = [s.focus for s in course.sessions if s.stage == 3]
    assert "Applying compassion to feared social situations, the inner critic" in focuses
    assert "Applying compassion to a current difficulty" in [s.focus for s in plan().sessions]


@pytest.mark.parametrize(("weeks", "minutes"), [(12, 60), (20, 90), (13, 75)])
def test_the_clinicians_length_is_kept(weeks: int, minutes: int) -> None:
    for course_format in FORMATS:
        course = plan(format=course_format, weeks=weeks, session_minutes=minutes)
        assert (course.weeks, course.session_minutes, len(course.sessions)) == (weeks, minutes, weeks)


def test_a_long_course_adds_practice_and_review_sessions() -> None:
    course = plan(weeks=20)
    reviews = [s for s in course.sessions if s.focus.startswith("Practice and review")]
    assert len(reviews) == 4
    assert course.sessions[-1].agenda[-1] == "relapse_prevention"
    for review in reviews:
        earlier = {c for s in course.sessions[: review.number - 1] for c in s.agenda}
        assert set(review.agenda) <= earlier


def test_a_short_course_leaves_out_optional_sessions_first() -> None:
    course = plan(weeks=12)
    assert stage_weeks(course) == [4, 4, 4]
    focuses = [s.focus for s in course.sessions]
    assert "Fears, blocks and resistances to compassion, added to the formulation" not in focuses
    assert {"chair_work", "compassionate_letter", "relapse_prevention"} <= {c for s in course.sessions
                                                                           for c in s.agenda}


def test_plans_are_deterministic() -> None:
    request = PlanRequest(decision="suitable_with_adaptations", format="family",
                          adaptations=("slow_pacing", "grounding_first"), weeks=13, session_minutes=70)
    assert plan_course(request) == plan_course(request)


def test_duplicate_adaptations_count_once() -> None:
    once = plan(adaptations=["safety_plan"])
    twice = plan(adaptations=["safety_plan", "safety_plan"])
    assert once == twice and len(twice.adaptations) == 1


# --- refusal and bad input -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("decision", "phrase"),
    [("not_suitable", "no course is planned"), ("defer", "after the reason is resolved")],
)
def test_refused_for_not_suitable_and_defer(decision: str, phrase: str) -> None:
    with pytest.raises(PlanRefused) as raised:
        plan_course(PlanRequest(decision=decision, adaptations=("safety_plan",)))
    assert phrase in raised.value.reason
    assert str(raised.value) == raised.value.reason


def test_refusal_comes_before_other_checks() -> None:
    with pytest.raises(PlanRefused):
        plan_course(PlanRequest(decision="defer", weeks=40))


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"decision": "maybe"}, "decision"),
        ({"decision": None}, "decision"),
        ({"weeks": 11}, "weeks"),
        ({"weeks": 21}, "weeks"),
        ({"weeks": 0}, "weeks"),
        ({"weeks": "16"}, "weeks"),
        ({"weeks": 12.5}, "weeks"),
        ({"weeks": True}, "weeks"),
        ({"session_minutes": 59}, "session_minutes"),
        ({"session_minutes": 91}, "session_minutes"),
        ({"session_minutes": "60"}, "session_minutes"),
        ({"format": "couples"}, "format"),
        ({"format": ""}, "format"),
        ({"adaptations": ("fast_pacing",)}, "adaptations"),
        ({"adaptations": ("slow_pacing", "SAFETY_PLAN")}, "adaptations"),
        ({"adaptations": "slow_pacing"}, "adaptations"),
        ({"adaptations": None}, "adaptations"),
        ({"adaptations": {"slow_pacing"}}, "adaptations"),
        ({"concerns": ("anxiety",)}, "concerns"),
    ],
)
def test_bad_input_names_the_field(fields: dict[str, object], field: str) -> None:
    request = {"decision": "suitable", **fields}
    with pytest.raises(PlanInputError) as raised:
        plan_course(PlanRequest(**request))  # type: ignore[arg-type]
    assert raised.value.field == field
    assert str(raised.value).startswith(f"{field}: ") and raised.value.message


def test_group_default_minutes_can_be_overridden() -> None:
    course: CoursePlan = plan(format="group", session_minutes=60)
    assert course.session_minutes == 60
    assert all(sum(EXERCISES[c].minutes for c in s.agenda) <= 60 for s in course.sessions)
