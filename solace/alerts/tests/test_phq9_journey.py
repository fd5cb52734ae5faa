"""The PHQ-9 item-9 path end to end: the patient's answer, the crisis resources at once, the event and its
deliveries, the clinician's e-mail over real SMTP, the link to the alert, the acknowledgement, no escalation."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from solace.alerts.choices import DeliveryLevel, SafetyStatus, SkipReason
from solace.alerts.models import AlertDelivery, SafetyEvent
from solace.alerts.services import deliveries_dispatch
from solace.measures import services as measure_services
from solace.measures.choices import Cadence
from solace.measures.models import MeasureResponse
from solace.testing.factories import Cast, signed_in_client
from solace.testing.smtp import SmtpListener, links_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def phq9_assigned(cast: Cast) -> None:
    measure_services.assignment_add(actor=cast.assigned_clinician, patient=cast.patient, instrument_code="phq9",
                                    cadence=Cadence.ONCE, now=timezone.now() - timedelta(days=1))


def test_a_positive_item_9_reaches_the_clinician_and_is_acknowledged(
    cast: Cast, phq9_assigned: None, smtp_mail: SmtpListener,
) -> None:
    answers = {f"phq9_q{n}": "0" for n in range(1, 9)} | {"phq9_q9": "1", "action": "submit"}

    page = signed_in_client(cast.patient_user).post("/measures/complete/phq9/", answers, follow=True)

    # The patient sees crisis resources at once, before anyone has read anything.
    assert 'data-testid="crisis-resources"' in page.content.decode()
    response = MeasureResponse.objects.get(patient=cast.patient)
    event = SafetyEvent.objects.get(patient=cast.patient)
    assert (event.kind, event.source_id, event.reason, event.raised_at) == (
        "suicidal_ideation", str(response.pk), "phq9:phq9_q9", response.submitted_at)
    assert (event.severity, event.severity_basis) == ("routine", "phq9_clinic_setting")  # answer 1, the default
    deliveries = {(d.level, d.recipient_id): d for d in AlertDelivery.objects.filter(event=event)}
    assert set(deliveries) == {(DeliveryLevel.CARE_TEAM, cast.assigned_clinician.pk),
                               (DeliveryLevel.ESCALATION, cast.supervisor.pk)}

    assert deliveries_dispatch(now=timezone.now()).sent == 1
    [message] = smtp_mail.wait_for(1)
    assert message["To"] == cast.assigned_clinician.email
    assert cast.patient.given_name not in message.as_string()
    [link] = links_in(message)

    clinician = signed_in_client(cast.assigned_clinician)
    alert_page = clinician.get(urlsplit(link).path).content.decode()
    assert cast.patient.full_name in alert_page and "PHQ-9), item 9" in alert_page
    clinician.post(f"/alerts/{event.pk}/acknowledge/")

    event.refresh_from_db()
    assert (event.status, event.acknowledged_by) == (SafetyStatus.ACKNOWLEDGED, cast.assigned_clinician)
    assert deliveries_dispatch(now=timezone.now() + timedelta(hours=1)).sent == 0
    escalation = AlertDelivery.objects.get(event=event, level=DeliveryLevel.ESCALATION)
    assert (escalation.sent_at, escalation.skip_reason) == (None, SkipReason.ACKNOWLEDGED_BEFORE_DUE)
    assert len(smtp_mail.messages) == 1
