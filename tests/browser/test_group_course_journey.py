"""Acceptance: a clinician creates a group course, adds three patients, is told a group needs 4 to 12 members to
start, adds a fourth, starts and schedules it, takes attendance once for everyone, and each member (three of them
sign in) sees only their own record.

Why four members when the journey speaks of three patients: the issue's 4-12 rule is kept and checked when the
group starts (planning may begin with fewer), so the journey meets the rule on the way instead of bending it."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from solace.accounts.models import Clinic
from solace.courses.models import GroupSession, TherapyGroup, TherapySession
from solace.courses.testing import signed_screening
from solace.kernel.permissions import Role
from solace.patients.models import Patient
from solace.testing import factories
from tests.browser.conftest import Visitor
from tests.browser.journeys import sign_in

pytestmark = pytest.mark.browser

NAMES = [("Ada", "Quinn"), ("Bo", "Reyes"), ("Cy", "Stone"), ("Di", "Tran")]


def _clean(visitor: Visitor) -> None:
    assert visitor.offsite_requests() == []
    assert visitor.csp_violations() == []
    assert visitor.page_errors == []


def test_a_clinician_runs_a_group_and_each_member_sees_only_their_own_record(
    visit: Callable[..., Visitor], clinic: Clinic,
) -> None:
    clinician = factories.user_create(clinic, Role.CLINICIAN)
    patients: list[Patient] = []
    for given, family in NAMES:
        patient = factories.patient_create(clinic, clinician=clinician, with_account=True, given_name=given,
                                           family_name=family)
        signed_screening(patient, actor=clinician)
        patients.append(patient)

    staff = visit()
    page = staff.page
    sign_in(page, clinician)
    page.get_by_role("link", name="Groups").click()
    page.get_by_role("link", name="New group").click()
    page.get_by_label("Group name").fill("Tuesday evening group")
    page.get_by_role("button", name="Create the group").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tuesday evening group")
    expect(page.locator("#plan")).to_contain_text("12 weekly sessions of 90 minutes.")

    for patient in patients[:3]:
        page.get_by_label("Patient").select_option(label=patient.full_name)
        page.get_by_role("button", name="Add to the group").click()
        expect(page.get_by_test_id("group-members")).to_contain_text(patient.full_name)
    page.get_by_role("button", name="Start the group").click()
    expect(page.get_by_role("alert")).to_contain_text("A group needs 4 to 12 members to start; it has 3.")
    assert TherapyGroup.objects.get().status == "planned"

    page.get_by_label("Patient").select_option(label=patients[3].full_name)
    page.get_by_role("button", name="Add to the group").click()
    page.get_by_role("button", name="Start the group").click()
    expect(page.get_by_role("status")).to_contain_text("The group has started.")

    page.get_by_label("Date").fill("2030-01-08")
    page.get_by_label("Time").fill("18:00")
    page.get_by_role("button", name="Schedule the group").click()
    expect(page.get_by_role("status")).to_contain_text("Group sessions scheduled for every member.")
    page.get_by_role("link", name="Session 1", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Group session 1")
    expect(page.locator("fieldset.attendance-member")).to_have_count(4)

    for patient in patients:
        member = page.get_by_role("group", name=patient.full_name)
        status = "Missed" if patient == patients[1] else "Attended"
        member.get_by_label(status).check()
    page.get_by_label("Group agreement", exact=True).check()
    page.get_by_role("button", name="Save attendance for everyone").click()
    expect(page.get_by_role("status")).to_contain_text("Attendance recorded for every member.")

    shared = GroupSession.objects.get(number=1)
    assert shared.status == "attended" and shared.attendance_taken_by == clinician
    recorded = {session.course.patient_id: session.status
                for session in TherapySession.objects.filter(group_session=shared).select_related("course")}
    assert recorded == {patients[0].pk: "attended", patients[1].pk: "missed", patients[2].pk: "attended",
                        patients[3].pk: "attended"}

    group = TherapyGroup.objects.get()
    for patient in patients[:3]:
        assert patient.user is not None
        member = visit()
        sign_in(member.page, patient.user)
        member.page.get_by_role("link", name="Your course").first.click()
        expect(member.page.get_by_role("heading", level=1)).to_have_text("Your course")
        sessions = member.page.get_by_test_id("my-sessions")
        expected = "Missed" if patient == patients[1] else "Attended"
        expect(sessions).to_contain_text(f"session 1 · {expected}")
        expect(sessions).to_contain_text("Tue 8 Jan 2030, 18:00")
        body = member.page.locator("body").inner_text()
        others = [p for p in patients if p != patient]
        assert not any(o.given_name in body or o.family_name in body for o in others)
        assert "Tuesday evening group" not in body
        response = member.page.goto(f"/courses/groups/{group.pk}/")
        assert response is not None and response.status == 404
        _clean(member)
    assert re.search(r"/courses/groups/\d+/", page.url)
    _clean(staff)
