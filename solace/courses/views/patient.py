"""The patient's own course: what they see, their calendar and what their family may see."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from solace.accounts.requests import AuthenticatedHttpRequest
from solace.courses import display, selectors, services
from solace.courses.access import own_course
from solace.courses.choices import CourseFormat
from solace.courses.forms import FamilySharingForm
from solace.courses.models import TreatmentCourse
from solace.courses.views.therapy_sessions import _ics, _session_events
from solace.kernel.permissions import Action


def _mine_context(request: AuthenticatedHttpRequest, course: TreatmentCourse | None,
                  sharing_form: FamilySharingForm | None = None) -> dict[str, Any]:
    if course is None:
        return {"overview": None}
    overview = selectors.patient_course(course.patient, now=timezone.now())
    return {
        "overview": overview, "course": course, "steps": display.stage_steps(course.stage),
        "stage_purpose": display.STAGE_FOR_PATIENTS[course.stage],
        "sharing_form": sharing_form or FamilySharingForm(initial={
            "family_sees_schedule": course.family_sees_schedule, "family_sees_homework": course.family_sees_homework,
            "family_sees_progress": course.family_sees_progress}),
        "has_family": course.format == CourseFormat.FAMILY,
    }


@login_required
def my_course_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    course = own_course(request.user, Action.OWN_READ, audit_action="course.mine")
    return render(request, "courses/mine.html", _mine_context(request, course))


@login_required
@require_POST
def my_sharing_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    course = own_course(request.user, Action.OWN_WRITE, audit_action="family.sharing")
    if course is None or course.format != CourseFormat.FAMILY:
        raise Http404("No family course.")
    form = FamilySharingForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        services.family_sharing_save(actor=request.user, course=course, schedule=data["family_sees_schedule"],
                                     homework=data["family_sees_homework"], progress=data["family_sees_progress"],
                                     now=timezone.now())
        messages.success(request, _("Saved. Your family sees only what you chose."))
        return redirect(reverse("courses:mine") + "#sharing")
    return render(request, "courses/mine.html", _mine_context(request, course, form), status=422)


@login_required
def my_calendar_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    course = own_course(request.user, Action.OWN_READ, audit_action="course.calendar")
    return _ics(_session_events(selectors.course_sessions(course)) if course else [], "my-sessions.ics")
