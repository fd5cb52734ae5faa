"""The alert pages through HTTP: the response and the saved state."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from solace.alerts.choices import SafetyKind, SafetyStatus, Severity, SkipReason
from solace.alerts.models import ClinicAlertSettings, SafetyEvent
from solace.alerts.services import safety_event_acknowledge, safety_event_resolve
from solace.alerts.testing import event_raise
from solace.alerts.tests.conftest import RAISED
from solace.audit.models import AuditEvent
from solace.kernel.permissions import Role
from solace.testing import factories
from solace.testing.factories import Cast, signed_in_client

pytestmark = pytest.mark.django_db


def _row_order(page: str, events: list[SafetyEvent]) -> list[int]:
    positions = {event.pk: page.index(f'data-event="{event.pk}"') for event in events if
                 f'data-event="{event.pk}"' in page}
    return sorted(positions, key=positions.__getitem__)


def test_the_list_puts_the_most_severe_first_then_the_longest_waiting_and_shows_recent_history(cast: Cast) -> None:
    now = timezone.now()
    deterioration = event_raise(cast.patient, now=now - timedelta(hours=3), kind=SafetyKind.DETERIORATION,
                                severity=Severity.ROUTINE)
    late_crisis = event_raise(cast.patient, now=now - timedelta(minutes=5), kind=SafetyKind.SUICIDAL_BEHAVIOUR,
                              severity=Severity.EMERGENCY)
    early_crisis = event_raise(cast.patient, now=now - timedelta(hours=1), kind=SafetyKind.CRISIS,
                               severity=Severity.EMERGENCY)
    item = event_raise(cast.patient, now=now - timedelta(hours=2), kind=SafetyKind.SUICIDAL_IDEATION)
    taken = event_raise(cast.patient, now=now - timedelta(hours=4))
    safety_event_acknowledge(actor=cast.assigned_clinician, event=taken, now=now)
    recent = event_raise(cast.patient, now=now - timedelta(days=2))
    safety_event_resolve(actor=cast.supervisor, event=recent, note="Called.", now=now - timedelta(days=1))
    old = event_raise(cast.patient, now=now - timedelta(days=30))
    safety_event_resolve(actor=cast.supervisor, event=old, note="Called.", now=now - timedelta(days=29))

    response = signed_in_client(cast.assigned_clinician).get("/alerts/")

    page = response.content.decode()
    assert response.status_code == 200
    everything = [deterioration, late_crisis, early_crisis, item, taken, recent, old]
    assert _row_order(page, everything) == [
        early_crisis.pk, late_crisis.pk, item.pk, deterioration.pk, taken.pk, recent.pk]
    assert 'data-testid="open-count">4<' in page
    assert cast.patient.family_name in page
    assert f"Acknowledged by {cast.assigned_clinician}" in page
    audit = AuditEvent.objects.get(action="safety_event.list")
    assert audit.detail == {"open": 4, "shown": 6} and audit.actor == cast.assigned_clinician


def test_each_person_sees_the_alerts_of_their_own_patients(cast: Cast) -> None:
    event = event_raise(cast.patient, now=RAISED)
    marker = f'data-event="{event.pk}"'

    assert marker in signed_in_client(cast.assigned_clinician).get("/alerts/").content.decode()
    assert marker in signed_in_client(cast.supervisor).get("/alerts/").content.decode()
    assert marker not in signed_in_client(cast.colleague).get("/alerts/").content.decode()
    assert marker not in signed_in_client(cast.other_clinic_clinician).get("/alerts/").content.decode()
    for outsider in (cast.patient_user, cast.clinic_admin, cast.researcher):
        assert signed_in_client(outsider).get("/alerts/").status_code == 404
    assert AuditEvent.objects.filter(action="safety_event.list", outcome="denied").count() == 3


def test_the_list_query_count_does_not_grow_with_alerts(cast: Cast) -> None:
    client = signed_in_client(cast.supervisor)

    def queries_with(count: int) -> int:
        for _ in range(count):
            patient = factories.patient_create(cast.clinic, clinician=cast.assigned_clinician)
            event = event_raise(patient, now=RAISED)
            safety_event_acknowledge(actor=cast.assigned_clinician, event=event, now=RAISED)
            event_raise(patient, now=RAISED)
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/alerts/").status_code == 200
        return len(captured)

    assert queries_with(2) == queries_with(20)


def test_the_event_page_shows_what_raised_it_when_in_the_viewer_zone_and_who_was_told(cast: Cast) -> None:
    from solace.measures.testing import response_create

    cast.assigned_clinician.time_zone = "America/New_York"
    cast.assigned_clinician.save()
    response = response_create(cast.patient, "phq9", [0, 0, 0, 0, 0, 0, 0, 0, 2], actor=cast.patient_user, at=RAISED)
    event = SafetyEvent.objects.get(source_id=str(response.pk))

    page = signed_in_client(cast.assigned_clinician).get(f"/alerts/{event.pk}/").content.decode()

    assert cast.patient.full_name in page and f'href="/patients/{cast.patient.pk}/"' in page
    assert "Patient Health Questionnaire-9 (PHQ-9), item 9" in page
    assert f'href="/measures/patients/{cast.patient.pk}/responses/{response.pk}/"' in page
    assert "2 Mar 2026, 04:00 EST" in page  # 09:00 UTC, seen from New York
    assert 'data-level="care_team"' in page and str(cast.assigned_clinician) in page
    assert 'data-level="escalation"' in page and str(cast.supervisor) in page
    assert ">Acknowledge<" in page
    assert AuditEvent.objects.filter(action="safety_event.view", object_id=str(event.pk),
                                     patient_id=cast.patient.pk, outcome="allowed").exists()


def test_acknowledging_saves_who_and_when_and_cancels_the_escalation(cast: Cast, event: SafetyEvent) -> None:
    client = signed_in_client(cast.assigned_clinician)

    response = client.post(f"/alerts/{event.pk}/acknowledge/", follow=True)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Acknowledged. Escalation to the supervisors is cancelled." in page
    event.refresh_from_db()
    assert (event.status, event.acknowledged_by) == (SafetyStatus.ACKNOWLEDGED, cast.assigned_clinician)
    assert event.acknowledged_at is not None and timezone.now() - event.acknowledged_at < timedelta(minutes=1)
    escalation = event.deliveries.get(level="escalation")
    assert escalation.skip_reason == SkipReason.ACKNOWLEDGED_BEFORE_SENT  # RAISED is in the past: it was due
    assert "Not sent: Acknowledged before it could be sent" in page
    audit = AuditEvent.objects.get(action="safety_event.acknowledge")
    assert (audit.actor, audit.object_id, audit.patient_id) == (cast.assigned_clinician, str(event.pk), cast.patient.pk)
    assert audit.detail["deliveries_cancelled"] == 2

    again = client.post(f"/alerts/{event.pk}/acknowledge/", follow=True)
    assert "This alert had already been acknowledged." in again.content.decode()
    assert AuditEvent.objects.filter(action="safety_event.acknowledge").count() == 1


def test_acknowledging_with_htmx_swaps_the_event(cast: Cast, event: SafetyEvent) -> None:
    response = signed_in_client(cast.supervisor).post(f"/alerts/{event.pk}/acknowledge/", HTTP_HX_REQUEST="true")

    page = response.content.decode()
    assert response.status_code == 200 and page.startswith('<div id="event">')
    assert 'data-testid="status">Acknowledged<' in page and ">Acknowledge<" not in page


def test_resolving_needs_a_note_and_saves_nothing_without_one(cast: Cast, event: SafetyEvent) -> None:
    response = signed_in_client(cast.assigned_clinician).post(f"/alerts/{event.pk}/resolve/", {"note": "  "})

    assert response.status_code == 422
    assert "What was done: Write a short note of what was done." in response.content.decode()
    event.refresh_from_db()
    assert (event.status, event.resolved_at, event.resolution_note) == (SafetyStatus.OPEN, None, "")
    assert not AuditEvent.objects.filter(action="safety_event.resolve").exists()


def test_resolving_stores_the_note_and_acknowledges_an_open_event(cast: Cast, event: SafetyEvent) -> None:
    note = "Phoned Alex; safety plan reviewed, GP informed."
    response = signed_in_client(cast.assigned_clinician).post(f"/alerts/{event.pk}/resolve/", {"note": note},
                                                              follow=True)

    assert response.status_code == 200 and note in response.content.decode()
    event.refresh_from_db()
    assert (event.status, event.resolution_note, event.resolved_by, event.acknowledged_by) == (
        SafetyStatus.RESOLVED, note, cast.assigned_clinician, cast.assigned_clinician)
    assert event.resolved_at == event.acknowledged_at
    audit = AuditEvent.objects.get(action="safety_event.resolve")
    assert audit.detail == {"kind": "crisis", "deliveries_cancelled": 2, "note_length": len(note)}
    assert "Phoned" not in str(audit.detail)


def test_the_banner_and_the_menu_count_unacknowledged_alerts(cast: Cast, event: SafetyEvent) -> None:
    event_raise(cast.other_patient_user.patient_record, now=RAISED)  # the assigned clinician's other patient
    clinician = signed_in_client(cast.assigned_clinician)

    page = clinician.get("/patients/").content.decode()
    assert "2 safety alerts are waiting for acknowledgement." in page and "Alerts (2)" in page
    assert 'data-testid="alert-banner"' not in signed_in_client(cast.colleague).get("/patients/").content.decode()

    clinician.post(f"/alerts/{event.pk}/acknowledge/")
    page = clinician.get("/patients/").content.decode()
    assert "1 safety alert is waiting for acknowledgement." in page and "Alerts (1)" in page


def test_the_banner_costs_one_query(cast: Cast) -> None:
    client = signed_in_client(cast.assigned_clinician)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get("/patients/")
        return sum("alerts_safetyevent" in query["sql"] for query in captured.captured_queries)

    assert queries() == 2  # the caseload's own column, and the banner's count
    event_raise(cast.patient, now=RAISED)
    event_raise(cast.patient, now=RAISED)
    assert queries() == 2


def test_a_clinic_administrator_sets_the_escalation_delay(cast: Cast) -> None:
    client = signed_in_client(cast.clinic_admin)
    assert 'value="30"' in client.get("/alerts/settings/").content.decode()

    bad = client.post("/alerts/settings/", {"escalation_minutes": "2", "phq9_item9_urgent_from": "2"})
    assert bad.status_code == 422 and "greater than or equal to 5" in bad.content.decode()
    assert not ClinicAlertSettings.objects.exists()

    response = client.post("/alerts/settings/", {"escalation_minutes": "15", "phq9_item9_urgent_from": "1"},
                           follow=True)

    assert "Alert settings saved." in response.content.decode()
    stored = ClinicAlertSettings.objects.get(clinic=cast.clinic)
    assert (stored.escalation_minutes, stored.phq9_item9_urgent_from) == (15, 1)
    assert AuditEvent.objects.get(action="alert_settings.update").detail == {
        "escalation_minutes": 15, "phq9_item9_urgent_from": 1}
    assert event_raise(cast.patient, now=RAISED).deliveries.get(level="escalation").due_at == (
        RAISED + timedelta(minutes=15))


@pytest.mark.parametrize("role", [Role.CLINICIAN, Role.PATIENT, Role.RESEARCHER])
def test_only_administrators_and_supervisors_change_alert_settings(cast: Cast, role: Role) -> None:
    user = factories.user_create(cast.clinic, role)
    client = signed_in_client(user)
    assert client.get("/alerts/settings/").status_code == 404
    assert client.post("/alerts/settings/", {"escalation_minutes": "60"}).status_code == 404
    assert not ClinicAlertSettings.objects.exists()
    assert signed_in_client(cast.supervisor).get("/alerts/settings/").status_code == 200
