"""Screening pages: a patient's screening overview (with the preparation form and the course gate), the intake
form, the result with its signature, co-signature, the course buttons; the patient's own preparation form; a
clinic's thresholds."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from solace.accounts.choices import Role
from solace.audit.models import Outcome
from solace.audit.services import audit_record
from solace.courses import services as course_services
from solace.courses.choices import CourseFormat, CourseStatus
from solace.courses.forms import CourseChoicesForm
from solace.domain.screening import IntakeError
from solace.domain.screening.intake import SCREENING_INSTRUMENTS
from solace.kernel.forms import add_service_errors
from solace.measures.selectors import latest_answers_in_order
from solace.patients.access import Action
from solace.patients.models import Patient
from solace.screening import selectors, services
from solace.screening.access import access_own_preparation, access_screening, access_screening_patient
from solace.screening.display import result_display
from solace.screening.forms import IntakeForm, PreparationForm, SignForm, ThresholdsForm, response_field
from solace.screening.models import Screening

SUPERVISORS = frozenset({Role.SUPERVISOR})
THRESHOLD_EDITORS = (Role.CLINIC_ADMIN, Role.SUPERVISOR)


def _age_today(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _open_course(patient: Patient) -> Any:
    return patient.courses.filter(status__in=(CourseStatus.PLANNED, CourseStatus.ACTIVE)).first()  # type: ignore[attr-defined]


@login_required
def overview_view(request: HttpRequest, patient_id: str) -> HttpResponse:
    patient = access_screening_patient(request.user, patient_id, Action.VIEW, audit_action="screening.view")
    latest = selectors.screening_latest(patient=patient)
    course = _open_course(patient)
    context = {
        "patient": patient,
        "screenings": selectors.screening_list(patient=patient)[:20],
        "latest": latest,
        "clearance": selectors.screening_clearance(patient=patient),
        "course": course,
        "course_formats": CourseFormat.choices,
        "suggested_format": (latest.intake.get("modality_preference") if latest else None) or CourseFormat.INDIVIDUAL,
        "preparation": selectors.preparation_get(patient=patient),
    }
    return render(request, "screening/overview.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def intake_view(request: HttpRequest, patient_id: str) -> HttpResponse:
    action = Action.EDIT if request.method == "POST" else Action.VIEW
    patient = access_screening_patient(request.user, patient_id, action, audit_action=f"screening.{action}")
    if request.method == "POST":
        form = IntakeForm(request.POST)
        if form.is_valid():
            try:
                screening = services.screening_record(actor=request.user, patient=patient,  # type: ignore[arg-type]
                                                      data=form.intake_data, now=timezone.now())
            except IntakeError as exc:  # the form validated the same intake; kept for safety
                form.add_error(None, str(exc))
            else:
                return redirect("screening:result", patient_id=patient.pk, screening_id=screening.pk)
        status = 422
    else:
        initial, from_measures = _initial(patient)
        form = IntakeForm(initial=initial)
        status = 200
    context = {"patient": patient, "form": form, "from_measures": from_measures if request.method == "GET" else {}}
    return render(request, "screening/intake.html", context, status=status)


def _initial(patient: Patient) -> tuple[dict[str, Any], dict[str, Any]]:
    """The previous intake (re-screening starts from it), with the age as of today, and the answers of any
    questionnaire the patient completed since (returned separately too, so the page can say where they came from)."""
    latest = selectors.screening_latest(patient=patient)
    initial = IntakeForm.data_from_intake(latest.intake) if latest else {}
    initial["age"] = _age_today(patient.date_of_birth, timezone.localdate())
    measured = latest_answers_in_order(patient=patient, codes=SCREENING_INSTRUMENTS)
    from_measures = {}
    for code, (answers, submitted_at) in measured.items():
        if latest is None or submitted_at > latest.evaluated_at or not latest.intake.get("responses", {}).get(code):
            initial[response_field(code)] = ", ".join("" if a is None else str(a) for a in answers)
            from_measures[code] = submitted_at
    return initial, from_measures


@login_required
def result_view(request: HttpRequest, patient_id: str, screening_id: int) -> HttpResponse:
    screening = access_screening(request.user, patient_id, screening_id, Action.VIEW, audit_action="screening.view")
    return _result_page(request, screening, SignForm())


def _result_page(request: HttpRequest, screening: Screening, form: SignForm, status: int = 200) -> HttpResponse:
    signature = getattr(screening, "signature", None)
    user = request.user
    context = {
        "patient": screening.patient,
        "screening": screening,
        "result": result_display(screening.result),
        "signature": signature,
        "sign_form": form,
        "can_cosign": bool(signature and signature.awaiting_cosignature and user.role == Role.SUPERVISOR  # type: ignore[union-attr]
                           and signature.signed_by_id != user.pk),
        "is_latest": selectors.screening_latest(patient=screening.patient) == screening,
        "clearance": selectors.screening_clearance(patient=screening.patient),
    }
    return render(request, "screening/result.html", context, status=status)


@login_required
@require_POST
def sign_view(request: HttpRequest, patient_id: str, screening_id: int) -> HttpResponse:
    screening = access_screening(request.user, patient_id, screening_id, Action.EDIT, audit_action="screening.edit")
    form = SignForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            signature = services.screening_sign(
                actor=request.user, screening=screening, kind=data["kind"], decision=data["decision"],  # type: ignore[arg-type]
                reason=data["reason"], now=timezone.now(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if signature.awaiting_cosignature:
                messages.warning(request, _("Override signed. It needs a supervisor's co-signature before a course "
                                            "can start."))
            else:
                messages.success(request, _("Decision signed."))
            return redirect("screening:result", patient_id=screening.patient_id, screening_id=screening.pk)
    return _result_page(request, screening, form, status=422)


@login_required
@require_POST
def cosign_view(request: HttpRequest, patient_id: str, screening_id: int) -> HttpResponse:
    screening = access_screening(request.user, patient_id, screening_id, Action.EDIT,
                                 audit_action="screening.edit", roles=SUPERVISORS)
    try:
        services.screening_cosign(actor=request.user, screening=screening, now=timezone.now())  # type: ignore[arg-type]
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Override co-signed."))
    return redirect("screening:result", patient_id=screening.patient_id, screening_id=screening.pk)


@login_required
@require_POST
def course_create_view(request: HttpRequest, patient_id: str) -> HttpResponse:
    patient = access_screening_patient(request.user, patient_id, Action.EDIT, audit_action="course.edit")
    form = CourseChoicesForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors.as_data())
        course_services.course_plan_create(actor=request.user, patient=patient, **form.cleaned_data)  # type: ignore[arg-type]
    except ValidationError as exc:
        messages.error(request, " ".join(_course_errors(form, exc)))
    else:
        messages.success(request, _("Planned course created."))
    return redirect("screening:overview", patient_id=patient.pk)


def _course_errors(form: CourseChoicesForm, exc: ValidationError) -> list[str]:
    """Each message with the label of its field, so the notice says which choice to correct."""
    if not hasattr(exc, "error_dict"):
        return list(exc.messages)
    return [f"{form.fields[name].label if name in form.fields else name}: {message}"
            for name, messages_ in exc.message_dict.items() for message in messages_]


@login_required
@require_POST
def course_activate_view(request: HttpRequest, patient_id: str) -> HttpResponse:
    patient = access_screening_patient(request.user, patient_id, Action.EDIT, audit_action="course.edit")
    course = patient.courses.filter(status=CourseStatus.PLANNED).first()  # type: ignore[attr-defined]
    if course is None:
        messages.error(request, _("There is no planned course to activate."))
        return redirect("screening:overview", patient_id=patient.pk)
    try:
        course_services.course_activate(actor=request.user, course=course, now=timezone.now())  # type: ignore[arg-type]
    except ValidationError as exc:
        messages.error(request, _("The course cannot start: %(reason)s") % {"reason": " ".join(exc.messages)})
    else:
        messages.success(request, _("Course activated."))
    return redirect("screening:overview", patient_id=patient.pk)


@login_required
@require_http_methods(["GET", "POST"])
def preparation_view(request: HttpRequest) -> HttpResponse:
    """The patient's own preparation before the first session."""
    action = Action.EDIT if request.method == "POST" else Action.VIEW
    patient = access_own_preparation(request.user, action, audit_action=f"preparation.{action}")
    instance = selectors.preparation_get(patient=patient)
    form = PreparationForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        services.preparation_save(actor=request.user, patient=patient, data=form.cleaned_data,  # type: ignore[arg-type]
                                  now=timezone.now())
        messages.success(request, _("Thank you. Your clinician will read this before your first session."))
        return redirect("screening:preparation")
    return render(request, "screening/preparation.html", {"patient": patient, "form": form},
                  status=422 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def thresholds_view(request: HttpRequest) -> HttpResponse:
    """A clinic's screening thresholds (clinic administrators and supervisors)."""
    user = request.user
    if user.role not in THRESHOLD_EDITORS:  # type: ignore[union-attr]
        audit_record(actor=user, action="screening.thresholds_view", outcome=Outcome.DENIED)
        raise Http404
    current = selectors.clinic_thresholds(user.clinic)  # type: ignore[union-attr]
    form = ThresholdsForm(request.POST or None, current=current.to_dict())
    if request.method == "POST" and form.is_valid():
        try:
            services.clinic_thresholds_save(actor=user, overrides=form.overrides(), now=timezone.now())  # type: ignore[arg-type]
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Screening thresholds saved."))
            return redirect("screening:settings")
    overridden = current.overrides()
    return render(request, "screening/thresholds.html", {"form": form, "overridden": overridden},
                  status=422 if form.errors else 200)
