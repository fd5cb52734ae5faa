from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from solace.accounts.requests import AuthenticatedHttpRequest
from solace.audit.access import access_clinic
from solace.courses.selectors import patient_course
from solace.kernel.permissions import Action, user_may
from solace.measures.selectors import due_list
from solace.patients.access import own_patient
from solace.site.selectors import caseload_list

# Each role's landing page, by the first action its role is granted: clinical staff their caseload, admins the
# audit trail, patients their practice, family members what was shared with them.
LANDING: tuple[tuple[Action, str], ...] = (
    (Action.CLINICAL_WORK, "site:caseload"),
    (Action.AUDIT_READ, "audit:list"),
    (Action.FAMILY_SHARED, "courses:family_home"),
)


@login_required
def home_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Each role's landing page; a role with none (a researcher, for now) is told so."""
    if user_may(request.user, Action.OWN_READ):
        return patient_home(request)
    for action, url_name in LANDING:
        if user_may(request.user, action):
            return redirect(url_name)
    return render(request, "site/no_role.html")


def patient_home(request: AuthenticatedHttpRequest) -> HttpResponse:
    patient = own_patient(request.user, Action.OWN_READ, audit_action="patient.home")
    now = timezone.now()
    context = {"patient": patient, "due": due_list(patient=patient, now=now),
               "overview": patient_course(patient, now=now)}
    return render(request, "site/patient_home.html", context)


@login_required
def caseload_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Clinical staff's patients with stage, next session and open alerts (composed from several apps)."""
    access_clinic(request.user, Action.CLINICAL_WORK, audit_action="caseload.view")
    patients = caseload_list(user=request.user, now=timezone.now())
    template = "site/partials/_caseload.html" if request.htmx else "site/caseload.html"
    return render(request, template, {"patients": patients})


def crisis_view(request: HttpRequest) -> HttpResponse:
    """Crisis resources: public, no sign-in, nothing to wait for."""
    clinic = request.user.clinic if request.user.is_authenticated else None
    return render(request, "site/crisis.html", {"clinic": clinic})


def health_view(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "database": connection.vendor})
