from __future__ import annotations

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from solace.audit.models import AuditEvent
from solace.kernel.permissions import Role
from solace.testing import factories


@pytest.mark.django_db
def test_staff_must_pass_two_factor_before_any_page(clinic):
    clinician = factories.user_create(clinic, Role.CLINICIAN)
    client = Client()
    response = client.post("/accounts/login/", {"email": clinician.email, "password": factories.PASSWORD})
    assert response["Location"] == "/accounts/two-factor/"
    assert client.get("/patients/")["Location"] == "/accounts/two-factor/"
    assert client.get("/api/v1/me").status_code == 401
    response = client.post("/accounts/two-factor/", {"code": "000000"})
    assert response.status_code == 200 and "not right" in response.content.decode()
    # django-otp throttles after a failure: even the right code is refused until the back-off passes.
    assert client.post("/accounts/two-factor/", {"code": factories.totp_now(clinician)}).status_code == 200
    TOTPDevice.objects.get(user=clinician).throttle_reset()
    response = client.post("/accounts/two-factor/", {"code": factories.totp_now(clinician)})
    assert response["Location"] == "/"
    assert client.get("/patients/").status_code == 200
    assert AuditEvent.objects.filter(actor=clinician, action="account.two_factor_verified").count() == 1


@pytest.mark.django_db
def test_staff_without_device_is_sent_to_enrolment(clinic):
    supervisor = factories.user_create(clinic, Role.SUPERVISOR, two_factor=False)
    client = Client()
    client.post("/accounts/login/", {"email": supervisor.email, "password": factories.PASSWORD})
    response = client.get("/accounts/two-factor/")
    assert response["Location"] == "/accounts/two-factor/setup/"
    page = client.get("/accounts/two-factor/setup/").content.decode()
    assert "data:image/svg+xml;base64," in page


@pytest.mark.django_db
def test_patient_signs_in_without_two_factor(cast):
    client = Client()
    response = client.post("/accounts/login/", {"email": cast.patient_user.email, "password": factories.PASSWORD})
    assert response["Location"] == "/"
    page = client.get("/").content.decode()
    assert f"Hello, {cast.patient.given_name}" in page, page
    assert "Today's practice" in page


@pytest.mark.django_db
def test_wrong_password_names_no_account_and_locks_after_five(clinic):
    user = factories.user_create(clinic, Role.CLINICIAN)
    client = Client()
    for _ in range(4):
        response = client.post("/accounts/login/", {"email": user.email, "password": "wrong-password"})
        assert response.status_code == 200
        assert "do not match" in response.content.decode()
    response = client.post("/accounts/login/", {"email": user.email, "password": "wrong-password"})
    assert response.status_code == 429
    response = client.post("/accounts/login/", {"email": user.email, "password": factories.PASSWORD})
    assert response.status_code == 429  # locked even with the right password


@pytest.mark.django_db
def test_bad_login_input_names_the_field():
    response = Client().post("/accounts/login/", {"email": "not-an-email", "password": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "E-mail address: Enter a valid email address." in page
    assert "Password: This field is required." in page


@pytest.mark.django_db
def test_passwords_use_argon2(clinic):
    from django.conf import settings
    from django.test import override_settings

    from config import settings as production_settings

    assert production_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    with override_settings(PASSWORD_HASHERS=production_settings.PASSWORD_HASHERS):
        user = factories.user_create(clinic, Role.PATIENT)
        assert user.password.startswith("argon2$")
        assert user.check_password(factories.PASSWORD)
    assert settings.PASSWORD_HASHERS != production_settings.PASSWORD_HASHERS
