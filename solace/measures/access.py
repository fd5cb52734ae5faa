"""Access gates for measures: responses are reached only through the patients a user may see.

Missing and forbidden look the same (404); every decision is written to the audit trail.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.http import Http404

from solace.accounts.choices import Role
from solace.audit.models import Outcome
from solace.audit.services import audit_record
from solace.measures.choices import ResponseStatus
from solace.measures.models import MeasureResponse
from solace.patients.access import Action, access_patient, patients_in_scope
from solace.patients.models import Patient


def _uuid_or_none(value: object) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def access_measure_response(
    user: Any, response_id: uuid.UUID | str, action: Action, *, patient_id: uuid.UUID | str | None = None,
) -> MeasureResponse:
    """The submitted response if `user` may perform `action` on its patient, else Http404.

    With `patient_id` (routes under a patient) the patient gate runs first and is audited against the patient;
    the response must then belong to that patient. Drafts are never shown: they belong to the patient filling
    them in (see `own_patient`).
    """
    label = f"measure_response.{action}"
    if patient_id is not None:
        patient = access_patient(user, patient_id, action, audit_action=label)
        patients = Patient.objects.filter(pk=patient.pk)
    else:
        patients = patients_in_scope(user, action)
    wanted = _uuid_or_none(response_id)
    response = None
    if wanted is not None:
        response = (
            MeasureResponse.objects.filter(pk=wanted, patient__in=patients, status=ResponseStatus.SUBMITTED)
            .select_related("patient__clinic")
            .first()
        )
    if response is None:
        audit_record(actor=user, action=label, outcome=Outcome.DENIED, object_type="measure_response",
                     object_id=str(response_id)[:64], patient_id=_uuid_or_none(patient_id))
        raise Http404("No such response.")
    audit_record(actor=user, action=label, object_type="measure_response", object_id=response.pk,
                 patient_id=response.patient_id, clinic_id=response.patient.clinic_id)
    return response


def own_patient(user: Any, *, audit_action: str) -> Patient:
    """The signed-in patient's own record, for the pages where a patient fills in their questionnaires.

    Anyone else (staff, or a patient account without a record) gets the same 404 as for a missing page.
    """
    patient = getattr(user, "patient_record", None) if getattr(user, "role", None) == Role.PATIENT else None
    if patient is None:
        audit_record(actor=user, action=audit_action, outcome=Outcome.DENIED, object_type="patient")
        raise Http404("Only patients fill in their own questionnaires.")
    audit_record(actor=user, action=audit_action, object_type="patient", object_id=patient.pk,
                 patient_id=patient.pk, clinic_id=patient.clinic_id)
    return patient
