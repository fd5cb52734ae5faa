from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet

from solace.audit.models import AuditEvent
from solace.kernel.permissions import Action, user_may


@dataclass(frozen=True)
class AuditFilters:
    action: str = ""
    outcome: str = ""
    actor: str = ""
    patient_id: str = ""
    since: date | None = None
    until: date | None = None


def audit_event_list(*, user: Any, filters: AuditFilters) -> QuerySet[AuditEvent]:
    """Audit entries of the reader's own clinic; supervisors and clinic admins only (others get none)."""
    if not user_may(user, Action.AUDIT_READ):
        return AuditEvent.objects.none()
    events = AuditEvent.objects.filter(clinic_id=user.clinic.pk)
    if filters.action:
        events = events.filter(action__startswith=filters.action)
    if filters.outcome:
        events = events.filter(outcome=filters.outcome)
    if filters.actor:
        events = events.filter(actor_label__icontains=filters.actor)
    if filters.patient_id:
        events = events.filter(patient_id=filters.patient_id)
    if filters.since:
        events = events.filter(at__date__gte=filters.since)
    if filters.until:
        events = events.filter(at__date__lte=filters.until)
    return events
