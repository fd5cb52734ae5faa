"""Measurement-based care in a real browser: the clinician applies the default schedule, the patient completes the
PHQ-9 on a phone (save, resume, keyboard, a missing item), a positive item 9 shows crisis resources at once and
records a safety event, and the clinician sees the score charted with its band."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from solace.accounts.models import Clinic
from solace.alerts.models import SafetyEvent
from solace.courses.models import TherapySession, TreatmentCourse
from solace.kernel.permissions import Role
from solace.measures.models import MeasureResponse
from solace.testing import factories
from tests.browser.conftest import PHONE, Visitor
from tests.browser.journeys import sign_in

pytestmark = pytest.mark.browser

# Items 1-9 of the PHQ-9: total 12 (moderate), item 9 "Several days".
ANSWERS = [2, 1, 2, 1, 1, 1, 2, 1, 1]


def _course_with_sessions(patient: object) -> TreatmentCourse:
    first = timezone.now() - timedelta(weeks=1) + timedelta(days=1)
    course = TreatmentCourse.objects.create(patient=patient, stage="build", status="active", weeks=12,
                                            started_on=first.date())
    TherapySession.objects.bulk_create(
        TherapySession(course=course, number=n + 1, scheduled_start=first + timedelta(weeks=n)) for n in range(12)
    )
    return course


def _answer(page: Page, item: int, value: int) -> None:
    page.locator(f"label[for=phq9_q{item}-{value}]").click()


def _no_sideways_scroll(page: Page) -> None:
    scroll_width, inner_width = page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
    assert scroll_width <= inner_width, f"the page scrolls sideways: {scroll_width} > {inner_width}"


def _clean(visitor: Visitor) -> None:
    assert visitor.offsite_requests() == []
    assert visitor.csp_violations() == []
    assert visitor.page_errors == []


def test_patient_completes_phq9_on_a_phone_and_the_clinician_sees_it(
    visit: Callable[..., Visitor], clinic: Clinic,
) -> None:
    clinician = factories.user_create(clinic, Role.CLINICIAN)
    patient = factories.patient_create(clinic, clinician=clinician, with_account=True, given_name="Robin")
    assert patient.user is not None
    _course_with_sessions(patient)

    staff = visit()
    sign_in(staff.page, clinician)
    staff.page.goto(f"/measures/patients/{patient.pk}/")
    staff.page.get_by_role("button", name="Apply the default schedule for the current course").click()
    schedule = staff.page.locator("#schedule")
    expect(schedule).to_contain_text("Patient Health Questionnaire-9 (PHQ-9) · Before every session")
    # Solace may not ship the RSES, FSCRS and SCS-SF wording and this clinic has supplied none: they are not
    # assigned (the patient would read "Item 3" with unlabelled answers), and the clinician is told why.
    expect(schedule).to_contain_text("Not assigned, because the clinic has not supplied their wording")
    expect(schedule.locator('[data-testid="schedule-without-wording"]')).to_contain_text(
        "Self-Compassion Scale - Short Form (SCS-SF)")
    expect(schedule.locator(".schedule-list")).not_to_contain_text("Self-Compassion Scale")
    expect(schedule.locator(".schedule-list")).not_to_contain_text("Rosenberg")

    phone = visit(viewport=PHONE)
    page = phone.page
    sign_in(page, patient.user)
    due = page.get_by_role("region", name="Questionnaires to complete")
    due.get_by_role("link", name="Start the Patient Health Questionnaire-9 (PHQ-9)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Patient Health Questionnaire-9 (PHQ-9)")
    expect(page.get_by_text("Over the last 2 weeks, how often have you been bothered")).to_be_visible()
    expect(page.get_by_text("Past 2 weeks")).to_be_visible()
    _no_sideways_scroll(page)

    for item in (1, 2, 3):
        _answer(page, item, ANSWERS[item - 1])
    expect(page.locator("#progress")).to_contain_text("3 of 9 answered")  # htmx, nothing saved yet
    page.get_by_role("button", name="Save and finish later").click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("link", name="Continue the Patient Health Questionnaire-9 (PHQ-9)")).to_be_visible()
    expect(page.get_by_text("3 of 9 answered")).to_be_visible()

    page.get_by_role("link", name="Continue the Patient Health Questionnaire-9 (PHQ-9)").click()
    expect(page.locator("#progress")).to_contain_text("3 of 9 answered")
    expect(page.locator("#phq9_q2-1")).to_be_checked()
    page.locator("#phq9_q4-0").focus()
    page.keyboard.press("ArrowRight")  # radio groups work by keyboard
    expect(page.locator("#phq9_q4-1")).to_be_checked()
    for item in (5, 6, 7, 8):
        _answer(page, item, ANSWERS[item - 1])
    expect(page.locator("#progress")).to_contain_text("8 of 9 answered")
    page.get_by_role("button", name="Send my answers").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Item 9: please choose an answer.")
    expect(summary).to_be_focused()
    assert MeasureResponse.objects.get(patient=patient).status == "draft"

    summary.get_by_role("link", name="Item 9: please choose an answer.").click()
    _answer(page, 9, ANSWERS[8])
    page.get_by_role("button", name="Send my answers").click()
    crisis = page.get_by_test_id("crisis-resources")
    expect(crisis).to_be_visible()
    expect(crisis).to_contain_text(f"If you feel unsafe, call {clinic.crisis_phone} now.")
    expect(crisis.get_by_role("link", name="What to do right now")).to_have_attribute("href", "/help/crisis/")
    _no_sideways_scroll(page)

    response = MeasureResponse.objects.get(patient=patient)
    assert (response.status, response.total, response.band) == ("submitted", 12.0, "moderate")
    event = SafetyEvent.objects.get(patient=patient)
    assert (event.kind, event.reason, event.source_id) == ("suicidal_ideation", "phq9:phq9_q9", str(response.pk))

    staff.page.goto(f"/measures/patients/{patient.pk}/")
    summary_table = staff.page.locator("table.summary")
    expect(summary_table).to_contain_text("12 · Moderate")
    expect(summary_table).to_contain_text("Critical item answered")
    summary_table.get_by_role("link", name="Patient Health Questionnaire-9 (PHQ-9)").click()
    chart = staff.page.get_by_role("img", name="Patient Health Questionnaire-9 (PHQ-9): total score")
    expect(chart).to_be_visible()
    expect(chart.locator("circle.point")).to_have_count(1)
    expect(chart.locator("text.band-label", has_text="Moderate").first).to_be_visible()
    expect(staff.page.locator("table.chart-data")).to_contain_text("Moderate")

    _clean(phone)
    _clean(staff)
