"""Planning and screening share one vocabulary: planning's decision, adaptation and concern enums are screening's
own classes (not copies that could drift), and one pure function says which decisions allow a course."""

from __future__ import annotations

import pytest

from solace.domain import planning, screening
from solace.domain.planning import vocabulary
from solace.domain.screening import model as screening_model


def test_planning_uses_the_screening_enums_themselves() -> None:
    assert vocabulary.Decision is screening_model.Decision is planning.Decision is screening.Decision
    assert vocabulary.Adaptation is screening_model.Adaptation is planning.Adaptation is screening.Adaptation
    assert vocabulary.Concern is screening_model.Concern is planning.Concern is screening.Concern


# The seed document ("Compassion-focused therapy" overview): contraindications mean not suitable, conditions to
# address first mean defer; only suitable decisions (with or without adaptations) start a course.
@pytest.mark.parametrize(("decision", "allowed"), [
    (screening.Decision.SUITABLE, True),
    (screening.Decision.SUITABLE_WITH_ADAPTATIONS, True),
    (screening.Decision.DEFER, False),
    (screening.Decision.NOT_SUITABLE, False),
    ("suitable", True),
    ("suitable_with_adaptations", True),
    ("defer", False),
    ("not_suitable", False),
    ("", False),
    ("SUITABLE", False),
    ("unknown", False),
])
def test_decision_allows_course(decision: str, allowed: bool) -> None:
    assert screening.decision_allows_course(decision) is allowed


@pytest.mark.parametrize("decision", list(screening.Decision))
def test_planning_refuses_exactly_the_decisions_that_allow_no_course(decision: screening.Decision) -> None:
    request = planning.PlanRequest(decision=decision.value)
    if screening.decision_allows_course(decision):
        assert planning.plan_course(request).sessions
    else:
        with pytest.raises(planning.PlanRefused):
            planning.plan_course(request)


def test_every_adaptation_screening_can_produce_is_planned() -> None:
    for adaptation in screening_model.Adaptation:
        plan = planning.plan_course(planning.PlanRequest(decision="suitable_with_adaptations",
                                                         adaptations=(adaptation.value,)))
        assert adaptation.value in {applied.code for applied in plan.adaptations}
