from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from solace.accounts import services as account_services
from solace.accounts.choices import Role
from solace.audit.models import Outcome
from solace.audit.services import audit_record
from solace.kernel.forms import add_service_errors
from solace.patients import services
from solace.patients.access import Action, access_patient
from solace.patients.forms import CareTeamForm, PatientForm
from solace.patients.selectors import caseload_list


def _require_role(request: HttpRequest, *roles: Role, patient_id: str = "") -> None:
    """Pages for some roles only: anyone else gets the same 404 as for a missing record (audited when scoped)."""
    if request.user.role not in roles:  # type: ignore[union-attr]
        if patient_id:
            audit_record(actor=request.user, action="patient.view", outcome=Outcome.DENIED, object_type="patient",
                         object_id=patient_id)
        raise Http404


@login_required
def caseload_view(request: HttpRequest) -> HttpResponse:
    _require_role(request, Role.CLINICIAN, Role.SUPERVISOR)
    patients = caseload_list(user=request.user, now=timezone.now())
    template = "patients/partials/_caseload.html" if request.htmx else "patients/caseload.html"  # type: ignore[attr-defined]
    return render(request, template, {"patients": patients})


@login_required
@require_http_methods(["GET", "POST"])
def patient_create_view(request: HttpRequest) -> HttpResponse:
    _require_role(request, Role.CLINICIAN)
    form = PatientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            patient = services.patient_create(actor=request.user, data=form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Patient registered. You can now send the invitation."))
            return redirect("patients:detail", patient_id=patient.pk)
    return render(request, "patients/patient_form.html", {"form": form, "creating": True})


@login_required
def patient_detail_view(request: HttpRequest, patient_id: str) -> HttpResponse:
    _require_role(request, Role.CLINICIAN, Role.SUPERVISOR, patient_id=str(patient_id))
    patient = access_patient(request.user, patient_id, Action.VIEW)
    context = {
        "patient": patient,
        "care_team": patient.care_team.select_related("user"),
        "consents": patient.consents.all(),
        "invitation": patient.invitations.order_by("-created_at").first(),
        "care_team_form": CareTeamForm(clinic=patient.clinic),
    }
    return render(request, "patients/patient_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def patient_edit_view(request: HttpRequest, patient_id: str) -> HttpResponse:
    patient = access_patient(request.user, patient_id, Action.EDIT)
    form = PatientForm(request.POST or None, instance=patient)
    if request.method == "POST" and form.is_valid():
        try:
            services.patient_update(actor=request.user, patient=patient, data=form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("patients:detail", patient_id=patient.pk)
    return render(request, "patients/patient_form.html", {"form": form, "patient": patient, "creating": False})


@login_required
@require_POST
def patient_invite_view(request: HttpRequest, patient_id: str) -> HttpResponse:
    patient = access_patient(request.user, patient_id, Action.EDIT, audit_action="patient.invite")
    try:
        invitation, token = account_services.invitation_create(actor=request.user, patient=patient,  # type: ignore[arg-type]
                                                               now=timezone.now())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("patients:detail", patient_id=patient.pk)
    sent = True
    try:
        account_services.invitation_send(invitation=invitation, token=token)
    except OSError:
        sent = False
    context = {"patient": patient, "link": account_services.invitation_link(token), "sent": sent,
               "invitation": invitation}
    return render(request, "patients/invitation_sent.html", context)


@login_required
@require_POST
def care_team_add_view(request: HttpRequest, patient_id: str) -> HttpResponse:
    patient = access_patient(request.user, patient_id, Action.EDIT, audit_action="care_team.edit")
    form = CareTeamForm(request.POST, clinic=patient.clinic)
    if form.is_valid():
        try:
            services.care_team_add(actor=request.user, patient=patient, member=form.cleaned_data["member"],  # type: ignore[arg-type]
                                   role=form.cleaned_data["role"])
        except ValidationError as exc:
            add_service_errors(form, exc)
    if form.errors:
        context = {"patient": patient, "care_team": patient.care_team.select_related("user"), "care_team_form": form}
        return render(request, "patients/partials/_care_team.html", context, status=422)
    if request.htmx:  # type: ignore[attr-defined]
        context = {"patient": patient, "care_team": patient.care_team.select_related("user"),
                   "care_team_form": CareTeamForm(clinic=patient.clinic)}
        return render(request, "patients/partials/_care_team.html", context)
    return redirect("patients:detail", patient_id=patient.pk)
