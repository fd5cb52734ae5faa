"""A safety alert in a real browser: the clinician sees the banner, opens the alert, acknowledges it in place
(htmx), then resolves it with a note; the supervisor's escalation is cancelled on the page."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from solace.accounts.models import Clinic
from solace.alerts.choices import SafetyStatus
from solace.alerts.models import SafetyEvent
from solace.alerts.testing import event_raise
from solace.kernel.permissions import Role
from solace.testing import factories
from tests.browser.conftest import Visitor
from tests.browser.journeys import sign_in

pytestmark = pytest.mark.browser


def test_clinician_acknowledges_and_resolves_an_alert(visit: Callable[..., Visitor], clinic: Clinic) -> None:
    clinician = factories.user_create(clinic, Role.CLINICIAN)
    factories.user_create(clinic, Role.SUPERVISOR)
    patient = factories.patient_create(clinic, clinician=clinician, given_name="Robin")
    event = event_raise(patient, now=timezone.now())
    visitor = visit()
    page = visitor.page

    sign_in(page, clinician)
    banner = page.get_by_test_id("alert-banner")
    expect(banner).to_have_text("1 safety alert is waiting for acknowledgement.")
    banner.get_by_role("link").click()
    page.get_by_role("link", name=f"{patient.family_name}, Robin").click()

    expect(page.get_by_test_id("status")).to_have_text("Open")
    page.get_by_role("button", name="Acknowledge").click()
    expect(page.get_by_test_id("status")).to_have_text("Acknowledged")  # swapped in place
    expect(page.locator('tr[data-level="escalation"]')).to_contain_text("Not sent: Acknowledged before it was due")

    page.get_by_role("button", name="Resolve").click()
    expect(page.locator(".errorlist")).to_contain_text("Write a short note of what was done.")
    page.get_by_label("What was done").fill("Phoned Robin; safety plan reviewed.")
    page.get_by_role("button", name="Resolve").click()
    expect(page.get_by_test_id("status")).to_have_text("Resolved")

    event.refresh_from_db()
    assert (event.status, event.acknowledged_by, event.resolution_note) == (
        SafetyStatus.RESOLVED, clinician, "Phoned Robin; safety plan reviewed.")
    page.goto("/patients/")
    expect(page.get_by_test_id("alert-banner")).to_have_count(0)
    assert SafetyEvent.objects.count() == 1
    assert visitor.offsite_requests() == [] and visitor.csp_violations() == [] and visitor.page_errors == []
