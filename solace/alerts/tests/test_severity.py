"""Severity decides urgency, through the real services: an emergency reaches the care team and the supervisors at
once and escalates on the shorter timer; routine and urgent alerts keep the earlier schedule (care team at once,
supervisors after the clinic's delay). A questionnaire's answers set kind and severity (the domain's triage)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from solace.alerts.choices import SafetyKind, Severity
from solace.alerts.models import ClinicAlertSettings, SafetyEvent
from solace.alerts.services import alert_settings_save, deliveries_dispatch
from solace.alerts.testing import event_raise
from solace.alerts.tests.conftest import RAISED
from solace.measures.testing import response_create
from solace.testing.factories import Cast

pytestmark = pytest.mark.django_db


def _rows(event: SafetyEvent) -> list[tuple[str, int, object]]:
    return [(d.level, d.recipient_id, d.due_at) for d in event.deliveries.order_by("due_at", "level", "recipient_id")]


def test_an_emergency_reaches_the_supervisor_at_once_and_escalates_sooner(cast: Cast) -> None:
    event = event_raise(cast.patient, now=RAISED, kind=SafetyKind.SUICIDAL_BEHAVIOUR, severity=Severity.EMERGENCY)

    assert _rows(event) == [
        ("care_team", cast.assigned_clinician.pk, RAISED),
        ("supervisor", cast.supervisor.pk, RAISED),
        ("escalation", cast.supervisor.pk, RAISED + timedelta(minutes=10)),  # a third of the default 30
    ]
    report = deliveries_dispatch(now=RAISED)  # the frozen clock: both notices are due now
    assert report.sent == 2
    assert set(event.deliveries.filter(sent_at=RAISED).values_list("level", flat=True)) == {"care_team",
                                                                                           "supervisor"}


def test_an_emergency_escalates_after_a_third_of_the_clinics_delay_never_under_5_minutes(cast: Cast) -> None:
    ClinicAlertSettings.objects.create(clinic=cast.clinic, escalation_minutes=12, updated_at=RAISED)
    event = event_raise(cast.patient, now=RAISED, severity=Severity.EMERGENCY)
    assert event.deliveries.get(level="escalation").due_at == RAISED + timedelta(minutes=5)


@pytest.mark.parametrize("severity", [Severity.ROUTINE, Severity.URGENT])
def test_routine_and_urgent_alerts_keep_the_earlier_schedule(cast: Cast, severity: str) -> None:
    event = event_raise(cast.patient, now=RAISED, severity=severity)

    assert _rows(event) == [
        ("care_team", cast.assigned_clinician.pk, RAISED),
        ("escalation", cast.supervisor.pk, RAISED + timedelta(minutes=30)),
    ]
    assert deliveries_dispatch(now=RAISED).sent == 1


def test_a_recent_attempt_on_the_cssrs_is_an_emergency_through_the_submission(cast: Cast) -> None:
    response_create(cast.patient, "cssrs_screener", [0, 0, None, None, None, 1, 1], actor=cast.patient_user)

    event = SafetyEvent.objects.get()
    assert (event.kind, event.severity, event.severity_basis) == ("suicidal_behaviour", "emergency",
                                                                   "columbia_triage")
    assert event.deliveries.filter(level="supervisor", recipient=cast.supervisor, due_at=event.raised_at).exists()


@pytest.mark.parametrize(("urgent_from", "answer", "severity"), [(2, 1, "routine"), (2, 2, "urgent"),
                                                                   (1, 1, "urgent"), (3, 2, "routine")])
def test_the_clinics_phq9_setting_grades_item_9(cast: Cast, urgent_from: int, answer: int, severity: str) -> None:
    alert_settings_save(actor=cast.supervisor, escalation_minutes=30, phq9_item9_urgent_from=urgent_from,
                        now=timezone.now())
    response_create(cast.patient, "phq9", [0] * 8 + [answer], actor=cast.patient_user)

    event = SafetyEvent.objects.get()
    assert (event.kind, event.severity, event.severity_basis) == ("suicidal_ideation", severity,
                                                                   "phq9_clinic_setting")
    assert event.deliveries.filter(level="care_team", due_at=event.raised_at).exists()  # always told at once


def test_the_phq9_setting_is_validated(cast: Cast) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        alert_settings_save(actor=cast.supervisor, escalation_minutes=30, phq9_item9_urgent_from=0,
                            now=timezone.now())
    assert not ClinicAlertSettings.objects.exists()


def test_the_patient_page_and_the_caseload_show_the_most_severe_first(cast: Cast) -> None:
    from solace.testing.factories import signed_in_client

    now = timezone.now()
    routine = event_raise(cast.patient, now=now - timedelta(hours=2), severity=Severity.ROUTINE)
    emergency = event_raise(cast.patient, now=now - timedelta(minutes=1), severity=Severity.EMERGENCY)
    client = signed_in_client(cast.assigned_clinician)

    page = client.get(f"/patients/{cast.patient.pk}/").content.decode()
    assert page.index(f'data-event="{emergency.pk}"') < page.index(f'data-event="{routine.pk}"')
    assert "Emergency: act now" in page

    caseload = client.get("/patients/").content.decode()
    row = caseload.split(cast.patient.family_name, 1)[1].split("</tr>", 1)[0]
    assert 'data-testid="top-severity">Emergency: act now<' in row


def test_the_past_three_months_question_is_named_as_the_form_numbers_it() -> None:
    from solace.alerts.display import reason_labels

    assert reason_labels("cssrs_screener:cssrs_screener_q6")[0].endswith("item 6 (past 3 months)")
    assert reason_labels("cssrs_screener:cssrs_screener_q6_lifetime")[0].endswith("item 6")
