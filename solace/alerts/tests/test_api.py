"""`/api/v1/alerts`: the same gate, selector and service as the pages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from solace.accounts.services import api_token_create
from solace.alerts.choices import SafetyKind, SafetyStatus, Severity
from solace.alerts.models import SafetyEvent
from solace.alerts.testing import event_raise
from solace.audit.models import AuditEvent
from solace.testing.factories import Cast, signed_in_client

pytestmark = pytest.mark.django_db


def _bearer(user) -> dict[str, str]:
    _token, raw = api_token_create(user=user, name="integration")
    return {"Authorization": f"Bearer {raw}"}


def test_the_list_is_scoped_and_most_severe_first(cast: Cast) -> None:
    now = timezone.now()
    deterioration = event_raise(cast.patient, now=now - timedelta(hours=2), kind=SafetyKind.DETERIORATION,
                                severity=Severity.ROUTINE)
    crisis = event_raise(cast.patient, now=now - timedelta(hours=1))

    response = Client().get("/api/v1/alerts", headers=_bearer(cast.assigned_clinician))

    assert response.status_code == 200
    body = response.json()
    assert [item["id"] for item in body] == [crisis.pk, deterioration.pk]
    assert body[0] | {"raised_at": None} == {
        "id": crisis.pk, "patient_id": str(cast.patient.pk), "kind": "crisis", "severity": "urgent",
        "severity_basis": "solace_design", "status": "open",
        "source_type": "test", "source_id": "1", "reason": "test:crisis", "raised_at": None,
        "acknowledged_at": None, "acknowledged_by_id": None, "resolved_at": None, "resolved_by_id": None,
    }
    assert cast.patient.family_name not in response.content.decode()
    assert signed_in_client(cast.colleague).get("/api/v1/alerts").json() == []
    assert signed_in_client(cast.patient_user).get("/api/v1/alerts").json() == []
    assert AuditEvent.objects.filter(action="safety_event.list", actor=cast.assigned_clinician).exists()


def test_the_list_filters_by_status_and_names_a_bad_one(cast: Cast) -> None:
    event_raise(cast.patient, now=timezone.now())
    client = signed_in_client(cast.supervisor)

    assert len(client.get("/api/v1/alerts?status=open").json()) == 1
    assert client.get("/api/v1/alerts?status=resolved").json() == []
    bad = client.get("/api/v1/alerts?status=closed")
    assert bad.status_code == 422
    assert bad.json()["error"]["field"] == "status"


def test_acknowledge_through_the_api_saves_and_returns_the_event(cast: Cast) -> None:
    event = event_raise(cast.patient, now=timezone.now())

    response = Client().post(f"/api/v1/alerts/{event.pk}/acknowledge", headers=_bearer(cast.supervisor))

    assert response.status_code == 200
    assert response.json()["status"] == "acknowledged"
    assert response.json()["acknowledged_by_id"] == cast.supervisor.pk
    event.refresh_from_db()
    assert (event.status, event.acknowledged_by) == (SafetyStatus.ACKNOWLEDGED, cast.supervisor)
    assert event.deliveries.filter(skipped_at__isnull=False).count() == 2
    assert AuditEvent.objects.filter(action="safety_event.acknowledge", object_id=str(event.pk)).exists()


def test_out_of_scope_and_missing_alerts_look_the_same(cast: Cast) -> None:
    event = event_raise(cast.patient, now=timezone.now())
    client = signed_in_client(cast.other_clinic_clinician)

    for path in (f"/api/v1/alerts/{event.pk}/acknowledge", "/api/v1/alerts/999999/acknowledge",
                 "/api/v1/alerts/not-a-number/acknowledge"):
        response = client.post(path)
        assert response.status_code == 404
        assert response.json() == {"error": {"code": "not_found", "message": "Not found.", "field": None}}
    assert SafetyEvent.objects.get().status == SafetyStatus.OPEN
    denied = AuditEvent.objects.filter(action="safety_event.edit", outcome="denied").order_by("id")
    assert [entry.patient_id for entry in denied] == [cast.patient.pk, None, None]
