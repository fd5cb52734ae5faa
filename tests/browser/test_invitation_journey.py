"""Acceptance: a clinician signs in with two factors, registers a patient and invites them; the patient accepts."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import expect
from pytest_django.fixtures import Settings
from pytest_django.live_server_helper import LiveServer

from solace.accounts.models import Clinic, User
from solace.audit.models import AuditEvent
from solace.kernel.permissions import Role
from solace.patients.models import Consent, Patient
from solace.testing import factories
from solace.testing.smtp import SmtpListener, links_in
from tests.browser.conftest import Visitor
from tests.browser.journeys import accept_invitation, register_patient, send_invitation, sign_in

pytestmark = pytest.mark.browser

NEW_PATIENT = {
    "given_name": "Robin", "family_name": "Okafor", "date_of_birth": "1988-04-12", "email": "robin.okafor@example.org",
    "phone": "07700 900123", "emergency_contact_name": "Sam Okafor", "emergency_contact_phone": "07700 900456",
    "time_zone": "Europe/London",
}
PATIENT_PASSWORD = "gentle-steps-every-day"


def test_clinician_invites_a_new_patient_who_creates_their_account(
    visit: Callable[..., Visitor], live_server: LiveServer, settings: Settings, smtp_mail: SmtpListener,
    clinic: Clinic,
) -> None:
    settings.SITE_URL = live_server.url
    clinician = factories.user_create(clinic, Role.CLINICIAN)

    staff = visit()
    sign_in(staff.page, clinician)
    expect(staff.page).to_have_url(f"{live_server.url}/patients/")
    patient_id = register_patient(staff.page, NEW_PATIENT)
    expect(staff.page.get_by_role("heading", level=1)).to_have_text("Robin Okafor")
    link = send_invitation(staff.page)

    [message] = smtp_mail.wait_for(1)
    assert message["To"] == NEW_PATIENT["email"]
    assert links_in(message) == [link]
    assert link.startswith(f"{live_server.url}/accounts/invitation/")

    patient_visitor = visit()
    accept_invitation(patient_visitor.page, link, PATIENT_PASSWORD)
    expect(patient_visitor.page).to_have_url(f"{live_server.url}/")
    expect(patient_visitor.page.get_by_role("heading", level=1)).to_have_text("Hello, Robin")
    expect(patient_visitor.page.get_by_text("Today's practice")).to_be_visible()

    patient = Patient.objects.get(pk=patient_id)
    patient_user = User.objects.get(email=NEW_PATIENT["email"])
    assert patient.user == patient_user
    assert Consent.objects.filter(patient=patient).count() == 2
    _assert_audit_trail(clinician, patient, patient_user)
    for visitor in (staff, patient_visitor):
        assert visitor.offsite_requests() == []
        assert visitor.csp_violations() == []
        assert visitor.page_errors == []


def _assert_audit_trail(clinician: User, patient: Patient, patient_user: User) -> None:
    """Every step left its entry, by the right person, about the right patient, tied to a request."""
    expected = [
        ("account.login", clinician, None),
        ("account.two_factor_verified", clinician, None),
        ("patient.create", clinician, patient.pk),
        ("invitation.create", clinician, patient.pk),
        ("invitation.accept", patient_user, patient.pk),
    ]
    for action, actor, patient_id in expected:
        events = AuditEvent.objects.filter(action=action, actor=actor, outcome="allowed")
        if patient_id is not None:
            events = events.filter(patient_id=patient_id)
        assert events.count() == 1, (action, list(AuditEvent.objects.values_list("action", "actor_id")))
        assert events.get().request_id, action
