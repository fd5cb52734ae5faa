"""The gate for questionnaire responses: a filter over the one patient rule (solace.patients.access).

Submitted responses only: a draft belongs to the patient filling it in and is reached through their own record.
"""

from __future__ import annotations

from typing import Any

from solace.kernel.permissions import Action
from solace.measures.choices import ResponseStatus
from solace.measures.models import MeasureResponse
from solace.patients.access import access_patient_record


def access_measure_response(user: Any, response_id: object, action: Action, *,
                            patient_id: object = None) -> MeasureResponse:
    """The submitted response if `user` may do `action` for its patient, else Http404 (both audited)."""
    responses = MeasureResponse.objects.filter(status=ResponseStatus.SUBMITTED).select_related("patient__clinic")
    return access_patient_record(user, responses, response_id, action, object_type="measure_response",
                                 audit_action=f"measure_response.{action.verb}", patient_id=patient_id)
