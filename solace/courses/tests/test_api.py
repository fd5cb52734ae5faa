"""Courses API: plan preview (the same plan as `solace plan`), a patient's courses, plan versions and sessions; no
notes anywhere; errors name the field."""

from __future__ import annotations

import json

import pytest

from solace.courses.models import TreatmentCourse
from solace.domain.planning import PlanRequest, plan_course
from solace.testing.factories import Cast, signed_in_client

pytestmark = pytest.mark.django_db


def _post(client, path: str, body: dict[str, object]):
    return client.post(path, data=json.dumps(body), content_type="application/json")


def test_plan_preview_matches_the_domain(cast: Cast) -> None:
    client = signed_in_client(cast.assigned_clinician)
    body = {"decision": "suitable_with_adaptations", "format": "family", "adaptations": ["slow_pacing"], "weeks": 16}
    response = _post(client, "/api/v1/planning/plan", body)
    assert response.status_code == 200
    assert response.json() == plan_course(PlanRequest(decision="suitable_with_adaptations", format="family",
                                                      adaptations=("slow_pacing",), weeks=16)).to_dict()


@pytest.mark.parametrize(
    ("body", "code", "field"),
    [({"decision": "suitable", "weeks": 40}, "invalid", "weeks"),
     ({"decision": "suitable", "adaptations": ["magic"]}, "invalid", "adaptations"),
     ({"decision": "not_suitable"}, "refused", "decision"),
     ({"format": "group"}, "invalid", "decision")],
)
def test_plan_preview_errors_name_the_field(cast: Cast, body: dict[str, object], code: str, field: str) -> None:
    response = _post(signed_in_client(cast.assigned_clinician), "/api/v1/planning/plan", body)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == code and response.json()["error"]["field"] == field


def test_patients_cannot_preview_plans(cast: Cast) -> None:
    response = _post(signed_in_client(cast.patient_user), "/api/v1/planning/plan", {"decision": "suitable"})
    assert response.status_code == 403


def test_courses_plan_and_sessions(course: TreatmentCourse, cast: Cast) -> None:
    client = signed_in_client(cast.assigned_clinician)
    courses = client.get(f"/api/v1/patients/{cast.patient.pk}/courses").json()
    assert courses == [{"id": course.pk, "format": "individual", "stage": "recognise", "status": "active",
                        "weeks": 16, "session_minutes": 60, "started_on": course.started_on.isoformat(),  # type: ignore[union-attr]
                        "group_id": None, "plan_version": 1}]
    plan = client.get(f"/api/v1/patients/{cast.patient.pk}/courses/{course.pk}/plan").json()
    assert plan["number"] == 1 and plan["plan"] == course.plan_versions.get().plan
    missing = client.get(f"/api/v1/patients/{cast.patient.pk}/courses/{course.pk}/plan?version=7")
    assert missing.status_code == 404 and missing.json()["error"]["field"] == "version"
    sessions = client.get(f"/api/v1/patients/{cast.patient.pk}/courses/{course.pk}/sessions").json()
    assert len(sessions) == 16 and sessions[0]["scheduled_start"].endswith("Z")
    assert signed_in_client(cast.patient_user).get(
        f"/api/v1/patients/{cast.patient.pk}/courses/{course.pk}/plan").status_code == 404
