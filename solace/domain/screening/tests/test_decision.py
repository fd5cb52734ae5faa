"""Decision precedence (block > defer > adapt/caution > suitable; info never counts) and rule combinations."""

from __future__ import annotations

import json
from itertools import combinations
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solace.domain.screening import (
    ClinicalFlag,
    Concern,
    Decision,
    Severity,
    TreatmentKind,
    co_treatment_plan_missing,
    co_treatment_plan_required,
    decide,
    screen,
)
from solace.domain.screening.tests.builders import cssrs, des2, gad7, intake, phq9

S = Severity
PRECEDENCE = [
    ((), Decision.SUITABLE),
    ((S.INFO,), Decision.SUITABLE),
    ((S.CAUTION,), Decision.SUITABLE_WITH_ADAPTATIONS),
    ((S.ADAPT,), Decision.SUITABLE_WITH_ADAPTATIONS),
    ((S.ADAPT, S.CAUTION, S.INFO), Decision.SUITABLE_WITH_ADAPTATIONS),
    ((S.DEFER,), Decision.DEFER),
    ((S.DEFER, S.ADAPT, S.CAUTION, S.INFO), Decision.DEFER),
    ((S.BLOCK,), Decision.NOT_SUITABLE),
    ((S.BLOCK, S.DEFER), Decision.NOT_SUITABLE),
    ((S.BLOCK, S.DEFER, S.ADAPT, S.CAUTION, S.INFO), Decision.NOT_SUITABLE),
    ((S.INFO, S.INFO), Decision.SUITABLE),
]


@pytest.mark.parametrize(("severities", "decision"), PRECEDENCE)
def test_precedence(severities: tuple[Severity, ...], decision: Decision) -> None:
    assert decide(severities) is decision


@pytest.mark.parametrize("size", range(len(Severity) + 1))
def test_precedence_over_every_combination(size: int) -> None:
    for combination in combinations(Severity, size):
        expected = (
            Decision.NOT_SUITABLE if S.BLOCK in combination
            else Decision.DEFER if S.DEFER in combination
            else Decision.SUITABLE_WITH_ADAPTATIONS if {S.ADAPT, S.CAUTION} & set(combination)
            else Decision.SUITABLE
        )
        assert decide(combination) is expected, combination


# (description, intake, expected decision, rules that must be among the findings)
COMBINATIONS: list[tuple[str, dict[str, Any], Decision, set[str]]] = [
    ("clean intake", intake(), Decision.SUITABLE, set()),
    ("indications only", intake(presenting_concerns=["chronic_depression", "self_criticism"]), Decision.SUITABLE,
     {"indicated_concerns"}),
    ("block beats defer", intake(clinical_flags={"acute_psychosis": True, "acute_crisis": True}),
     Decision.NOT_SUITABLE, {"acute_psychosis", "acute_crisis"}),
    ("block beats adaptations", intake(clinical_flags={"mania_uncontrolled": True, "severe_anxiety": True}),
     Decision.NOT_SUITABLE, {"mania_uncontrolled", "severe_anxiety"}),
    ("defer beats adaptations", intake(clinical_flags={"substance_withdrawal": True, "borderline_severe": True}),
     Decision.DEFER, {"substance_withdrawal", "borderline_severe"}),
    ("suicide risk defers even with indications",
     intake(presenting_concerns=["self_harm"], responses={"cssrs_screener": cssrs("high")}), Decision.DEFER,
     {"suicide_risk", "suicidal_thoughts_safety_plan", "self_harm_safety_plan"}),
    ("scores alone defer", intake(responses={"des2": des2(35 * 28)}), Decision.DEFER,
     {"dissociation_symptoms_severe", "dissociation_symptoms_elevated"}),
    ("a caution alone adapts", intake(concurrent_treatments=[{"kind": "rebt"}]), Decision.SUITABLE_WITH_ADAPTATIONS,
     {"co_treatment_rebt"}),
    ("a compatible treatment changes nothing", intake(concurrent_treatments=[{"kind": "mbsr"}]), Decision.SUITABLE,
     set()),
    ("pacing rules together", intake(responses={"gad7": gad7(20)}, clinical_flags={"ptsd_diagnosis": True}),
     Decision.SUITABLE_WITH_ADAPTATIONS, {"severe_anxiety", "ptsd_exposure"}),
    ("PHQ-9 item 9 with a C-SSRS below the deferral level",
     intake(responses={"phq9": phq9(item9=2), "cssrs_screener": cssrs("low")}),
     Decision.SUITABLE_WITH_ADAPTATIONS, {"suicidal_thoughts_safety_plan"}),
]


@pytest.mark.parametrize(("description", "data", "decision", "rules"), COMBINATIONS,
                         ids=[row[0] for row in COMBINATIONS])
def test_combinations(description: str, data: dict[str, Any], decision: Decision, rules: set[str]) -> None:
    result = screen(data)
    assert result.decision is decision
    fired = {finding.rule for finding in result.findings}
    assert rules <= fired
    if decision is Decision.SUITABLE:
        assert all(finding.severity is S.INFO for finding in result.findings)


def test_findings_are_ordered_by_severity() -> None:
    data = intake(clinical_flags={"acute_psychosis": True, "acute_crisis": True, "severe_anxiety": True},
                  presenting_concerns=["ptsd"], concurrent_treatments=[{"kind": "cbt"}])
    order = [finding.severity for finding in screen(data).findings]
    assert order == sorted(order, key=list(Severity).index)
    assert order[0] is S.BLOCK and order[-1] is S.INFO


def test_adaptations_are_unique_and_in_a_fixed_order() -> None:
    data = intake(clinical_flags={"severe_anxiety": True, "borderline_severe": True, "ptsd_diagnosis": True},
                  concurrent_treatments=[{"kind": "exposure_therapy"}, {"kind": "antidepressant"}, {"kind": "cbt"}])
    assert [a.value for a in screen(data).adaptations] == [
        "extended_foundation", "exposure_integration", "medication_monitoring", "cbt_coordination",
    ]


flags = st.dictionaries(st.sampled_from([f.value for f in ClinicalFlag]), st.booleans())
concerns = st.lists(st.sampled_from([c.value for c in Concern]), unique=True)
treatments = st.lists(st.builds(lambda kind: {"kind": kind}, st.sampled_from([k.value for k in TreatmentKind])),
                      max_size=4)


@settings(max_examples=150, deadline=None)
@given(flags=flags, concerns=concerns, treatments=treatments, age=st.integers(10, 120),
       phq_item9=st.integers(0, 3), risk=st.sampled_from(["none", "low", "moderate", "high", "behaviour"]))
def test_properties(flags: dict[str, bool], concerns: list[str], treatments: list[dict[str, str]], age: int,
                    phq_item9: int, risk: str) -> None:
    data = {"age": age, "clinical_flags": flags, "presenting_concerns": concerns, "concurrent_treatments": treatments,
            "responses": {"phq9": phq9(item9=phq_item9), "cssrs_screener": cssrs(risk)}}
    result = screen(data)
    assert result.decision is decide(finding.severity for finding in result.findings)
    blocked = any(flags.get(f) for f in ("acute_psychosis", "mania_uncontrolled", "dissociative_disorder_severe"))
    assert (result.decision is Decision.NOT_SUITABLE) == blocked
    assert len(result.co_treatments) == len(treatments)
    assert {a for f in result.findings for a in f.adaptations} == set(result.adaptations)
    assert json.loads(json.dumps(result.to_dict())) == result.to_dict()
    assert screen(data).to_dict() == result.to_dict()  # deterministic


# (verdicts of the co-treatments, the written plan, whether the plan is required, whether it is missing)
ACKNOWLEDGEMENTS: list[tuple[tuple[str, ...], str, bool, bool]] = [
    (("not_recommended",), "", True, True),
    (("not_recommended",), "   short   ", True, True),  # 5 characters once trimmed: under the minimum of 10
    (("not_recommended",), "Sequence it", True, False),  # exactly 11: enough
    (("coordinate", "not_recommended"), "Stop REBT before CFT starts; agreed with Dr Lee.", True, False),
    (("coordinate", "monitor", "compatible", "integrate"), "", False, False),
    ((), "", False, False),
]


@pytest.mark.parametrize(("verdicts", "plan", "required", "missing"), ACKNOWLEDGEMENTS)
def test_a_not_recommended_co_treatment_needs_a_written_plan(
    verdicts: tuple[str, ...], plan: str, required: bool, missing: bool,
) -> None:
    assert co_treatment_plan_required(verdicts) is required
    assert co_treatment_plan_missing(verdicts, plan) is missing


def test_rebt_is_the_not_recommended_co_treatment() -> None:
    rebt = screen(intake(concurrent_treatments=[{"kind": "rebt"}])).to_dict()
    assert co_treatment_plan_required(t["verdict"] for t in rebt["co_treatments"])  # type: ignore[attr-defined]
    cbt = screen(intake(concurrent_treatments=[{"kind": "cbt"}])).to_dict()
    assert not co_treatment_plan_required(t["verdict"] for t in cbt["co_treatments"])  # type: ignore[attr-defined]
