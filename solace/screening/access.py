"""The gate for screenings: a filter over the one patient rule (solace.patients.access). Screening is clinical
work (CLINICAL_READ / CLINICAL_WRITE); co-signing an override is a supervisor's (SCREENING_COSIGN). A patient
reaches only their own preparation form, through their own record."""

from __future__ import annotations

from typing import Any

from solace.kernel.permissions import Action
from solace.patients.access import access_patient_record
from solace.screening.models import Screening


def access_screening(user: Any, patient_id: object, screening_id: object, action: Action, *,
                     audit_action: str) -> Screening:
    """One screening of a patient in scope; another patient's screening id is a 404 like a missing one."""
    screenings = Screening.objects.select_related(
        "patient__clinic", "evaluated_by", "signature__signed_by", "signature__cosigned_by")
    return access_patient_record(user, screenings, screening_id, action, object_type="screening",
                                 audit_action=audit_action, patient_id=patient_id)
