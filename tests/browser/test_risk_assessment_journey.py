"""Acceptance: a clinic without an electronic C-SSRS. A clinician screens a patient with PHQ-9 item 9 answered 1 and
no C-SSRS; with their own low-risk assessment the decision is no longer deferred, with a high-risk assessment it
stays deferred and refers to crisis services."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from solace.accounts.models import Clinic
from solace.kernel.permissions import Role
from solace.screening.models import RiskAssessment
from solace.testing import factories
from tests.browser.conftest import Visitor
from tests.browser.journeys import sign_in

pytestmark = pytest.mark.browser

RESULT_PAGE = re.compile(r"/screening/patients/[0-9a-f-]{36}/\d+/$")


def _screen(page: Page, patient_id: object, level: str) -> None:
    page.goto(f"/screening/patients/{patient_id}/new/")
    page.get_by_label("Chronic depression").check()
    phq9 = page.locator("#responses_phq9")
    if phq9.get_attribute("open") is None:
        phq9.locator("summary").click()
    expect(page.get_by_label(re.compile(r"^PHQ-9 1\. "))).to_be_visible()
    for item in range(1, 9):
        page.get_by_label(re.compile(rf"^PHQ-9 {item}\. ")).select_option("0")
    page.get_by_label(re.compile(r"^PHQ-9 9\. ")).select_option("1")
    page.get_by_label("Suicide risk on your structured risk assessment").select_option(label=level)
    page.get_by_label("Date of the risk assessment").fill("2025-03-01")
    page.get_by_label("Protective factors").fill("Close to her sister; plans for the summer.")
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Evaluate").click()
    expect(page).to_have_url(RESULT_PAGE)


def test_a_clinicians_risk_assessment_stands_in_for_the_cssrs(visit: Callable[..., Visitor], clinic: Clinic) -> None:
    clinician = factories.user_create(clinic, Role.CLINICIAN)
    patient = factories.patient_create(clinic, clinician=clinician, given_name="Lina", family_name="Okafor")
    staff = visit()
    page = staff.page
    sign_in(page, clinician)

    _screen(page, patient.pk, "Low")
    expect(page.get_by_test_id("decision")).to_have_text("Suitable with adaptations")
    expect(page.get_by_test_id("risk-assessment")).to_contain_text("risk Low")
    expect(page.locator('tr[data-rule="suicide_risk_unassessed"]')).to_have_count(0)
    expect(page.locator('tr[data-rule="suicidal_thoughts_safety_plan"]')).to_contain_text(
        "clinician's structured risk assessment of 2025-03-01")

    _screen(page, patient.pk, "High")
    expect(page.get_by_test_id("decision")).to_have_text("Defer: not yet")
    expect(page.locator('tr[data-rule="suicide_risk_assessed_high"]')).to_contain_text(
        "clinician's structured risk assessment of 2025-03-01")
    expect(page.get_by_role("heading", name="Alternatives and referrals")).to_be_visible()
    expect(page.get_by_text("Crisis services", exact=True)).to_be_visible()

    assert list(RiskAssessment.objects.filter(patient=patient).values_list("level", "signed_by")) == [
        ("low", clinician.pk), ("high", clinician.pk)]
    assert staff.offsite_requests() == [] and staff.csp_violations() == [] and staff.page_errors == []
