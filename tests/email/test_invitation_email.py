"""Invitations travel over real SMTP (aiosmtpd on a local port) and the link in them works exactly once."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from pytest_django.fixtures import Settings

from solace.accounts.models import Clinic, Invitation, User
from solace.audit.models import AuditEvent
from solace.kernel.permissions import Role
from solace.patients.models import Consent, Patient
from solace.testing import factories
from solace.testing.smtp import SmtpListener, body_of, free_port, links_in

pytestmark = pytest.mark.django_db

PAGE_LINK = re.compile(r'data-testid="invitation-link">([^<]+)<')
NEW_PASSWORD = "a-kind-voice-2026"


def _invite(clinician_and_patient: tuple[User, Patient]) -> tuple[str, str]:
    clinician, patient = clinician_and_patient
    response = factories.signed_in_client(clinician).post(f"/patients/{patient.pk}/invite/")
    assert response.status_code == 200
    page = response.content.decode()
    match = PAGE_LINK.search(page)
    assert match, page
    return page, match.group(1)


@pytest.fixture
def clinician_and_patient(clinic: Clinic) -> tuple[User, Patient]:
    clinician = factories.user_create(clinic, Role.CLINICIAN)
    return clinician, factories.patient_create(clinic, clinician=clinician, given_name="Robin")


def _accept(client: Client, path: str) -> int:
    response = client.post(path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD,
                                  "consent_treatment": "on", "consent_data_use": "on"})
    return response.status_code


def test_invitation_reaches_the_smtp_server_with_the_link_shown_on_the_page(
    smtp_mail: SmtpListener, clinician_and_patient: tuple[User, Patient],
) -> None:
    _clinician, patient = clinician_and_patient
    page, page_link = _invite(clinician_and_patient)
    assert "We e-mailed the link to" in page

    [message] = smtp_mail.wait_for(1)
    assert message["To"] == patient.email
    assert message["Subject"] == "Your invitation to Solace"
    assert "Hello Robin" in body_of(message)
    [mailed_link] = links_in(message)
    assert mailed_link == page_link
    assert mailed_link.startswith(settings.SITE_URL + "/accounts/invitation/")


def test_the_mailed_link_works_once(smtp_mail: SmtpListener, clinician_and_patient: tuple[User, Patient]) -> None:
    _clinician, patient = clinician_and_patient
    _invite(clinician_and_patient)
    [mailed_link] = links_in(smtp_mail.wait_for(1)[0])
    path = urlsplit(mailed_link).path

    patient_browser = Client()
    assert patient_browser.get(path).status_code == 200
    assert _accept(patient_browser, path) == 302
    assert f"Hello, {patient.given_name}" in patient_browser.get("/").content.decode()

    second_visitor = Client()
    response = second_visitor.get(path)
    assert response.status_code == 404
    assert "This invitation link cannot be used" in response.content.decode()
    assert _accept(second_visitor, path) == 404
    assert User.objects.filter(email=patient.email).count() == 1
    assert AuditEvent.objects.filter(action="invitation.accept", patient_id=patient.pk).count() == 1


def test_smtp_server_down_still_gives_the_clinician_the_link_and_saves_it_whole(
    settings: Settings, clinician_and_patient: tuple[User, Patient],
) -> None:
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                                    "OPTIONS": {"host": "127.0.0.1", "port": free_port(), "timeout": 5}}}
    clinician, patient = clinician_and_patient
    page, page_link = _invite(clinician_and_patient)
    assert "The e-mail could not be sent" in page

    [invitation] = Invitation.objects.filter(patient=patient)
    assert invitation.accepted_at is None and invitation.revoked_at is None
    assert AuditEvent.objects.filter(action="invitation.create", patient_id=patient.pk, actor=clinician).count() == 1
    patient.refresh_from_db()
    assert patient.user is None

    path = urlsplit(page_link).path
    patient_browser = Client()
    assert _accept(patient_browser, path) == 302
    patient.refresh_from_db()
    assert patient.user is not None and Consent.objects.filter(patient=patient).count() == 2
