"""The steps people take, written once for every browser test."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from solace.accounts.models import User
from solace.testing import factories

PATIENT_PAGE = re.compile(r"/patients/([0-9a-f-]{36})/$")  # a JavaScript regex too: no named groups


def sign_in(page: Page, user: User) -> None:
    """E-mail and password, then (for staff) the code from their authenticator app."""
    page.goto("/accounts/login/")
    page.locator("[name=email]").fill(user.email)
    page.locator("[name=password]").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    if user.is_clinic_staff:
        expect(page).to_have_url(re.compile(r"/accounts/two-factor/$"))
        page.locator("[name=code]").fill(factories.totp_now(user))
        page.get_by_role("button", name="Continue").click()
        expect(page).not_to_have_url(re.compile(r"/accounts/"))


def register_patient(page: Page, fields: dict[str, str]) -> str:
    """Fill the registration form; returns the new patient's id from the page it lands on."""
    page.goto("/patients/new/")
    for name, value in fields.items():
        field = page.locator(f"[name={name}]")
        if name == "time_zone":
            field.select_option(value)
        else:
            field.fill(value)
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(PATIENT_PAGE)
    match = PATIENT_PAGE.search(page.url)
    assert match is not None
    return match.group(1)


def send_invitation(page: Page) -> str:
    """Press "Send invitation" on the patient page; returns the link the page shows once."""
    page.get_by_role("button", name="Send invitation").click()
    link = page.get_by_test_id("invitation-link")
    expect(link).to_be_visible()
    return link.inner_text().strip()


def accept_invitation(page: Page, link: str, password: str) -> None:
    page.goto(link)
    page.locator("[name=password1]").fill(password)
    page.locator("[name=password2]").fill(password)
    page.locator("[name=consent_treatment]").check()
    page.locator("[name=consent_data_use]").check()
    page.get_by_role("button", name="Create my account").click()
