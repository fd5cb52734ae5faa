"""Courses for tests and the access matrix: real rows, written through the real services."""

from __future__ import annotations

import itertools
from datetime import date, time, timedelta
from typing import Any

from django.utils import timezone

from solace.accounts.models import User
from solace.courses import services
from solace.courses.choices import CourseStatus, Stage
from solace.courses.models import GroupSession, ProgressNote, TherapyGroup, TherapySession, TreatmentCourse
from solace.patients.models import Patient
from solace.screening import services as screening_services
from solace.screening.testing import CALM_INTAKE, screening_create
from solace.testing.factories import Cast

_counter = itertools.count(1)


def signed_screening(patient: Patient, *, actor: User, data: dict[str, Any] | None = None) -> None:
    screening = screening_create(patient, actor=actor, data=data or CALM_INTAKE)
    screening_services.screening_sign(actor=actor, screening=screening, kind="accept", now=timezone.now())


def next_week() -> date:
    return timezone.localdate() + timedelta(days=7)


def course_ready(patient: Patient, *, clinician: User, course_format: str = "individual", active: bool = True,
                 scheduled: bool = True, weeks: int | None = None) -> TreatmentCourse:
    """A signed screening, a planned course with plan version 1, activated and scheduled (weekly from next week at
    10:00 in the clinician's zone), as the pages would do it."""
    signed_screening(patient, actor=clinician)
    course = services.course_plan_create(actor=clinician, patient=patient, course_format=course_format, weeks=weeks)
    if active:
        course = services.course_activate(actor=clinician, course=course, now=timezone.now())
    if scheduled:
        services.sessions_schedule(actor=clinician, course=course, first_day=next_week(), at=time(10),
                                   zone=clinician.time_zone, now=timezone.now())
    return course


def cast_course(cast: Cast) -> TreatmentCourse:
    """The cast patient's active family-format course with its plan and sessions (created once per test)."""
    course = cast.patient.courses.filter(status=CourseStatus.ACTIVE).first()
    return course or course_ready(cast.patient, clinician=cast.assigned_clinician, course_format="family")


def cast_fresh_course(cast: Cast, *, scheduled: bool = False) -> TreatmentCourse:
    """A new course for every call: earlier open courses of the cast patient are closed first."""
    cast.patient.courses.open().update(status=CourseStatus.ENDED_EARLY)
    return course_ready(cast.patient, clinician=cast.assigned_clinician, course_format="family", active=True,
                        scheduled=scheduled)


def cast_session(cast: Cast) -> TherapySession:
    return cast_course(cast).therapy_sessions.order_by("number")[0]


def extra_session(course: TreatmentCourse) -> TherapySession:
    last = course.therapy_sessions.order_by("-number").first()
    number = (last.number if last else 0) + 1
    start = (last.scheduled_start if last else timezone.now()) + timedelta(weeks=1)
    return TherapySession.objects.create(course=course, number=number, scheduled_start=start)


def cast_note_to_sign(cast: Cast) -> TherapySession:
    """A new session with an unsigned progress note (one per request: every signer finds it unsigned)."""
    session = extra_session(cast_course(cast))
    services.progress_note_save(actor=cast.assigned_clinician, session=session, text="Practised soothing breathing.",
                                agenda_done=[], exercises_practised=[], now=timezone.now())
    return session


def cast_signed_note(cast: Cast) -> TherapySession:
    session = cast_session(cast)
    note = getattr(session, "progress_note", None)
    if note is None:
        note = services.progress_note_save(actor=cast.assigned_clinician, session=session, text="Session held.",
                                           agenda_done=[], exercises_practised=[], now=timezone.now())
    if not note.is_signed:
        services.progress_note_sign(actor=cast.assigned_clinician, note=note, now=timezone.now())
    return session


def next_stage_of(course: TreatmentCourse) -> str:
    order = [Stage.RECOGNISE, Stage.BUILD, Stage.APPLY, Stage.COMPLETED]
    return str(order[order.index(Stage(course.stage)) + 1])


def unique_email() -> str:
    return f"relative{next(_counter)}@example.org"


def session_time_form(day: date | None = None, at: str = "18:00") -> dict[str, str]:
    return {"start_date": (day or next_week()).isoformat(), "start_time": at}


def note_exists(session: TherapySession) -> bool:
    return ProgressNote.objects.filter(session=session).exists()


# --- the access matrix's wider cast: groups and family members ----------------------------------------------------


def family_member_create(course: TreatmentCourse, *, actor: User) -> User:
    """A relative invited to a family-format course who accepted and consented, through the real services."""
    from solace.accounts.services import invitation_accept
    from solace.testing.factories import PASSWORD

    _participant, token = services.family_invite(actor=actor, course=course, full_name="Sam Relative",
                                                 email=unique_email(), relationship="partner", now=timezone.now())
    pending = services.family_invitation_find(token, now=timezone.now())
    assert pending is not None
    return invitation_accept(pending=pending, password=PASSWORD, now=timezone.now())


def group_candidate(cast: Cast) -> Patient:
    """A new patient the group facilitator may add to a group: in their care, screened and cleared, no course."""
    from solace.testing.factories import patient_create

    assert cast.group_facilitator is not None
    number = next(_counter)
    patient = patient_create(cast.clinic, clinician=cast.group_facilitator, given_name=f"Member{number}",
                             family_name=f"Grouped{number}")
    signed_screening(patient, actor=cast.group_facilitator)
    return patient


def cast_fresh_group(cast: Cast, *, members: int = 0) -> TherapyGroup:
    """A new planned, unscheduled group of the facilitator with `members` cleared members (one per request)."""
    assert cast.group_facilitator is not None
    group = services.group_create(actor=cast.group_facilitator, name=f"Group {next(_counter)}", weeks=None,
                                  session_minutes=None, now=timezone.now())
    for _number in range(members):
        services.group_member_add(actor=cast.group_facilitator, group=group, patient=group_candidate(cast),
                                  now=timezone.now())
    return group


def cast_group(cast: Cast) -> TherapyGroup:
    """The facilitator's started group of four members, scheduled weekly from next week (created once per test)."""
    group = TherapyGroup.objects.filter(facilitator=cast.group_facilitator, status=CourseStatus.ACTIVE).first()
    if group is not None:
        return group
    group = cast_fresh_group(cast, members=TherapyGroup.MIN_MEMBERS)
    services.group_activate(actor=cast.group_facilitator, group=group, now=timezone.now())  # type: ignore[arg-type]
    services.group_sessions_schedule(actor=cast.group_facilitator, group=group, first_day=next_week(), at=time(18),  # type: ignore[arg-type]
                                     zone="Europe/London", now=timezone.now())
    return group


def cast_group_session(cast: Cast) -> GroupSession:
    return cast_group(cast).sessions.order_by("number")[0]


def cast_widen(cast: Cast) -> Cast:
    """The access matrix's cast: adds a facilitator running a started group of four patients of their own, a
    clinician of the same clinic running another group (not this one, and on no cast patient's care team), a family
    member of the cast patient's family course (the patient shares session times and progress with them) and a
    family member of the other patient's family course (which shares nothing)."""
    from solace.kernel.permissions import Role
    from solace.testing.factories import user_create

    cast.group_facilitator = user_create(cast.clinic, Role.CLINICIAN)
    cast.other_group_facilitator = user_create(cast.clinic, Role.CLINICIAN)
    services.group_create(actor=cast.other_group_facilitator, name="Thursday morning group", weeks=None,
                          session_minutes=None, now=timezone.now())
    cast_group(cast)
    course = cast_course(cast)
    cast.family_member = family_member_create(course, actor=cast.assigned_clinician)
    services.family_sharing_save(actor=cast.patient_user, course=course, schedule=True, homework=False,
                                 progress=True, now=timezone.now())
    other_patient = cast.other_patient_user.patient_record
    other_course = course_ready(other_patient, clinician=cast.assigned_clinician, course_format="family")
    cast.family_member_unshared = family_member_create(other_course, actor=cast.assigned_clinician)
    return cast
