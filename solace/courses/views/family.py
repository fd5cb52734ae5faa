"""Family members: inviting them to a course, accepting an invitation, what the patient shares."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from solace.accounts.requests import AuthenticatedHttpRequest
from solace.courses import display, selectors, services
from solace.courses.access import access_course, own_family_participations
from solace.courses.forms import FamilyInviteForm
from solace.courses.models import FamilyParticipant, TreatmentCourse
from solace.courses.views.courses import _course_page
from solace.courses.views.therapy_sessions import _ics, _session_events
from solace.kernel.forms import form_post
from solace.kernel.permissions import Action


@login_required
@require_POST
def family_invite_view(request: AuthenticatedHttpRequest, patient_id: str, course_id: int) -> HttpResponse:
    course = access_course(request.user, patient_id, course_id, Action.CLINICAL_WRITE, audit_action="family.invite")
    return form_post(
        FamilyInviteForm(request.POST),
        save=lambda data: services.family_invite(actor=request.user, course=course, now=timezone.now(), **data),
        success=lambda invited: _invitation_sent(request, course, *invited),
        page=lambda form: _course_page(request, course.patient, course, family_form=form))


def _invitation_sent(request: AuthenticatedHttpRequest, course: TreatmentCourse, participant: FamilyParticipant,
                     token: str) -> HttpResponse:
    sent = True
    try:
        services.family_invitation_send(participant=participant, token=token)
    except OSError:
        sent = False
    context = {"patient": course.patient, "participant": participant, "sent": sent,
               "link": services.family_invitation_link(token)}
    return render(request, "courses/family_invitation_sent.html", context)


@login_required
def family_home_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    participations = own_family_participations(request.user, audit_action="family.view")
    now = timezone.now()
    views = [selectors.family_view(participant, now=now) for participant in participations]
    rows = [(view, display.STAGE_FOR_PATIENTS[view.stage] if view.stage else "") for view in views]
    return render(request, "courses/family_home.html", {
        "views": rows, "practice_title": display.FAMILY_PRACTICE_TITLE, "practice": display.FAMILY_PRACTICE})


@login_required
def family_calendar_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    participations = own_family_participations(request.user, audit_action="family.calendar")
    sessions = [session for participant in participations if participant.course.family_sees_schedule
                for session in selectors.course_sessions(participant.course)]
    return _ics(_session_events(sessions), "family-sessions.ics")
