"""When an htmx request fails the page says so, and the audit trail can be read on a phone."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Route, expect

from solace.accounts.models import Clinic
from solace.audit.services import audit_record
from solace.kernel.permissions import Role
from solace.testing import factories
from tests.browser.conftest import PHONE, Visitor
from tests.browser.journeys import sign_in

pytestmark = pytest.mark.browser


def _care_team_page(visit: Callable[..., Visitor], clinic: Clinic) -> tuple[Visitor, str]:
    clinician = factories.user_create(clinic, Role.CLINICIAN)
    colleague = factories.user_create(clinic, Role.CLINICIAN)
    colleague.full_name = "Robin Colleague"
    colleague.save(update_fields=["full_name"])
    patient = factories.patient_create(clinic, clinician=clinician)
    visitor = visit()
    sign_in(visitor.page, clinician)
    visitor.page.goto(f"/patients/{patient.pk}/")
    visitor.page.locator("#care-team [name=member]").select_option(label="Robin Colleague")
    return visitor, str(patient.pk)


def test_a_second_primary_clinician_is_explained_in_the_form(visit: Callable[..., Visitor], clinic: Clinic) -> None:
    visitor, _patient_id = _care_team_page(visit, clinic)
    visitor.page.locator("#care-team [name=role]").select_option("primary")
    visitor.page.get_by_role("button", name="Add to care team").click()

    expect(visitor.page.locator("#care-team")).to_contain_text("is already this patient's primary clinician")
    expect(visitor.page.get_by_test_id("request-error")).to_have_count(0)


@pytest.mark.parametrize("failure", ["server error", "no connection"])
def test_a_failed_request_shows_a_message(visit: Callable[..., Visitor], clinic: Clinic, failure: str) -> None:
    visitor, patient_id = _care_team_page(visit, clinic)

    def fail(route: Route) -> None:
        if failure == "server error":
            route.fulfill(status=500, body="Server Error (500)")
        else:
            route.abort()

    visitor.page.route(f"**/patients/{patient_id}/care-team/", fail)
    visitor.page.locator("#care-team [name=role]").select_option("co_clinician")
    visitor.page.get_by_role("button", name="Add to care team").click()

    message = visitor.page.get_by_role("alert").filter(has_text="try again")
    expect(message).to_be_visible()
    expected = "Something went wrong on our side" if failure == "server error" else "could not be reached"
    expect(message).to_contain_text(expected)

    visitor.page.unroute(f"**/patients/{patient_id}/care-team/")
    visitor.page.get_by_role("button", name="Add to care team").click()
    expect(visitor.page.locator("#care-team")).to_contain_text("Robin Colleague")
    expect(visitor.page.get_by_test_id("request-error")).to_have_count(0)


def test_the_audit_trail_reads_on_a_phone(visit: Callable[..., Visitor], clinic: Clinic) -> None:
    supervisor = factories.user_create(clinic, Role.SUPERVISOR)
    audit_record(actor=supervisor, action="patient.view", object_type="patient", object_id="a-long-identifier",
                 clinic_id=clinic.pk)
    visitor = visit(viewport=PHONE)
    sign_in(visitor.page, supervisor)
    visitor.page.goto("/audit/")

    first_row = visitor.page.locator("#events tbody tr").first
    for label in ("Time", "Actor", "Action", "Object", "Outcome"):
        cell = first_row.locator(f'td[data-label="{label}"]')
        expect(cell).to_be_visible()
        box = cell.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], label
    sizes = visitor.page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
    assert int(sizes[0]) <= int(sizes[1]), "the audit trail scrolls sideways on a phone"
