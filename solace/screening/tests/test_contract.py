"""One intake, three doors: `solace screen`, `POST /api/v1/screening/evaluate` and the web form give the same
result; an invalid intake gets an error naming the field at each door (CLI exit 2, API 422, form errors)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone

from solace.audit.models import AuditEvent
from solace.domain.screening import RULESET_VERSION
from solace.screening.forms import IntakeForm
from solace.screening.models import ClinicScreeningSettings, Screening
from solace.testing.factories import Cast, signed_in_client

FULL_INTAKE: dict[str, Any] = {
    "age": 34,
    "presenting_concerns": ["chronic_depression", "ptsd", "self_criticism", "self_harm"],
    "clinical_flags": {"acute_psychosis": False, "severe_anxiety": True, "ptsd_diagnosis": True},
    "responses": {
        "phq9": [2, 2, 1, 2, 1, 2, 1, 1, 1],
        "gad7": [3, 2, 2, 3, 2, 2, 2],
        "cssrs_screener": [1, 0, None, None, None, 0, None],
        "des2": [10, 20, 0, 30, 10, 0, 20, 10, 0, 10, 20, 0, 10, 30, 20, 0, 10, 20, 0, 0, 10, 10, 0, 0, 10, 0, 20, 10],
        "ders16": [3, 3, 4, 2, 3, 4, 3, 2, 3, 3, 2, 4, 3, 3, 4, 3],
        "fscrs": [3, 3, 1, 3, 1, 2, 3, 1, 1, 2, 1, 2, 1, 3, 2, 1, 3, 3, 1, 2, 1, 2],
        "fcs": [1] * 10 + [2] * 13 + [3] * 15,
        "ceas": [4, 3, 6, 4, 3, 4, 5, 3, 3, 4, 7, 3, 4],
        "scs_sf": [4, 2, 3, 4, 2, 2, 3, 4, 4, 3, 4, 4],
        "rses": [1, 2, 1, 1, 2, 2, 1, 2, 2, 1],
        "pcl5": [2, 3, 2, 2, 3, 2, 3, 1, 2, 3, 2, 2, 1, 2, 2, 3, 2, 3, 2, 2],
    },
    "concurrent_treatments": [{"kind": "cbt"}, {"kind": "antidepressant", "name": "sertraline"},
                              {"kind": "exposure_therapy"}, {"kind": "other", "name": "yoga group"}],
    "modality_preference": "individual",
    "self_exploration_acceptance": "moderate",
}


def _cli(intake: object, tmp_path: Path) -> dict[str, Any]:
    path = tmp_path / "intake.json"
    path.write_text(json.dumps(intake), encoding="utf-8")
    out = StringIO()
    call_command("screen", str(path), stdout=out)
    return json.loads(out.getvalue())  # type: ignore[no-any-return]


def _api(cast: Cast, intake: object) -> Any:
    client = signed_in_client(cast.assigned_clinician)
    return client.post("/api/v1/screening/evaluate", data=json.dumps(intake), content_type="application/json")


def _web(cast: Cast, intake: dict[str, Any]) -> Any:
    client = signed_in_client(cast.assigned_clinician)
    return client.post(f"/screening/patients/{cast.patient.pk}/new/", IntakeForm.data_from_intake(intake))


@pytest.mark.django_db
def test_the_same_intake_gives_the_same_result_through_cli_api_and_web_form(cast: Cast, tmp_path: Path) -> None:
    from_cli = _cli(FULL_INTAKE, tmp_path)
    response = _api(cast, FULL_INTAKE)
    assert response.status_code == 200, response.content
    from_api = response.json()
    assert Screening.objects.count() == 0, "the API evaluation stores nothing"
    page = _web(cast, FULL_INTAKE)
    screening = Screening.objects.get(patient=cast.patient)
    assert page.status_code == 302 and page["Location"].endswith(f"/{screening.pk}/")

    assert from_cli == from_api == screening.result
    assert from_cli["decision"] == "suitable_with_adaptations" == screening.decision
    rules = {finding["rule"] for finding in from_cli["findings"]}
    assert {"severe_anxiety", "ptsd_exposure", "co_treatment_exposure_ptsd", "co_treatment_antidepressant",
            "suicidal_thoughts_safety_plan", "self_harm_safety_plan", "co_treatment_other"} <= rules
    assert set(from_cli["scores"]) == set(FULL_INTAKE["responses"])
    assert screening.thresholds["gad7_severe_at"] == 15 and screening.ruleset_version == RULESET_VERSION
    assert screening.intake["responses"]["cssrs_screener"] == [1, 0, None, None, None, 0, None]
    assert AuditEvent.objects.filter(action="screening.evaluate", patient_id=cast.patient.pk,
                                     object_id=str(screening.pk)).count() == 1


@pytest.mark.django_db
def test_a_blocked_intake_is_the_same_everywhere(cast: Cast, tmp_path: Path) -> None:
    intake = {"age": 52, "clinical_flags": {"mania_uncontrolled": True}, "responses": {"phq9": [0] * 9},
              "self_exploration_acceptance": "low"}
    from_cli = _cli(intake, tmp_path)
    from_api = _api(cast, intake).json()
    _web(cast, intake)
    assert from_cli == from_api == Screening.objects.get().result
    assert from_cli["decision"] == "not_suitable"
    assert [a["code"] for a in from_cli["alternatives"]] == ["psychiatric_assessment"]


# (description, intake, field named by the CLI and the API, text in the message, the form's errors: field -> text)
INVALID: list[tuple[str, dict[str, Any], str, str, dict[str, str]]] = [
    ("unknown concern", {"age": 30, "presenting_concerns": ["insomnia"]}, "presenting_concerns",
     "unknown value 'insomnia'", {"presenting_concerns": "Select a valid choice"}),
    ("wrong answer count", {"age": 30, "responses": {"phq9": [0, 1, 2]}}, "responses.phq9",
     "expected 9 answers in published item order, got 3; phq9_q4 (item 4) has none",
     {f"answer_phq9_q{n}": f"Item {n}: please choose an answer." for n in range(4, 10)}),
    ("answer out of range", {"age": 30, "responses": {"gad7": [0, 0, 0, 5, 0, 0, 0]}}, "responses.gad7",
     "gad7_q4 (item 4): 5 is out of range 0\u20133", {"answer_gad7_q4": "5 is not one of the available choices"}),
    ("age out of range", {"age": 130}, "age", "130 is out of range 10-120",
     {"age": "less than or equal to 120"}),
    ("unanswered item", {"age": 30, "responses": {"ders16": [1] * 15 + [None]}}, "responses.ders16",
     "ders16_q16 (item 16): no answer", {"answer_ders16_q16": "Item 16: please choose an answer."}),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("description", "intake", "field", "message", "form_errors"), INVALID,
                         ids=[row[0] for row in INVALID])
def test_invalid_intake_names_the_field_everywhere(
    cast: Cast, tmp_path: Path, description: str, intake: dict[str, Any], field: str, message: str,
    form_errors: dict[str, str],
) -> None:
    path = tmp_path / "intake.json"
    path.write_text(json.dumps(intake), encoding="utf-8")
    with pytest.raises(CommandError) as raised:
        call_command("screen", str(path))
    assert raised.value.returncode == 2
    assert f"invalid intake: {field}: " in str(raised.value) and message in str(raised.value)

    response = _api(cast, intake)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid"
    assert response.json()["error"]["field"] == field
    assert message in response.json()["error"]["message"]

    if description == "unknown concern":  # the form offers only known concerns: the choice field refuses it
        page = signed_in_client(cast.assigned_clinician).post(
            f"/screening/patients/{cast.patient.pk}/new/", {"age": "30", "presenting_concerns": ["insomnia"]})
    else:
        page = _web(cast, intake)
    assert page.status_code == 422
    errors = page.context["form"].errors
    assert set(errors) == set(form_errors)
    for form_field, text in form_errors.items():
        assert text in errors[form_field][0]
        assert form_field == "presenting_concerns" or f'href="#id_{form_field}"' in page.content.decode()
    assert Screening.objects.count() == 0


@pytest.mark.django_db
def test_wrong_types_are_refused_everywhere(cast: Cast, tmp_path: Path) -> None:
    intake = {"age": "thirty", "clinical_flags": {"acute_crisis": "yes"}}
    path = tmp_path / "intake.json"
    path.write_text(json.dumps(intake), encoding="utf-8")
    with pytest.raises(CommandError, match=r"age: must be a whole number of years, not text") as raised:
        call_command("screen", str(path))
    assert raised.value.returncode == 2
    response = _api(cast, intake)
    assert response.status_code == 422 and response.json()["error"]["field"] == "age"
    phq9 = {**IntakeForm.answers_data("phq9", [0] * 8), "answer_phq9_q9": "x"}
    page = signed_in_client(cast.assigned_clinician).post(f"/screening/patients/{cast.patient.pk}/new/",
                                                          {"age": "thirty", **phq9})
    assert page.status_code == 422
    assert set(page.context["form"].errors) == {"age", "answer_phq9_q9"}  # every error at once
    assert 'value="thirty"' in page.content.decode()  # what was typed stays
    assert Screening.objects.count() == 0


@pytest.mark.django_db
def test_api_refuses_bodies_that_are_not_json_or_not_objects(cast: Cast) -> None:
    client = signed_in_client(cast.assigned_clinician)
    response = client.post("/api/v1/screening/evaluate", data="{age: 3", content_type="application/json")
    assert response.status_code == 422 and "not valid JSON" in response.json()["error"]["message"]
    response = client.post("/api/v1/screening/evaluate", data="[1, 2]", content_type="application/json")
    assert response.json() == {"error": {"code": "invalid", "message": "the intake must be a JSON object, not a list",
                                         "field": None}}


@pytest.mark.django_db
def test_api_is_for_clinicians_and_supervisors(cast: Cast) -> None:
    body = json.dumps({"age": 40})
    for name, status in (("assigned_clinician", 200), ("supervisor", 200), ("patient_user", 403),
                         ("clinic_admin", 403), ("researcher", 403)):
        response = signed_in_client(cast.member(name)).post("/api/v1/screening/evaluate", data=body,
                                                            content_type="application/json")
        assert response.status_code == status, name
    assert Client().post("/api/v1/screening/evaluate", data=body, content_type="application/json").status_code == 401


@pytest.mark.django_db
def test_api_and_form_use_the_clinic_thresholds_and_cli_can_too(cast: Cast, tmp_path: Path) -> None:
    ClinicScreeningSettings.objects.create(clinic=cast.clinic, overrides={"gad7_severe_at": 10},
                                           updated_at=timezone.now())
    intake = {"age": 30, "responses": {"phq9": [0] * 9, "gad7": [2, 2, 2, 2, 2, 0, 0]}}
    assert _api(cast, intake).json()["decision"] == "suitable_with_adaptations"
    assert _cli(intake, tmp_path)["decision"] == "suitable"
    path = tmp_path / "intake.json"
    out = StringIO()
    call_command("screen", str(path), "--clinic", cast.clinic.slug, stdout=out)
    assert json.loads(out.getvalue())["decision"] == "suitable_with_adaptations"
    with pytest.raises(CommandError, match="no clinic with the slug"):
        call_command("screen", str(path), "--clinic", "nowhere")


def _run_cli(*arguments: str, stdin: str | None = None, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "SOLACE_VAR_DIR": str(tmp_path),
                   "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}"}
    return subprocess.run([sys.executable, "-m", "solace.cli", "screen", *arguments], input=stdin, env=environment,
                          capture_output=True, text=True, timeout=60, check=False)


def test_the_command_line_exits_0_for_any_decision_and_2_for_invalid_input(tmp_path: Path) -> None:
    path = tmp_path / "intake.json"
    path.write_text(json.dumps({"age": 30, "clinical_flags": {"acute_psychosis": True}}), encoding="utf-8")
    done = _run_cli(str(path), tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["decision"] == "not_suitable"

    done = _run_cli("-", stdin=json.dumps({"age": 30, "responses": {"phq9": [0] * 9}}), tmp_path=tmp_path)
    assert done.returncode == 0 and json.loads(done.stdout)["decision"] == "suitable"

    done = _run_cli("-", stdin=json.dumps({"age": 30, "responses": {"phq9": [0] * 8 + [7]}}), tmp_path=tmp_path)
    assert done.returncode == 2 and done.stdout == ""
    assert "invalid intake: responses.phq9: phq9_q9 (item 9): 7 is out of range 0\u20133" in done.stderr

    done = _run_cli("-", stdin="{not json", tmp_path=tmp_path)
    assert done.returncode == 2 and "- is not valid JSON" in done.stderr

    done = _run_cli(str(tmp_path / "missing.json"), tmp_path=tmp_path)
    assert done.returncode == 2 and "cannot read the intake" in done.stderr


def test_the_api_documents_the_intake_body_and_the_result() -> None:
    from config.api import api

    operation = api.get_openapi_schema()["paths"]["/api/v1/screening/evaluate"]["post"]
    body = operation["requestBody"]["content"]["application/json"]["schema"]
    assert body["required"] == ["age"] and "responses" in body["properties"]
    responses = {str(status): response for status, response in operation["responses"].items()}
    assert responses["200"]["content"]["application/json"]["schema"]["$ref"].endswith("ScreeningResultOut")
