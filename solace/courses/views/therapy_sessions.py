"""Therapy sessions: scheduling a course, one session (attendance, moving it) and calendar export."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from solace.accounts.requests import AuthenticatedHttpRequest
from solace.courses import display, selectors, services
from solace.courses.access import access_course, access_therapy_session
from solace.courses.calendar import CalendarEvent, calendar
from solace.courses.choices import SessionStatus
from solace.courses.forms import AddendumForm, AttendanceForm, ProgressNoteForm, PsychotherapyNoteForm, SessionTimeForm
from solace.courses.models import GroupSession, TherapySession
from solace.courses.views._shared import _status, _zone
from solace.courses.views.courses import _course_page, _course_url
from solace.kernel.forms import form_post, saved
from solace.kernel.permissions import Action


@login_required
@require_POST
def schedule_view(request: AuthenticatedHttpRequest, patient_id: str, course_id: int) -> HttpResponse:
    course = access_course(request.user, patient_id, course_id, Action.CLINICAL_WRITE, audit_action="course.edit")
    return form_post(
        SessionTimeForm(request.POST),
        save=lambda data: services.sessions_schedule(actor=request.user, course=course, first_day=data["start_date"],
                                                     at=data["start_time"], zone=_zone(request), now=timezone.now()),
        success=saved(request, _("Sessions scheduled."), _course_url(course, "#sessions")),
        page=lambda form: _course_page(request, course.patient, course, schedule_form=form))


def _uid(kind: str, pk: int) -> str:
    return f"{kind}-{pk}@{urlsplit(settings.SITE_URL).hostname or 'solace'}"


def _session_events(sessions: Any, *, url_for: Any = None) -> list[CalendarEvent]:
    events = []
    for session in sessions:
        is_group = isinstance(session, GroupSession) or getattr(session, "group_session_id", None)
        summary = _("Group session %(number)s") if is_group else _("Therapy session %(number)s")
        events.append(CalendarEvent(
            uid=_uid("group-session" if isinstance(session, GroupSession) else "therapy-session", session.pk),
            start=session.scheduled_start, end=session.scheduled_end, summary=summary % {"number": session.number},
            sequence=session.sequence, cancelled=session.status == SessionStatus.CANCELLED,
            url=settings.SITE_URL + url_for(session) if url_for else ""))
    return events


def _ics(events: list[CalendarEvent], filename: str) -> HttpResponse:
    body = calendar(events, name=_("Therapy sessions"), now=timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def course_calendar_view(request: AuthenticatedHttpRequest, patient_id: str, course_id: int) -> HttpResponse:
    course = access_course(request.user, patient_id, course_id, Action.CLINICAL_READ, audit_action="course.calendar")
    events = _session_events(selectors.course_sessions(course), url_for=lambda session: reverse(
        "courses:session", args=[course.patient_id, session.pk]))
    return _ics(events, "sessions.ics")


def _session_context(request: AuthenticatedHttpRequest, session: TherapySession, **forms: Any) -> dict[str, Any]:
    course = session.course
    planned = selectors.planned_session(selectors.session_plan(course), session.number)
    agenda = planned["agenda"] if planned else []
    note = getattr(session, "progress_note", None)
    own_private = selectors.psychotherapy_note_get(session=session, author=request.user)
    note_initial = {"text": note.text, "agenda_done": note.agenda_done,
                    "exercises_practised": note.exercises_practised} if note else {}
    return {
        "session": session, "course": course, "patient": course.patient, "planned": planned,
        "agenda": [display.exercise_title(code) for code in agenda], "note": note,
        "note_agenda": [display.exercise_title(code) for code in note.agenda_done] if note else [],
        "note_practised": [display.exercise_title(code) for code in note.exercises_practised] if note else [],
        "addenda": note.addenda.select_related("author") if note else [],
        "note_form": forms.get("note_form") or ProgressNoteForm(initial=note_initial, agenda=agenda),
        "addendum_form": forms.get("addendum_form") or AddendumForm(),
        "private_form": forms.get("private_form") or PsychotherapyNoteForm(
            initial={"private_text": own_private.text} if own_private else None),
        "own_private": own_private,
        "attendance_form": forms.get("attendance_form") or AttendanceForm(initial={"status": session.status}),
        "reschedule_form": forms.get("reschedule_form") or SessionTimeForm(),
    }


def _session_page(request: AuthenticatedHttpRequest, session: TherapySession, *, sign_errors: list[str] | None = None,
                  **forms: Any) -> HttpResponse:
    context = {**_session_context(request, session, **forms), "sign_errors": sign_errors or []}
    return render(request, "courses/session.html", context, status=422 if sign_errors else _status(*forms.values()))


def _session_url(session: TherapySession, anchor: str = "") -> str:
    return reverse("courses:session", args=[session.course.patient_id, session.pk]) + anchor


@login_required
def session_view(request: AuthenticatedHttpRequest, patient_id: str, session_id: int) -> HttpResponse:
    session = access_therapy_session(request.user, patient_id, session_id, Action.CLINICAL_READ,
                                     audit_action="therapy_session.view")
    return _session_page(request, session)


def _session_post(request: AuthenticatedHttpRequest, patient_id: str, session_id: int, form_name: str, form: Any,
                  write: Any, done: str, anchor: str) -> HttpResponse:
    """The shape every session form shares: gate, then form_post back to the session page."""
    session = access_therapy_session(request.user, patient_id, session_id, Action.CLINICAL_WRITE,
                                     audit_action="therapy_session.edit")
    return form_post(form(session), save=lambda data: write(session, data),
                     success=saved(request, done, _session_url(session, anchor)),
                     page=lambda bound: _session_page(request, session, **{form_name: bound}))


@login_required
@require_POST
def session_reschedule_view(request: AuthenticatedHttpRequest, patient_id: str, session_id: int) -> HttpResponse:
    return _session_post(
        request, patient_id, session_id, "reschedule_form", lambda s: SessionTimeForm(request.POST),
        lambda s, data: services.session_reschedule(actor=request.user, session=s, day=data["start_date"],
                                                    at=data["start_time"], zone=_zone(request), now=timezone.now()),
        _("Session moved."), "#when")


@login_required
@require_POST
def session_attendance_view(request: AuthenticatedHttpRequest, patient_id: str, session_id: int) -> HttpResponse:
    return _session_post(
        request, patient_id, session_id, "attendance_form", lambda s: AttendanceForm(request.POST),
        lambda s, data: services.session_attendance_record(actor=request.user, session=s, status=data["status"],
                                                           now=timezone.now()),
        _("Attendance recorded."), "#attendance")
