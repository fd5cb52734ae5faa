"""The gate for safety events: a filter over the one patient rule (solace.patients.access). Alerts are clinical
work: the patient's care team and the clinic's supervisors (CLINICAL_READ / CLINICAL_WRITE), nobody else."""

from __future__ import annotations

from typing import Any

from solace.alerts.models import SafetyEvent
from solace.kernel.permissions import Action
from solace.patients.access import access_patient_record


def access_safety_event(user: Any, event_id: object, action: Action, *, audit_action: str = "") -> SafetyEvent:
    """The event if `user` may do `action` for its patient, else Http404 (both audited)."""
    events = SafetyEvent.objects.select_related("patient__clinic", "acknowledged_by", "resolved_by")
    return access_patient_record(user, events, event_id, action, object_type="safety_event",
                                 audit_action=audit_action or f"safety_event.{action.verb}")
