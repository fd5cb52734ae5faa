from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from solace.accounts.models import Invitation
from solace.alerts.models import SafetyEvent
from solace.audit.models import AuditEvent
from solace.courses.models import TherapySession, TreatmentCourse
from solace.patients.models import Consent, Patient
from solace.testing import factories
from solace.testing.factories import signed_in_client

FORM = {
    "given_name": "Sam", "family_name": "Okafor", "date_of_birth": "1979-10-12", "email": "sam@example.org",
    "phone": "", "emergency_contact_name": "", "emergency_contact_phone": "", "preferred_language": "en",
    "time_zone": "Europe/London",
}


@pytest.mark.django_db
def test_register_patient_and_invite_end_to_end(cast):
    client = signed_in_client(cast.assigned_clinician)
    response = client.post("/patients/new/", FORM)
    patient = Patient.objects.get(email="sam@example.org")
    assert response["Location"] == f"/patients/{patient.pk}/"
    page = client.post(f"/patients/{patient.pk}/invite/").content.decode()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["sam@example.org"]
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/invitation/" in line).strip()
    path = link.split("8000", 1)[1]
    assert path in page
    invitee = Client()
    form_page = invitee.get(path)
    assert form_page.status_code == 200 and "Welcome, Sam" in form_page.content.decode()
    response = invitee.post(path, {"password1": "a-long-calm-river", "password2": "a-long-calm-river",
                                   "consent_treatment": "on", "consent_data_use": "on"})
    assert response["Location"] == "/"
    patient.refresh_from_db()
    assert patient.user is not None and patient.user.role == "patient"
    assert set(Consent.objects.filter(patient=patient).values_list("kind", flat=True)) == {"treatment", "data_use"}
    assert "Hello, Sam" in invitee.get("/").content.decode()
    assert Client().get(path).status_code == 404  # single use
    actions = set(AuditEvent.objects.filter(patient_id=patient.pk).values_list("action", flat=True))
    assert {"patient.create", "patient.invite", "invitation.create", "invitation.accept"} <= actions


@pytest.mark.django_db
def test_expired_invitation_is_refused(cast):
    patient = factories.patient_create(cast.clinic, clinician=cast.assigned_clinician)
    from solace.patients.services import invitation_create

    invitation, token = invitation_create(actor=cast.assigned_clinician, patient=patient, now=timezone.now())
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert Client().get(f"/accounts/invitation/{token}/").status_code == 404


@pytest.mark.django_db
def test_a_new_invitation_revokes_the_old_one(cast):
    from solace.patients.services import invitation_create

    patient = factories.patient_create(cast.clinic, clinician=cast.assigned_clinician)
    _first, old = invitation_create(actor=cast.assigned_clinician, patient=patient, now=timezone.now())
    _second, new = invitation_create(actor=cast.assigned_clinician, patient=patient, now=timezone.now())
    assert Client().get(f"/accounts/invitation/{old}/").status_code == 404
    assert Client().get(f"/accounts/invitation/{new}/").status_code == 200


@pytest.mark.django_db
def test_invitation_form_errors_name_fields_and_save_nothing(cast):
    from solace.patients.services import invitation_create

    patient = factories.patient_create(cast.clinic, clinician=cast.assigned_clinician)
    _inv, token = invitation_create(actor=cast.assigned_clinician, patient=patient, now=timezone.now())
    response = Client().post(f"/accounts/invitation/{token}/",
                             {"password1": "short", "password2": "different", "consent_treatment": "on"})
    page = response.content.decode()
    assert response.status_code == 422
    assert "The two passwords do not match." in page
    assert "You need to agree to the use of your information to continue." in page
    patient.refresh_from_db()
    assert patient.user is None and not Consent.objects.filter(patient=patient).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"email": "nope"}, "E-mail address: Enter a valid email address."),
        ({"date_of_birth": "2999-01-01"}, "Date of birth: The date of birth cannot be in the future."),
        ({"time_zone": "Mars/Base"}, "Time zone: Select a valid choice."),
        ({"given_name": ""}, "Given name: This field is required."),
    ],
)
def test_patient_form_errors_name_the_field(cast, change, message):
    client = signed_in_client(cast.assigned_clinician)
    before = Patient.objects.count()
    response = client.post("/patients/new/", FORM | change)
    assert response.status_code == 200 and message in response.content.decode()
    assert Patient.objects.count() == before


@pytest.mark.django_db
def test_duplicate_patient_email_names_the_field(cast):
    client = signed_in_client(cast.assigned_clinician)
    response = client.post("/patients/new/", FORM | {"email": cast.patient.email})
    assert "E-mail address: A patient with this e-mail address is already registered." in response.content.decode()


def _caseload_with(clinician, clinic, count):
    now = timezone.now()
    for index in range(count):
        patient = factories.patient_create(clinic, clinician=clinician)
        course = TreatmentCourse.objects.create(patient=patient, stage="build", status="active")
        TherapySession.objects.create(course=course, number=1, scheduled_start=now + timedelta(days=index + 1))
        SafetyEvent.objects.create(patient=patient, kind="crisis", source_type="test", source_id="1",
                                   reason="test", raised_at=now)


@pytest.mark.django_db
def test_caseload_query_count_does_not_grow_with_patients(clinic):
    from solace.kernel.permissions import Role

    clinician = factories.user_create(clinic, Role.CLINICIAN)
    client = signed_in_client(clinician)

    def queries_for(count):
        _caseload_with(clinician, clinic, count)
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/patients/")
        assert response.status_code == 200
        return len(captured), response.content.decode().count("badge-alert")

    small, small_rows = queries_for(5)
    large, large_rows = queries_for(45)
    assert (small_rows, large_rows) == (5, 50)
    assert small == large, f"{small} queries for 5 patients, {large} for 50"


@pytest.mark.django_db
def test_caseload_shows_stage_next_session_and_alerts(cast):
    now = timezone.now()
    course = TreatmentCourse.objects.create(patient=cast.patient, stage="apply", status="active")
    TherapySession.objects.create(course=course, number=1, scheduled_start=now - timedelta(days=7), status="attended")
    TherapySession.objects.create(course=course, number=2, scheduled_start=now + timedelta(days=2))
    SafetyEvent.objects.create(patient=cast.patient, kind="crisis", source_type="t", source_id="1", reason="r",
                               raised_at=now)
    page = signed_in_client(cast.assigned_clinician).get("/patients/").content.decode()
    row = page.split(cast.patient.family_name, 1)[1].split("</tr>", 1)[0]
    assert "Stage 3: Applying compassion to problems" in row
    assert '<span class="badge badge-alert">1</span>' in row
    assert timezone.localtime(now + timedelta(days=2)).strftime("%H:%M") in row


@pytest.mark.django_db
def test_caseload_partial_for_htmx(cast):
    response = signed_in_client(cast.assigned_clinician).get("/patients/", HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.startswith('<div id="caseload"') and "<html" not in body


@pytest.mark.django_db
def test_add_co_clinician_gives_them_access(cast):
    client = signed_in_client(cast.assigned_clinician)
    assert signed_in_client(cast.colleague).get(f"/patients/{cast.patient.pk}/").status_code == 404
    response = client.post(f"/patients/{cast.patient.pk}/care-team/",
                           {"member": cast.colleague.pk, "role": "co_clinician"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and cast.colleague.full_name in response.content.decode()
    assert signed_in_client(cast.colleague).get(f"/patients/{cast.patient.pk}/").status_code == 200
    assert AuditEvent.objects.filter(action="care_team.add", patient_id=cast.patient.pk).exists()


@pytest.mark.django_db
def test_care_team_refuses_staff_of_another_clinic_and_bad_role(cast):
    client = signed_in_client(cast.assigned_clinician)
    response = client.post(f"/patients/{cast.patient.pk}/care-team/",
                           {"member": cast.other_clinic_clinician.pk, "role": "primary-ish"})
    page = response.content.decode()
    assert response.status_code == 422
    assert "Clinician: Select a valid choice." in page and "Role in the care team: Select a valid choice." in page
    assert cast.patient.care_team.count() == 1


@pytest.mark.django_db
def test_a_second_primary_clinician_is_refused_on_the_role_field(cast):
    client = signed_in_client(cast.assigned_clinician)
    before = list(cast.patient.care_team.values_list("user_id", "role"))

    response = client.post(f"/patients/{cast.patient.pk}/care-team/",
                           {"member": cast.colleague.pk, "role": "primary"}, HTTP_HX_REQUEST="true")

    page = response.content.decode()
    assert response.status_code == 422 and page.startswith('<section class="card" id="care-team"')
    assert (f"Role in the care team: {cast.assigned_clinician.full_name} is already this patient&#x27;s primary "
            f"clinician. Add {cast.colleague.full_name} as a co-clinician or supervisor instead.") in page
    assert list(cast.patient.care_team.values_list("user_id", "role")) == before
    assert not AuditEvent.objects.filter(action="care_team.add", patient_id=cast.patient.pk).exists()


@pytest.mark.django_db
def test_the_primary_clinician_may_be_saved_as_primary_again(cast):
    client = signed_in_client(cast.assigned_clinician)

    response = client.post(f"/patients/{cast.patient.pk}/care-team/",
                           {"member": cast.assigned_clinician.pk, "role": "primary"}, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert list(cast.patient.care_team.values_list("role", flat=True)) == ["primary"]


@pytest.mark.django_db
def test_dates_are_written_day_first(cast):
    page = signed_in_client(cast.assigned_clinician).get(f"/patients/{cast.patient.pk}/").content.decode()
    assert "1 Jan 1990" in page and "Jan. 1, 1990" not in page


@pytest.mark.django_db
def test_preparation_card_only_before_the_course_is_under_way(cast):
    client = signed_in_client(cast.patient_user)
    assert 'data-testid="preparation-card"' in client.get("/").content.decode()
    TreatmentCourse.objects.create(patient=cast.patient, stage="build", status="active",
                                   started_on=(timezone.now() - timedelta(weeks=5)).date())
    assert 'data-testid="preparation-card"' not in client.get("/").content.decode()
