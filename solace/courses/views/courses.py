"""A patient's course: the overview page with its plan, schedule, stage and family, and stage changes."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from solace.accounts.requests import AuthenticatedHttpRequest
from solace.courses import display, selectors, services
from solace.courses.access import access_course
from solace.courses.choices import OPEN_COURSE_STATUSES, CourseFormat, CourseStatus, Stage
from solace.courses.forms import CourseChoicesForm, FamilyInviteForm, SessionTimeForm, StageForm
from solace.courses.models import CoursePlanVersion, TreatmentCourse
from solace.courses.views._shared import _status
from solace.domain.planning.progression import stage_may_move_on
from solace.kernel.forms import add_service_errors, form_post, saved
from solace.kernel.permissions import Action
from solace.patients.access import access_patient
from solace.patients.models import Patient
from solace.screening import selectors as screening_selectors


def _session_rows(course: TreatmentCourse, plan: CoursePlanVersion | None) -> list[dict[str, Any]]:
    return [{"session": session, "planned": selectors.planned_session(plan, session.number)}
            for session in selectors.course_sessions(course)]


def _start_context(patient: Patient, course: TreatmentCourse | None,
                   start_form: CourseChoicesForm | None = None) -> dict[str, Any]:
    """Whether a course may start (the signed screening), and the choices for creating one."""
    course_is_open = course is not None and course.status in OPEN_COURSE_STATUSES
    latest = screening_selectors.screening_latest(patient=patient)
    suggested_format = (latest.intake.get("modality_preference") if latest else None) or CourseFormat.INDIVIDUAL
    return {
        "show_start": not course_is_open or course.status == CourseStatus.PLANNED,  # type: ignore[union-attr]
        "course_is_open": course_is_open,
        "clearance": screening_selectors.screening_clearance(patient=patient),
        "start_form": start_form or CourseChoicesForm(initial={"course_format": suggested_format}),
    }


def _course_context(patient: Patient, course: TreatmentCourse | None, **forms: Any) -> dict[str, Any]:
    context: dict[str, Any] = {"patient": patient, "course": course,
                               **_start_context(patient, course, forms.get("start_form")),
                               "past_courses": patient.courses.exclude(pk=course.pk) if course
                               else patient.courses.all()}
    if course is None:
        return context
    now = timezone.now()
    plan = selectors.session_plan(course)
    criteria = selectors.stage_criteria(course, now=now)
    context.update({
        "plan": selectors.plan_latest(course), "session_plan": plan, "rows": _session_rows(course, plan),
        "criteria": criteria,
        "measure_rows": [(measure, display.category_label(measure.category)) for measure in criteria.measures],
        "transitions": course.stage_transitions.select_related("decided_by"),
        "stage_form": forms.get("stage_form") or StageForm(initial={"to_stage": criteria.next_stage}),
        "next_stage_label": _stage_label(criteria.next_stage),
        "may_move_on": stage_may_move_on(course.stage, active=course.status == CourseStatus.ACTIVE),
        "schedule_form": forms.get("schedule_form") or SessionTimeForm(),
        "family": course.family_participants.all() if course.format == CourseFormat.FAMILY else None,
        "family_form": forms.get("family_form") or FamilyInviteForm(),
    })
    return context


def _stage_label(stage: str | None) -> str:
    return str(Stage(stage).label) if stage else ""


def _course_page(request: AuthenticatedHttpRequest, patient: Patient, course: TreatmentCourse | None,
                 **forms: Any) -> HttpResponse:
    return render(request, "courses/course.html", _course_context(patient, course, **forms),
                  status=_status(*forms.values()))


@login_required
def course_view(request: AuthenticatedHttpRequest, patient_id: str) -> HttpResponse:
    patient = access_patient(request.user, patient_id, Action.CLINICAL_READ, audit_action="course.view")
    return _course_page(request, patient, selectors.course_current(patient))


def _course_url(course: TreatmentCourse, anchor: str = "") -> str:
    return reverse("courses:patient", args=[course.patient_id]) + anchor


@login_required
@require_POST
def stage_view(request: AuthenticatedHttpRequest, patient_id: str, course_id: int) -> HttpResponse:
    course = access_course(request.user, patient_id, course_id, Action.CLINICAL_WRITE, audit_action="course.edit")
    return form_post(
        StageForm(request.POST),
        save=lambda data: services.course_stage_advance(actor=request.user, course=course, to_stage=data["to_stage"],
                                                        note=data["note"], now=timezone.now()),
        success=saved(request, _("Stage updated."), _course_url(course, "#stage")),
        page=lambda form: _course_page(request, course.patient, course, stage_form=form))


@login_required
@require_POST
def course_create_view(request: AuthenticatedHttpRequest, patient_id: str) -> HttpResponse:
    patient = access_patient(request.user, patient_id, Action.CLINICAL_WRITE, audit_action="course.edit")
    form = CourseChoicesForm(request.POST)
    if form.is_valid():
        try:
            services.course_plan_create(actor=request.user, patient=patient, **form.cleaned_data)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):  # a choice to correct: the page again, with what was typed
                add_service_errors(form, exc)
            else:
                messages.error(request, " ".join(_course_errors(form, exc)))
        else:
            messages.success(request, _("Planned course created."))
    if form.errors:
        return _course_page(request, patient, selectors.course_current(patient), start_form=form)
    return redirect(reverse("courses:patient", args=[patient.pk]) + "#start")


def _course_errors(form: CourseChoicesForm, exc: ValidationError) -> list[str]:
    """Each message with the label of its field, so the notice says which choice to correct."""
    if not hasattr(exc, "error_dict"):
        return list(exc.messages)
    return [f"{form.fields[name].label if name in form.fields else name}: {message}"
            for name, messages_ in exc.message_dict.items() for message in messages_]


@login_required
@require_POST
def course_activate_view(request: AuthenticatedHttpRequest, patient_id: str) -> HttpResponse:
    patient = access_patient(request.user, patient_id, Action.CLINICAL_WRITE, audit_action="course.edit")
    course = patient.courses.filter(status=CourseStatus.PLANNED).first()
    if course is None:
        messages.error(request, _("There is no planned course to activate."))
        return redirect(reverse("courses:patient", args=[patient.pk]) + "#start")
    try:
        services.course_activate(actor=request.user, course=course, now=timezone.now())
    except ValidationError as exc:
        messages.error(request, _("The course cannot start: %(reason)s") % {"reason": " ".join(exc.messages)})
    else:
        messages.success(request, _("Course activated."))
    return redirect(reverse("courses:patient", args=[patient.pk]) + "#start")
