from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from solace.accounts.choices import Role
from solace.audit.services import audit_record
from solace.courses.selectors import patient_course
from solace.measures.selectors import due_list
from solace.patients.selectors import patient_next_session


@login_required
def home_view(request: HttpRequest) -> HttpResponse:
    """Each role's landing page: clinicians their caseload, patients their practice, admins the audit trail."""
    role = request.user.role  # type: ignore[union-attr]
    if role in (Role.CLINICIAN, Role.SUPERVISOR):
        return redirect("patients:caseload")
    if role == Role.CLINIC_ADMIN:
        return redirect("audit:list")
    if role == Role.PATIENT:
        return patient_home(request)
    if role == Role.FAMILY_MEMBER:
        return redirect("courses:family_home")
    return render(request, "site/no_role.html")


def patient_home(request: HttpRequest) -> HttpResponse:
    patient = request.user.patient_record  # type: ignore[union-attr]
    audit_record(actor=request.user, action="patient.home", object_type="patient", object_id=patient.pk,
                 patient_id=patient.pk, clinic_id=patient.clinic_id)
    now = timezone.now()
    context = {"patient": patient, "next_session": patient_next_session(patient=patient, now=now),
               "due": due_list(patient=patient, now=now), "overview": patient_course(patient, now=now)}
    return render(request, "site/patient_home.html", context)


def crisis_view(request: HttpRequest) -> HttpResponse:
    """Crisis resources: public, no sign-in, nothing to wait for."""
    clinic = request.user.clinic if request.user.is_authenticated else None  # type: ignore[union-attr]
    return render(request, "site/crisis.html", {"clinic": clinic})


def health_view(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "database": connection.vendor})
