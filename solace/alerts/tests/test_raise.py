"""Raising a safety event: the event and who is to be told, in the caller's transaction, all or nothing."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from solace.alerts.choices import DeliveryLevel, SafetyKind
from solace.alerts.models import AlertDelivery, ClinicAlertSettings, SafetyEvent
from solace.alerts.selectors import dispatch_health
from solace.alerts.services import safety_event_raise
from solace.alerts.testing import event_raise
from solace.alerts.tests.conftest import RAISED
from solace.audit.models import AuditEvent
from solace.kernel.permissions import Role
from solace.patients.choices import CareTeamRole
from solace.patients.models import CareTeamMember
from solace.testing import factories
from solace.testing.factories import Cast

pytestmark = pytest.mark.django_db


def _rows(event: SafetyEvent) -> list[tuple[str, int, object]]:
    return [(d.level, d.recipient_id, d.due_at) for d in event.deliveries.order_by("level", "recipient_id")]


def test_raise_writes_the_event_and_its_deliveries(cast: Cast) -> None:
    event = event_raise(cast.patient, now=RAISED, actor=cast.patient_user)

    assert (event.kind, event.status, event.raised_at, event.source_type, event.reason) == (
        "crisis", "open", RAISED, "test", "test:crisis")
    assert _rows(event) == [
        ("care_team", cast.assigned_clinician.pk, RAISED),
        ("escalation", cast.supervisor.pk, RAISED + timedelta(minutes=30)),
    ]
    delivery = event.deliveries.get(level="care_team")
    assert (delivery.channel, delivery.next_attempt_at, delivery.sent_at, delivery.attempts, delivery.skipped_at) == (
        "email", RAISED, None, 0, None)
    audit = AuditEvent.objects.get(action="safety_event.raise")
    assert (audit.object_id, audit.patient_id, audit.clinic_id, audit.actor) == (
        str(event.pk), cast.patient.pk, cast.clinic.pk, cast.patient_user)
    assert audit.detail == {"kind": "crisis", "severity": "urgent", "reason": "test:crisis",
                            "care_team": [cast.assigned_clinician.pk], "supervisors_at_once": [],
                            "escalation": [cast.supervisor.pk], "escalation_minutes": 30}
    assert cast.patient.given_name not in str(audit.detail)


def _caller_that_fails_after_raising(cast: Cast) -> None:
    with transaction.atomic():
        safety_event_raise(actor=None, patient=cast.patient, kind=SafetyKind.CRISIS, severity="urgent",
                           severity_basis="solace_design", source_type="test", source_id="1", reason="test:crisis",
                           now=RAISED)
        assert AlertDelivery.objects.count() == 2
        raise RuntimeError("the caller failed after the raise")


def test_a_rolled_back_caller_leaves_neither_event_nor_deliveries(cast: Cast) -> None:
    with pytest.raises(RuntimeError, match="the caller failed"):
        _caller_that_fails_after_raising(cast)

    assert not SafetyEvent.objects.exists()
    assert not AlertDelivery.objects.exists()
    assert not AuditEvent.objects.filter(action="safety_event.raise").exists()


@pytest.mark.django_db(transaction=True)  # the test's own transaction would hide the mistake
def test_raise_refuses_to_run_outside_a_transaction(cast: Cast) -> None:
    with pytest.raises(RuntimeError, match="inside the transaction"):
        safety_event_raise(actor=None, patient=cast.patient, kind=SafetyKind.CRISIS, severity="urgent",
                           severity_basis="solace_design", source_type="test", source_id="1", reason="test:crisis",
                           now=RAISED)
    assert not SafetyEvent.objects.exists()


def test_co_clinicians_are_told_and_the_care_team_supervisor_escalated_to(cast: Cast) -> None:
    CareTeamMember.objects.create(patient=cast.patient, user=cast.colleague, role=CareTeamRole.CO_CLINICIAN)
    senior = factories.user_create(cast.clinic, Role.CLINICIAN)
    CareTeamMember.objects.create(patient=cast.patient, user=senior, role=CareTeamRole.SUPERVISOR)
    CareTeamMember.objects.create(patient=cast.patient, user=cast.clinic_admin, role=CareTeamRole.CO_CLINICIAN)

    event = event_raise(cast.patient, now=RAISED)

    care_team = {d.recipient_id for d in event.deliveries.filter(level=DeliveryLevel.CARE_TEAM)}
    escalation = {d.recipient_id for d in event.deliveries.filter(level=DeliveryLevel.ESCALATION)}
    # The clinic administrator cannot open a patient's alert, so is not sent one.
    assert care_team == {cast.assigned_clinician.pk, cast.colleague.pk}
    assert escalation == {cast.supervisor.pk, senior.pk}


def test_without_a_care_team_the_supervisors_are_told_at_once(cast: Cast) -> None:
    other_supervisor = factories.user_create(cast.clinic, Role.SUPERVISOR)
    CareTeamMember.objects.filter(patient=cast.patient).delete()

    event = event_raise(cast.patient, now=RAISED)

    assert [(level, user) for level, user, _due in _rows(event)] == [
        ("care_team", cast.supervisor.pk), ("care_team", other_supervisor.pk),
        ("escalation", cast.supervisor.pk), ("escalation", other_supervisor.pk),
    ]


def test_inactive_people_are_not_recipients(cast: Cast) -> None:
    cast.assigned_clinician.is_active = False
    cast.assigned_clinician.save()

    event = event_raise(cast.patient, now=RAISED)

    assert [(level, user) for level, user, _due in _rows(event)] == [
        ("care_team", cast.supervisor.pk), ("escalation", cast.supervisor.pk)]


def test_the_clinic_sets_the_escalation_delay(cast: Cast) -> None:
    ClinicAlertSettings.objects.create(clinic=cast.clinic, escalation_minutes=10, updated_at=RAISED)

    event = event_raise(cast.patient, now=RAISED)

    assert event.deliveries.get(level="escalation").due_at == RAISED + timedelta(minutes=10)


def test_an_event_nobody_can_be_told_of_is_logged_and_reported(cast: Cast, caplog: pytest.LogCaptureFixture) -> None:
    CareTeamMember.objects.filter(patient=cast.patient).delete()
    cast.supervisor.memberships.update(role=Role.CLINICIAN)

    with caplog.at_level(logging.ERROR, logger="solace.alerts.services"):
        event = event_raise(cast.patient, now=RAISED)

    assert not event.deliveries.exists()
    assert f"Safety event {event.pk} of clinic {cast.clinic.pk} has nobody to notify" in caplog.text
    assert cast.patient.family_name not in caplog.text
    assert dispatch_health(now=RAISED).unrouted == 1
    assert not dispatch_health(now=RAISED).healthy


def test_the_worker_is_asked_to_dispatch_after_the_commit_and_at_the_escalation(
    cast: Cast, django_capture_on_commit_callbacks,
) -> None:
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        event_raise(cast.patient, now=now)
    assert not DBTaskResult.objects.exists()  # nothing is queued before the commit

    for callback in callbacks:
        callback()

    queued = [result.task_result for result in DBTaskResult.objects.all()]
    assert [result.task.module_path for result in queued] == ["solace.alerts.tasks.alert_deliveries_send"] * 2
    assert sorted(queued, key=lambda r: r.task.run_after is not None)[0].task.run_after is None  # at once
    assert {result.task.run_after for result in queued} == {None, now + timedelta(minutes=30)}


def test_a_failure_writing_the_deliveries_rolls_back_the_patients_answers(cast: Cast, monkeypatch) -> None:
    from solace.measures.models import MeasureResponse
    from solace.measures.testing import response_create

    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(AlertDelivery.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError, match="database went away"):
        response_create(cast.patient, "phq9", [0, 0, 0, 0, 0, 0, 0, 0, 1], actor=cast.patient_user, at=RAISED)

    # Never an answer without its alert: the patient's submission fails whole and they can send it again.
    assert not MeasureResponse.objects.exists()
    assert not SafetyEvent.objects.exists()
