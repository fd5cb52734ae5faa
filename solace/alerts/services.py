"""Writes for safety alerts: raising an event with its deliveries, sending them, acknowledging and resolving.

The pipeline (STYLE.md: a row in the database first, then a worker's job):

1. `safety_event_raise` runs inside the transaction that stores the data that raised the signal and writes the
   SafetyEvent and its AlertDelivery rows with it: all or nothing.
2. `deliveries_dispatch` sends every due delivery. The background worker runs it right after the commit and at
   each escalation's due time (`alert_deliveries_send`), and `solace alerts-dispatch --loop` runs it every
   30 seconds whatever the task queue does, so a lost task delays nothing for long.
3. A clinician acknowledges (which cancels the escalation still to come) and later resolves with a note.

Audit entries hold ids and codes only; e-mails hold a link and no patient detail.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from solace.accounts.models import User
from solace.alerts.choices import DeliveryChannel, DeliveryLevel, SafetyStatus, SkipReason
from solace.alerts.models import ESCALATION_MINUTES_RANGE, AlertDelivery, ClinicAlertSettings, SafetyEvent
from solace.alerts.selectors import deliveries_pending, escalation_minutes
from solace.audit.services import audit_record
from solace.domain.instruments.triage import PHQ9_URGENT_FROM_CHOICES, AlertSeverity, delivery_schedule
from solace.kernel.languages import language_offered
from solace.kernel.permissions import CLINICAL_ROLES, Action, Role, user_may
from solace.patients.access import patients_in_scope
from solace.patients.choices import CareTeamRole
from solace.patients.models import CareTeamMember, Patient

logger = logging.getLogger(__name__)

SYSTEM_ACTOR = "system:alert-dispatch"
DISPATCH_BATCH = 100
# A dispatcher owns the deliveries it claimed for this long; should it die mid-send, another retries them after.
CLAIM_LEASE = timedelta(minutes=5)
RETRY_CAP = timedelta(minutes=30)
RESOLUTION_NOTE_MAX = 500


# --- raising -----------------------------------------------------------------------------------------------------


def care_team_recipients(patient: Patient) -> list[User]:
    """The primary clinician and co-clinicians who can open the alert (active, clinician or supervisor of the
    patient's clinic); when there are none, the clinic's supervisors, so the first notice always goes out."""
    members = (
        CareTeamMember.objects.filter(
            patient=patient, role__in=[CareTeamRole.PRIMARY, CareTeamRole.CO_CLINICIAN], user__is_active=True,
            user__memberships__clinic_id=patient.clinic_id, user__memberships__role__in=CLINICAL_ROLES,
        )
        .select_related("user")
        .order_by("user_id")
    )
    return [member.user for member in members] or escalation_recipients(patient)


def escalation_recipients(patient: Patient) -> list[User]:
    """The clinic's supervisors, and whoever supervises this patient's care (the care team's supervisor), when
    active and able to open the alert."""
    clinic_supervisor = Q(memberships__clinic_id=patient.clinic_id, memberships__role=Role.SUPERVISOR)
    supervises_this_patient = Q(memberships__clinic_id=patient.clinic_id, memberships__role__in=CLINICAL_ROLES,
                                care_assignments__patient=patient, care_assignments__role=CareTeamRole.SUPERVISOR)
    return list(
        User.objects.filter(clinic_supervisor | supervises_this_patient, is_active=True).distinct().order_by("pk")
    )


def safety_event_raise(*, actor: User | None, patient: Patient, kind: str, severity: str, severity_basis: str,
                       source_type: str, source_id: str, reason: str, now: datetime) -> SafetyEvent:
    """Record a safety signal and who is to be told, in the caller's transaction (which must be open: the event
    exists exactly when the data that raised it does).

    One `care_team` delivery per care-team clinician, due now; one `escalation` delivery per supervisor of the
    clinic (and the care team's supervisor), due after the escalation delay unless someone acknowledges first.
    The severity sets the schedule (`domain.instruments.triage.delivery_schedule`): an emergency also gets one
    `supervisor` delivery per supervisor, due now, and a shorter escalation delay.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("safety_event_raise must run inside the transaction that stores what raised it.")
    event = SafetyEvent.objects.create(patient=patient, kind=kind, severity=severity, severity_basis=severity_basis,
                                       source_type=source_type, source_id=source_id, reason=reason[:200],
                                       raised_at=now)
    schedule = delivery_schedule(AlertSeverity(severity), clinic_escalation_minutes=escalation_minutes(
        patient.clinic_id))
    minutes, escalation_due = schedule.escalation_minutes, now + timedelta(minutes=schedule.escalation_minutes)
    care_team, escalation = care_team_recipients(patient), escalation_recipients(patient)
    at_once = escalation if schedule.supervisors_at_once else []
    AlertDelivery.objects.bulk_create(
        [_delivery(event, user, DeliveryLevel.CARE_TEAM, now) for user in care_team]
        + [_delivery(event, user, DeliveryLevel.SUPERVISOR, now) for user in at_once]
        + [_delivery(event, user, DeliveryLevel.ESCALATION, escalation_due) for user in escalation]
    )
    audit_record(actor=actor, action="safety_event.raise", object_type="safety_event", object_id=event.pk,
                 patient_id=patient.pk, clinic_id=patient.clinic_id, actor_label="system",
                 detail={"kind": kind, "severity": severity, "reason": event.reason,
                         "care_team": [user.pk for user in care_team], "supervisors_at_once": [u.pk for u in at_once],
                         "escalation": [user.pk for user in escalation], "escalation_minutes": minutes})
    if not care_team:
        # Nobody in the clinic can open it: an operator must hear of this (`solace alerts-dispatch --status`).
        logger.error("Safety event %s of clinic %s has nobody to notify: the clinic has no active clinician "
                     "or supervisor for the patient.", event.pk, patient.clinic_id)
    _worker_nudge(due_times=[now] + ([escalation_due] if escalation else []))
    return event


def _delivery(event: SafetyEvent, recipient: User, level: DeliveryLevel, due_at: datetime) -> AlertDelivery:
    return AlertDelivery(event=event, recipient=recipient, level=level, channel=DeliveryChannel.EMAIL,
                         due_at=due_at, next_attempt_at=due_at)


def _worker_nudge(*, due_times: list[datetime]) -> None:
    """Ask the background worker to dispatch at these times, once the caller's transaction has committed.

    Only a nudge: the delivery rows are the record, and `solace alerts-dispatch --loop` finds them even if the
    task is never queued (robust=True: a failing queue must not fail the patient's submission afterwards).
    """
    def enqueue() -> None:
        from solace.alerts.tasks import alert_deliveries_send

        current = timezone.now()
        for due in sorted(set(due_times)):
            # Due already: no run_after, so a worker whose clock runs a little behind takes it at once.
            (alert_deliveries_send if due <= current else alert_deliveries_send.using(run_after=due)).enqueue()

    transaction.on_commit(enqueue, robust=True)


# --- dispatching -------------------------------------------------------------------------------------------------


@dataclass
class DispatchReport:
    sent: int = 0
    failed: int = 0
    skipped: int = 0

    def to_dict(self) -> dict[str, int]:
        return asdict(self)


def retry_delay(attempts: int) -> timedelta:
    """1, 2, 4, 8, 16 minutes after the 1st..5th failure, then every 30 minutes: never given up."""
    return min(timedelta(minutes=2 ** min(max(attempts - 1, 0), 10)), RETRY_CAP)  # bounded: a long outage is fine


def deliveries_dispatch(*, now: datetime, limit: int = DISPATCH_BATCH) -> DispatchReport:
    """Send every delivery due at `now`: skip (with the reason) what no longer needs sending, send the rest,
    and count and reschedule failures. Safe to run in several processes at once (see `_deliveries_claim`)."""
    report = DispatchReport()
    while claimed := _deliveries_claim(now=now, limit=limit):
        for delivery in claimed:
            outcome = _deliver(delivery, now=now)
            setattr(report, outcome, getattr(report, outcome) + 1)
        if len(claimed) < limit:
            break
    return report


def _deliveries_claim(*, now: datetime, limit: int) -> list[AlertDelivery]:
    """Take up to `limit` due deliveries for this process: their next attempt moves a lease into the future.

    PostgreSQL: rows another dispatcher holds are skipped (SKIP LOCKED), and its claim hides them once committed.
    SQLite: transactions are IMMEDIATE (config/env.py), so claims run one after another.
    The mail goes out after this short transaction: no lock is held while talking to the mail server.
    """
    with transaction.atomic():
        ids = list(
            deliveries_pending().filter(next_attempt_at__lte=now)
            .select_for_update(skip_locked=True, of=("self",))
            .order_by("next_attempt_at", "pk")
            .values_list("pk", flat=True)[:limit]
        )
        AlertDelivery.objects.filter(pk__in=ids).update(next_attempt_at=now + CLAIM_LEASE)
    return list(
        AlertDelivery.objects.filter(pk__in=ids).select_related("event__patient__clinic", "recipient")
        .order_by("due_at", "pk")
    )


def _deliver(delivery: AlertDelivery, *, now: datetime) -> str:
    reason = _skip_reason(delivery)
    if reason is not None:
        _delivery_skip(delivery, reason, now=now)
        return "skipped"
    try:
        _email_send(delivery)
    except Exception as exc:  # any failure is counted and retried; one bad delivery must not stop the others
        _delivery_failed(delivery, exc, now=now)
        return "failed"
    _delivery_sent(delivery, now=now)
    return "sent"


def _skip_reason(delivery: AlertDelivery) -> SkipReason | None:
    event = SafetyEvent.objects.only("status", "acknowledged_at").get(pk=delivery.event_id)  # fresh: may be acked
    if event.status != SafetyStatus.OPEN:
        return _acknowledged_reason(delivery, event.acknowledged_at)
    recipient = delivery.recipient
    if not recipient.is_active:
        return SkipReason.RECIPIENT_INACTIVE
    if not patients_in_scope(recipient, Action.CLINICAL_READ).filter(pk=delivery.event.patient_id).exists():
        return SkipReason.RECIPIENT_OUT_OF_SCOPE
    return None


def _acknowledged_reason(delivery: AlertDelivery, acknowledged_at: datetime | None) -> SkipReason:
    if acknowledged_at is not None and acknowledged_at < delivery.due_at:
        return SkipReason.ACKNOWLEDGED_BEFORE_DUE
    return SkipReason.ACKNOWLEDGED_BEFORE_SENT


def alert_link(event_id: int) -> str:
    return settings.SITE_URL + reverse("alerts:detail", kwargs={"event_id": event_id})


def _email_send(delivery: AlertDelivery) -> None:
    """A link and nothing else: no patient name, no kind of alert, no answers. PHI stays in Solace."""
    recipient, event = delivery.recipient, delivery.event
    template = f"alerts/email/{delivery.level}.txt"
    with translation.override(language_offered(recipient.language)):
        context = {"link": alert_link(event.pk), "clinic": event.patient.clinic,
                   "minutes": int((delivery.due_at - event.raised_at).total_seconds() // 60)}
        send_mail(_("Solace: a safety alert needs your attention"), render_to_string(template, context), None,
                  [recipient.email])


def _delivery_audit(delivery: AlertDelivery, action: str, **detail: object) -> None:
    audit_record(actor=None, actor_label=SYSTEM_ACTOR, action=action, object_type="alert_delivery",
                 object_id=delivery.pk, patient_id=delivery.event.patient_id,
                 clinic_id=delivery.event.patient.clinic_id,
                 detail={"event": delivery.event_id, "level": delivery.level, "channel": delivery.channel,
                         "recipient": delivery.recipient_id, **detail})


def _delivery_sent(delivery: AlertDelivery, *, now: datetime) -> None:
    with transaction.atomic():
        AlertDelivery.objects.filter(pk=delivery.pk).update(sent_at=now, attempts=F("attempts") + 1)
        _delivery_audit(delivery, "alert_delivery.send", attempt=delivery.attempts + 1)


def _delivery_failed(delivery: AlertDelivery, exc: Exception, *, now: datetime) -> None:
    attempts = delivery.attempts + 1
    retry_at = now + retry_delay(attempts)
    error = f"{type(exc).__name__}: {exc}"[:300]
    with transaction.atomic():
        AlertDelivery.objects.filter(pk=delivery.pk).update(attempts=attempts, last_error=error,
                                                            next_attempt_at=retry_at)
        _delivery_audit(delivery, "alert_delivery.fail", attempt=attempts, error=type(exc).__name__,
                        retry_at=retry_at.isoformat())
        _worker_nudge(due_times=[retry_at])
    logger.warning("Alert delivery %s failed (attempt %s, %s); retrying at %s.", delivery.pk, attempts,
                   type(exc).__name__, retry_at.isoformat())


def _delivery_skip(delivery: AlertDelivery, reason: SkipReason, *, now: datetime) -> None:
    with transaction.atomic():
        AlertDelivery.objects.filter(pk=delivery.pk, sent_at__isnull=True).update(skipped_at=now, skip_reason=reason)
        _delivery_audit(delivery, "alert_delivery.skip", reason=reason.value)


# --- acknowledging and resolving ---------------------------------------------------------------------------------


def _event_for_update(event: SafetyEvent) -> SafetyEvent:
    return SafetyEvent.objects.select_for_update().select_related("patient").get(pk=event.pk)


def _deliveries_cancel(event: SafetyEvent, *, now: datetime) -> int:
    """Skip what is still to be sent for an acknowledged event (escalations in time; failed or late care-team
    notices), each with its reason and audit entry. Never deleted."""
    cancelled = 0
    pending = deliveries_pending().filter(event=event).select_related("event__patient")
    for delivery in pending.select_for_update(of=("self",)):
        _delivery_skip(delivery, _acknowledged_reason(delivery, now), now=now)
        cancelled += 1
    return cancelled


def safety_event_acknowledge(*, actor: User, event: SafetyEvent, now: datetime) -> SafetyEvent:
    """Record who took the event on and when; escalations not yet sent are cancelled. Acknowledging an event
    that is no longer open changes nothing."""
    with transaction.atomic():
        locked = _event_for_update(event)
        if locked.status != SafetyStatus.OPEN:
            return locked
        _acknowledge(locked, actor=actor, now=now)
        locked.save(update_fields=["status", "acknowledged_at", "acknowledged_by"])
        cancelled = _deliveries_cancel(locked, now=now)
        audit_record(actor=actor, action="safety_event.acknowledge", object_type="safety_event", object_id=locked.pk,
                     patient_id=locked.patient_id, clinic_id=locked.patient.clinic_id,
                     detail={"kind": locked.kind, "deliveries_cancelled": cancelled,
                             "minutes_open": int((now - locked.raised_at).total_seconds() // 60)})
    return locked


def _acknowledge(event: SafetyEvent, *, actor: User, now: datetime) -> None:
    event.status, event.acknowledged_at, event.acknowledged_by = SafetyStatus.ACKNOWLEDGED, now, actor


def safety_event_resolve(*, actor: User, event: SafetyEvent, note: str, now: datetime) -> SafetyEvent:
    """Close the event with a short note of what was done (kept on the event, never in the audit trail or an
    e-mail). Resolving an open event acknowledges it too; resolving a resolved one changes nothing."""
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Write a short note of what was done.")})
    if len(note) > RESOLUTION_NOTE_MAX:
        raise ValidationError({"note": _("Keep the note under %(max)s characters; the patient's record holds "
                                         "the details.") % {"max": RESOLUTION_NOTE_MAX}})
    with transaction.atomic():
        locked = _event_for_update(event)
        if locked.status == SafetyStatus.RESOLVED:
            return locked
        if locked.status == SafetyStatus.OPEN:
            _acknowledge(locked, actor=actor, now=now)
        locked.status, locked.resolved_at, locked.resolved_by, locked.resolution_note = (
            SafetyStatus.RESOLVED, now, actor, note)
        locked.save(update_fields=["status", "acknowledged_at", "acknowledged_by", "resolved_at", "resolved_by",
                                   "resolution_note"])
        cancelled = _deliveries_cancel(locked, now=now)
        audit_record(actor=actor, action="safety_event.resolve", object_type="safety_event", object_id=locked.pk,
                     patient_id=locked.patient_id, clinic_id=locked.patient.clinic_id,
                     detail={"kind": locked.kind, "deliveries_cancelled": cancelled, "note_length": len(note)})
    return locked


# --- a clinic's settings -----------------------------------------------------------------------------------------


def alert_settings_save(*, actor: User, escalation_minutes: int, now: datetime,
                        phq9_item9_urgent_from: int | None = None) -> ClinicAlertSettings:
    """Set the actor's clinic's escalation delay and, when given, the PHQ-9 item 9 answer from which an alert is
    urgent (clinic administrators and supervisors). Applies to events raised from now on; escalations already
    scheduled keep their time."""
    if not user_may(actor, Action.ALERT_SETTINGS):
        raise ValidationError(_("Only a clinic administrator or a supervisor can change the alert settings."))
    low, high = ESCALATION_MINUTES_RANGE
    if not low <= escalation_minutes <= high:
        raise ValidationError({"escalation_minutes": _("Choose between %(low)s and %(high)s minutes.") % {
            "low": low, "high": high}})
    if phq9_item9_urgent_from is not None and phq9_item9_urgent_from not in PHQ9_URGENT_FROM_CHOICES:
        raise ValidationError({"phq9_item9_urgent_from": _("Choose answer 1, 2 or 3.")})
    values: dict[str, object] = {"escalation_minutes": escalation_minutes}
    if phq9_item9_urgent_from is not None:
        values["phq9_item9_urgent_from"] = phq9_item9_urgent_from
    with transaction.atomic():
        stored, _created = ClinicAlertSettings.objects.update_or_create(
            clinic=actor.clinic, defaults={**values, "updated_at": now, "updated_by": actor})
        audit_record(actor=actor, action="alert_settings.update", object_type="clinic_alert_settings",
                     object_id=stored.pk, detail=values)
    return stored
