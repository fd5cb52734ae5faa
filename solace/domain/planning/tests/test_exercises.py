"""The exercise library: every exercise complete, patient-facing versions plain, imagery cautioned, homework in the
seed's kinds and 10-15 minutes, and the definition check refusing incomplete exercises."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

from solace.domain.planning import (
    ANY_STAGE,
    EXERCISES,
    FEARS_OF_COMPASSION,
    CourseFormat,
    Exercise,
    ExerciseDefinitionError,
    HomeworkForm,
    HomeworkKind,
    Stage,
    UnknownExercise,
    exercise_list,
    get_exercise,
    imagery_codes,
)

# Written out from the issue and clinical-reference.md §1.3, not from the library.
REQUIRED_CODES = {
    "compassion_introduction", "tricky_brain", "three_circles", "threat_formulation", "soothing_rhythm_breathing",
    "safe_place_imagery", "compassionate_colour", "compassionate_self", "compassionate_other",
    "compassionate_letter", "chair_work", "mindfulness", "grounding_skills", "safety_planning",
    "exposure_coordination", "medication_check_in", "cbt_coordination_review", "compassionate_communication",
    "relapse_prevention", "group_agreement",
}
IMAGERY = {"safe_place_imagery", "compassionate_colour", "compassionate_self", "compassionate_other"}
STAGES = {
    "compassion_introduction": Stage.RECOGNISE, "tricky_brain": Stage.RECOGNISE, "three_circles": Stage.RECOGNISE,
    "threat_formulation": Stage.RECOGNISE, "mindfulness": Stage.BUILD, "safe_place_imagery": Stage.BUILD,
    "compassionate_colour": Stage.BUILD, "compassionate_self": Stage.BUILD, "compassionate_other": Stage.BUILD,
    "compassionate_letter": Stage.APPLY, "chair_work": Stage.APPLY, "relapse_prevention": Stage.APPLY,
    "soothing_rhythm_breathing": ANY_STAGE, "grounding_skills": ANY_STAGE, "safety_planning": ANY_STAGE,
}
JARGON = re.compile(
    r"\b(CFT|psychoeducation|formulation|clinician|exposure|imagery|stabili[sz]ation|affect|threat system|"
    r"soothing system|Rockliff|patient|therapist's)\b|§",
    re.IGNORECASE,
)
ALL = [pytest.param(exercise, id=exercise.code) for exercise in exercise_list()]


def test_the_library_has_every_required_exercise() -> None:
    assert set(EXERCISES) == REQUIRED_CODES
    assert [e.code for e in exercise_list()] == list(EXERCISES)


@pytest.mark.parametrize("exercise", ALL)
def test_every_exercise_is_complete(exercise: Exercise) -> None:
    assert re.fullmatch(r"[a-z][a-z0-9_]*", exercise.code)
    assert exercise.title and exercise.purpose and exercise.source
    assert len(exercise.steps) >= 3 and all(step.strip() for step in exercise.steps)
    assert exercise.cautions and all(c.code and c.text and c.source for c in exercise.cautions)
    assert exercise.stage == ANY_STAGE or exercise.stage in Stage
    assert 0 < exercise.minutes <= 50
    assert exercise.formats and exercise.formats <= set(CourseFormat)


@pytest.mark.parametrize("exercise", ALL)
def test_every_exercise_has_a_plain_patient_version(exercise: Exercise) -> None:
    texts = [exercise.patient.title, exercise.patient.instructions]
    if exercise.homework:
        texts.append(exercise.homework.instructions)
    assert all(texts)
    for text in texts:
        assert not JARGON.search(text), (exercise.code, text)
    assert len(exercise.patient.instructions) <= 450


@pytest.mark.parametrize("exercise", ALL)
def test_sources_cite_the_reference_or_the_seed(exercise: Exercise) -> None:
    assert "clinical-reference.md" in exercise.source or "Seed document" in exercise.source
    for caution in exercise.cautions:
        cited = ("clinical-reference.md", "Seed document", "Solace design choice")
        assert any(marker in caution.source for marker in cited), caution


@pytest.mark.parametrize("code", sorted(IMAGERY))
def test_imagery_carries_the_fears_of_compassion_caution(code: str) -> None:
    exercise = get_exercise(code)
    assert exercise.imagery
    assert FEARS_OF_COMPASSION in exercise.cautions
    assert "Rockliff" in FEARS_OF_COMPASSION.text and "§4.3" in FEARS_OF_COMPASSION.source


def test_only_imagery_is_flagged_as_imagery() -> None:
    assert imagery_codes() == IMAGERY


def test_chair_work_needs_stabilisation() -> None:
    assert "needs_stabilisation" in {c.code for c in get_exercise("chair_work").cautions}


@pytest.mark.parametrize(("code", "stage"), STAGES.items())
def test_stages_follow_the_reference_ordering(code: str, stage: Stage | str) -> None:
    assert get_exercise(code).stage == stage


@pytest.mark.parametrize("exercise", [pytest.param(e, id=e.code) for e in exercise_list() if e.homework])
def test_homework_is_a_seed_kind_of_10_to_15_minutes(exercise: Exercise) -> None:
    assert exercise.homework is not None
    assert exercise.homework.kind in set(HomeworkKind)
    assert 10 <= exercise.homework.minutes_per_day <= 15


def test_the_seed_homework_kinds_are_all_used() -> None:
    used = {e.homework.kind for e in exercise_list() if e.homework}
    assert used == set(HomeworkKind)
    assert {k.value for k in HomeworkKind} == {
        "self_dialogue_training", "meditation", "emotional_journaling", "self_soothing_writing"}


@pytest.mark.parametrize(
    ("code", "formats"),
    [("group_agreement", {CourseFormat.GROUP}), ("compassionate_communication", {CourseFormat.FAMILY}),
     ("chair_work", set(CourseFormat)), ("safety_planning", set(CourseFormat))],
)
def test_formats(code: str, formats: set[CourseFormat]) -> None:
    assert get_exercise(code).formats == formats


def test_unknown_exercise() -> None:
    with pytest.raises(UnknownExercise) as raised:
        get_exercise("cold_shower")
    assert raised.value.code == "cold_shower"


def test_to_dict_is_json_with_every_field() -> None:
    data = get_exercise("compassionate_self").to_dict()
    assert set(data) == {"code", "title", "purpose", "kind", "stage", "minutes", "steps", "cautions", "patient",
                         "homework", "formats", "imagery", "source"}
    assert data["stage"] == 2 and data["imagery"] is True
    assert get_exercise("grounding_skills").to_dict()["stage"] == "any"
    json.dumps([e.to_dict() for e in exercise_list()])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"cautions": get_exercise("safe_place_imagery").cautions[1:]}, "imagery must carry the fears-of-compassion"),
        ({"steps": ()}, "steps are required"),
        ({"code": "Safe Place"}, "snake_case"),
        ({"minutes": 55}, "minutes must be"),
        ({"formats": frozenset()}, "at least one format"),
        ({"homework": HomeworkForm(HomeworkKind.MEDITATION, 20, "Practise.")}, "10-15 minutes"),
    ],
)
def test_the_definition_check_refuses_incomplete_exercises(change: dict[str, object], message: str) -> None:
    with pytest.raises(ExerciseDefinitionError, match=message):
        replace(get_exercise("safe_place_imagery"), **change)  # type: ignore[arg-type]


def test_an_exercise_without_cautions_is_refused() -> None:
    with pytest.raises(ExerciseDefinitionError, match="at least one caution"):
        replace(get_exercise("tricky_brain"), cautions=())
