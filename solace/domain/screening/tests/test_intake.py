"""Invalid intakes get an error naming the field; valid ones normalise and round-trip."""

from __future__ import annotations

from typing import Any

import pytest

from solace.domain.screening import IntakeError, intake_json_schema, parse_intake, screen
from solace.domain.screening.tests.builders import ceas, cssrs, intake, phq9

INVALID: list[tuple[str, object, str | None, str]] = [
    ("not an object", [], None, "must be a JSON object, not a list"),
    ("age missing", {}, "age", "is required"),
    ("age as text", {"age": "34"}, "age", "whole number of years, not text"),
    ("age as a boolean", {"age": True}, "age", "not a boolean"),
    ("age as a fraction", {"age": 34.5}, "age", "not a number"),
    ("age too low", {"age": 9}, "age", "9 is out of range 10-120"),
    ("age too high", {"age": 121}, "age", "121 is out of range"),
    ("unknown field", {"age": 34, "diagnosis": "x"}, "diagnosis", "unknown field"),
    ("concerns not a list", {"age": 34, "presenting_concerns": "ptsd"}, "presenting_concerns", "must be a list"),
    ("unknown concern", {"age": 34, "presenting_concerns": ["ptsd", "insomnia"]}, "presenting_concerns",
     "unknown value 'insomnia'"),
    ("concern not text", {"age": 34, "presenting_concerns": [3]}, "presenting_concerns", "unknown value a number"),
    ("flags not an object", {"age": 34, "clinical_flags": ["acute_crisis"]}, "clinical_flags", "must be an object"),
    ("unknown flag", {"age": 34, "clinical_flags": {"psychosis": True}}, "clinical_flags.psychosis", "unknown flag"),
    ("flag not boolean", {"age": 34, "clinical_flags": {"acute_crisis": "yes"}}, "clinical_flags.acute_crisis",
     "must be true or false, not text"),
    ("flag as 1", {"age": 34, "clinical_flags": {"acute_crisis": 1}}, "clinical_flags.acute_crisis",
     "must be true or false, not a number"),
    ("responses not an object", {"age": 34, "responses": [1, 2]}, "responses", "keyed by instrument code"),
    ("unknown instrument", {"age": 34, "responses": {"bdi2": [0]}}, "responses.bdi2", "unknown instrument"),
    ("instrument outside screening", {"age": 34, "responses": {"k10": [1] * 10}}, "responses.k10",
     "unknown instrument"),
    ("answers as text", {"age": 34, "responses": {"phq9": "0,0,0"}}, "responses.phq9", "must be a list"),
    ("risk assessment not an object", {"age": 34, "risk_assessment": "low"}, "risk_assessment", "must be an object"),
    ("risk level unknown", {"age": 34, "risk_assessment": {"level": "severe", "assessed_on": "2025-03-01",
                                                          "safety_plan_in_place": True}},
     "risk_assessment.level", "unknown value 'severe'; expected one of: low, moderate, high"),
    ("risk date missing", {"age": 34, "risk_assessment": {"level": "low", "safety_plan_in_place": True}},
     "risk_assessment.assessed_on", "is required"),
    ("risk date not a date", {"age": 34, "risk_assessment": {"level": "low", "assessed_on": "yesterday",
                                                            "safety_plan_in_place": True}},
     "risk_assessment.assessed_on", "must be a date as YYYY-MM-DD, not 'yesterday'"),
    ("safety plan as text", {"age": 34, "risk_assessment": {"level": "low", "assessed_on": "2025-03-01",
                                                           "safety_plan_in_place": "yes"}},
     "risk_assessment.safety_plan_in_place", "must be true or false, not text"),
    ("risk unknown field", {"age": 34, "risk_assessment": {"level": "low", "assessed_on": "2025-03-01",
                                                          "safety_plan_in_place": True, "signed_by": 3}},
     "risk_assessment.signed_by", "unknown field"),
    ("too few answers", {"age": 34, "responses": {"phq9": [0] * 8}}, "responses.phq9",
     "expected 9 answers in published item order, got 8; phq9_q9 (item 9) has none"),
    ("too many answers", {"age": 34, "responses": {"gad7": [0] * 8}}, "responses.gad7", "expected 7 answers"),
    ("answer out of range", {"age": 34, "responses": {"phq9": [0, 0, 4, 0, 0, 0, 0, 0, 0]}}, "responses.phq9",
     "phq9_q3 (item 3): 4 is out of range 0\u20133"),
    ("answer below range", {"age": 34, "responses": {"ceas": [0] + [5] * 12}}, "responses.ceas",
     "ceas_q1 (item 1): 0 is out of range 1\u201310"),
    ("answer not a number", {"age": 34, "responses": {"phq9": ["often"] + [0] * 8}}, "responses.phq9",
     "phq9_q1 (item 1): 'often' is not a number"),
    ("answer off step", {"age": 34, "responses": {"des2": [15] + [0] * 27}}, "responses.des2",
     "des2_q1 (item 1): 15 is not an allowed answer"),
    ("unanswered item", {"age": 34, "responses": {"phq9": [None] + [0] * 8}}, "responses.phq9",
     "phq9_q1 (item 1): no answer"),
    ("skip rule", {"age": 34, "responses": {"cssrs_screener": [1, 0, 1, 0, 0, 0, None]}}, "responses.cssrs_screener",
     "cssrs_screener_q3 (item 3): answered 1, but it is not asked"),
    ("treatments not a list", {"age": 34, "concurrent_treatments": {"kind": "cbt"}}, "concurrent_treatments",
     "must be a list"),
    ("treatment not an object", {"age": 34, "concurrent_treatments": ["cbt"]}, "concurrent_treatments.0",
     "must be an object"),
    ("treatment without kind", {"age": 34, "concurrent_treatments": [{"name": "x"}]}, "concurrent_treatments.0.kind",
     "is required"),
    ("unknown treatment", {"age": 34, "concurrent_treatments": [{"kind": "cbt"}, {"kind": "hypnosis"}]},
     "concurrent_treatments.1.kind", "unknown value 'hypnosis'"),
    ("treatment name not text", {"age": 34, "concurrent_treatments": [{"kind": "other", "name": 5}]},
     "concurrent_treatments.0.name", "must be text"),
    ("treatment name too long", {"age": 34, "concurrent_treatments": [{"kind": "other", "name": "x" * 201}]},
     "concurrent_treatments.0.name", "at most 200 characters"),
    ("treatment extra field", {"age": 34, "concurrent_treatments": [{"kind": "cbt", "dose": 5}]},
     "concurrent_treatments.0.dose", "unknown field"),
    ("unknown modality", {"age": 34, "modality_preference": "online"}, "modality_preference", "unknown value 'online'"),
    ("unknown acceptance", {"age": 34, "self_exploration_acceptance": 3}, "self_exploration_acceptance",
     "unknown value a number"),
]


@pytest.mark.parametrize(("description", "data", "field", "message"), INVALID, ids=[row[0] for row in INVALID])
def test_invalid_intake_names_the_field(description: str, data: object, field: str | None, message: str) -> None:
    with pytest.raises(IntakeError) as raised:
        screen(data)
    assert raised.value.field == field
    assert message in raised.value.message
    assert str(raised.value) == (f"{field}: {raised.value.message}" if field else raised.value.message)


def test_only_age_is_required() -> None:
    parsed = parse_intake({"age": 34})
    assert parsed.age == 34 and parsed.scores == {} and parsed.concurrent_treatments == ()
    assert parsed.modality_preference is None


def test_nulls_for_optional_choices_are_accepted() -> None:
    parsed = parse_intake({"age": 34, "modality_preference": None, "self_exploration_acceptance": None})
    assert parsed.modality_preference is None and parsed.self_exploration_acceptance is None


def test_normalised_intake_round_trips() -> None:
    data: dict[str, Any] = intake(
        presenting_concerns=["ptsd", "chronic_depression", "ptsd"],
        clinical_flags={"severe_anxiety": True, "acute_crisis": False},
        responses={"phq9": ["1", 1.0, 0, 0, 0, 0, 0, 0, 2], "cssrs_screener": [1, 0, None, None, None, 0, None],
                   "ceas": ceas(7, 7)},
        concurrent_treatments=[{"kind": "antidepressant", "name": " sertraline "}, {"kind": "other", "name": ""}],
        modality_preference="group", self_exploration_acceptance="low",
    )
    normalised = parse_intake(data).to_dict()
    assert normalised["presenting_concerns"] == ["chronic_depression", "ptsd"]
    assert normalised["clinical_flags"] == {
        "acute_psychosis": False, "mania_uncontrolled": False, "dissociative_disorder_severe": False,
        "acute_crisis": False, "substance_withdrawal": False, "borderline_severe": False, "ptsd_diagnosis": False,
        "severe_anxiety": True,
    }
    assert normalised["responses"]["phq9"] == [1, 1, 0, 0, 0, 0, 0, 0, 2]  # type: ignore[index]
    assert normalised["responses"]["cssrs_screener"] == [1, 0, None, None, None, 0, None]  # type: ignore[index]
    assert list(normalised["responses"]) == ["phq9", "cssrs_screener", "ceas"]  # type: ignore[call-overload]
    assert normalised["concurrent_treatments"] == [{"kind": "antidepressant", "name": "sertraline"},
                                                   {"kind": "other"}]
    assert parse_intake(normalised).to_dict() == normalised
    assert screen(normalised).to_dict() == screen(data).to_dict()


def test_scores_in_the_result_come_from_the_instrument_library() -> None:
    result = screen(intake(responses={"phq9": phq9(item9=1, others=2), "cssrs_screener": cssrs("moderate")}))
    assert result.scores["phq9"]["total"] == 17
    assert result.scores["phq9"]["band"] == "moderately_severe"
    assert result.scores["phq9"]["critical_items"] == ["phq9_q9"]
    assert result.scores["cssrs_screener"]["risk"] == "moderate"
    assert set(result.scores["phq9"]) >= {"instrument", "version", "scoring_version", "subscales", "cut_offs"}


def test_json_schema_lists_the_codes_the_parser_accepts() -> None:
    schema: dict[str, Any] = intake_json_schema()
    properties = schema["properties"]
    assert schema["required"] == ["age"]
    assert "borderline_personality" in properties["presenting_concerns"]["items"]["enum"]
    assert properties["responses"]["properties"]["phq9"]["minItems"] == 9
    assert set(properties) == {
        "age", "presenting_concerns", "clinical_flags", "responses", "concurrent_treatments", "modality_preference",
        "self_exploration_acceptance", "risk_assessment",
    }


def test_a_risk_assessment_round_trips() -> None:
    data = intake(risk_assessment={"level": "moderate", "assessed_on": "2025-03-01", "safety_plan_in_place": True,
                                   "protective_factors": "  Her children.  "})
    normalised = parse_intake(data).to_dict()
    assert normalised["risk_assessment"] == {"level": "moderate", "assessed_on": "2025-03-01",
                                             "protective_factors": "Her children.", "safety_plan_in_place": True}
    assert parse_intake(normalised).to_dict() == normalised
    assert "risk_assessment" in intake_json_schema()["properties"]  # type: ignore[operator]
