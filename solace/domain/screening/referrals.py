"""Alternatives, referrals and next steps, from the findings and the patient's preferences.

- A contraindication (`block`) or severe dissociative symptoms: psychiatric assessment (seed contraindications
  and "Important Warning").
- An acute crisis, suicide risk at the clinic's deferral level on the C-SSRS, or high risk on the clinician's
  structured risk assessment: crisis services now (seed "Important Warning"; the C-SSRS triage guidelines'
  "immediate referral" at severe risk, clinical-reference.md §2.10).
- Withdrawal symptoms: addiction services, to manage withdrawal before starting (seed "Important Warning").
- Otherwise, the seed's alternatives by the patient's acceptance of self-exploration: MBSR ("present-moment
  awareness rather than emotional restructuring") when acceptance is low; humanistic therapy ("fewer
  neuroscience-based techniques") when the patient is open to self-exploration but the compassion measures
  predict a poor response. Offering a psychological alternative only once no referral is needed is a Solace
  design choice: MBSR or humanistic therapy does not replace psychiatric or crisis care.
"""

from __future__ import annotations

from solace.domain.screening import sources
from solace.domain.screening.facts import Facts
from solace.domain.screening.model import (
    Adaptation,
    Alternative,
    AlternativeCode,
    Decision,
    Finding,
    Modality,
    PredictedResponse,
    ResponseLevel,
    SelfExploration,
    Severity,
    TreatmentKind,
    decision_allows_course,
)
from solace.domain.screening.text import gettext_noop

PSYCHIATRIC = Alternative(
    AlternativeCode.PSYCHIATRIC_ASSESSMENT,
    gettext_noop("A contraindication or severe dissociative symptoms need psychiatric assessment and treatment "
                 "first; CFT can be reconsidered once they have resolved."),
    f"{sources.SEED_CONTRAINDICATIONS}; {sources.SEED_WARNING}",
)
CRISIS = Alternative(
    AlternativeCode.CRISIS_SERVICES,
    gettext_noop("An acute crisis or suicide risk needs the crisis services or the clinic's crisis pathway now; "
                 "CFT is not suitable for immediate treatment."),
    sources.SEED_WARNING,
)
ADDICTION = Alternative(
    AlternativeCode.ADDICTION_SERVICES,
    gettext_noop("Withdrawal symptoms need medical or addiction services to manage withdrawal before CFT starts."),
    sources.SEED_WARNING,
)
MBSR = Alternative(
    AlternativeCode.MBSR,
    gettext_noop("The patient accepts little self-exploration: mindfulness-based stress reduction emphasises "
                 "present-moment awareness rather than emotional restructuring."),
    sources.SEED_ALTERNATIVES,
)
HUMANISTIC = Alternative(
    AlternativeCode.HUMANISTIC_THERAPY,
    gettext_noop("The patient is open to self-exploration but the compassion measures suggest a poor response to "
                 "CFT: humanistic therapy uses fewer neuroscience-based techniques."),
    sources.SEED_ALTERNATIVES,
)

PSYCHIATRIC_RULES = frozenset({"dissociation_symptoms_severe"})
CRISIS_RULES = frozenset({"acute_crisis", "suicide_risk", "suicide_risk_assessed_high"})
ADDICTION_RULES = frozenset({"substance_withdrawal"})


def alternatives(facts: Facts, findings: tuple[Finding, ...], predicted: PredictedResponse) -> tuple[Alternative, ...]:
    fired = {finding.rule for finding in findings}
    referrals = []
    if any(f.severity is Severity.BLOCK for f in findings) or fired & PSYCHIATRIC_RULES:
        referrals.append(PSYCHIATRIC)
    if fired & CRISIS_RULES:
        referrals.append(CRISIS)
    if fired & ADDICTION_RULES:
        referrals.append(ADDICTION)
    if referrals:
        return tuple(referrals)
    acceptance = facts.intake.self_exploration_acceptance
    if acceptance is SelfExploration.LOW and not facts.intake.treatments_of(TreatmentKind.MBSR):
        return (MBSR,)
    if acceptance is not SelfExploration.LOW and predicted.level is ResponseLevel.POOR:
        return (HUMANISTIC,)
    return ()


DECISION_STEPS = {
    Decision.NOT_SUITABLE: (
        gettext_noop("Do not start CFT. Make the referrals listed under alternatives and screen again when the "
                     "contraindication has resolved."),
        gettext_noop("Overriding this decision needs a written reason and a supervisor's co-signature."),
    ),
    Decision.DEFER: (
        gettext_noop("Do not start CFT yet. Address each finding marked defer, then screen again."),
    ),
    Decision.SUITABLE_WITH_ADAPTATIONS: (
        gettext_noop("Sign the decision, then plan the course with the adaptations listed."),
    ),
    Decision.SUITABLE: (gettext_noop("Sign the decision, then plan the course."),),
}
MODALITY_STEPS = {
    Modality.INDIVIDUAL: gettext_noop("Plan the course as individual therapy, the patient's preferred format."),
    Modality.GROUP: gettext_noop("Plan the course as group therapy, the patient's preferred format."),
    Modality.FAMILY: gettext_noop("Plan the course as a family intervention, the patient's preferred format."),
}
CRISIS_CONTACTS = gettext_noop("Give the patient the crisis contacts now.")
SAFETY_PLAN = gettext_noop("Agree a written safety plan with the patient before the first session.")
CONFIRM_REGULATION = gettext_noop(
    "Confirm basic emotion-regulation capacity in the comprehensive assessment (for example with the DERS-16)."
)
ASSESS_COMPASSION = gettext_noop("Assess compassion tendencies (CEAS, FCS or SCS-SF) before the first session.")
PREPARATION = gettext_noop(
    "Ask the patient to fill in the preparation form: when self-criticism is strongest, what has helped with "
    "anxiety before, their goals and their preferred format."
)


def next_steps(
    facts: Facts, decision: Decision, findings: tuple[Finding, ...], adaptations: tuple[Adaptation, ...]
) -> tuple[str, ...]:
    fired = {finding.rule for finding in findings}
    steps = list(DECISION_STEPS[decision])
    if fired & CRISIS_RULES:
        steps.append(CRISIS_CONTACTS)
    if Adaptation.SAFETY_PLAN in adaptations:
        steps.append(SAFETY_PLAN)
    if decision_allows_course(decision):
        if "emotion_regulation_unmeasured" in fired:
            steps.append(CONFIRM_REGULATION)
        if "compassion_tendency_unmeasured" in fired:
            steps.append(ASSESS_COMPASSION)
        if facts.intake.modality_preference is not None:
            steps.append(MODALITY_STEPS[facts.intake.modality_preference])
        steps.append(PREPARATION)
    return tuple(steps)
