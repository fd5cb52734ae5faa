"""The predicted response heuristic, alternatives and referrals, and next steps."""

from __future__ import annotations

from typing import Any

import pytest

from solace.domain.screening import screen, thresholds_from_overrides
from solace.domain.screening.tests.builders import ceas, cssrs, fcs, intake, scs_sf

# (description, responses, expected level, reasons that must appear)
PREDICTIONS: list[tuple[str, dict[str, Any], str, list[str]]] = [
    ("nothing measured", {}, "guarded", ["No compassion-tendency measure (CEAS, FCS or SCS-SF) was given."]),
    ("high engagement and action", {"ceas": ceas(6, 6)}, "favourable",
     ["Compassionate engagement with oneself (CEAS) is high.", "Compassionate action towards oneself (CEAS) is high."]),
    ("middle range", {"ceas": ceas(5, 5)}, "guarded", ["The compassion measures are in the middle range."]),
    ("low engagement and action", {"ceas": ceas(3, 3)}, "poor",
     ["Compassionate engagement with oneself (CEAS) is low.", "Compassionate action towards oneself (CEAS) is low."]),
    ("one unfavourable signal among favourable ones", {"ceas": ceas(7, 7), "fcs": fcs(for_self=30)}, "guarded",
     ["Fear of compassion for oneself (FCS) is high."]),
    ("low fears are favourable", {"fcs": fcs(for_self=14, from_others=12)}, "favourable",
     ["Fear of compassion for oneself (FCS) is low.", "Fear of receiving compassion from others (FCS) is low."]),
    ("high fears for self and from others", {"fcs": fcs(for_self=45, from_others=39)}, "poor",
     ["Fear of compassion for oneself (FCS) is high.", "Fear of receiving compassion from others (FCS) is high."]),
    ("SCS-SF high", {"scs_sf": scs_sf(4)}, "favourable", ["Self-compassion (SCS-SF) is high."]),
    ("SCS-SF low", {"scs_sf": scs_sf(2)}, "guarded", ["Self-compassion (SCS-SF) is low."]),
    ("SCS-SF moderate", {"scs_sf": scs_sf(3)}, "guarded", ["The compassion measures are in the middle range."]),
]


@pytest.mark.parametrize(("description", "responses", "level", "reasons"), PREDICTIONS,
                         ids=[row[0] for row in PREDICTIONS])
def test_predicted_response(description: str, responses: dict[str, Any], level: str, reasons: list[str]) -> None:
    predicted = screen(intake(responses=responses)).to_dict()["predicted_response"]
    assert predicted["level"] == level  # type: ignore[index]
    assert set(reasons) <= set(predicted["reasons"])  # type: ignore[index]
    assert "not a validated predictor" in predicted["note"]  # type: ignore[index]


def test_prediction_thresholds_are_clinic_settings() -> None:
    data = intake(responses={"ceas": ceas(5, 5)})
    assert screen(data).predicted_response.level == "guarded"
    assert screen(data, thresholds_from_overrides({"ceas_high_item_mean": 5.0})).predicted_response.level == \
        "favourable"


def _alternatives(data: dict[str, Any]) -> list[str]:
    return [a["code"] for a in screen(data).to_dict()["alternatives"]]  # type: ignore[attr-defined]


ALTERNATIVES: list[tuple[str, dict[str, Any], list[str]]] = [
    ("contraindication", intake(clinical_flags={"acute_psychosis": True}), ["psychiatric_assessment"]),
    ("crisis", intake(clinical_flags={"acute_crisis": True}), ["crisis_services"]),
    ("suicide risk", intake(responses={"cssrs_screener": cssrs("high")}), ["crisis_services"]),
    ("withdrawal", intake(clinical_flags={"substance_withdrawal": True}), ["addiction_services"]),
    ("several", intake(clinical_flags={"mania_uncontrolled": True, "acute_crisis": True}),
     ["psychiatric_assessment", "crisis_services"]),
    ("referral before a psychological alternative",
     intake(clinical_flags={"acute_crisis": True}, self_exploration_acceptance="low"), ["crisis_services"]),
    ("little self-exploration", intake(self_exploration_acceptance="low"), ["mbsr"]),
    ("already in MBSR", intake(self_exploration_acceptance="low", concurrent_treatments=[{"kind": "mbsr"}]), []),
    ("open to self-exploration, poor predicted response",
     intake(self_exploration_acceptance="high", responses={"ceas": ceas(2, 2)}), ["humanistic_therapy"]),
    ("low acceptance and poor predicted response",
     intake(self_exploration_acceptance="low", responses={"ceas": ceas(2, 2)}), ["mbsr"]),
    ("suitable, open to self-exploration", intake(self_exploration_acceptance="moderate"), []),
]


@pytest.mark.parametrize(("description", "data", "codes"), ALTERNATIVES, ids=[row[0] for row in ALTERNATIVES])
def test_alternatives(description: str, data: dict[str, Any], codes: list[str]) -> None:
    assert _alternatives(data) == codes
    for alternative in screen(data).alternatives:
        assert alternative.reason and "(seed document)" in alternative.source


def test_next_steps_follow_the_decision() -> None:
    blocked = screen(intake(clinical_flags={"acute_psychosis": True})).next_steps
    assert blocked[0].startswith("Do not start CFT.")
    assert "supervisor's co-signature" in blocked[1]
    deferred = screen(intake(responses={"cssrs_screener": cssrs("high")})).next_steps
    assert deferred[0].startswith("Do not start CFT yet.")
    assert "Give the patient the crisis contacts now." in deferred
    assert "Agree a written safety plan with the patient before the first session." in deferred
    suitable = screen(intake(modality_preference="group")).next_steps
    assert suitable[0] == "Sign the decision, then plan the course."
    assert "Plan the course as group therapy, the patient's preferred format." in suitable
    assert any("DERS-16" in step for step in suitable) and any("CEAS" in step for step in suitable)
    assert suitable[-1].startswith("Ask the patient to fill in the preparation form")
