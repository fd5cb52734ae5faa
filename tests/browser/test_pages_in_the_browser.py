"""What people notice in a real browser: phone screens, keyboards, the CSP, and no calls to other servers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from solace.accounts.models import Clinic, User
from solace.kernel.permissions import Role
from solace.patients.models import Patient
from solace.testing import factories
from tests.browser.conftest import DESKTOP, PHONE, Visitor
from tests.browser.journeys import sign_in

pytestmark = pytest.mark.browser

CASELOAD_NAMES = [("Amira", "Hassan"), ("Tom", "Brennan"), ("Mei", "Lin"), ("Joseph", "Adeyemi"),
                  ("Sofia", "Rossi"), ("Daniel", "Walsh")]


def _clinician_with_caseload(clinic: Clinic) -> tuple[User, Patient]:
    """A clinician with a few patients; the first has an account so the patient's own pages can be shown."""
    clinician = factories.user_create(clinic, Role.CLINICIAN)
    patients = [
        factories.patient_create(clinic, clinician=clinician, given_name=given, family_name=family,
                                 email=f"{given.lower()}.{family.lower()}@example.org", with_account=index == 0)
        for index, (given, family) in enumerate(CASELOAD_NAMES)
    ]
    return clinician, patients[0]


def _horizontal_overflow(page: Page) -> tuple[int, int]:
    sizes = page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
    return int(sizes[0]), int(sizes[1])


def test_caseload_and_patient_home_fit_a_phone_screen(visit: Callable[..., Visitor], clinic: Clinic) -> None:
    clinician, patient = _clinician_with_caseload(clinic)
    staff = visit(viewport=PHONE)
    sign_in(staff.page, clinician)
    expect(staff.page.get_by_role("heading", name="Your caseload")).to_be_visible()
    scroll_width, inner_width = _horizontal_overflow(staff.page)
    assert inner_width == PHONE["width"] and scroll_width <= inner_width, "caseload scrolls sideways on a phone"

    patient_visitor = visit(viewport=PHONE)
    assert patient.user is not None
    sign_in(patient_visitor.page, patient.user)
    expect(patient_visitor.page.get_by_role("heading", level=1)).to_have_text(f"Hello, {patient.given_name}")
    scroll_width, inner_width = _horizontal_overflow(patient_visitor.page)
    assert inner_width == PHONE["width"] and scroll_width <= inner_width, "patient home scrolls sideways"


def _assert_skip_link_comes_first(page: Page) -> None:
    skip_link = page.locator(".skip-link")
    box = skip_link.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 0, "the skip link should be off screen until focused"
    page.keyboard.press("Tab")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_have_text("Skip to main content")
    box = skip_link.bounding_box()
    viewport = page.viewport_size
    assert box is not None and viewport is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"] and 0 <= box["y"] < viewport["height"]
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_first_tab_reaches_a_visible_skip_link(visit: Callable[..., Visitor], clinic: Clinic) -> None:
    clinician, patient = _clinician_with_caseload(clinic)
    anonymous = visit()
    anonymous.page.goto("/accounts/login/")
    _assert_skip_link_comes_first(anonymous.page)

    staff = visit()
    sign_in(staff.page, clinician)
    staff.page.reload()
    _assert_skip_link_comes_first(staff.page)

    assert patient.user is not None
    patient_visitor = visit()
    sign_in(patient_visitor.page, patient.user)
    _assert_skip_link_comes_first(patient_visitor.page)


def test_pages_load_nothing_from_other_servers_and_break_no_csp_rule(
    visit: Callable[..., Visitor], clinic: Clinic,
) -> None:
    clinician, patient = _clinician_with_caseload(clinic)
    staff = visit()
    sign_in(staff.page, clinician)
    pages = ["/patients/", "/patients/new/", f"/patients/{patient.pk}/", "/help/crisis/", "/accounts/password-reset/"]
    for path in pages:
        response = staff.page.goto(path)
        assert response is not None and response.ok, path
    assert patient.user is not None
    patient_visitor = visit(viewport=PHONE)
    sign_in(patient_visitor.page, patient.user)

    for visitor in (staff, patient_visitor):
        assert visitor.requests, "the request listener saw nothing"
        assert visitor.offsite_requests() == []
        assert visitor.csp_violations() == []
        assert visitor.page_errors == []


def test_a_csp_violation_would_be_noticed(visit: Callable[..., Visitor]) -> None:
    """The listener above is only worth something if it hears a real violation: an inline script is one."""
    anonymous = visit()
    anonymous.page.goto("/accounts/login/")
    with anonymous.page.expect_console_message(lambda message: "Content Security Policy" in message.text):
        anonymous.page.evaluate(
            "() => { const s = document.createElement('script'); s.textContent = 'window.x = 1'; "
            "document.body.appendChild(s); }"
        )
    assert anonymous.csp_violations(), anonymous.console
    assert anonymous.page.evaluate("() => window.x") is None


def test_screenshots_of_the_main_pages(
    visit: Callable[..., Visitor], clinic: Clinic, tmp_path: Path,
) -> None:
    """The main pages render at desktop and phone sizes (README images come from docs/screenshots/capture.py)."""
    target = tmp_path
    target.mkdir(parents=True, exist_ok=True)
    clinician, patient = _clinician_with_caseload(clinic)
    assert patient.user is not None
    anonymous, staff, patient_visitor = visit(), visit(), visit()
    anonymous.page.goto("/accounts/login/")
    sign_in(staff.page, clinician)  # once: a TOTP code cannot be used twice
    sign_in(patient_visitor.page, patient.user)
    pages = {"sign-in": anonymous.page, "caseload": staff.page, "patient-home": patient_visitor.page}
    for size_name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        for name, page in pages.items():
            page.set_viewport_size(viewport)
            page.reload()
            expect(page.locator("main h1")).to_be_visible()
            page.screenshot(path=target / f"{name}-{size_name}.png")
    expect(staff.page.get_by_role("link", name="Hassan, Amira")).to_be_visible()
    expect(patient_visitor.page.get_by_text("Today's practice")).to_be_visible()
    for name in ("sign-in", "caseload", "patient-home"):
        for size_name in ("desktop", "phone"):
            assert (target / f"{name}-{size_name}.png").read_bytes().startswith(b"\x89PNG")
