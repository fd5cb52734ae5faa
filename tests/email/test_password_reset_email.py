"""Password reset over real SMTP: the mailed link sets a new password, and the new password signs in."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.test import Client

from solace.accounts.models import Clinic
from solace.kernel.permissions import Role
from solace.testing import factories
from solace.testing.smtp import SmtpListener, links_in

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "steady-breathing-2026"


def test_reset_link_sets_a_new_password_that_signs_in(smtp_mail: SmtpListener, clinic: Clinic) -> None:
    user = factories.user_create(clinic, Role.PATIENT)
    browser = Client()
    response = browser.post("/accounts/password-reset/", {"email": user.email})
    assert response.status_code == 302

    [message] = smtp_mail.wait_for(1)
    assert message["To"] == user.email
    assert message["Subject"] == "Reset your Solace password"
    [link] = links_in(message)
    response = browser.get(urlsplit(link).path)
    assert response.status_code == 302  # Django moves the token out of the URL into the session
    set_password_path = response["Location"]
    assert browser.get(set_password_path).status_code == 200
    response = browser.post(set_password_path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/accounts/password-reset/done/"

    assert Client().post("/accounts/login/", {"email": user.email, "password": factories.PASSWORD}).status_code == 200
    fresh = Client()
    response = fresh.post("/accounts/login/", {"email": user.email, "password": NEW_PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    assert Client().get(urlsplit(link).path, follow=True).context["validlink"] is False


def test_unknown_address_gets_the_same_answer_and_no_mail(smtp_mail: SmtpListener) -> None:
    response = Client().post("/accounts/password-reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302 and response["Location"] == "/accounts/password-reset/sent/"
    assert smtp_mail.messages == []
