"""A safety alert through the real background worker: the patient's submission commits, the queued task runs in
`solace worker`, and the clinician's e-mail reaches a real SMTP server."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from solace.alerts.models import AlertDelivery
from solace.measures import services as measure_services
from solace.measures.choices import Cadence
from solace.testing import factories
from solace.testing.smtp import SmtpListener, links_in


@pytest.mark.usefixtures("flushable_audit_trail")
def test_the_worker_sends_the_care_team_email_after_the_commit(smtp_mail: SmtpListener) -> None:
    cast = factories.cast_create()
    measure_services.assignment_add(actor=cast.assigned_clinician, patient=cast.patient, instrument_code="phq9",
                                    cadence=Cadence.ONCE, now=timezone.now() - timedelta(days=1))
    answers = {f"phq9_q{n}": "0" for n in range(1, 9)} | {"phq9_q9": "2", "action": "submit"}
    factories.signed_in_client(cast.patient_user).post("/measures/complete/phq9/", answers)
    assert DBTaskResult.objects.filter(task_path="solace.alerts.tasks.alert_deliveries_send").count() == 2

    call_command("worker", "--batch", stdout=StringIO())  # the escalation's task waits for its time

    [message] = smtp_mail.wait_for(1)
    assert message["To"] == cast.assigned_clinician.email
    [link] = links_in(message)
    care_team = AlertDelivery.objects.get(level="care_team")
    assert link.endswith(f"/alerts/{care_team.event_id}/") and care_team.sent_at is not None
    assert AlertDelivery.objects.get(level="escalation").sent_at is None
