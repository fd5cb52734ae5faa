"""The access gate for patient records: every page, API operation and command that touches a patient comes here.

Out-of-scope and missing records look the same (404), and every decision is written to the audit trail.
"""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from solace.accounts.choices import Role
from solace.audit.models import Outcome
from solace.audit.services import audit_record
from solace.patients.models import Patient


class Action(StrEnum):
    VIEW = "view"
    EDIT = "edit"


def patients_in_scope(user: Any, action: Action = Action.VIEW) -> QuerySet[Patient]:
    """The permission-filtered queryset behind every patient gate.

    - clinician: patients whose care team includes them, in their own clinic;
    - supervisor: every patient of their clinic (clinical oversight);
    - patient: their own record, read only;
    - clinic admin, researcher, anonymous: none (admins manage members and read the audit trail).
    """
    if not getattr(user, "is_authenticated", False) or user.clinic is None:
        return Patient.objects.none()
    in_clinic = Patient.objects.filter(clinic=user.clinic)
    match user.role:
        case Role.CLINICIAN:
            return in_clinic.filter(care_team__user=user).distinct()
        case Role.SUPERVISOR:
            return in_clinic
        case Role.PATIENT if action == Action.VIEW:
            return in_clinic.filter(user=user)
        case _:
            return Patient.objects.none()


def access_patient(user: Any, patient_id: uuid.UUID | str, action: Action, *, audit_action: str = "") -> Patient:
    """Return the patient if `user` may perform `action`, else raise Http404. Audits both outcomes."""
    label = audit_action or f"patient.{action}"
    try:
        patient = patients_in_scope(user, action).filter(pk=patient_id).select_related("clinic").first()
    except (ValueError, TypeError):  # not a UUID: the same answer as a missing record
        patient = None
    if patient is None:
        audit_record(
            actor=user, action=label, outcome=Outcome.DENIED, object_type="patient", object_id=str(patient_id)
        )
        raise Http404("No such patient.")
    audit_record(
        actor=user, action=label, object_type="patient", object_id=patient.pk, patient_id=patient.pk,
        clinic_id=patient.clinic_id,
    )
    return patient
