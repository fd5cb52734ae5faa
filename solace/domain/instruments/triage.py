"""Alert triage: what kind of safety signal a questionnaire's answers raise, how severe it is, and how fast the
clinic's people are told. Pure: answers and the clinic's settings in, frozen findings out.

Severity, most severe first (`SEVERITY_ORDER`):

- `emergency`: act now. Columbia "severe risk... triggers immediate referral" (Posner et al. 2011, triage
  guidelines; clinical-reference.md §2.10).
- `urgent`: the care team acts today and a second pair of eyes follows if nobody does.
- `routine`: still reaches the care team at once, to be reviewed the same day (a positive PHQ-9 item 9 "should
  trigger a suicide-risk assessment", clinical-reference.md §2.1); never "whenever convenient".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from solace.domain.instruments.definitions.cssrs_screener import LIFETIME_BEHAVIOUR, RECENT_BEHAVIOUR
from solace.domain.instruments.registry import get_instrument
from solace.domain.instruments.scoring import score_items


class AlertKind(StrEnum):
    """What a safety event is about. The last three are reserved for the practice and monitoring rules."""

    SUICIDAL_IDEATION = "suicidal_ideation"
    SUICIDAL_BEHAVIOUR = "suicidal_behaviour"
    SELF_ATTACK = "self_attack"
    CRISIS = "crisis"
    PRACTICE_REACTION = "practice_reaction"
    DETERIORATION = "deterioration"
    RELAPSE = "relapse"


class AlertSeverity(StrEnum):
    EMERGENCY = "emergency"
    URGENT = "urgent"
    ROUTINE = "routine"


SEVERITY_ORDER: tuple[AlertSeverity, ...] = (AlertSeverity.EMERGENCY, AlertSeverity.URGENT, AlertSeverity.ROUTINE)
"""Most severe first: the order of the alerts page, the caseload and the API."""


class TriageBasis(StrEnum):
    """Why a finding has its severity (shown to clinicians in words, with the source)."""

    COLUMBIA_TRIAGE = "columbia_triage"
    PHQ9_CLINIC_SETTING = "phq9_clinic_setting"
    SOLACE_DESIGN = "solace_design"
    RECORDED_BEFORE_TRIAGE = "recorded_before_triage"


@dataclass(frozen=True)
class TriageFinding:
    kind: AlertKind
    severity: AlertSeverity
    reasons: tuple[str, ...]
    """Item codes that raised it, in published order."""
    basis: TriageBasis
    source: str


PHQ9_ITEM9 = "phq9_q9"
PHQ9_URGENT_FROM_DEFAULT = 2
PHQ9_URGENT_FROM_CHOICES = (1, 2, 3)
COLUMBIA_SOURCE = "Columbia triage guidelines (Posner et al. 2011); clinical-reference.md §2.10"
CSSRS_IDEATION_ITEMS = ("cssrs_screener_q1", "cssrs_screener_q2", "cssrs_screener_q3", "cssrs_screener_q4",
                        "cssrs_screener_q5")
CSSRS_RISK_SEVERITY = {"high": AlertSeverity.EMERGENCY, "moderate": AlertSeverity.URGENT,
                       "low": AlertSeverity.ROUTINE}


def cssrs_risk_severity(risk: str) -> AlertSeverity | None:
    """Columbia risk level -> severity: high -> emergency ("immediate referral"), moderate -> urgent, low ->
    routine, none -> no alert. Source: Columbia triage guidelines (Posner et al. 2011) [C] for high; the moderate
    and low colour bands [S] (clinical-reference.md §2.10)."""
    return CSSRS_RISK_SEVERITY.get(risk)


def phq9_item9_severity(answer: int, *, urgent_from: int = PHQ9_URGENT_FROM_DEFAULT) -> AlertSeverity | None:
    """PHQ-9 item 9 answer (0 not at all ... 3 nearly every day) -> severity. Any positive answer raises an alert
    (Kroenke et al. 2001: it "should trigger a suicide-risk assessment", clinical-reference.md §2.1); answers at or
    above the clinic's `urgent_from` (default 2, "more than half the days") are urgent, answer 1 ("several days")
    routine, reviewed the same day. Never an emergency on its own: item 9 does not ask about intent or plan.
    Solace design choice (the split and the default)."""
    if answer < 1:
        return None
    return AlertSeverity.URGENT if answer >= urgent_from else AlertSeverity.ROUTINE


def triage(instrument_code: str, answers: Mapping[str, int | None], *,
           phq9_urgent_from: int = PHQ9_URGENT_FROM_DEFAULT) -> tuple[TriageFinding, ...]:
    """The safety findings of one questionnaire's answers (keyed by item code), most severe first; () when none.

    C-SSRS screener: suicidal ideation (items 1-5) and suicidal behaviour (item 6 lifetime and its 3-month
    follow-up) each get their own finding, graded by the Columbia triage guidelines (Posner et al. 2011,
    `cssrs_risk_severity`): behaviour within 3 months -> emergency, only longer ago -> urgent. PHQ-9 item 9: see
    `phq9_item9_severity`. FSCRS item 9 (self-attack, at its critical threshold, any answer above 0): routine; flagging
    it is a Solace design choice (clinical-reference.md §2.4: "a design suggestion, not a published rule").
    Raises AnswerError for answers the instrument refuses.
    """
    result = score_items(instrument_code, answers)
    critical = set(result.critical_items)
    findings: list[TriageFinding] = []
    if instrument_code == "cssrs_screener":
        findings = _cssrs_findings(result.answers, critical)
    elif instrument_code == "phq9" and PHQ9_ITEM9 in critical:
        severity = phq9_item9_severity(result.answers[PHQ9_ITEM9] or 0, urgent_from=phq9_urgent_from)
        if severity is not None:
            findings.append(TriageFinding(AlertKind.SUICIDAL_IDEATION, severity, (PHQ9_ITEM9,),
                                          TriageBasis.PHQ9_CLINIC_SETTING,
                                          "Kroenke et al. 2001 (clinical-reference.md §2.1); Solace design choice"))
    elif critical:
        kind = AlertKind.SELF_ATTACK if instrument_code == "fscrs" else AlertKind.SUICIDAL_IDEATION
        findings.append(TriageFinding(kind, AlertSeverity.ROUTINE, _ordered(instrument_code, critical),
                                      TriageBasis.SOLACE_DESIGN, "Solace design choice"))
    return tuple(sorted(findings, key=lambda finding: SEVERITY_ORDER.index(finding.severity)))


def _cssrs_findings(answers: Mapping[str, int | None], critical: set[str]) -> list[TriageFinding]:
    findings = []
    ideation = tuple(code for code in CSSRS_IDEATION_ITEMS if code in critical)
    if ideation:
        risk = "high" if {"cssrs_screener_q4", "cssrs_screener_q5"} & critical else (
            "moderate" if "cssrs_screener_q3" in critical else "low")
        findings.append(_columbia(AlertKind.SUICIDAL_IDEATION, risk, ideation))
    if answers.get(LIFETIME_BEHAVIOUR) or answers.get(RECENT_BEHAVIOUR):
        recent = bool(answers.get(RECENT_BEHAVIOUR))
        behaviour = tuple(code for code in (LIFETIME_BEHAVIOUR, RECENT_BEHAVIOUR) if code in critical)
        findings.append(_columbia(AlertKind.SUICIDAL_BEHAVIOUR, "high" if recent else "moderate", behaviour))
    return findings


def _columbia(kind: AlertKind, risk: str, reasons: tuple[str, ...]) -> TriageFinding:
    severity = CSSRS_RISK_SEVERITY[risk]
    return TriageFinding(kind, severity, reasons, TriageBasis.COLUMBIA_TRIAGE, COLUMBIA_SOURCE)


def _ordered(instrument_code: str, codes: set[str]) -> tuple[str, ...]:
    return tuple(code for code in get_instrument(instrument_code).item_codes if code in codes)


def most_severe(severities: list[AlertSeverity]) -> AlertSeverity | None:
    """The most severe of several (`SEVERITY_ORDER`), None for none. Solace design choice."""
    return min(severities, key=SEVERITY_ORDER.index, default=None)


# --- who is told when ----------------------------------------------------------------------------------------------

EMERGENCY_ESCALATION_FRACTION = 3
EMERGENCY_ESCALATION_MINIMUM = 5


@dataclass(frozen=True)
class DeliverySchedule:
    supervisors_at_once: bool
    """The clinic's supervisors are told when the event is raised, with the care team."""
    escalation_minutes: int
    """Minutes after the event when supervisors are told (again) that nobody acknowledged it."""


def delivery_schedule(severity: AlertSeverity, *, clinic_escalation_minutes: int) -> DeliverySchedule:
    """Who is told when. Every severity: the care team at once. Urgent and routine: supervisors after the clinic's
    escalation delay (the schedule every alert had before severities). Emergency: supervisors at once too, and
    the escalation after a third of the clinic's delay, never under 5 minutes (30 -> 10). Nothing is ever told
    later than that earlier schedule. Solace design choice: the Columbia guidelines ask for immediate referral at
    high risk (Posner et al. 2011), so a second clinician must hear of it at once; 5 minutes gives the care team a
    chance to acknowledge before the reminder."""
    if severity is AlertSeverity.EMERGENCY:
        shorter = max(clinic_escalation_minutes // EMERGENCY_ESCALATION_FRACTION, EMERGENCY_ESCALATION_MINIMUM)
        return DeliverySchedule(supervisors_at_once=True,
                                escalation_minutes=min(shorter, clinic_escalation_minutes))
    return DeliverySchedule(supervisors_at_once=False, escalation_minutes=clinic_escalation_minutes)
