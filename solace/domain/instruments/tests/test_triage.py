"""Alert triage, table-driven from the sources: the Columbia triage levels (Posner et al. 2011, clinical-reference
§2.10) for every valid C-SSRS screener answer pattern, PHQ-9 item 9 by answer with the default and a clinic's
setting (§2.1, Solace design choice), FSCRS item 9 (§2.4, Solace design choice), and the delivery schedule."""

from __future__ import annotations

import itertools

import pytest

from solace.domain.instruments import AnswerError, score
from solace.domain.instruments.triage import (
    AlertKind,
    AlertSeverity,
    DeliverySchedule,
    TriageBasis,
    delivery_schedule,
    most_severe,
    triage,
)

E, U, R = AlertSeverity.EMERGENCY, AlertSeverity.URGENT, AlertSeverity.ROUTINE
CSSRS = "cssrs_screener"
CODES = [*(f"cssrs_screener_q{p}" for p in range(1, 6)), "cssrs_screener_q6_lifetime", "cssrs_screener_q6"]


def _valid_cssrs_patterns() -> list[tuple[int | None, ...]]:
    """Every answer pattern the skip rules allow: items 3-5 only after item 2 yes, the 3-month follow-up only
    after lifetime behaviour yes (skipped items unanswered)."""
    patterns = []
    for q1, q2, lifetime in itertools.product((0, 1), repeat=3):
        middles = list(itertools.product((0, 1), repeat=3)) if q2 else [(None, None, None)]
        follow_ups = (0, 1) if lifetime else (None,)
        for middle, recent in itertools.product(middles, follow_ups):
            patterns.append((q1, q2, *middle, lifetime, recent))
    return patterns


def _columbia_level(answers: tuple[int | None, ...]) -> str:
    """The Columbia triage written out from §2.10: items 4-5 or behaviour within 3 months -> high; item 3 or
    behaviour more than 3 months ago -> moderate; items 1-2 -> low."""
    q1, q2, q3, q4, q5, lifetime, recent = answers
    if q4 or q5 or recent:
        return "high"
    if q3 or lifetime:
        return "moderate"
    return "low" if q1 or q2 else "none"


SEVERITY_OF_LEVEL = {"high": E, "moderate": U, "low": R, "none": None}


def test_the_enumeration_covers_every_valid_pattern() -> None:
    assert len(_valid_cssrs_patterns()) == 2 * (1 + 8) * 3  # q1 x (q2 no | q2 yes x items 3-5) x behaviour


@pytest.mark.parametrize("answers", _valid_cssrs_patterns())
def test_every_cssrs_pattern_gives_the_columbia_level_and_its_severity(answers: tuple[int | None, ...]) -> None:
    level = _columbia_level(answers)
    keyed = dict(zip(CODES, answers, strict=True))

    findings = triage(CSSRS, keyed)

    assert score(CSSRS, list(answers)).risk == level
    assert most_severe([finding.severity for finding in findings]) == SEVERITY_OF_LEVEL[level]
    assert all(finding.basis is TriageBasis.COLUMBIA_TRIAGE for finding in findings)
    kinds = [finding.kind for finding in findings]
    assert (AlertKind.SUICIDAL_BEHAVIOUR in kinds) == bool(keyed["cssrs_screener_q6_lifetime"])
    assert (AlertKind.SUICIDAL_IDEATION in kinds) == any(keyed[code] for code in CODES[:5])
    assert [f.severity for f in findings] == sorted((f.severity for f in findings), key=[E, U, R].index)


@pytest.mark.parametrize(("answers", "expected"), [
    ([0, 0, None, None, None, 1, 1], [(AlertKind.SUICIDAL_BEHAVIOUR, E, ("cssrs_screener_q6_lifetime",
                                                                           "cssrs_screener_q6"))]),
    ([0, 0, None, None, None, 1, 0], [(AlertKind.SUICIDAL_BEHAVIOUR, U, ("cssrs_screener_q6_lifetime",))]),
    ([1, 1, 0, 0, 1, 1, 0], [(AlertKind.SUICIDAL_IDEATION, E, ("cssrs_screener_q1", "cssrs_screener_q2",
                                                                "cssrs_screener_q5")),
                             (AlertKind.SUICIDAL_BEHAVIOUR, U, ("cssrs_screener_q6_lifetime",))]),
    ([1, 0, None, None, None, 0, None], [(AlertKind.SUICIDAL_IDEATION, R, ("cssrs_screener_q1",))]),
    ([0, 0, None, None, None, 0, None], []),
])
def test_cssrs_findings_name_their_kind_and_items(answers: list[int | None],
                                                  expected: list[tuple[object, ...]]) -> None:
    findings = triage(CSSRS, dict(zip(CODES, answers, strict=True)))
    assert [(f.kind, f.severity, f.reasons) for f in findings] == expected


def test_a_follow_up_without_lifetime_behaviour_is_refused() -> None:
    with pytest.raises(AnswerError):
        triage(CSSRS, dict(zip(CODES, [0, 0, None, None, None, 0, 1], strict=True)))


PHQ9_ZERO = {f"phq9_q{n}": 0 for n in range(1, 9)}


@pytest.mark.parametrize(("answer", "urgent_from", "expected"), [
    (0, None, None), (1, None, R), (2, None, U), (3, None, U),  # the default: urgent from 2
    (0, 1, None), (1, 1, U), (2, 1, U), (3, 1, U),  # a clinic that makes every positive answer urgent
    (1, 3, R), (2, 3, R), (3, 3, U),  # a clinic that keeps only "nearly every day" urgent
])
def test_phq9_item_9_by_answer(answer: int, urgent_from: int | None, expected: AlertSeverity | None) -> None:
    settings = {} if urgent_from is None else {"phq9_urgent_from": urgent_from}
    findings = triage("phq9", PHQ9_ZERO | {"phq9_q9": answer}, **settings)
    if expected is None:
        assert findings == ()
    else:
        [finding] = findings
        assert (finding.kind, finding.severity, finding.reasons, finding.basis) == (
            AlertKind.SUICIDAL_IDEATION, expected, ("phq9_q9",), TriageBasis.PHQ9_CLINIC_SETTING)


def test_other_phq9_items_raise_nothing() -> None:
    assert triage("phq9", {f"phq9_q{n}": 3 for n in range(1, 9)} | {"phq9_q9": 0}) == ()


@pytest.mark.parametrize(("answer", "raised"), [(0, False), (1, True), (4, True)])
def test_fscrs_item_9_is_a_routine_self_attack(answer: int, raised: bool) -> None:
    answers = {f"fscrs_q{n}": 4 for n in range(1, 23)} | {"fscrs_q9": answer}
    findings = triage("fscrs", answers)
    assert [(f.kind, f.severity, f.reasons, f.basis) for f in findings] == (
        [(AlertKind.SELF_ATTACK, R, ("fscrs_q9",), TriageBasis.SOLACE_DESIGN)] if raised else [])


@pytest.mark.parametrize(("severity", "clinic", "expected"), [
    (E, 30, DeliverySchedule(supervisors_at_once=True, escalation_minutes=10)),
    (E, 5, DeliverySchedule(supervisors_at_once=True, escalation_minutes=5)),
    (E, 12, DeliverySchedule(supervisors_at_once=True, escalation_minutes=5)),  # never under 5 minutes
    (E, 240, DeliverySchedule(supervisors_at_once=True, escalation_minutes=80)),
    (U, 30, DeliverySchedule(supervisors_at_once=False, escalation_minutes=30)),
    (R, 30, DeliverySchedule(supervisors_at_once=False, escalation_minutes=30)),
])
def test_delivery_schedule(severity: AlertSeverity, clinic: int, expected: DeliverySchedule) -> None:
    assert delivery_schedule(severity, clinic_escalation_minutes=clinic) == expected


@pytest.mark.parametrize("clinic", range(5, 241))
def test_no_severity_is_told_later_than_before(clinic: int) -> None:
    for severity in AlertSeverity:
        assert delivery_schedule(severity, clinic_escalation_minutes=clinic).escalation_minutes <= clinic
