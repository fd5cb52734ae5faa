"""Background work for safety alerts, run by `solace worker` (django-tasks-db)."""

from __future__ import annotations

from django.tasks import task
from django.utils import timezone

from solace.alerts.services import deliveries_dispatch


@task
def alert_deliveries_send() -> dict[str, int]:
    """Send every alert delivery that is due now. Queued after each raise, at each escalation's due time and at
    each retry time; `solace alerts-dispatch --loop` runs the same function on a timer, so nothing depends on the
    queue alone. Returns the counts (sent, failed, skipped)."""
    return deliveries_dispatch(now=timezone.now()).to_dict()
