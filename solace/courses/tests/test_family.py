"""Family intervention: relatives join a family-format course with their own account and consent, see their own
exercises, and see the rest only as the patient shares it (per item, nothing by default)."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from solace.accounts.models import User
from solace.courses import services
from solace.courses.models import FamilyParticipant, TreatmentCourse
from solace.courses.testing import course_ready
from solace.kernel.permissions import Action, Role
from solace.patients.access import patients_in_scope
from solace.testing.factories import PASSWORD, Cast, signed_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def family_course(cast: Cast) -> TreatmentCourse:
    return course_ready(cast.patient, clinician=cast.assigned_clinician, course_format="family")


def _invite(cast: Cast, course: TreatmentCourse, email: str = "jo.relative@example.org") -> str:
    response = signed_in_client(cast.assigned_clinician).post(
        f"/courses/patients/{cast.patient.pk}/{course.pk}/family/",
        {"full_name": "Jo Relative", "email": email, "relationship": "parent"})
    assert response.status_code == 200
    match = re.search(r'data-testid="invitation-link">([^<]+)<', response.content.decode())
    assert match is not None
    return match.group(1).strip().removeprefix("http://127.0.0.1:8000")


def _accept(link: str) -> Client:
    client = Client()
    response = client.post(link, {"password1": PASSWORD, "password2": PASSWORD, "consent_treatment": "on",
                                  "consent_data_use": "on"})
    assert response.status_code == 302 and response["Location"] == "/courses/family/"
    return client


def test_invitation_account_and_consent(family_course: TreatmentCourse, cast: Cast) -> None:
    link = _invite(cast, family_course)
    assert len(mail.outbox) == 1 and link in mail.outbox[0].body
    assert cast.patient.given_name in mail.outbox[0].body and cast.patient.family_name not in mail.outbox[0].body
    page = Client().get(link).content.decode()
    assert "I agree to take part in the family sessions of this course." in page
    missing = Client().post(link, {"password1": PASSWORD, "password2": PASSWORD})
    assert "You need to agree to take part to continue." in missing.content.decode()
    assert not User.objects.filter(email="jo.relative@example.org").exists()
    client = _accept(link)
    user = User.objects.get(email="jo.relative@example.org")
    participant = FamilyParticipant.objects.get()
    assert (user.role, user.clinic, user.time_zone) == (Role.FAMILY_MEMBER, cast.clinic, cast.patient.time_zone)
    assert participant.user == user and participant.consented_at is not None and participant.consent_version == "1"
    assert client.get("/").status_code == 302
    assert Client().get(link).status_code == 404  # single use
    assert not patients_in_scope(user, Action.READ).exists()


def test_nothing_is_shared_by_default(family_course: TreatmentCourse, cast: Cast) -> None:
    client = _accept(_invite(cast, family_course))
    page = client.get("/courses/family/").content.decode()
    assert "Your practice between sessions" in page and "Being kind when things are hard" in page
    assert f"With {cast.patient.given_name}" in page
    assert "has not shared anything else with you" in page
    for private in ('data-testid="family-sessions"', 'data-testid="family-practice"', 'data-testid="family-stage"',
                    cast.patient.family_name, cast.patient.email):
        assert private not in page
    assert "BEGIN:VEVENT" not in client.get("/courses/family/calendar.ics").content.decode()


def test_the_patient_shares_item_by_item(family_course: TreatmentCourse, cast: Cast) -> None:
    family = _accept(_invite(cast, family_course))
    patient = signed_in_client(cast.patient_user)
    mine = patient.get("/courses/mine/").content.decode()
    assert "What your family can see" in mine and "checked" not in mine.split('id="sharing"')[1]
    assert patient.post("/courses/mine/sharing/", {"family_sees_schedule": "on"}).status_code == 302
    family_course.refresh_from_db()
    assert (family_course.family_sees_schedule, family_course.family_sees_homework,
            family_course.family_sees_progress) == (True, False, False)
    page = family.get("/courses/family/").content.decode()
    assert 'data-testid="family-sessions"' in page and "you are invited" in page
    assert 'data-testid="family-practice"' not in page and 'data-testid="family-stage"' not in page
    assert family.get("/courses/family/calendar.ics").content.decode().count("BEGIN:VEVENT") == 14
    patient.post("/courses/mine/sharing/", {"family_sees_homework": "on", "family_sees_progress": "on"})
    page = family.get("/courses/family/").content.decode()
    assert 'data-testid="family-practice"' in page and 'data-testid="family-stage"' in page
    assert 'data-testid="family-sessions"' not in page


def test_family_members_reach_nothing_else(family_course: TreatmentCourse, cast: Cast) -> None:
    services.progress_note_save(actor=cast.assigned_clinician, session=family_course.therapy_sessions.first(),  # type: ignore[arg-type]
                                text="Clinical detail QWE-55", agenda_done=[], exercises_practised=[],
                                now=timezone.now())
    family = _accept(_invite(cast, family_course))
    session = family_course.therapy_sessions.first()
    for path in (f"/patients/{cast.patient.pk}/", f"/courses/patients/{cast.patient.pk}/",
                 f"/courses/patients/{cast.patient.pk}/sessions/{session.pk}/", "/courses/mine/",  # type: ignore[union-attr]
                 f"/measures/patients/{cast.patient.pk}/", "/patients/", "/courses/groups/",
                 f"/screening/patients/{cast.patient.pk}/"):
        assert family.get(path).status_code == 404, path
    for path in (f"/api/v1/patients/{cast.patient.pk}", f"/api/v1/patients/{cast.patient.pk}/courses"):
        assert family.get(path).status_code == 404, path
    assert "QWE-55" not in family.get("/courses/family/").content.decode()
    assert "API tokens" not in family.get("/courses/family/").content.decode()


def test_only_family_courses_take_family_members(course: TreatmentCourse, cast: Cast) -> None:
    response = signed_in_client(cast.assigned_clinician).post(
        f"/courses/patients/{cast.patient.pk}/{course.pk}/family/",
        {"full_name": "Jo", "email": "jo@example.org", "relationship": "parent"})
    assert response.status_code == 422 and "Family members join family-format courses only." in \
        response.content.decode()
    bad = signed_in_client(cast.assigned_clinician).post(
        f"/courses/patients/{cast.patient.pk}/{course.pk}/family/",
        {"full_name": "Jo", "email": "not-an-address", "relationship": "cousin"})
    assert bad.status_code == 422
    assert "Relationship to the patient: Select a valid choice." in bad.content.decode()
    assert not FamilyParticipant.objects.exists()
    assert signed_in_client(cast.patient_user).post("/courses/mine/sharing/", {}).status_code == 404
