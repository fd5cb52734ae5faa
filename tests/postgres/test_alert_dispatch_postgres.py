"""PostgreSQL only: two alert dispatchers at once never take the same delivery, and neither waits for the other."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime

import pytest
from django.db import connection, transaction

from solace.alerts.models import AlertDelivery
from solace.alerts.services import _deliveries_claim
from solace.alerts.testing import event_raise
from solace.testing import factories

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

RAISED = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_a_delivery_another_dispatcher_holds_is_skipped_not_waited_for() -> None:
    cast = factories.cast_create()
    event_raise(cast.patient, now=RAISED)
    held, release = threading.Event(), threading.Event()

    def other_dispatcher() -> None:
        try:
            with transaction.atomic():
                list(AlertDelivery.objects.select_for_update().filter(level="care_team"))
                held.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    thread = threading.Thread(target=other_dispatcher)
    thread.start()
    try:
        assert held.wait(timeout=10)
        started = time.monotonic()
        assert _deliveries_claim(now=RAISED, limit=10) == []
        assert time.monotonic() - started < 2  # SKIP LOCKED: no waiting on the other's lock
    finally:
        release.set()
        thread.join(timeout=30)

    assert [delivery.level for delivery in _deliveries_claim(now=RAISED, limit=10)] == ["care_team"]
