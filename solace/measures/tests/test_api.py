"""The scoring contract and a patient's responses through the API: JSON, error shape, auth."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from solace.domain.instruments import score
from solace.measures.testing import response_create
from solace.testing.factories import signed_in_client

PHQ9 = [1, 0, 2, 1, 0, 0, 1, 0, 1]


def _post(client, path, body):
    return client.post(path, data=json.dumps(body), content_type="application/json")


@pytest.mark.django_db
def test_library_and_one_definition(cast):
    client = signed_in_client(cast.assigned_clinician)
    library = client.get("/api/v1/instruments").json()
    assert [entry["code"] for entry in library][:3] == ["phq9", "gad7", "rses"]
    phq9 = library[0]
    assert phq9 == {**phq9, "version": "2001", "items": 9, "wording": "shipped", "total_range": [0, 27]}
    assert next(e for e in library if e["code"] == "fscrs")["wording"] == "clinic_supplied"
    fscrs = client.get("/api/v1/instruments/fscrs").json()
    assert len(fscrs["item_list"]) == 22 and all(item["text"] is None for item in fscrs["item_list"])
    assert [s["code"] for s in fscrs["subscales"]] == ["inadequate_self", "hated_self", "reassured_self"]
    phq9_definition = client.get("/api/v1/instruments/phq9").json()
    assert phq9_definition["item_list"][8]["text"].startswith("Thoughts that you would be better off dead")
    assert phq9_definition["critical_items"][0]["item"] == "phq9_q9"


@pytest.mark.django_db
def test_score_returns_the_domain_result(cast):
    client = signed_in_client(cast.patient_user)
    response = _post(client, "/api/v1/instruments/phq9/score", {"answers": PHQ9})
    assert response.status_code == 200
    assert response.json() == score("phq9", PHQ9).to_dict()
    keyed = {f"phq9_q{n}": value for n, value in enumerate(PHQ9, start=1)}
    assert _post(client, "/api/v1/instruments/phq9/score", {"answers": keyed}).json() == response.json()


@pytest.mark.django_db
def test_score_keeps_instrument_extras(cast):
    client = signed_in_client(cast.assigned_clinician)
    body = _post(client, "/api/v1/instruments/cssrs_screener/score", {"answers": [1, 1, 1, 0, 0, 0, None]}).json()
    assert body["risk"] == "moderate" and body["total"] is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("answers", "field", "names"),
    [
        ([1, 0, 2], "answers.3", "phq9_q4 (item 4)"),
        ([*PHQ9, 1], "answers.9", "expected 9 answers"),
        ([1, 0, 4, 1, 0, 0, 1, 0, 1], "answers.2", "phq9_q3 (item 3): 4 is out of range"),
        ([1, 0, "two", 1, 0, 0, 1, 0, 1], "answers.2", "phq9_q3 (item 3): 'two' is not a number"),
        ([1, 0, None, 1, 0, 0, 1, 0, 1], "answers.2", "phq9_q3 (item 3): no answer"),
        ({"phq9_q1": 1, "phq9_q99": 1}, "answers.phq9_q99", "unknown item code 'phq9_q99'"),
        ({f"phq9_q{n}": 0 for n in range(1, 9)}, "answers.phq9_q9", "phq9_q9 (item 9): no answer"),
        ("1,0,2", "answers", "answers"),
    ],
)
def test_bad_answers_are_422_naming_the_item(cast, answers, field, names):
    response = _post(signed_in_client(cast.assigned_clinician), "/api/v1/instruments/phq9/score", {"answers": answers})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid" and error["field"] == field and names in error["message"]


@pytest.mark.django_db
def test_unknown_instrument_is_404(cast):
    client = signed_in_client(cast.assigned_clinician)
    for response in (client.get("/api/v1/instruments/nope"), _post(client, "/api/v1/instruments/nope/score",
                                                                    {"answers": [1]}),
                     client.get("/api/v1/instruments/nope/fhir")):
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


@pytest.mark.django_db
def test_scoring_needs_sign_in_or_a_token(cast):
    response = _post(Client(), "/api/v1/instruments/phq9/score", {"answers": PHQ9})
    assert response.status_code == 401 and response.json()["error"]["code"] == "unauthenticated"
    assert Client().get("/api/v1/instruments").status_code == 401
    from solace.accounts.services import api_token_create

    _token, raw = api_token_create(user=cast.researcher, name="analysis")
    response = Client().post("/api/v1/instruments/phq9/score", data=json.dumps({"answers": PHQ9}),
                             content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200 and response.json()["total"] == 6


@pytest.mark.django_db
def test_a_patients_responses(cast):
    stored = response_create(cast.patient, "phq9", PHQ9, actor=cast.patient_user)
    response_create(cast.patient, "gad7", [1] * 7, actor=cast.patient_user)
    client = signed_in_client(cast.assigned_clinician)
    listed = client.get(f"/api/v1/patients/{cast.patient.pk}/responses?instrument=phq9").json()
    assert [(r["id"], r["instrument"], r["total"], r["band"], r["critical_items"]) for r in listed] == [
        (str(stored.pk), "phq9", 6, "mild", ["phq9_q9"])]
    one = client.get(f"/api/v1/patients/{cast.patient.pk}/responses/{stored.pk}").json()
    assert one["answers"]["phq9_q3"] == 2 and one["score"] == score("phq9", PHQ9).to_dict()
    assert one["instrument_version"] == "2001" and one["scoring_version"] == "1"
    other = cast.other_patient_user.patient_record
    assert client.get(f"/api/v1/patients/{other.pk}/responses/{stored.pk}").status_code == 404
    assert client.get(f"/api/v1/patients/{cast.patient.pk}/responses/not-a-uuid").status_code == 404


@pytest.mark.django_db
def test_drafts_are_not_in_the_api(cast):
    from django.utils import timezone

    from solace.measures.services import response_draft_save

    draft = response_draft_save(actor=cast.patient_user, patient=cast.patient, instrument_code="phq9",
                                answers={"phq9_q1": 1}, now=timezone.now())
    client = signed_in_client(cast.patient_user)
    assert client.get(f"/api/v1/patients/{cast.patient.pk}/responses").json() == []
    assert client.get(f"/api/v1/patients/{cast.patient.pk}/responses/{draft.pk}").status_code == 404


@pytest.mark.django_db
def test_due_measures(cast, course):
    from solace.measures.services import schedule_defaults_apply
    from solace.measures.testing import wording_supply

    wording_supply(cast.clinic_admin, "rses", "fscrs", "scs_sf")
    schedule_defaults_apply(actor=cast.assigned_clinician, patient=course.patient, course_id=course.pk)
    due = signed_in_client(cast.patient_user).get(f"/api/v1/patients/{cast.patient.pk}/measures/due").json()
    phq9 = next(entry for entry in due if entry["instrument"] == "phq9")
    assert (phq9["cadence"], phq9["session"], phq9["week"], phq9["milestone"]) == ("every_session", 2, None, None)
    fscrs = next(entry for entry in due if entry["instrument"] == "fscrs")
    assert fscrs["milestone"] == "baseline"
