"""Through HTTP: the clinician's own risk assessment at intake (stored, signed, read-only), the intake's answers as
measure results, and signing a decision with a not-recommended co-treatment (REBT) only with a written plan."""

from __future__ import annotations

import pytest

from solace.alerts.models import SafetyEvent
from solace.audit.models import AuditEvent
from solace.measures.choices import ResponseOrigin
from solace.measures.models import MeasureResponse
from solace.screening.forms import IntakeForm
from solace.screening.models import RiskAssessment, Screening, ScreeningSignature
from solace.testing.factories import Cast, signed_in_client

pytestmark = pytest.mark.django_db

PHQ9_ITEM9 = {"age": "34", **IntakeForm.answers_data("phq9", [1, 1, 1, 1, 1, 1, 1, 1, 1])}
RISK = {"risk_assessed_on": "2025-03-01", "risk_protective_factors": "Her children.", "risk_safety_plan": "yes"}


def _intake(cast: Cast, data: dict[str, object]) -> Screening:
    response = signed_in_client(cast.assigned_clinician).post(f"/screening/patients/{cast.patient.pk}/new/", data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return Screening.objects.get(patient=cast.patient)


@pytest.mark.parametrize(("level", "decision", "rule"), [
    ("low", "suitable_with_adaptations", "suicidal_thoughts_safety_plan"),
    ("moderate", "defer", "suicide_risk_assessed_moderate"),
    ("high", "defer", "suicide_risk_assessed_high"),
])
def test_the_clinicians_risk_assessment_decides_and_is_stored_signed(
    cast: Cast, level: str, decision: str, rule: str,
) -> None:
    screening = _intake(cast, {**PHQ9_ITEM9, **RISK, "risk_level": level})
    assert screening.decision == decision
    finding = next(f for f in screening.result["findings"] if f["rule"] == rule)
    assert "clinician's structured risk assessment of 2025-03-01" in finding["evidence"]
    stored = RiskAssessment.objects.get(screening=screening)
    assert (stored.patient, stored.level, stored.signed_by, stored.safety_plan_in_place) == (
        cast.patient, level, cast.assigned_clinician, True)
    assert AuditEvent.objects.filter(action="risk_assessment.sign", object_id=str(stored.pk)).exists()
    with pytest.raises(ValueError, match="read-only"):
        stored.save()
    page = signed_in_client(cast.assigned_clinician).get(f"/screening/patients/{cast.patient.pk}/{screening.pk}/")
    shown = page.content.decode().split('data-testid="risk-assessment">')[1].split("</p>")[0]
    assert "structured risk assessment of" in shown and "Signed by" in shown


def test_intake_answers_become_measure_results_and_raise_the_safety_event(cast: Cast) -> None:
    _intake(cast, {**PHQ9_ITEM9, **RISK, "risk_level": "low"})
    response = MeasureResponse.objects.get(patient=cast.patient, instrument_code="phq9")
    assert (response.status, response.origin, response.entered_by) == (
        "submitted", ResponseOrigin.SCREENING_INTAKE, cast.assigned_clinician)
    assert response.total == 9
    assert SafetyEvent.objects.filter(patient=cast.patient, source_id=str(response.pk)).exists()


def _rebt_screening(cast: Cast) -> Screening:
    return _intake(cast, {"age": "34", **IntakeForm.answers_data("phq9", [0] * 9), "concurrent_treatments": ["rebt"]})


def test_the_not_recommended_co_treatment_is_in_the_decision_summary(cast: Cast) -> None:
    screening = _rebt_screening(cast)
    page = signed_in_client(cast.assigned_clinician).get(f"/screening/patients/{cast.patient.pk}/{screening.pk}/")
    summary = page.content.decode().split('aria-labelledby="decision-h"')[1].split("</section>")[0]
    assert 'data-testid="not-recommended"' in summary and "Rational emotive behaviour therapy" in summary
    assert 'name="co_treatment_plan"' in page.content.decode()


def test_signing_without_the_plan_fails_naming_the_field_and_saves_nothing(cast: Cast) -> None:
    screening = _rebt_screening(cast)
    client = signed_in_client(cast.assigned_clinician)
    url = f"/screening/patients/{cast.patient.pk}/{screening.pk}/sign/"
    response = client.post(url, {"kind": "accept", "co_treatment_plan": "  "})
    assert response.status_code == 422
    assert list(response.context["sign_form"].errors) == ["co_treatment_plan"]
    assert "Your plan for the treatment not recommended alongside CFT" in response.content.decode()
    assert not ScreeningSignature.objects.exists()
    assert not AuditEvent.objects.filter(action="screening.sign").exists()

    plan = "Pause REBT until the foundation stage ends; agreed with the patient."
    assert client.post(url, {"kind": "accept", "co_treatment_plan": plan}).status_code == 302
    signature = ScreeningSignature.objects.get(screening=screening)
    assert signature.co_treatment_plan == plan
    audit = AuditEvent.objects.get(action="screening.sign", object_id=str(screening.pk))
    assert audit.detail["co_treatment_acknowledged"] is True


def test_without_a_not_recommended_co_treatment_no_plan_is_asked(cast: Cast) -> None:
    screening = _intake(cast, {"age": "34", **IntakeForm.answers_data("phq9", [0] * 9)})
    client = signed_in_client(cast.assigned_clinician)
    page = client.get(f"/screening/patients/{cast.patient.pk}/{screening.pk}/").content.decode()
    assert 'name="co_treatment_plan"' not in page
    assert client.post(f"/screening/patients/{cast.patient.pk}/{screening.pk}/sign/",
                       {"kind": "accept"}).status_code == 302
