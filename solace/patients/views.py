from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from solace.accounts.requests import AuthenticatedHttpRequest
from solace.audit.access import access_clinic
from solace.kernel.forms import add_service_errors
from solace.kernel.permissions import Action
from solace.patients import services
from solace.patients.access import access_patient
from solace.patients.forms import CareTeamForm, PatientForm
from solace.patients.models import Patient


@login_required
@require_http_methods(["GET", "POST"])
def patient_create_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    access_clinic(request.user, Action.PATIENT_REGISTER, audit_action="patient.create")
    form = PatientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            patient = services.patient_create(actor=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Patient registered. You can now send the invitation."))
            return redirect("patients:detail", patient_id=patient.pk)
    return render(request, "patients/patient_form.html", {"form": form, "creating": True})


PatientPageSection = Callable[[Patient], tuple[str, dict[str, Any]]]
PATIENT_PAGE_SECTIONS: list[PatientPageSection] = []
"""Sections a higher app adds to the top of the patient page (a template and its context), registered from its
AppConfig.ready(): the alerts app shows the patient's alerts not yet resolved, most severe first."""


def patient_page_section_register(section: PatientPageSection) -> None:
    if section not in PATIENT_PAGE_SECTIONS:
        PATIENT_PAGE_SECTIONS.append(section)


@login_required
def patient_detail_view(request: AuthenticatedHttpRequest, patient_id: str) -> HttpResponse:
    patient = access_patient(request.user, patient_id, Action.CLINICAL_READ)
    context = {
        "patient": patient,
        "sections": [section(patient) for section in PATIENT_PAGE_SECTIONS],
        "care_team": patient.care_team.select_related("user"),
        "consents": patient.consents.all(),
        "invitation": patient.invitations.order_by("-created_at").first(),
        "care_team_form": CareTeamForm(clinic=patient.clinic),
    }
    return render(request, "patients/patient_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def patient_edit_view(request: AuthenticatedHttpRequest, patient_id: str) -> HttpResponse:
    # Only those who may edit may open the form, but opening it is a read: the trail says so.
    reading = request.method == "GET"
    patient = access_patient(request.user, patient_id, Action.CLINICAL_WRITE,
                             audit_action="patient.view" if reading else "patient.edit")
    form = PatientForm(request.POST or None, instance=patient)
    if request.method == "POST" and form.is_valid():
        try:
            services.patient_update(actor=request.user, patient=patient, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("patients:detail", patient_id=patient.pk)
    return render(request, "patients/patient_form.html", {"form": form, "patient": patient, "creating": False})


@login_required
@require_POST
def patient_invite_view(request: AuthenticatedHttpRequest, patient_id: str) -> HttpResponse:
    patient = access_patient(request.user, patient_id, Action.CLINICAL_WRITE, audit_action="patient.invite")
    try:
        invitation, token = services.invitation_create(actor=request.user, patient=patient,
                                                               now=timezone.now())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("patients:detail", patient_id=patient.pk)
    sent = True
    try:
        services.invitation_send(invitation=invitation, token=token)
    except OSError:
        sent = False
    context = {"patient": patient, "link": services.invitation_link(token), "sent": sent,
               "invitation": invitation}
    return render(request, "patients/invitation_sent.html", context)


@login_required
@require_POST
def care_team_add_view(request: AuthenticatedHttpRequest, patient_id: str) -> HttpResponse:
    patient = access_patient(request.user, patient_id, Action.CLINICAL_WRITE, audit_action="care_team.edit")
    form = CareTeamForm(request.POST, clinic=patient.clinic)
    if form.is_valid():
        try:
            services.care_team_add(actor=request.user, patient=patient, member=form.cleaned_data["member"],
                                   role=form.cleaned_data["role"])
        except ValidationError as exc:
            add_service_errors(form, exc)
    if form.errors:
        context = {"patient": patient, "care_team": patient.care_team.select_related("user"), "care_team_form": form}
        return render(request, "patients/partials/_care_team.html", context, status=422)
    if request.htmx:
        context = {"patient": patient, "care_team": patient.care_team.select_related("user"),
                   "care_team_form": CareTeamForm(clinic=patient.clinic)}
        return render(request, "patients/partials/_care_team.html", context)
    return redirect("patients:detail", patient_id=patient.pk)
