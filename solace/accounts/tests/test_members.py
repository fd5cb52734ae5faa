from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from solace.accounts.models import User
from solace.audit.models import AuditEvent
from solace.testing.factories import signed_in_client


@pytest.mark.django_db
def test_admin_adds_staff_who_sets_password_then_must_enrol_two_factor(cast):
    client = signed_in_client(cast.clinic_admin)
    response = client.post("/accounts/members/", {"full_name": "Dr Ada Chen", "email": "Ada@Example.org",
                                                  "role": "clinician"})
    assert response["Location"] == "/accounts/members/"
    user = User.objects.get(email="ada@example.org")
    assert user.role == "clinician" and user.clinic == cast.clinic and not user.has_usable_password()
    assert AuditEvent.objects.filter(action="member.add", object_id=str(user.pk)).exists()
    link = next(line for line in mail.outbox[-1].body.splitlines() if "/password-reset/" in line).strip()
    newcomer = Client()
    form_url = newcomer.get(link.split("8000", 1)[1])["Location"]
    response = newcomer.post(form_url, {"new_password1": "calm-blue-harbour-7", "new_password2": "calm-blue-harbour-7"})
    assert response.status_code == 302
    response = newcomer.post("/accounts/login/", {"email": "ada@example.org", "password": "calm-blue-harbour-7"})
    assert newcomer.get("/accounts/two-factor/")["Location"] == "/accounts/two-factor/setup/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"full_name": "X", "email": "bad", "role": "clinician"}, "E-mail address: Enter a valid email address."),
        ({"full_name": "X", "email": "x@example.org", "role": "patient"}, "Role: Select a valid choice."),
        ({"full_name": "", "email": "x@example.org", "role": "clinician"}, "Full name: This field is required."),
    ],
)
def test_member_form_errors_name_the_field(cast, data, message):
    before = User.objects.count()
    page = signed_in_client(cast.clinic_admin).post("/accounts/members/", data).content.decode()
    assert message in page and User.objects.count() == before


@pytest.mark.django_db
def test_duplicate_member_email(cast):
    page = signed_in_client(cast.clinic_admin).post(
        "/accounts/members/", {"full_name": "X", "email": cast.colleague.email, "role": "clinician"}
    ).content.decode()
    assert "E-mail address: An account with this e-mail address already exists." in page


@pytest.mark.django_db
def test_only_clinic_admins_manage_members(cast):
    for user in (cast.assigned_clinician, cast.supervisor, cast.patient_user, cast.researcher):
        assert signed_in_client(user).get("/accounts/members/").status_code == 404
