"""Reads for safety alerts: the events a user may see, the alerts page, the banner count, a clinic's escalation
delay and the dispatcher's health."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Case, Exists, IntegerField, OuterRef, QuerySet, Value, When

from solace.alerts.choices import SEVERITY_RANK, SafetyStatus
from solace.alerts.models import DEFAULT_ESCALATION_MINUTES, AlertDelivery, ClinicAlertSettings, SafetyEvent
from solace.domain.instruments.triage import PHQ9_URGENT_FROM_DEFAULT
from solace.kernel.permissions import Action
from solace.patients.access import patients_in_scope

RECENT_DAYS = 14
# A pending delivery this late (past its due time) means the dispatcher or the mail server needs attention.
OVERDUE_AFTER = timedelta(minutes=5)


def safety_events_in_scope(user: Any, action: Action = Action.CLINICAL_READ) -> QuerySet[SafetyEvent]:
    """Events of the patients in the user's clinical scope (patients_in_scope). Patients, admins and
    researchers see none: an alert is clinical work."""
    return SafetyEvent.objects.filter(patient__in=patients_in_scope(user, action))


def severity_rank(field: str = "severity") -> Case:
    """0 for the most severe (SEVERITY_RANK), for ordering in the database; `field` may follow a relation
    (`safety_events__severity`)."""
    return Case(*(When(**{field: severity}, then=Value(rank)) for rank, severity in enumerate(SEVERITY_RANK)),
                default=Value(len(SEVERITY_RANK)), output_field=IntegerField())


@dataclass
class AlertList:
    """The alerts page: what needs acknowledging (most severe, then longest waiting, first), what is
    acknowledged but not resolved, and what was resolved lately (newest first)."""

    open: list[SafetyEvent]
    acknowledged: list[SafetyEvent]
    resolved: list[SafetyEvent]

    def __iter__(self) -> Any:
        return iter([*self.open, *self.acknowledged, *self.resolved])

    def __len__(self) -> int:
        return len(self.open) + len(self.acknowledged) + len(self.resolved)


def safety_event_list(*, user: Any, now: datetime, status: str | None = None) -> AlertList:
    """Three queries whatever the number of events or patients."""
    events = safety_events_in_scope(user).select_related("patient", "acknowledged_by", "resolved_by")
    wanted = {status} if status else set(SafetyStatus.values)
    open_events = acknowledged = resolved = []
    if SafetyStatus.OPEN in wanted:
        open_events = list(events.filter(status=SafetyStatus.OPEN).order_by(severity_rank(), "raised_at", "pk"))
    if SafetyStatus.ACKNOWLEDGED in wanted:
        acknowledged = list(events.filter(status=SafetyStatus.ACKNOWLEDGED).order_by(severity_rank(), "raised_at",
                                                                                     "pk"))
    if SafetyStatus.RESOLVED in wanted:
        resolved = list(events.filter(status=SafetyStatus.RESOLVED, resolved_at__gte=now - timedelta(days=RECENT_DAYS))
                        .order_by("-resolved_at", "-pk"))
    return AlertList(open=open_events, acknowledged=acknowledged, resolved=resolved)


def open_alert_count(user: Any) -> int:
    """Unacknowledged events the user may see: one query, for the navigation on every page."""
    return safety_events_in_scope(user).filter(status=SafetyStatus.OPEN).count()


def escalation_minutes(clinic_id: int) -> int:
    stored = ClinicAlertSettings.objects.filter(clinic_id=clinic_id).values_list("escalation_minutes", flat=True)
    return stored.first() or DEFAULT_ESCALATION_MINUTES


def phq9_item9_urgent_from(clinic_id: int) -> int:
    """The PHQ-9 item 9 answer from which the clinic's alerts are urgent (default: 2, more than half the days)."""
    stored = ClinicAlertSettings.objects.filter(clinic_id=clinic_id).values_list("phq9_item9_urgent_from", flat=True)
    return stored.first() or PHQ9_URGENT_FROM_DEFAULT


def patient_open_events(patient: Any) -> list[SafetyEvent]:
    """A patient's events not yet resolved, most severe then longest waiting first (the patient page)."""
    return list(SafetyEvent.objects.filter(patient=patient).exclude(status=SafetyStatus.RESOLVED)
                .order_by(severity_rank(), "raised_at", "pk"))


def event_deliveries(event: SafetyEvent) -> QuerySet[AlertDelivery]:
    return event.deliveries.select_related("recipient").order_by("due_at", "level", "pk")


def deliveries_pending() -> QuerySet[AlertDelivery]:
    return AlertDelivery.objects.filter(sent_at__isnull=True, skipped_at__isnull=True)


@dataclass(frozen=True)
class DispatchHealth:
    """What an operator watches (`solace alerts-dispatch --status`): all zero except `pending` when healthy."""

    pending: int
    overdue: int
    failing: int
    unrouted: int
    oldest_overdue_minutes: int

    @property
    def healthy(self) -> bool:
        return not (self.overdue or self.failing or self.unrouted)

    def to_dict(self) -> dict[str, int | bool]:
        return {**asdict(self), "healthy": self.healthy}


def dispatch_health(*, now: datetime) -> DispatchHealth:
    pending = deliveries_pending()
    overdue = pending.filter(due_at__lt=now - OVERDUE_AFTER)
    oldest = overdue.order_by("due_at").values_list("due_at", flat=True).first()
    # The demo clinic's sample events are made without deliveries on purpose; real events never are.
    unrouted = SafetyEvent.objects.filter(status=SafetyStatus.OPEN, patient__is_demo=False).exclude(
        Exists(AlertDelivery.objects.filter(event=OuterRef("pk"))))
    return DispatchHealth(
        pending=pending.count(), overdue=overdue.count(), failing=pending.filter(attempts__gt=0).count(),
        unrouted=unrouted.count(), oldest_overdue_minutes=int((now - oldest).total_seconds() // 60) if oldest else 0,
    )
