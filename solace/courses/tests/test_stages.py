"""Stage progression is the clinician's decision, one step at a time, with the criteria shown beside it and stored
with the decision; every decision is audited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from solace.audit.models import AuditEvent
from solace.courses import services
from solace.courses.models import StageTransition, TreatmentCourse
from solace.measures.testing import response_create
from solace.testing.factories import Cast, signed_in_client

pytestmark = pytest.mark.django_db


def _stage_url(cast: Cast, course: TreatmentCourse) -> str:
    return f"/courses/patients/{cast.patient.pk}/{course.pk}/stage/"


def test_criteria_are_shown_beside_the_decision(course: TreatmentCourse, cast: Cast) -> None:
    sessions = list(course.therapy_sessions.order_by("number")[:3])
    for session, status in zip(sessions, ("attended", "attended", "missed"), strict=True):
        services.session_attendance_record(actor=cast.assigned_clinician, session=session, status=status,
                                           now=timezone.now())
    response_create(cast.patient, "phq9", [2, 2, 2, 2, 2, 2, 2, 1, 0], actor=cast.patient_user,
                    at=timezone.now() - timedelta(days=14))
    response_create(cast.patient, "phq9", [0, 1, 0, 1, 0, 0, 1, 0, 0], actor=cast.patient_user)
    page = signed_in_client(cast.assigned_clinician).get(f"/courses/patients/{cast.patient.pk}/").content.decode()
    assert "67% · 2 attended, 1 missed" in page
    assert "latest 3 · first 15 · Recovered (reliable and clinically significant improvement)" in page
    assert "Generalized Anxiety Disorder" in page and "no results yet" in page
    assert "Move to Stage 2: Building compassionate-mind skills" in page
    assert "The plan moves on in" in page


def test_moving_on_is_audited_and_stores_the_criteria(course: TreatmentCourse, cast: Cast) -> None:
    client = signed_in_client(cast.assigned_clinician)
    response = client.post(_stage_url(cast, course), {"to_stage": "build", "note": "Formulation shared; ready."})
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.stage == "build"
    transition = StageTransition.objects.get(course=course)
    assert (transition.from_stage, transition.to_stage, transition.decided_by) == ("recognise", "build",
                                                                                  cast.assigned_clinician)
    assert transition.note == "Formulation shared; ready."
    assert set(transition.criteria) >= {"attendance_rate", "measures", "week", "practice_count"}
    event = AuditEvent.objects.get(action="course.stage")
    assert event.detail == {"from": "recognise", "to": "build", "transition": transition.pk}
    assert event.patient_id == cast.patient.pk and "Formulation" not in str(event.detail)


@pytest.mark.parametrize(("to_stage", "message"), [("apply", "one stage at a time"), ("recognise", "one stage"),
                                                    ("", "This field is required.")])
def test_skipping_or_going_back_is_refused(course: TreatmentCourse, cast: Cast, to_stage: str, message: str) -> None:
    response = signed_in_client(cast.assigned_clinician).post(_stage_url(cast, course), {"to_stage": to_stage})
    assert response.status_code == 422 and message in response.content.decode()
    course.refresh_from_db()
    assert course.stage == "recognise" and not StageTransition.objects.exists()


def test_the_last_step_completes_the_course(course: TreatmentCourse, cast: Cast) -> None:
    for stage in ("build", "apply", "completed"):
        services.course_stage_advance(actor=cast.assigned_clinician, course=course, to_stage=stage, note="",
                                      now=timezone.now())
    course.refresh_from_db()
    assert (course.stage, course.status) == ("completed", "completed")
    assert list(StageTransition.objects.order_by("pk").values_list("to_stage", flat=True)) == [
        "build", "apply", "completed"]
    response = signed_in_client(cast.assigned_clinician).post(_stage_url(cast, course), {"to_stage": "completed"})
    assert response.status_code == 422 and "Only an active course moves between stages." in response.content.decode()
