"""Sending deliveries over a real SMTP server: at once to the care team, to the supervisors when nobody
acknowledged in time, never dropped when the mail server fails, never twice."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from pytest_django.fixtures import Settings

from solace.alerts.choices import DeliveryLevel, SkipReason
from solace.alerts.models import AlertDelivery, SafetyEvent
from solace.alerts.selectors import dispatch_health
from solace.alerts.services import (
    CLAIM_LEASE,
    _deliveries_claim,
    deliveries_dispatch,
    retry_delay,
    safety_event_acknowledge,
)
from solace.alerts.tasks import alert_deliveries_send
from solace.alerts.tests.conftest import RAISED
from solace.audit.models import AuditEvent
from solace.patients.models import CareTeamMember
from solace.testing.factories import Cast
from solace.testing.smtp import SmtpListener, body_of, free_port, links_in

pytestmark = pytest.mark.django_db

SUBJECT = "Solace: a safety alert needs your attention"


def _delivery(event: SafetyEvent, level: str) -> AlertDelivery:
    return event.deliveries.get(level=level)


def _smtp_down(settings: Settings) -> None:
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                                    "OPTIONS": {"host": "127.0.0.1", "port": free_port(), "timeout": 2}}}


def test_the_care_team_email_carries_a_link_and_no_patient_detail(
    cast: Cast, event: SafetyEvent, smtp_mail: SmtpListener,
) -> None:
    report = deliveries_dispatch(now=RAISED)

    assert report.to_dict() == {"sent": 1, "failed": 0, "skipped": 0}
    [message] = smtp_mail.wait_for(1)
    assert message["To"] == cast.assigned_clinician.email
    assert message["Subject"] == SUBJECT
    assert links_in(message) == [f"{settings.SITE_URL}/alerts/{event.pk}/"]
    raw = message.as_string()
    patient = cast.patient
    for personal in (patient.given_name, patient.family_name, patient.email, str(patient.pk), "crisis", "Crisis"):
        assert personal not in raw
    delivery = _delivery(event, DeliveryLevel.CARE_TEAM)
    assert (delivery.sent_at, delivery.attempts, delivery.last_error) == (RAISED, 1, "")
    audit = AuditEvent.objects.get(action="alert_delivery.send")
    assert (audit.object_id, audit.patient_id, audit.actor_label) == (
        str(delivery.pk), patient.pk, "system:alert-dispatch")
    assert audit.detail == {"event": event.pk, "level": "care_team", "channel": "email",
                            "recipient": cast.assigned_clinician.pk, "attempt": 1}


def test_a_sent_delivery_is_never_sent_again(event: SafetyEvent, smtp_mail: SmtpListener) -> None:
    deliveries_dispatch(now=RAISED)
    again = deliveries_dispatch(now=RAISED + timedelta(minutes=1))

    assert again.to_dict() == {"sent": 0, "failed": 0, "skipped": 0}
    assert len(smtp_mail.wait_for(1)) == 1


def test_the_supervisor_is_told_when_nobody_acknowledges_in_time(
    cast: Cast, event: SafetyEvent, smtp_mail: SmtpListener,
) -> None:
    deliveries_dispatch(now=RAISED)
    early = deliveries_dispatch(now=RAISED + timedelta(minutes=29))
    assert early.sent == 0 and _delivery(event, DeliveryLevel.ESCALATION).pending

    late = deliveries_dispatch(now=RAISED + timedelta(minutes=31))

    assert late.sent == 1
    messages = smtp_mail.wait_for(2)
    escalation = messages[1]
    assert escalation["To"] == cast.supervisor.email and escalation["Subject"] == SUBJECT
    body = body_of(escalation)
    assert "has not been acknowledged within 30 minutes" in body and cast.clinic.name in body
    assert links_in(escalation) == [f"{settings.SITE_URL}/alerts/{event.pk}/"]
    assert cast.patient.family_name not in escalation.as_string()
    assert _delivery(event, DeliveryLevel.ESCALATION).sent_at == RAISED + timedelta(minutes=31)


def test_an_acknowledgement_in_time_cancels_the_escalation_and_says_why(
    cast: Cast, event: SafetyEvent, smtp_mail: SmtpListener,
) -> None:
    deliveries_dispatch(now=RAISED)
    safety_event_acknowledge(actor=cast.assigned_clinician, event=event, now=RAISED + timedelta(minutes=10))

    report = deliveries_dispatch(now=RAISED + timedelta(minutes=31))

    assert report.to_dict() == {"sent": 0, "failed": 0, "skipped": 0}
    assert len(smtp_mail.wait_for(1)) == 1  # the care team's only
    escalation = _delivery(event, DeliveryLevel.ESCALATION)
    assert (escalation.sent_at, escalation.skipped_at, escalation.skip_reason) == (
        None, RAISED + timedelta(minutes=10), SkipReason.ACKNOWLEDGED_BEFORE_DUE)
    assert AlertDelivery.objects.count() == 2  # kept, never deleted
    skip = AuditEvent.objects.get(action="alert_delivery.skip")
    assert skip.detail["reason"] == "acknowledged_before_due" and skip.object_id == str(escalation.pk)


def test_the_dispatcher_skips_an_escalation_acknowledged_by_another_path(
    cast: Cast, event: SafetyEvent, smtp_mail: SmtpListener,
) -> None:
    """Belt and braces: an event acknowledged without the service (an old import, a fix by hand) still stops its
    escalation, with the reason recorded."""
    deliveries_dispatch(now=RAISED)
    SafetyEvent.objects.filter(pk=event.pk).update(status="acknowledged", acknowledged_at=RAISED + timedelta(minutes=5),
                                                   acknowledged_by=cast.assigned_clinician)

    report = deliveries_dispatch(now=RAISED + timedelta(minutes=40))

    assert report.skipped == 1 and report.sent == 0
    escalation = _delivery(event, DeliveryLevel.ESCALATION)
    assert (escalation.skipped_at, escalation.skip_reason) == (
        RAISED + timedelta(minutes=40), SkipReason.ACKNOWLEDGED_BEFORE_DUE)


def test_a_failing_mail_server_is_retried_with_back_off_and_the_delivery_kept(
    settings: Settings, event: SafetyEvent, smtp_server: SmtpListener,
) -> None:
    _smtp_down(settings)
    first = deliveries_dispatch(now=RAISED)

    assert first.to_dict() == {"sent": 0, "failed": 1, "skipped": 0}
    delivery = _delivery(event, DeliveryLevel.CARE_TEAM)
    assert (delivery.attempts, delivery.sent_at, delivery.skipped_at) == (1, None, None)
    assert delivery.last_error.startswith("ConnectionRefusedError")
    assert delivery.next_attempt_at == RAISED + timedelta(minutes=1)
    fail = AuditEvent.objects.get(action="alert_delivery.fail")
    assert fail.detail["attempt"] == 1 and fail.detail["error"] == "ConnectionRefusedError"
    assert dispatch_health(now=RAISED + timedelta(minutes=1)).failing == 1

    assert deliveries_dispatch(now=RAISED + timedelta(seconds=30)).failed == 0  # not yet due again
    assert deliveries_dispatch(now=RAISED + timedelta(minutes=1)).failed == 1
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.next_attempt_at) == (2, RAISED + timedelta(minutes=3))

    settings.MAILERS = {"default": smtp_server.mailer}  # the mail server is back
    assert deliveries_dispatch(now=RAISED + timedelta(minutes=3)).sent == 1
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.sent_at) == (3, RAISED + timedelta(minutes=3))
    assert delivery.last_error.startswith("ConnectionRefusedError")  # the history stays readable
    assert len(smtp_server.wait_for(1)) == 1


def test_a_failure_queues_a_retry_for_the_worker(
    settings: Settings, event: SafetyEvent, django_capture_on_commit_callbacks,
) -> None:
    _smtp_down(settings)
    now = timezone.now()
    AlertDelivery.objects.filter(level="care_team").update(next_attempt_at=now)
    AlertDelivery.objects.filter(level="escalation").update(next_attempt_at=now + timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        deliveries_dispatch(now=now)

    assert [result.task_result.task.run_after for result in DBTaskResult.objects.all()] == [
        now + timedelta(minutes=1)]


@pytest.mark.parametrize(("attempts", "minutes"), [(1, 1), (2, 2), (3, 4), (5, 16), (6, 30), (50, 30), (10_000, 30)])
def test_retry_delay_grows_and_stops_growing_but_never_gives_up(attempts: int, minutes: int) -> None:
    assert retry_delay(attempts) == timedelta(minutes=minutes)


def test_a_recipient_who_left_the_care_team_is_skipped_with_the_reason(
    cast: Cast, event: SafetyEvent, smtp_mail: SmtpListener,
) -> None:
    CareTeamMember.objects.filter(patient=cast.patient, user=cast.assigned_clinician).delete()

    report = deliveries_dispatch(now=RAISED)

    assert report.skipped == 1
    assert _delivery(event, DeliveryLevel.CARE_TEAM).skip_reason == SkipReason.RECIPIENT_OUT_OF_SCOPE
    assert smtp_mail.messages == []


def test_a_closed_account_is_skipped_with_the_reason(cast: Cast, event: SafetyEvent, smtp_mail: SmtpListener) -> None:
    cast.assigned_clinician.is_active = False
    cast.assigned_clinician.save()

    deliveries_dispatch(now=RAISED)

    assert _delivery(event, DeliveryLevel.CARE_TEAM).skip_reason == SkipReason.RECIPIENT_INACTIVE


def test_a_claimed_delivery_is_not_claimed_again_by_another_dispatcher(event: SafetyEvent) -> None:
    first = _deliveries_claim(now=RAISED, limit=10)
    second = _deliveries_claim(now=RAISED, limit=10)

    assert [d.level for d in first] == ["care_team"] and second == []
    assert _delivery(event, DeliveryLevel.CARE_TEAM).next_attempt_at == RAISED + CLAIM_LEASE
    # A dispatcher that died holding it: the lease runs out and the delivery is taken again.
    assert [d.pk for d in _deliveries_claim(now=RAISED + CLAIM_LEASE, limit=10)] == [first[0].pk]


def test_dispatch_works_through_more_than_one_batch(cast: Cast, smtp_mail: SmtpListener) -> None:
    from solace.alerts.testing import event_raise

    for _ in range(3):
        event_raise(cast.patient, now=RAISED)

    assert deliveries_dispatch(now=RAISED, limit=2).sent == 3
    assert len(smtp_mail.wait_for(3)) == 3


def test_the_task_runs_the_same_dispatch(event: SafetyEvent, smtp_mail: SmtpListener) -> None:
    AlertDelivery.objects.update(due_at=RAISED, next_attempt_at=RAISED)  # both due: the task reads the real clock

    result = alert_deliveries_send.call()

    assert result == {"sent": 2, "failed": 0, "skipped": 0}
    recipients = {delivery.recipient.email for delivery in event.deliveries.all()}
    assert {message["To"] for message in smtp_mail.wait_for(2)} == recipients
