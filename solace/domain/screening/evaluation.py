"""Screening evaluation: intake + thresholds -> an explained decision. Pure: no clock, no I/O, no Django.

Decision precedence (the issue's rule, applying the seed's "must not start" / "not yet" / "different pace"):
any `block` -> not_suitable; else any `defer` -> defer; else any `adapt` or `caution` ->
suitable_with_adaptations; else suitable. `info` findings never change the decision.
"""

from __future__ import annotations

from collections.abc import Iterable
from types import MappingProxyType

from solace.domain.screening.co_treatments import co_treatment_verdicts
from solace.domain.screening.facts import Facts
from solace.domain.screening.intake import Intake, parse_intake
from solace.domain.screening.model import Adaptation, Decision, Finding, ScreeningResult, Severity
from solace.domain.screening.prediction import predict_response
from solace.domain.screening.referrals import alternatives, next_steps
from solace.domain.screening.rules import apply_rules
from solace.domain.screening.thresholds import DEFAULT_THRESHOLDS, ScreeningThresholds

RULESET_VERSION = "2"
"""Bumped whenever a rule, a default threshold or the precedence changes; stored with every screening."""


def decide(severities: Iterable[Severity]) -> Decision:
    """The decision for a set of finding severities (precedence in the module docstring)."""
    present = set(severities)
    if Severity.BLOCK in present:
        return Decision.NOT_SUITABLE
    if Severity.DEFER in present:
        return Decision.DEFER
    if present & {Severity.ADAPT, Severity.CAUTION}:
        return Decision.SUITABLE_WITH_ADAPTATIONS
    return Decision.SUITABLE


def _adaptations(findings: tuple[Finding, ...]) -> tuple[Adaptation, ...]:
    wanted = {adaptation for finding in findings for adaptation in finding.adaptations}
    return tuple(adaptation for adaptation in Adaptation if adaptation in wanted)


def evaluate(intake: Intake, thresholds: ScreeningThresholds = DEFAULT_THRESHOLDS) -> ScreeningResult:
    """Apply every rule to a parsed intake and explain the decision (sources: see rules.py and referrals.py)."""
    facts = Facts(intake=intake, thresholds=thresholds)
    findings = apply_rules(facts)
    decision = decide(finding.severity for finding in findings)
    adaptations = _adaptations(findings)
    predicted = predict_response(facts)
    return ScreeningResult(
        decision=decision,
        findings=findings,
        adaptations=adaptations,
        co_treatments=co_treatment_verdicts(facts),
        scores=MappingProxyType({code: result.to_dict() for code, result in intake.scores.items()}),
        predicted_response=predicted,
        alternatives=alternatives(facts, findings, predicted),
        next_steps=next_steps(facts, decision, findings, adaptations),
    )


def screen(data: object, thresholds: ScreeningThresholds = DEFAULT_THRESHOLDS) -> ScreeningResult:
    """Parse intake JSON (decoded) and evaluate it: the one entry point of the CLI, the API and the web form.

    Raises IntakeError naming the offending field."""
    return evaluate(parse_intake(data), thresholds)
