"""Gates for screening: clinical work for the patient's care team and the clinic's supervisors.

Built on `access_patient` (out of scope and missing look the same: 404, audited). Patients see none of it except
their own preparation form; admins and researchers none at all.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.http import Http404

from solace.accounts.choices import CLINICAL_ROLES, Role
from solace.audit.models import Outcome
from solace.audit.services import audit_record
from solace.patients.access import Action, access_patient, patients_in_scope
from solace.patients.models import Patient
from solace.screening.models import Screening


def _deny(user: Any, audit_action: str, object_type: str, object_id: object, patient_id: object = None) -> Http404:
    audit_record(actor=user, action=audit_action, outcome=Outcome.DENIED, object_type=object_type,
                 object_id=str(object_id))
    return Http404("Not found.")


def access_screening_patient(
    user: Any, patient_id: uuid.UUID | str, action: Action, *, audit_action: str,
    roles: frozenset[str] = CLINICAL_ROLES,
) -> Patient:
    """The patient, if `user` has one of `roles` (clinician or supervisor by default) and the patient in scope."""
    if getattr(user, "role", None) not in roles:
        raise _deny(user, audit_action, "patient", patient_id)
    return access_patient(user, patient_id, action, audit_action=audit_action)


def access_screening(
    user: Any, patient_id: uuid.UUID | str, screening_id: int, action: Action, *, audit_action: str,
    roles: frozenset[str] = CLINICAL_ROLES,
) -> Screening:
    """One screening of a patient in scope; another patient's screening id is a 404 like a missing one."""
    patient = access_screening_patient(user, patient_id, action, audit_action=audit_action, roles=roles)
    screening = (
        Screening.objects.filter(patient=patient, pk=screening_id)
        .select_related("patient__clinic", "evaluated_by", "signature__signed_by", "signature__cosigned_by")
        .first()
    )
    if screening is None:
        raise _deny(user, audit_action, "screening", screening_id)
    return screening


def access_own_preparation(user: Any, action: Action, *, audit_action: str) -> Patient:
    """The signed-in patient's own record, for their preparation form (patients only)."""
    patient = None
    if getattr(user, "role", None) == Role.PATIENT:
        patient = patients_in_scope(user, Action.VIEW).filter(user=user).select_related("clinic").first()
    if patient is None:
        raise _deny(user, audit_action, "preparation", "")
    audit_record(actor=user, action=audit_action, object_type="preparation", object_id=patient.pk,
                 patient_id=patient.pk, clinic_id=patient.clinic_id)
    return patient
