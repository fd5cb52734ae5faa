"""Alerts API: the safety events of the caller's patients, one event, and acknowledging it.

The same gate (`access_safety_event`), selector and service as the pages. An event carries its patient's id, never
the name; fetch the patient (`GET /api/v1/patients/{id}`) when a person needs it.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from django.utils import timezone
from ninja import Router, Schema

from solace.accounts.requests import AuthenticatedApiRequest
from solace.alerts import selectors, services
from solace.alerts.access import access_safety_event
from solace.alerts.choices import SafetyStatus
from solace.audit.services import audit_record
from solace.kernel.api_errors import ApiError
from solace.kernel.permissions import Action

router = Router(tags=["alerts"])


class SafetyEventOut(Schema):
    id: int
    patient_id: uuid.UUID
    kind: str
    severity: str
    severity_basis: str
    status: str
    source_type: str
    source_id: str
    reason: str
    raised_at: datetime
    acknowledged_at: datetime | None
    acknowledged_by_id: int | None
    resolved_at: datetime | None
    resolved_by_id: int | None


@router.get("/alerts", response=list[SafetyEventOut], summary="Safety events of your patients, most severe first",
            description="Open events (emergency, then urgent, then routine; longest waiting first), "
                        "then acknowledged ones, then those resolved in the last 14 days. `status` keeps one group. "
                        "Clinicians see their care team's patients, supervisors their clinic's; anyone else none.")
def alert_list(request: AuthenticatedApiRequest, status: str | None = None) -> Any:
    if status is not None and status not in SafetyStatus.values:
        raise ApiError(422, "invalid", f"status: must be one of {', '.join(SafetyStatus.values)}", "status")
    alerts = selectors.safety_event_list(user=request.auth, now=timezone.now(), status=status)
    audit_record(actor=request.auth, action="safety_event.list", object_type="safety_event",
                 detail={"open": len(alerts.open), "shown": len(alerts), "status": status or ""})
    return list(alerts)


@router.get("/alerts/{event_id}", response=SafetyEventOut, summary="One safety event")
def alert_get(request: AuthenticatedApiRequest, event_id: str) -> Any:
    return access_safety_event(request.auth, event_id, Action.CLINICAL_READ)


@router.post("/alerts/{event_id}/acknowledge", response=SafetyEventOut, summary="Acknowledge a safety event",
             description="Records who took the event on and when, and cancels the escalation still to come. "
                         "Acknowledging an event that is no longer open changes nothing and returns it as it is.")
def alert_acknowledge(request: AuthenticatedApiRequest, event_id: str) -> Any:
    event = access_safety_event(request.auth, event_id, Action.CLINICAL_WRITE)
    return services.safety_event_acknowledge(actor=request.auth, event=event, now=timezone.now())
