"""Groups: 4-12 members (checked when the group starts), one shared plan and schedule, attendance taken once for
everyone and written on each member's own record, each member's own plan and homework, and privacy: members never
see the group or each other, and only the facilitator (and supervisors, read only) see the member list."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from solace.courses import services
from solace.courses.models import GroupSession, TherapyGroup, TherapySession, TreatmentCourse
from solace.courses.testing import session_time_form, signed_screening
from solace.courses.tests.test_plan_command import ADAPTED_INTAKE
from solace.patients.models import Patient
from solace.site.selectors import caseload_list
from solace.testing import factories
from solace.testing.factories import Cast, signed_in_client

pytestmark = pytest.mark.django_db
FIRST_DAY = date(2030, 1, 8)


def _members(cast: Cast, count: int, *, cleared: bool = True) -> list[Patient]:
    patients = [factories.patient_create(cast.clinic, clinician=cast.assigned_clinician, with_account=True,
                                         given_name=f"Member{n}", family_name=f"Surname{n}") for n in range(count)]
    for patient in patients:
        if cleared:
            signed_screening(patient, actor=cast.assigned_clinician)
    return patients


def _group(cast: Cast, patients: list[Patient]) -> TherapyGroup:
    group = services.group_create(actor=cast.assigned_clinician, name="Tuesday evening group", weeks=None,
                                  session_minutes=None, now=timezone.now())
    for patient in patients:
        services.group_member_add(actor=cast.assigned_clinician, group=group, patient=patient, now=timezone.now())
    return group


def _started(cast: Cast, count: int = 4) -> tuple[TherapyGroup, list[Patient]]:
    patients = _members(cast, count)
    group = _group(cast, patients)
    services.group_activate(actor=cast.assigned_clinician, group=group, now=timezone.now())
    services.group_sessions_schedule(actor=cast.assigned_clinician, group=group, first_day=FIRST_DAY, at=time(18),
                                     zone="Europe/London", now=timezone.now())
    return group, patients


def test_a_clinician_creates_a_group_with_its_shared_plan(cast: Cast) -> None:
    client = signed_in_client(cast.assigned_clinician)
    bad = client.post("/courses/groups/new/", {"name": "Thursday group", "weeks": "8"})
    assert bad.status_code == 422 and "Weeks: Choose from 12 to 20 weeks" in bad.content.decode()
    assert not TherapyGroup.objects.exists()
    response = client.post("/courses/groups/new/", {"name": "Thursday group"})
    group = TherapyGroup.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/courses/groups/{group.pk}/"
    version = group.plan_versions.get()
    assert (version.plan["format"], version.plan["weeks"], version.plan["session_minutes"]) == ("group", 12, 90)
    assert version.plan["adaptations"] == [] and version.author == cast.assigned_clinician
    page = client.get(f"/courses/groups/{group.pk}/").content.decode()
    assert "Thursday group" in page and "Group agreement" in page and "No members yet." in page


def test_four_to_twelve_members_checked_when_the_group_starts(cast: Cast) -> None:
    patients = _members(cast, 13)
    group = _group(cast, patients[:3])
    client = signed_in_client(cast.assigned_clinician)
    refused = client.post(f"/courses/groups/{group.pk}/activate/")
    assert refused.status_code == 422
    assert "A group needs 4 to 12 members to start; it has 3." in refused.content.decode()
    assert not TreatmentCourse.objects.filter(status="active").exists()
    for patient in patients[3:12]:
        services.group_member_add(actor=cast.assigned_clinician, group=group, patient=patient, now=timezone.now())
    full = client.post(f"/courses/groups/{group.pk}/members/", {"patient": patients[12].pk})
    assert full.status_code == 422 and "Patient: A group has at most 12 members." in full.content.decode()
    assert not patients[12].courses.exists()
    assert client.post(f"/courses/groups/{group.pk}/activate/").status_code == 302
    group.refresh_from_db()
    assert group.status == "active" and group.member_courses.filter(status="active").count() == 12


def test_every_member_needs_their_own_signed_screening(cast: Cast) -> None:
    patients = _members(cast, 3) + _members(cast, 1, cleared=False)
    group = _group(cast, patients)
    with pytest.raises(ValidationError, match=r"cannot start yet: The patient has not been screened yet\."):
        services.group_activate(actor=cast.assigned_clinician, group=group, now=timezone.now())
    assert not TreatmentCourse.objects.filter(status="active").exists()
    assert TherapyGroup.objects.get().status == "planned"


def test_each_member_keeps_their_own_plan_from_their_own_screening(cast: Cast) -> None:
    patients = _members(cast, 3)
    adapted = factories.patient_create(cast.clinic, clinician=cast.assigned_clinician)
    signed_screening(adapted, actor=cast.assigned_clinician, data=ADAPTED_INTAKE)
    group = _group(cast, [*patients, adapted])
    course = adapted.courses.get()
    own = course.plan_versions.get().plan
    assert own["format"] == "group" and own["weeks"] == group.weeks and own["adaptations"]
    assert group.plan_versions.get().plan["adaptations"] == []
    page = signed_in_client(cast.assigned_clinician).get(f"/courses/groups/{group.pk}/").content.decode()
    assert "Own adaptations:" in page


def test_a_planned_group_course_from_the_screening_page_joins_the_group(cast: Cast) -> None:
    signed_screening(cast.patient, actor=cast.assigned_clinician)
    waiting = services.course_plan_create(actor=cast.assigned_clinician, patient=cast.patient, course_format="group",
                                          weeks=16)
    group = _group(cast, [])
    client = signed_in_client(cast.assigned_clinician)
    assert str(cast.patient.pk) in client.get(f"/courses/groups/{group.pk}/").content.decode()
    assert client.post(f"/courses/groups/{group.pk}/members/", {"patient": cast.patient.pk}).status_code == 302
    waiting.refresh_from_db()
    assert waiting.group == group and cast.patient.courses.count() == 1
    assert waiting.plan_versions.order_by("-number").first().plan["weeks"] == 12  # type: ignore[union-attr]


def test_the_shared_schedule_is_on_every_members_record_and_in_the_caseload(cast: Cast) -> None:
    group, patients = _started(cast)
    assert GroupSession.objects.filter(group=group).count() == 12
    for patient in patients:
        sessions = TherapySession.objects.filter(course__patient=patient).order_by("number")
        assert sessions.count() == 12 and sessions[0].scheduled_start == datetime(2030, 1, 8, 18, tzinfo=UTC)
        assert sessions[0].group_session == group.sessions.get(number=1)
    rows = {p.pk: p for p in caseload_list(user=cast.assigned_clinician, now=timezone.now())}
    member = rows[patients[0].pk]
    assert member.stage == "recognise" and member.next_session == datetime(2030, 1, 8, 18, tzinfo=UTC)  # type: ignore[attr-defined]
    page = signed_in_client(cast.assigned_clinician).get("/patients/").content.decode()
    assert "Member0" in page


def test_attendance_is_taken_once_and_recorded_on_each_member(cast: Cast) -> None:
    group, patients = _started(cast)
    shared = group.sessions.get(number=1)
    members = list(shared.member_sessions.order_by("course__patient__given_name"))
    url = f"/courses/groups/{group.pk}/sessions/{shared.pk}/"
    client = signed_in_client(cast.assigned_clinician)
    page = client.get(url).content.decode()
    assert all(patient.full_name in page for patient in patients) and page.count('class="attendance-member"') == 4

    incomplete = {f"member_{m.pk}": "attended" for m in members[:3]}
    refused = client.post(url, incomplete)
    assert refused.status_code == 422 and f"{patients[3].full_name}: This field is required." in \
        refused.content.decode()
    assert not TherapySession.objects.exclude(status="scheduled").exists()

    form = {f"member_{m.pk}": "attended" for m in members} | {f"member_{members[2].pk}": "missed",
                                                              "agenda_done": ["group_agreement"]}
    assert client.post(url, form).status_code == 302
    statuses = {m.course.patient_id: TherapySession.objects.get(pk=m.pk).status for m in members}
    assert statuses == {patients[0].pk: "attended", patients[1].pk: "attended", patients[2].pk: "missed",
                        patients[3].pk: "attended"}
    shared.refresh_from_db()
    assert shared.status == "attended" and shared.attendance_taken_by == cast.assigned_clinician
    assert shared.agenda_done == ["group_agreement"]
    assert TherapySession.objects.filter(attendance_recorded_by=cast.assigned_clinician).count() == 4
    own = signed_in_client(patients[2].user).get("/courses/mine/").content.decode()
    assert "session 1 · Missed" in own


def test_moving_a_group_session_moves_it_for_everyone(cast: Cast) -> None:
    group, _patients = _started(cast)
    shared = group.sessions.get(number=2)
    response = signed_in_client(cast.assigned_clinician).post(
        f"/courses/groups/{group.pk}/sessions/{shared.pk}/reschedule/", session_time_form(date(2030, 1, 16), "19:00"))
    assert response.status_code == 302
    moved = datetime(2030, 1, 16, 19, tzinfo=UTC)
    assert set(shared.member_sessions.values_list("scheduled_start", "sequence")) == {(moved, 1)}
    member = shared.member_sessions.first()
    refused = signed_in_client(cast.assigned_clinician).post(
        f"/courses/patients/{member.course.patient_id}/sessions/{member.pk}/reschedule/",  # type: ignore[union-attr]
        session_time_form(date(2030, 1, 17)))
    assert refused.status_code == 422
    assert "This is a group session: reschedule it on the group" in refused.content.decode()


def test_members_see_only_their_own_record(cast: Cast) -> None:
    group, patients = _started(cast)
    first, second = patients[0], patients[1]
    client = signed_in_client(first.user)
    mine = client.get("/courses/mine/").content.decode()
    assert "Group course" in mine and "Tue 8 Jan 2030, 18:00" in mine
    for other in patients[1:]:
        assert other.given_name not in mine and other.family_name not in mine
    assert group.name not in mine
    assert client.get(f"/courses/groups/{group.pk}/").status_code == 404
    assert client.get(f"/courses/groups/{group.pk}/sessions/{group.sessions.first().pk}/").status_code == 404  # type: ignore[union-attr]
    assert client.get("/courses/groups/").status_code == 404
    second_course = second.courses.get()
    assert client.get(f"/api/v1/patients/{second.pk}/courses/{second_course.pk}/sessions").status_code == 404
    own = client.get(f"/api/v1/patients/{first.pk}/courses/{first.courses.get().pk}/sessions").json()
    assert len(own) == 12 and all(set(item) == {"id", "number", "scheduled_start", "scheduled_end",
                                                "duration_minutes", "status", "group_session"} for item in own)
    ics = client.get("/courses/mine/calendar.ics").content.decode()
    assert "Group session 1" in ics and second.family_name not in ics and group.name not in ics


def test_only_the_facilitator_changes_the_group_and_supervisors_read_it(cast: Cast) -> None:
    group, patients = _started(cast)
    assert signed_in_client(cast.colleague).get(f"/courses/groups/{group.pk}/").status_code == 404
    assert signed_in_client(cast.other_clinic_clinician).get(f"/courses/groups/{group.pk}/").status_code == 404
    supervisor = signed_in_client(cast.supervisor)
    page = supervisor.get(f"/courses/groups/{group.pk}/").content.decode()
    assert patients[0].full_name in page and "Start the group" not in page
    shared = group.sessions.get(number=1)
    assert supervisor.post(f"/courses/groups/{group.pk}/sessions/{shared.pk}/", {}).status_code == 404
    assert supervisor.post(f"/courses/groups/{group.pk}/schedule/", session_time_form()).status_code == 404
    assert signed_in_client(cast.colleague).get("/courses/groups/").content.decode().count(group.name) == 0


def test_the_facilitator_edits_the_shared_plan_for_everyone(cast: Cast) -> None:
    patients = _members(cast, 4)
    group = _group(cast, patients)
    client = signed_in_client(cast.assigned_clinician)
    assert client.post(f"/courses/groups/{group.pk}/plan/settings/",
                       {"weeks": "14", "session_minutes": "75"}).status_code == 302
    first = group.plan_versions.order_by("-number").first().plan["sessions"][1]  # type: ignore[union-attr]
    response = client.post(f"/courses/groups/{group.pk}/plan/sessions/2/",
                           {"session-2-focus": "The tricky brain, slowly", "session-2-agenda": first["agenda"]})
    assert response.status_code == 302
    group.refresh_from_db()
    assert (group.weeks, group.session_minutes, group.plan_versions.count()) == (14, 75, 3)
    assert group.plan_versions.get(number=3).plan["sessions"][1]["focus"] == "The tricky brain, slowly"
    for course in group.member_courses.all():
        assert (course.weeks, course.session_minutes) == (14, 75)
        assert course.plan_versions.order_by("-number").first().plan["weeks"] == 14  # type: ignore[union-attr]
    services.group_activate(actor=cast.assigned_clinician, group=group, now=timezone.now())
    services.group_sessions_schedule(actor=cast.assigned_clinician, group=group, first_day=FIRST_DAY, at=time(18),
                                     zone="Europe/London", now=timezone.now())
    assert group.sessions.count() == 14
    assert set(TherapySession.objects.filter(course__group=group).values_list("duration_minutes", flat=True)) == {75}
    member_page = client.get(f"/courses/patients/{patients[0].pk}/").content.decode()
    assert "The tricky brain, slowly" in member_page  # the member's sessions follow the shared agenda
    ics = client.get(f"/courses/groups/{group.pk}/calendar.ics").content.decode()
    assert ics.count("BEGIN:VEVENT") == 14 and "SUMMARY:Group session 1\r\n" in ics
    assert all(p.family_name not in ics for p in patients)
    supervisor = signed_in_client(cast.supervisor)
    assert supervisor.post(f"/courses/groups/{group.pk}/plan/sessions/2/", {}).status_code == 404
    assert group.name in supervisor.get("/courses/groups/").content.decode()
