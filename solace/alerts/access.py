"""The gate for safety events: clinicians of the patient's care team and the clinic's supervisors
(patients_in_scope), nobody else. Missing and forbidden look the same (404); every decision is audited."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from solace.alerts.models import SafetyEvent
from solace.alerts.selectors import safety_events_in_scope
from solace.audit.models import Outcome
from solace.audit.services import audit_record
from solace.patients.access import Action


def _event_id_or_none(value: object) -> int | None:
    try:
        return int(str(value))
    except ValueError:
        return None


def access_safety_event(user: Any, event_id: int | str, action: Action, *, audit_action: str = "") -> SafetyEvent:
    """The event if `user` may perform `action` on its patient, else Http404."""
    label = audit_action or f"safety_event.{action}"
    wanted = _event_id_or_none(event_id)
    event = None
    if wanted is not None:
        event = (
            safety_events_in_scope(user, action).filter(pk=wanted)
            .select_related("patient__clinic", "acknowledged_by", "resolved_by")
            .first()
        )
    if event is None:
        # The trail names whose record was tried (a reviewer needs it); the answer to the requester does not.
        patient_id = SafetyEvent.objects.filter(pk=wanted).values_list("patient_id", flat=True).first() \
            if wanted is not None else None
        audit_record(actor=user, action=label, outcome=Outcome.DENIED, object_type="safety_event",
                     object_id=str(event_id)[:64], patient_id=patient_id)
        raise Http404("No such alert.")
    audit_record(actor=user, action=label, object_type="safety_event", object_id=event.pk,
                 patient_id=event.patient_id, clinic_id=event.patient.clinic_id)
    return event
