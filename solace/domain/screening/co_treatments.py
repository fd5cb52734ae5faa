"""Concurrent treatments: what each means for CFT, from the seed document's advice on combining treatments.

cbt              -> coordinate        "can be combined with CBT, but care must be taken to avoid conflicts"
antidepressant   -> monitor           "monitoring is necessary for potential changes in medication response"
rebt             -> not_recommended   "not recommended alongside therapies that overly emphasize rational analysis"
exposure_therapy -> integrate (PTSD)  "PTSD patients might need to combine exposure therapy"
                 -> coordinate (otherwise: another psychotherapy, "inform the therapist in advance")
mbsr             -> compatible        Solace judgement: mindfulness is itself a CFT skill (clinical-reference.md
                                      §1.3); the seed lists MBSR as an alternative, never as a conflict
other            -> coordinate        "The treatment team should evaluate the appropriateness of integrating"
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from solace.domain.screening import sources
from solace.domain.screening.facts import Facts
from solace.domain.screening.intake import ConcurrentTreatment
from solace.domain.screening.model import Adaptation, CoTreatment, Severity, TreatmentKind, Verdict
from solace.domain.screening.text import gettext_noop


def _always(facts: Facts) -> bool:
    return True


def _with_ptsd(facts: Facts) -> bool:
    return facts.ptsd() is not None


@dataclass(frozen=True)
class CoTreatmentRule:
    """The verdict on one kind of concurrent treatment; `severity` None means it raises no finding."""

    rule: str
    kind: TreatmentKind
    verdict: Verdict
    message: str
    source: str
    severity: Severity | None
    adaptations: tuple[Adaptation, ...] = ()
    applies: Callable[[Facts], bool] = _always


CO_TREATMENT_RULES: tuple[CoTreatmentRule, ...] = (
    CoTreatmentRule(
        rule="co_treatment_cbt", kind=TreatmentKind.CBT, verdict=Verdict.COORDINATE,
        message=gettext_noop(
            "CBT can be combined with CFT, but agree with the CBT therapist how to avoid conflicting techniques."
        ),
        source=sources.SEED_CBT, severity=Severity.CAUTION, adaptations=(Adaptation.CBT_COORDINATION,),
    ),
    CoTreatmentRule(
        rule="co_treatment_rebt", kind=TreatmentKind.REBT, verdict=Verdict.NOT_RECOMMENDED,
        message=gettext_noop(
            "CFT is not recommended alongside rational-emotive therapy: its focus on rational analysis may confuse "
            "the treatment focus. Agree with the patient and the other therapist to sequence the two."
        ),
        source=sources.SEED_RATIONAL, severity=Severity.CAUTION,
    ),
    CoTreatmentRule(
        rule="co_treatment_antidepressant", kind=TreatmentKind.ANTIDEPRESSANT, verdict=Verdict.MONITOR,
        message=gettext_noop(
            "Antidepressants: monitor for changes in medication response as emotional sensitivity increases, and "
            "keep the prescriber informed."
        ),
        source=sources.SEED_ANTIDEPRESSANTS, severity=Severity.CAUTION,
        adaptations=(Adaptation.MEDICATION_MONITORING,),
    ),
    CoTreatmentRule(
        rule="co_treatment_exposure_ptsd", kind=TreatmentKind.EXPOSURE_THERAPY, verdict=Verdict.INTEGRATE,
        message=gettext_noop(
            "Exposure therapy with PTSD: plan how exposure work and CFT are combined rather than run side by side."
        ),
        source=sources.SEED_PACING_ANXIETY, severity=Severity.ADAPT,
        adaptations=(Adaptation.EXPOSURE_INTEGRATION,), applies=_with_ptsd,
    ),
    CoTreatmentRule(
        rule="co_treatment_exposure", kind=TreatmentKind.EXPOSURE_THERAPY, verdict=Verdict.COORDINATE,
        message=gettext_noop(
            "Exposure therapy without a PTSD finding: coordinate with the exposure therapist so the techniques do "
            "not conflict."
        ),
        source=sources.SEED_OTHER_THERAPY, severity=Severity.CAUTION, adaptations=(Adaptation.CBT_COORDINATION,),
    ),
    CoTreatmentRule(
        rule="co_treatment_mbsr", kind=TreatmentKind.MBSR, verdict=Verdict.COMPATIBLE,
        message=gettext_noop("MBSR is compatible: mindfulness is also practised in CFT."),
        source=f"{sources.SOLACE}; {sources.MINDFULNESS_IN_CFT}",
        severity=None,
    ),
    CoTreatmentRule(
        rule="co_treatment_other", kind=TreatmentKind.OTHER, verdict=Verdict.COORDINATE,
        message=gettext_noop(
            "Another treatment: the treatment team should agree how it fits with CFT and adjust intensity and "
            "homework so the two do not interfere."
        ),
        source=sources.SEED_OTHER_THERAPY, severity=Severity.CAUTION,
    ),
)


def co_treatment_rule(treatment: ConcurrentTreatment, facts: Facts) -> CoTreatmentRule:
    """The first rule for the treatment's kind that applies (every kind has a rule that always applies)."""
    return next(r for r in CO_TREATMENT_RULES if r.kind is treatment.kind and r.applies(facts))


def co_treatment_verdicts(facts: Facts) -> tuple[CoTreatment, ...]:
    """One verdict per concurrent treatment, in the order given."""
    verdicts = []
    for treatment in facts.intake.concurrent_treatments:
        rule = co_treatment_rule(treatment, facts)
        verdicts.append(CoTreatment(kind=treatment.kind, name=treatment.name, verdict=rule.verdict,
                                    message=rule.message))
    return tuple(verdicts)


MINIMUM_PLAN_LENGTH = 10
"""Solace design choice: the same minimum as an override's written reason."""


def co_treatment_plan_required(verdicts: Iterable[Verdict | str]) -> bool:
    """Whether signing the decision needs the clinician's written plan for a concurrent treatment: yes when any
    co-treatment is not recommended alongside CFT. Source: the seed ("It is not recommended to conduct alongside
    therapies that overly emphasize rational analysis (such as Rational Emotive Therapy) ... The treatment team
    should evaluate the appropriateness of integrating different techniques"); requiring a written plan at
    signature is a Solace design choice so the evaluation is recorded."""
    return any(verdict == Verdict.NOT_RECOMMENDED.value for verdict in verdicts)


def co_treatment_plan_missing(verdicts: Iterable[Verdict | str], plan: str) -> bool:
    """Whether the written plan a signature needs (`co_treatment_plan_required`) is missing or too short
    (under MINIMUM_PLAN_LENGTH characters once trimmed). Same sources as `co_treatment_plan_required`."""
    return co_treatment_plan_required(verdicts) and len(plan.strip()) < MINIMUM_PLAN_LENGTH
