"""Planning accepts exactly the codes that screening produces (the two vocabularies must not drift apart)."""

from __future__ import annotations

from solace.domain import planning, screening
from solace.domain.planning import vocabulary
from solace.domain.screening import model as screening_model


def test_decision_codes_match() -> None:
    assert {d.value for d in vocabulary.Decision} == {d.value for d in screening_model.Decision}
    assert {d.value for d in vocabulary.DECISIONS_ALLOWING_A_PLAN} == {
        d.value for d in screening.DECISIONS_ALLOWING_START
    }


def test_adaptation_and_concern_codes_match() -> None:
    assert {a.value for a in vocabulary.Adaptation} == {a.value for a in screening_model.Adaptation}
    assert {c.value for c in vocabulary.Concern} == {c.value for c in screening_model.Concern}


def test_every_adaptation_screening_can_produce_is_planned() -> None:
    for adaptation in screening_model.Adaptation:
        plan = planning.plan_course(planning.PlanRequest(decision="suitable_with_adaptations",
                                                         adaptations=(adaptation.value,)))
        assert adaptation.value in {applied.code for applied in plan.adaptations}
