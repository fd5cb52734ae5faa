"""Acceptance: a clinician screens a patient with a contraindication, sees the blocking finding, cannot activate
a course, and an override without a supervisor's co-signature does not let the course start; the supervisor's
co-signature, given separately in their own session, does."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from solace.accounts.models import Clinic
from solace.audit.models import AuditEvent
from solace.courses.models import TreatmentCourse
from solace.kernel.permissions import Role
from solace.screening.models import Screening, ScreeningSignature
from solace.testing import factories
from tests.browser.conftest import Visitor
from tests.browser.journeys import sign_in

pytestmark = pytest.mark.browser

RESULT_PAGE = re.compile(r"/screening/patients/[0-9a-f-]{36}/\d+/$")


def _activate(page: Page) -> None:
    page.get_by_role("link", name=re.compile(r"^Screening of ")).click()
    page.get_by_role("link", name=re.compile(r"^Open the treatment course")).click()
    page.get_by_role("button", name="Activate the course").click()


def test_a_contraindication_blocks_the_course_until_a_supervisor_co_signs_the_override(
    visit: Callable[..., Visitor], clinic: Clinic,
) -> None:
    clinician = factories.user_create(clinic, Role.CLINICIAN)
    supervisor = factories.user_create(clinic, Role.SUPERVISOR)
    patient = factories.patient_create(clinic, clinician=clinician, given_name="Noor", family_name="Haddad")

    staff = visit()
    page = staff.page
    sign_in(page, clinician)
    page.goto(f"/patients/{patient.pk}/")
    page.get_by_role("link", name="Open screening").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Screening and suitability")
    page.get_by_role("link", name="New screening").click()

    page.get_by_label("Chronic depression").check()
    page.get_by_label("Acute psychotic episode (for example acute schizophrenia)").check()
    page.locator("#responses_phq9 summary").click()
    for item, answer in enumerate(["2", "2", "1", "2", "1", "1", "1", "0", "0"], start=1):
        page.get_by_label(re.compile(rf"^PHQ-9 {item}\. ")).select_option(answer)
    page.get_by_role("button", name="Evaluate").click()

    expect(page).to_have_url(RESULT_PAGE)
    expect(page.get_by_test_id("decision")).to_have_text("Not suitable")
    blocking = page.locator('tr[data-rule="acute_psychosis"]')
    expect(blocking).to_contain_text("Contraindication")
    expect(blocking).to_contain_text("a contraindication to CFT")
    expect(blocking).to_contain_text("Contraindications include acute schizophrenia episodes")
    expect(page.get_by_role("heading", name="Alternatives and referrals")).to_be_visible()

    page.get_by_role("link", name=re.compile(r"^Screening of ")).click()
    page.get_by_role("link", name=re.compile(r"^Open the treatment course")).click()
    page.get_by_role("button", name="Create a planned course").click()
    page.get_by_role("button", name="Activate the course").click()
    expect(page.get_by_role("status")).to_contain_text(
        "The course cannot start: The latest screening has no signed decision yet.")

    screening = Screening.objects.get(patient=patient)
    page.goto(f"/screening/patients/{patient.pk}/{screening.pk}/")
    page.get_by_label("Override it, with a written reason").check()
    page.get_by_label("Decision you sign instead (override only)").select_option("suitable_with_adaptations")
    page.get_by_label("Reason (required for an override)").fill(
        "Psychiatrist confirms the episode resolved; stable on medication for a year.")
    page.get_by_role("button", name="Sign the decision").click()
    expect(page.get_by_role("status")).to_contain_text("It needs a supervisor's co-signature")
    expect(page.get_by_test_id("awaiting-cosignature")).to_be_visible()
    expect(page.get_by_role("button", name="Co-sign the override")).to_have_count(0)

    _activate(page)
    expect(page.get_by_role("status")).to_contain_text(
        "The course cannot start: The override of a contraindication needs a supervisor's co-signature first.")
    assert TreatmentCourse.objects.get(patient=patient).status == "planned"

    supervisor_visitor = visit()
    sign_in(supervisor_visitor.page, supervisor)
    supervisor_visitor.page.goto(f"/screening/patients/{patient.pk}/{screening.pk}/")
    supervisor_visitor.page.get_by_role("button", name="Co-sign the override").click()
    expect(supervisor_visitor.page.get_by_role("status")).to_contain_text("Override co-signed.")

    page.reload()
    page.get_by_role("button", name="Activate the course").click()
    expect(page.get_by_role("status")).to_contain_text("Course activated.")
    expect(page.get_by_test_id("course-status")).to_have_text("Active")
    page.get_by_role("link", name="Open screening").first.click()
    expect(page.get_by_test_id("clearance")).to_contain_text("A course may start")

    assert TreatmentCourse.objects.get(patient=patient).status == "active"
    signature = ScreeningSignature.objects.get(screening=screening)
    assert (signature.signed_by, signature.cosigned_by) == (clinician, supervisor)
    actions = [(event.action, event.actor_id, event.outcome) for event in
               AuditEvent.objects.filter(patient_id=patient.pk).order_by("id")]
    for expected in [("screening.evaluate", clinician.pk, "allowed"), ("course.activate", clinician.pk, "denied"),
                     ("screening.override", clinician.pk, "allowed"), ("screening.cosign", supervisor.pk, "allowed"),
                     ("course.activate", clinician.pk, "allowed")]:
        assert expected in actions, expected
    for visitor in (staff, supervisor_visitor):
        assert visitor.offsite_requests() == []
        assert visitor.csp_violations() == []
        assert visitor.page_errors == []
