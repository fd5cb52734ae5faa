"""Screening pages: a patient's screening overview (with the preparation form and whether a course may start),
the intake form, the result with its signature and co-signature; the patient's own preparation form; a
clinic's thresholds."""

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
from django.views.decorators.http import require_http_methods, require_POST

from solace.accounts.requests import AuthenticatedHttpRequest
from solace.audit.access import access_clinic
from solace.domain.screening import IntakeError, co_treatment_plan_required
from solace.domain.screening.intake import SCREENING_INSTRUMENTS, age_on, answers_prefill_intake
from solace.kernel.forms import form_post, saved
from solace.kernel.permissions import Action, user_may
from solace.measures.selectors import latest_answers_in_order
from solace.patients.access import access_patient, own_patient
from solace.patients.models import Patient
from solace.screening import selectors, services
from solace.screening.access import access_screening
from solace.screening.display import result_display
from solace.screening.forms import IntakeForm, PreparationForm, SignForm, ThresholdsForm
from solace.screening.models import Screening


@login_required
def overview_view(request: AuthenticatedHttpRequest, patient_id: str) -> HttpResponse:
    patient = access_patient(request.user, patient_id, Action.CLINICAL_READ, audit_action="screening.view")
    latest = selectors.screening_latest(patient=patient)
    context = {
        "patient": patient,
        "screenings": selectors.screening_list(patient=patient)[:20],
        "latest": latest,
        "clearance": selectors.screening_clearance(patient=patient),
        "preparation": selectors.preparation_get(patient=patient),
    }
    return render(request, "screening/overview.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def intake_view(request: AuthenticatedHttpRequest, patient_id: str) -> HttpResponse:
    action = Action.CLINICAL_WRITE if request.method == "POST" else Action.CLINICAL_READ
    patient = access_patient(request.user, patient_id, action, audit_action=f"screening.{action.verb}")
    if request.method == "POST":
        form = IntakeForm(request.POST)
        if form.is_valid():
            try:
                screening = services.screening_record(actor=request.user, patient=patient,
                                                      data=form.intake_data, now=timezone.now())
            except IntakeError as exc:  # the form validated the same intake; kept for safety
                form.add_error(None, str(exc))
            except ValidationError as exc:  # the measures service refused an answer; nothing was saved
                form.add_error(None, exc.messages)
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
    initial["age"] = age_on(patient.date_of_birth, timezone.localdate())
    measured = latest_answers_in_order(patient=patient, codes=SCREENING_INSTRUMENTS)
    from_measures = {}
    for code, (answers, submitted_at) in measured.items():
        previous_answers = bool(latest.intake.get("responses", {}).get(code)) if latest else False
        previous_at = latest.evaluated_at if latest else None
        if answers_prefill_intake(submitted_at=submitted_at, previous_evaluated_at=previous_at,
                                  previous_has_answers=previous_answers):
            initial.update(IntakeForm.answers_data(code, answers))
            from_measures[code] = submitted_at
    return initial, from_measures


@login_required
def result_view(request: AuthenticatedHttpRequest, patient_id: str, screening_id: int) -> HttpResponse:
    screening = access_screening(request.user, patient_id, screening_id, Action.CLINICAL_READ,
                                 audit_action="screening.view")
    return _result_page(request, screening, SignForm(plan_required=_plan_required(screening)))


def _plan_required(screening: Screening) -> bool:
    return co_treatment_plan_required(t["verdict"] for t in screening.result.get("co_treatments", []))


def _result_page(request: AuthenticatedHttpRequest, screening: Screening, form: SignForm,
                 status: int = 200) -> HttpResponse:
    signature = getattr(screening, "signature", None)
    user = request.user
    context = {
        "patient": screening.patient,
        "screening": screening,
        "result": result_display(screening.result, thresholds=screening.thresholds),
        "signature": signature,
        "risk_assessment": getattr(screening, "risk_assessment", None),
        "sign_form": form,
        "can_cosign": bool(signature and signature.awaiting_cosignature and user_may(user, Action.SCREENING_COSIGN)
                           and signature.signed_by_id != user.pk),
        "is_latest": selectors.screening_latest(patient=screening.patient) == screening,
        "clearance": selectors.screening_clearance(patient=screening.patient),
    }
    return render(request, "screening/result.html", context, status=status)


@login_required
@require_POST
def sign_view(request: AuthenticatedHttpRequest, patient_id: str, screening_id: int) -> HttpResponse:
    screening = access_screening(request.user, patient_id, screening_id, Action.CLINICAL_WRITE,
                                 audit_action="screening.edit")
    return form_post(
        SignForm(request.POST, plan_required=_plan_required(screening)),
        save=lambda data: services.screening_sign(
            actor=request.user, screening=screening, kind=data["kind"], decision=data["decision"],
            reason=data["reason"], co_treatment_plan=data.get("co_treatment_plan", ""), now=timezone.now(),
        ),
        success=lambda signature: _signed(request, screening, signature),
        page=lambda form: _result_page(request, screening, form))


def _signed(request: AuthenticatedHttpRequest, screening: Screening, signature: Any) -> HttpResponse:
    if signature.awaiting_cosignature:
        messages.warning(request, _("Override signed. It needs a supervisor's co-signature before a course "
                                    "can start."))
    else:
        messages.success(request, _("Decision signed."))
    return redirect("screening:result", patient_id=screening.patient_id, screening_id=screening.pk)


@login_required
@require_POST
def cosign_view(request: AuthenticatedHttpRequest, patient_id: str, screening_id: int) -> HttpResponse:
    screening = access_screening(request.user, patient_id, screening_id, Action.SCREENING_COSIGN,
                                 audit_action="screening.edit")
    try:
        services.screening_cosign(actor=request.user, screening=screening, now=timezone.now())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Override co-signed."))
    return redirect("screening:result", patient_id=screening.patient_id, screening_id=screening.pk)


@login_required
@require_http_methods(["GET", "POST"])
def preparation_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The patient's own preparation before the first session."""
    action = Action.OWN_WRITE if request.method == "POST" else Action.OWN_READ
    patient = own_patient(request.user, action, audit_action=f"preparation.{action.verb}")
    instance = selectors.preparation_get(patient=patient)
    return form_post(
        PreparationForm(request.POST or None, instance=instance),
        save=lambda data: services.preparation_save(actor=request.user, patient=patient, data=data,  # type: ignore[arg-type]
                                                    now=timezone.now()),
        success=saved(request, _("Thank you. Your clinician will read this before your first session."),
                      reverse("screening:preparation")),
        page=lambda form: render(request, "screening/preparation.html", {"patient": patient, "form": form}))


@login_required
@require_http_methods(["GET", "POST"])
def thresholds_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A clinic's screening thresholds (clinic administrators and supervisors)."""
    user = request.user
    clinic = access_clinic(user, Action.SCREENING_SETTINGS, audit_action="screening.thresholds_view")
    current = selectors.clinic_thresholds(clinic)
    form = ThresholdsForm(request.POST or None, current=current.to_dict())
    return form_post(
        form,
        save=lambda data: services.clinic_thresholds_save(actor=user, overrides=form.overrides(), now=timezone.now()),
        success=saved(request, _("Screening thresholds saved."), reverse("screening:settings")),
        page=lambda form: render(request, "screening/thresholds.html",
                                 {"form": form, "overridden": current.overrides()}))
