from __future__ import annotations

from datetime import UTC, datetime

import pytest

from solace.alerts.models import SafetyEvent
from solace.alerts.testing import event_raise
from solace.site.tests.conftest import migrated_database, site  # noqa: F401  (processes of their own)
from solace.testing.factories import Cast

RAISED = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def event(cast: Cast) -> SafetyEvent:
    """An open crisis event of the cast patient raised at RAISED: the assigned clinician is told at once, the
    supervisor after the default 30 minutes."""
    return event_raise(cast.patient, now=RAISED, actor=cast.patient_user)
