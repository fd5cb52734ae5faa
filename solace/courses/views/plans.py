"""The versioned plan of a course or a group: view a version, change its settings, edit one session."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from solace.accounts.requests import AuthenticatedHttpRequest
from solace.courses import display, selectors, services
from solace.courses.access import access_course
from solace.courses.choices import OPEN_COURSE_STATUSES
from solace.courses.forms import PlanSessionForm, PlanSettingsForm
from solace.courses.models import CoursePlanVersion, TherapyGroup, TreatmentCourse
from solace.courses.views._shared import _status
from solace.kernel.forms import form_post, saved
from solace.kernel.permissions import Action

PlanOwner = TreatmentCourse | TherapyGroup


def _plan_context(owner: PlanOwner, version: CoursePlanVersion | None, *, editable: bool, urls: dict[str, Any],
                  settings_form: PlanSettingsForm | None = None,
                  session_form: PlanSessionForm | None = None) -> dict[str, Any]:
    latest = selectors.plan_latest(owner)
    shown = version or latest
    rows = []
    if shown is not None:
        for item in shown.plan["sessions"]:
            form = session_form if session_form is not None and session_form.prefix == f"session-{item['number']}" \
                else PlanSessionForm(stage=item["stage"], course_format=shown.plan["format"],
                                     prefix_number=item["number"],
                                     initial={"focus": item["focus"], "agenda": item["agenda"]})
            rows.append({"item": item, "agenda": [display.exercise_title(code) for code in item["agenda"]],
                         "form": form, "edit_url": urls["session"](item["number"])})
    is_latest = shown is not None and latest is not None and shown.pk == latest.pk
    return {
        "owner": owner, "version": shown, "latest": latest, "is_latest": is_latest, "rows": rows,
        "editable": editable and is_latest, "versions": selectors.plan_versions(owner), "urls": urls,
        "homework": [{**item, "title": display.exercise_title(item["exercise"])}
                     for item in (shown.plan["homework"] if shown else [])],
        "settings_form": settings_form or PlanSettingsForm(initial={
            "weeks": owner.weeks, "session_minutes": owner.session_minutes}),
    }


def _course_plan_urls(course: TreatmentCourse) -> dict[str, Any]:
    args = [course.patient_id, course.pk]
    return {"settings": reverse("courses:plan_settings", args=args), "page": reverse("courses:plan", args=args),
            "session": lambda number: reverse("courses:plan_session", args=[*args, number]),
            "back": reverse("courses:patient", args=[course.patient_id])}


def _version_or_404(owner: PlanOwner, request: HttpRequest) -> CoursePlanVersion | None:
    wanted = request.GET.get("version")
    if not wanted:
        return None
    version = owner.plan_versions.filter(number=wanted).first() if wanted.isdigit() else None
    if version is None:
        raise Http404("No such version.")
    return version


def _course_plan_page(request: AuthenticatedHttpRequest, course: TreatmentCourse,
                      version: CoursePlanVersion | None = None, **forms: Any) -> HttpResponse:
    context = _plan_context(course, version, editable=course.status in OPEN_COURSE_STATUSES,
                            urls=_course_plan_urls(course), **forms)
    context.update({"patient": course.patient, "course": course})
    return render(request, "courses/plan.html", context, status=_status(*forms.values()))


@login_required
def plan_view(request: AuthenticatedHttpRequest, patient_id: str, course_id: int) -> HttpResponse:
    course = access_course(request.user, patient_id, course_id, Action.CLINICAL_READ, audit_action="course_plan.view")
    return _course_plan_page(request, course, _version_or_404(course, request))


def _settings_change(request: AuthenticatedHttpRequest, owner: PlanOwner, *, to: str,
                     page: Callable[[PlanSettingsForm], HttpResponse]) -> HttpResponse:
    return form_post(
        PlanSettingsForm(request.POST),
        save=lambda data: services.plan_settings_change(actor=request.user, owner=owner, now=timezone.now(), **data),
        success=saved(request, _("A new version of the plan was saved."), to), page=page)


@login_required
@require_POST
def plan_settings_view(request: AuthenticatedHttpRequest, patient_id: str, course_id: int) -> HttpResponse:
    course = access_course(request.user, patient_id, course_id, Action.CLINICAL_WRITE, audit_action="course_plan.edit")
    return _settings_change(request, course, to=reverse("courses:plan", args=[course.patient_id, course.pk]),
                            page=lambda form: _course_plan_page(request, course, settings_form=form))


def _session_edit(request: AuthenticatedHttpRequest, owner: PlanOwner, number: int, *, to: str,
                  page: Callable[[PlanSessionForm], HttpResponse]) -> HttpResponse:
    latest = selectors.plan_latest(owner)
    item = selectors.planned_session(latest, number)
    if latest is None or item is None:
        raise Http404("No such planned session.")
    return form_post(
        PlanSessionForm(request.POST, stage=item["stage"], course_format=latest.plan["format"], prefix_number=number),
        save=lambda data: services.plan_session_edit(actor=request.user, owner=owner, number=number, now=timezone.now(),
                                                     focus=data["focus"], agenda=data["agenda"]),
        success=saved(request, _("Session %(number)s saved as a new version of the plan.") % {"number": number}, to),
        page=page)


@login_required
@require_POST
def plan_session_view(request: AuthenticatedHttpRequest, patient_id: str, course_id: int, number: int) -> HttpResponse:
    course = access_course(request.user, patient_id, course_id, Action.CLINICAL_WRITE, audit_action="course_plan.edit")
    return _session_edit(request, course, number,
                         to=reverse("courses:plan", args=[course.patient_id, course.pk]) + f"#session-{number}",
                         page=lambda form: _course_plan_page(request, course, session_form=form))
