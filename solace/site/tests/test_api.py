from __future__ import annotations

import json

import pytest
from django.test import Client

from solace.accounts.models import ApiToken
from solace.audit.models import AuditEvent
from solace.patients.models import CareTeamMember, Patient
from solace.testing.factories import signed_in_client

VALID_PATIENT = {
    "given_name": "Robin", "family_name": "Lee", "date_of_birth": "1988-04-02", "email": "Robin.Lee@example.org",
    "time_zone": "Asia/Shanghai", "preferred_language": "zh-hans",
}


def _bearer(raw: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {raw}"}


@pytest.mark.django_db
def test_openapi_schema_is_served():
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/v1/patients/{patient_id}" in paths and "/api/v1/tokens" in paths


@pytest.mark.django_db
def test_token_is_shown_once_hashed_at_rest_and_revocable(cast):
    client = signed_in_client(cast.assigned_clinician)
    created = client.post("/api/v1/tokens", data=json.dumps({"name": "laptop"}), content_type="application/json")
    assert created.status_code == 201
    raw = created.json()["token"]
    stored = ApiToken.objects.get(pk=created.json()["id"])
    assert raw not in stored.token_hash and len(stored.token_hash) == 64
    assert "token" not in client.get("/api/v1/tokens").json()[0]
    anonymous = Client()
    assert anonymous.get("/api/v1/me", headers=_bearer(raw)).json()["email"] == cast.assigned_clinician.email
    assert client.delete(f"/api/v1/tokens/{stored.pk}").status_code == 204
    response = anonymous.get("/api/v1/me", headers=_bearer(raw))
    assert response.status_code == 401
    assert response.json() == {"error": {"code": "unauthenticated", "message": "Sign in or send a valid API token.",
                                         "field": None}}


@pytest.mark.django_db
def test_clinician_registers_patient_through_api(cast):
    client = signed_in_client(cast.assigned_clinician)
    response = client.post("/api/v1/patients", data=json.dumps(VALID_PATIENT), content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    patient = Patient.objects.get(pk=body["id"])
    assert patient.email == "robin.lee@example.org" and patient.time_zone == "Asia/Shanghai"
    assert CareTeamMember.objects.get(patient=patient).user == cast.assigned_clinician
    assert AuditEvent.objects.filter(action="patient.create", patient_id=patient.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"email": "not-an-email"}, "email"),
        ({"date_of_birth": "2999-01-01"}, "date_of_birth"),
        ({"date_of_birth": "yesterday"}, "date_of_birth"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"preferred_language": "klingon"}, "preferred_language"),
        ({"given_name": ""}, "given_name"),
        ({"given_name": 42}, "given_name"),
    ],
)
def test_bad_patient_input_names_the_field_and_saves_nothing(cast, change, field):
    client = signed_in_client(cast.assigned_clinician)
    before = Patient.objects.count()
    response = client.post("/api/v1/patients", data=json.dumps(VALID_PATIENT | change),
                           content_type="application/json")
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid" and error["field"] == field and field in error["message"]
    assert Patient.objects.count() == before


@pytest.mark.django_db
def test_missing_field_and_malformed_json_are_named(cast):
    client = signed_in_client(cast.assigned_clinician)
    body = dict(VALID_PATIENT)
    del body["family_name"]
    response = client.post("/api/v1/patients", data=json.dumps(body), content_type="application/json")
    assert response.status_code == 422 and response.json()["error"]["field"] == "family_name"
    response = client.post("/api/v1/patients", data="{not json", content_type="application/json")
    assert response.status_code in (400, 422) and "error" in response.json()


@pytest.mark.django_db
def test_duplicate_email_is_refused_with_field(cast):
    client = signed_in_client(cast.assigned_clinician)
    body = VALID_PATIENT | {"email": cast.patient.email}
    response = client.post("/api/v1/patients", data=json.dumps(body), content_type="application/json")
    assert response.status_code == 422 and response.json()["error"]["field"] == "email"


@pytest.mark.django_db
def test_patient_list_is_scoped(cast):
    def ids(user):
        return {row["id"] for row in signed_in_client(user).get("/api/v1/patients").json()}

    assert ids(cast.assigned_clinician) == {str(cast.patient.pk), str(cast.other_patient_user.patient_record.pk)}
    assert ids(cast.colleague) == set()
    assert ids(cast.other_clinic_clinician) == set()
    assert ids(cast.patient_user) == {str(cast.patient.pk)}
    assert ids(cast.clinic_admin) == set() and ids(cast.researcher) == set()


@pytest.mark.django_db
def test_only_clinicians_register_patients(cast):
    response = signed_in_client(cast.patient_user).post(
        "/api/v1/patients", data=json.dumps(VALID_PATIENT), content_type="application/json"
    )
    assert response.status_code == 403 and response.json()["error"]["code"] == "forbidden"


@pytest.mark.django_db
def test_session_api_writes_need_csrf(cast):
    client = signed_in_client(cast.assigned_clinician)
    client.handler.enforce_csrf_checks = True
    response = client.post("/api/v1/tokens", data=json.dumps({"name": "x"}), content_type="application/json")
    assert response.status_code in (401, 403)
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
def test_audit_api_for_supervisors_only(cast):
    signed_in_client(cast.assigned_clinician).get(f"/api/v1/patients/{cast.patient.pk}")
    rows = signed_in_client(cast.supervisor).get(f"/api/v1/audit?patient_id={cast.patient.pk}").json()
    assert any(row["action"] == "patient.view" for row in rows)
    assert signed_in_client(cast.assigned_clinician).get("/api/v1/audit").json() == []
