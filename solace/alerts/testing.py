"""Factories for alerts in tests and the access matrix: real rows, written through the real service."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from solace.accounts.models import User
from solace.alerts import services
from solace.alerts.choices import SafetyKind, Severity, SeverityBasis
from solace.alerts.models import SafetyEvent
from solace.patients.models import Patient
from solace.testing.factories import Cast


def event_raise(patient: Patient, *, now: datetime | None = None, kind: str = SafetyKind.CRISIS,
                actor: User | None = None, reason: str = "test:crisis", severity: str = Severity.URGENT,
                severity_basis: str = SeverityBasis.SOLACE_DESIGN) -> SafetyEvent:
    """A safety event with its deliveries, as a rule would raise it (in a transaction of its own). Urgent by
    default: the care team at once, the supervisors after the clinic's delay."""
    with transaction.atomic():
        return services.safety_event_raise(actor=actor, patient=patient, kind=kind, severity=severity,
                                           severity_basis=severity_basis, source_type="test", source_id="1",
                                           reason=reason, now=now or timezone.now())


def cast_safety_event(cast: Cast) -> SafetyEvent:
    """The cast patient's safety event (raised on first use; acknowledged or resolved by earlier requests)."""
    return cast.patient.safety_events.order_by("pk").first() or event_raise(cast.patient)
