"""Table-driven tests of every screening rule: the case that fires it and the nearest case that does not.

Thresholds are written out here from clinical-reference.md §2 and the seed, not read from the code."""

from __future__ import annotations

from typing import Any

import pytest

from solace.domain.screening import RULES, Severity, rule_ids, screen, thresholds_from_overrides
from solace.domain.screening.tests.builders import (
    ceas,
    cssrs,
    ders16,
    des2,
    fcs,
    fscrs,
    gad7,
    intake,
    pcl5,
    phq9,
    risk,
)

# (rule, severity, adaptations, intake that fires it, nearest intake that does not, threshold overrides)
Case = tuple[str, Severity, tuple[str, ...], dict[str, Any], dict[str, Any], dict[str, object]]

CASES: list[Case] = [
    # seed contraindications: the clinician's flags
    ("acute_psychosis", Severity.BLOCK, (), intake(clinical_flags={"acute_psychosis": True}),
     intake(clinical_flags={"acute_psychosis": False}), {}),
    ("mania_uncontrolled", Severity.BLOCK, (), intake(clinical_flags={"mania_uncontrolled": True}),
     intake(clinical_flags={"mania_uncontrolled": False}), {}),
    ("dissociative_disorder_severe", Severity.BLOCK, (), intake(clinical_flags={"dissociative_disorder_severe": True}),
     intake(), {}),
    # seed "Important Warning": not yet
    ("acute_crisis", Severity.DEFER, (), intake(clinical_flags={"acute_crisis": True}), intake(), {}),
    ("substance_withdrawal", Severity.DEFER, (), intake(clinical_flags={"substance_withdrawal": True}), intake(), {}),
    ("suicide_risk", Severity.DEFER, ("safety_plan",), intake(responses={"cssrs_screener": cssrs("moderate")}),
     intake(responses={"cssrs_screener": cssrs("low")}), {}),
    ("suicide_risk", Severity.DEFER, ("safety_plan",), intake(responses={"cssrs_screener": cssrs("high")}),
     intake(responses={"cssrs_screener": cssrs("moderate")}), {"cssrs_defer_level": "high"}),
    ("suicide_risk", Severity.DEFER, ("safety_plan",), intake(responses={"cssrs_screener": cssrs("behaviour")}),
     intake(responses={"cssrs_screener": cssrs("none")}), {"cssrs_defer_level": "high"}),
    ("suicide_risk", Severity.DEFER, ("safety_plan",), intake(responses={"cssrs_screener": cssrs("low")}),
     intake(responses={"cssrs_screener": cssrs("none")}), {"cssrs_defer_level": "low"}),
    ("suicide_risk_unassessed", Severity.DEFER, ("safety_plan",), intake(responses={"phq9": phq9(item9=1)}),
     intake(responses={"phq9": phq9(item9=1), "cssrs_screener": cssrs("none")}), {}),
    ("suicide_risk_unassessed", Severity.DEFER, ("safety_plan",), intake(responses={"phq9": phq9(item9=2)}),
     intake(responses={"phq9": phq9(item9=1)}), {"phq9_item9_at": 2}),
    ("suicide_risk_unassessed", Severity.DEFER, ("safety_plan",), intake(responses={"phq9": phq9(item9=1)}),
     intake(responses={"phq9": phq9(item9=1)}, risk_assessment=risk("low")), {}),
    # the clinician's own structured risk assessment, in place of the C-SSRS
    ("suicide_risk_assessed_moderate", Severity.DEFER, ("safety_plan",),
     intake(responses={"phq9": phq9(item9=1)}, risk_assessment=risk("moderate")),
     intake(responses={"phq9": phq9(item9=1)}, risk_assessment=risk("low")), {}),
    ("suicide_risk_assessed_high", Severity.DEFER, ("safety_plan",),
     intake(responses={"phq9": phq9(item9=1)}, risk_assessment=risk("high")),
     intake(responses={"phq9": phq9(item9=1)}, risk_assessment=risk("moderate")), {}),
    ("suicide_risk_assessed_high", Severity.DEFER, ("safety_plan",),
     intake(responses={"cssrs_screener": cssrs("none")}, risk_assessment=risk("high")),
     intake(responses={"cssrs_screener": cssrs("none")}), {}),
    ("suicide_screen_missing", Severity.DEFER, (), {"age": 34},
     {"age": 34, "responses": {"cssrs_screener": cssrs("none")}}, {}),
    ("suicide_screen_missing", Severity.DEFER, (), {"age": 34}, {"age": 34, "risk_assessment": risk("low")}, {}),
    ("dissociation_symptoms_severe", Severity.DEFER, ("grounding_first",), intake(responses={"des2": des2(30 * 28)}),
     intake(responses={"des2": des2(30 * 28 - 10)}), {}),
    ("dissociation_symptoms_severe", Severity.DEFER, ("grounding_first",), intake(responses={"des2": des2(40 * 28)}),
     intake(responses={"des2": des2(40 * 28 - 10)}), {"des2_defer_at": 40}),
    # seed pacing
    ("severe_anxiety", Severity.ADAPT, ("extended_foundation",), intake(responses={"gad7": gad7(15)}),
     intake(responses={"gad7": gad7(14)}), {}),
    ("severe_anxiety", Severity.ADAPT, ("extended_foundation",), intake(clinical_flags={"severe_anxiety": True}),
     intake(), {}),
    ("borderline_severe", Severity.ADAPT, ("extended_foundation",), intake(clinical_flags={"borderline_severe": True}),
     intake(presenting_concerns=["borderline_personality"]), {}),
    ("self_criticism_extreme", Severity.ADAPT, ("slow_pacing",), intake(responses={"fscrs": fscrs(hated=10)}),
     intake(responses={"fscrs": fscrs(hated=9, inadequate=26)}), {}),
    ("self_criticism_extreme", Severity.ADAPT, ("slow_pacing",), intake(responses={"fscrs": fscrs(inadequate=27)}),
     intake(responses={"fscrs": fscrs(inadequate=26)}), {}),
    ("ptsd_exposure", Severity.ADAPT, ("exposure_integration",), intake(clinical_flags={"ptsd_diagnosis": True}),
     intake(), {}),
    ("ptsd_exposure", Severity.ADAPT, ("exposure_integration",), intake(presenting_concerns=["ptsd"]), intake(), {}),
    ("ptsd_exposure", Severity.ADAPT, ("exposure_integration",), intake(responses={"pcl5": pcl5(33)}),
     intake(responses={"pcl5": [1] * 20}), {}),  # total 20, and no item at 2 or more: no provisional diagnosis
    ("ptsd_exposure", Severity.ADAPT, ("exposure_integration",),
     intake(responses={"pcl5": [2, 0, 0, 0, 0, 2, 0, 2, 2, 0, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0]}),  # DSM-5 rule, total 12
     intake(responses={"pcl5": [2, 0, 0, 0, 0, 2, 0, 2, 1, 0, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0]}), {}),
    ("ptsd_exposure", Severity.ADAPT, ("exposure_integration",), intake(responses={"pcl5": [1] * 20}),
     intake(responses={"pcl5": [1] * 19 + [0]}), {"pcl5_probable_ptsd_at": 20}),
    ("dissociation_symptoms_elevated", Severity.ADAPT, ("grounding_first",),
     intake(responses={"des2": des2(20 * 28)}), intake(responses={"des2": des2(20 * 28 - 10)}), {}),
    ("emotion_regulation_low", Severity.ADAPT, ("grounding_first", "extended_foundation"),
     intake(responses={"ders16": ders16(56)}), intake(responses={"ders16": ders16(55)}), {}),
    ("fears_of_compassion_high", Severity.ADAPT, ("slow_pacing",), intake(responses={"fcs": fcs(for_self=30)}),
     intake(responses={"fcs": fcs(for_self=29, from_others=25)}), {}),
    ("fears_of_compassion_high", Severity.ADAPT, ("slow_pacing",), intake(responses={"fcs": fcs(from_others=26)}),
     intake(responses={"fcs": fcs(from_others=25)}), {}),
    # cautions
    ("suicidal_thoughts_safety_plan", Severity.CAUTION, ("safety_plan",),
     intake(responses={"cssrs_screener": cssrs("low")}), intake(responses={"cssrs_screener": cssrs("none")}), {}),
    ("suicidal_thoughts_safety_plan", Severity.CAUTION, ("safety_plan",),
     intake(responses={"phq9": phq9(item9=1), "cssrs_screener": cssrs("none")}), intake(), {}),
    ("self_harm_safety_plan", Severity.CAUTION, ("safety_plan",), intake(presenting_concerns=["self_harm"]),
     intake(presenting_concerns=["self_criticism"]), {}),
    ("self_harm_safety_plan", Severity.CAUTION, ("safety_plan",), intake(responses={"fscrs": fscrs(hated=1, item9=1)}),
     intake(responses={"fscrs": fscrs(hated=1)}), {}),
    ("age_under_adult", Severity.CAUTION, (), intake(age=17), intake(age=18), {}),
    ("age_under_adult", Severity.CAUTION, (), intake(age=20), intake(age=21), {"adult_age": 21}),
    # co-treatments (seed)
    ("co_treatment_cbt", Severity.CAUTION, ("cbt_coordination",), intake(concurrent_treatments=[{"kind": "cbt"}]),
     intake(concurrent_treatments=[{"kind": "mbsr"}]), {}),
    ("co_treatment_rebt", Severity.CAUTION, (), intake(concurrent_treatments=[{"kind": "rebt"}]),
     intake(concurrent_treatments=[{"kind": "cbt"}]), {}),
    ("co_treatment_antidepressant", Severity.CAUTION, ("medication_monitoring",),
     intake(concurrent_treatments=[{"kind": "antidepressant", "name": "sertraline"}]), intake(), {}),
    ("co_treatment_exposure_ptsd", Severity.ADAPT, ("exposure_integration",),
     intake(concurrent_treatments=[{"kind": "exposure_therapy"}], clinical_flags={"ptsd_diagnosis": True}),
     intake(concurrent_treatments=[{"kind": "exposure_therapy"}]), {}),
    ("co_treatment_exposure", Severity.CAUTION, ("cbt_coordination",),
     intake(concurrent_treatments=[{"kind": "exposure_therapy"}]),
     intake(concurrent_treatments=[{"kind": "exposure_therapy"}], presenting_concerns=["ptsd"]), {}),
    ("co_treatment_other", Severity.CAUTION, (), intake(concurrent_treatments=[{"kind": "other", "name": "EMDR"}]),
     intake(concurrent_treatments=[{"kind": "mbsr"}]), {}),
    # information only
    ("indicated_concerns", Severity.INFO, (), intake(presenting_concerns=["chronic_depression"]),
     intake(presenting_concerns=["borderline_personality"]), {}),
    ("borderline_personality", Severity.INFO, (), intake(presenting_concerns=["borderline_personality"]),
     intake(presenting_concerns=["borderline_personality"], clinical_flags={"borderline_severe": True}), {}),
    ("emotion_regulation_unmeasured", Severity.INFO, (), intake(), intake(responses={"ders16": ders16(16)}), {}),
    ("compassion_tendency_unmeasured", Severity.INFO, (), intake(), intake(responses={"ceas": ceas(5, 5)}), {}),
]


def _fired(data: dict[str, Any], overrides: dict[str, object]) -> dict[str, Any]:
    result = screen(data, thresholds_from_overrides(overrides)).to_dict()
    return {finding["rule"]: {**finding, "result": result} for finding in result["findings"]}  # type: ignore[attr-defined]


@pytest.mark.parametrize(("rule", "severity", "adaptations", "fires", "does_not_fire", "overrides"), CASES,
                         ids=[f"{case[0]}-{index}" for index, case in enumerate(CASES)])
def test_rule_fires_and_its_nearest_case_does_not(
    rule: str, severity: Severity, adaptations: tuple[str, ...], fires: dict[str, Any],
    does_not_fire: dict[str, Any], overrides: dict[str, object],
) -> None:
    fired = _fired(fires, overrides)
    assert rule in fired, sorted(fired)
    finding = fired[rule]
    assert finding["severity"] == severity.value
    assert finding["message"] and finding["source"] and finding["evidence"]
    assert set(adaptations) <= set(finding["result"]["adaptations"])
    assert rule not in _fired(does_not_fire, overrides)


def test_every_rule_has_a_case() -> None:
    assert {case[0] for case in CASES} == set(rule_ids())


def test_rule_ids_are_unique_and_every_rule_cites_a_source() -> None:
    assert len(rule_ids()) == len(set(rule_ids()))
    for rule in RULES:
        assert rule.source and rule.message.endswith("."), rule.id


def test_blocking_and_deferring_rules_cite_the_seed() -> None:
    for rule in RULES:
        if rule.severity in (Severity.BLOCK, Severity.DEFER):
            assert "(seed document)" in rule.source, rule.id
    blocking = {rule.id for rule in RULES if rule.severity is Severity.BLOCK}
    assert blocking == {"acute_psychosis", "mania_uncontrolled", "dissociative_disorder_severe"}


def test_solace_design_thresholds_say_so_in_the_finding() -> None:
    finding = _fired(intake(responses={"fscrs": fscrs(hated=12)}), {})["self_criticism_extreme"]
    assert "Solace design choice" in finding["source"]
    assert "FSCRS Hated Self 12 (threshold 10)" in finding["evidence"]
    published = _fired(intake(responses={"gad7": gad7(16)}), {})["severe_anxiety"]
    assert "GAD-7 severe band 15-21 (Spitzer" in published["source"]
    assert "clinic setting" not in published["source"]


def test_a_clinic_override_is_marked_in_the_source() -> None:
    finding = _fired(intake(responses={"gad7": gad7(12)}), {"gad7_severe_at": 12})["severe_anxiety"]
    assert "(clinic setting)" in finding["source"]
    assert finding["evidence"] == "GAD-7 total 12 (severe at 12)"


def test_evidence_names_the_score_and_threshold() -> None:
    fired = _fired(intake(responses={"des2": des2(35 * 28), "cssrs_screener": cssrs("high")}), {})
    assert fired["dissociation_symptoms_severe"]["evidence"] == "DES-II mean 35 (threshold 30)"
    assert fired["suicide_risk"]["evidence"] == "C-SSRS screener risk high (defers at moderate or above)"


def test_one_finding_per_rule_even_with_two_treatments_of_a_kind() -> None:
    data = intake(concurrent_treatments=[{"kind": "antidepressant", "name": "sertraline"},
                                         {"kind": "antidepressant", "name": "mirtazapine"}])
    result = screen(data).to_dict()
    findings = [f for f in result["findings"] if f["rule"] == "co_treatment_antidepressant"]  # type: ignore[attr-defined]
    assert len(findings) == 1
    assert findings[0]["evidence"] == "concurrent treatment: antidepressant (sertraline), antidepressant (mirtazapine)"
    assert [t["verdict"] for t in result["co_treatments"]] == ["monitor", "monitor"]  # type: ignore[attr-defined]


def _decision(data: dict[str, Any]) -> str:
    return str(screen(data).to_dict()["decision"])


def test_a_low_risk_assessment_lifts_the_phq9_item9_deferral_with_a_safety_plan() -> None:
    positive = intake(responses={"phq9": phq9(item9=1)})
    assert _decision(positive) == "defer"
    result = screen({**positive, "risk_assessment": risk("low")}).to_dict()
    assert result["decision"] == "suitable_with_adaptations"
    assert "safety_plan" in result["adaptations"]  # type: ignore[operator]
    finding = _fired({**positive, "risk_assessment": risk("low")}, {})["suicidal_thoughts_safety_plan"]
    assert "clinician's structured risk assessment of 2025-03-01 (risk low)" in finding["evidence"]
    with_cssrs = _fired({**positive, "responses": {"phq9": phq9(item9=1), "cssrs_screener": cssrs("none")}}, {})
    assert "assessed with the C-SSRS screener" in with_cssrs["suicidal_thoughts_safety_plan"]["evidence"]


@pytest.mark.parametrize(("level", "decision", "alternatives"), [
    ("low", "suitable_with_adaptations", []),
    ("moderate", "defer", []),
    ("high", "defer", ["crisis_services"]),
])
def test_the_risk_level_decides_with_or_without_a_cssrs(level: str, decision: str, alternatives: list[str]) -> None:
    for responses in ({"phq9": phq9(item9=1)}, {"phq9": phq9(item9=1), "cssrs_screener": cssrs("none")}):
        result = screen(intake(responses=responses, risk_assessment=risk(level))).to_dict()
        assert result["decision"] == decision
        assert [a["code"] for a in result["alternatives"]] == alternatives  # type: ignore[attr-defined]


def test_a_low_risk_assessment_does_not_silence_a_cssrs_at_the_deferral_level() -> None:
    data = intake(responses={"cssrs_screener": cssrs("high")}, risk_assessment=risk("low"))
    assert "suicide_risk" in _fired(data, {})
