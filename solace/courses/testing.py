"""Courses for tests and the access matrix: real rows, written through the real services."""

from __future__ import annotations

import itertools
from datetime import date, time, timedelta
from typing import Any

from django.utils import timezone

from solace.accounts.models import User
from solace.courses import services
from solace.courses.choices import CourseStatus, Stage
from solace.courses.models import ProgressNote, TherapySession, TreatmentCourse
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
    course = cast.patient.courses.filter(status=CourseStatus.ACTIVE).first()  # type: ignore[attr-defined]
    return course or course_ready(cast.patient, clinician=cast.assigned_clinician, course_format="family")


def cast_fresh_course(cast: Cast, *, scheduled: bool = False) -> TreatmentCourse:
    """A new course for every call: earlier open courses of the cast patient are closed first."""
    cast.patient.courses.filter(status__in=services.OPEN_STATUSES).update(status=CourseStatus.ENDED_EARLY)  # type: ignore[attr-defined]
    return course_ready(cast.patient, clinician=cast.assigned_clinician, course_format="family", active=True,
                        scheduled=scheduled)


def cast_session(cast: Cast) -> TherapySession:
    return cast_course(cast).therapy_sessions.order_by("number").first()  # type: ignore[no-any-return]


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
    return order[order.index(Stage(course.stage)) + 1]


def unique_email() -> str:
    return f"relative{next(_counter)}@example.org"


def session_time_form(day: date | None = None, at: str = "18:00") -> dict[str, str]:
    return {"start_date": (day or next_week()).isoformat(), "start_time": at}


def note_exists(session: TherapySession) -> bool:
    return ProgressNote.objects.filter(session=session).exists()
