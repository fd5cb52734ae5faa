"""The screening rules: each has an id, a severity, a plain explanation and its source, and a check that returns
the evidence that made it apply (or None).

Sources: the seed document for every contraindication, deferral, pacing and co-treatment rule (published CFT
sources name no formal contraindication, clinical-reference.md §4.3 [X]); clinical-reference.md §2 for the
instrument thresholds, which come from `ScreeningThresholds` and are cited in each finding's source.
Adding a rule: docs/dev/adding-a-screening-rule.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from solace.domain.screening import sources
from solace.domain.screening.co_treatments import CO_TREATMENT_RULES, co_treatment_rule
from solace.domain.screening.facts import Evidence, Facts, shown
from solace.domain.screening.model import Adaptation, ClinicalFlag, Concern, Finding, RiskLevel, Severity
from solace.domain.screening.text import gettext_noop

COMPASSION_TENDENCY_INSTRUMENTS = ("ceas", "fcs", "scs_sf")
SEED_INDICATED_CONCERNS = tuple(c for c in Concern if c is not Concern.BORDERLINE_PERSONALITY)


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    message: str
    """A fixed sentence (translated at display time); the numbers go in the evidence."""
    source: str
    check: Callable[[Facts], Evidence]
    adaptations: tuple[Adaptation, ...] = ()
    thresholds: tuple[str, ...] = ()
    """Names of the `ScreeningThresholds` the check uses; their sources are appended to the finding's source."""

    def apply(self, facts: Facts) -> Finding | None:
        evidence = self.check(facts)
        if evidence is None:
            return None
        cited = [facts.thresholds.citation(name).text() for name in self.thresholds]
        source = sources.CITATION_SEPARATOR.join([self.source, *cited])
        return Finding(rule=self.id, severity=self.severity, message=self.message, source=source,
                       evidence=evidence, adaptations=self.adaptations)


def _flag(flag: ClinicalFlag) -> Callable[[Facts], Evidence]:
    return lambda facts: facts.flag(flag)


def _any(*found: Evidence) -> Evidence:
    return "; ".join(e for e in found if e) or None


# --- checks on scores -----------------------------------------------------------------------------------------


def _cssrs_defer(facts: Facts) -> Evidence:
    level = facts.thresholds.cssrs_defer_level
    if facts.cssrs_at_or_above(level):
        return f"C-SSRS screener risk {facts.cssrs_risk()} (defers at {level} or above)"
    return None


def _suicide_unassessed(facts: Facts) -> Evidence:
    if facts.phq9_item9_positive() and facts.suicide_risk_assessed_by() is None:
        return (f"PHQ-9 item 9 answered {facts.answer('phq9', 'phq9_q9')}; neither a C-SSRS screener nor a "
                "clinician's structured risk assessment in this intake")
    return None


def _risk_assessed_at(level: RiskLevel) -> Callable[[Facts], Evidence]:
    def check(facts: Facts) -> Evidence:
        if facts.risk_assessment_level() is not level:
            return None
        return f"risk {level.value} on the {facts.risk_assessment_named()}"
    return check


def _suicide_screen_missing(facts: Facts) -> Evidence:
    unscreened = facts.score("phq9") is None and facts.suicide_risk_assessed_by() is None
    if facts.thresholds.require_suicide_screen and unscreened:
        return "neither PHQ-9, C-SSRS screener nor a clinician's structured risk assessment in this intake"
    return None


def _suicidal_thoughts(facts: Facts) -> Evidence:
    found = []
    if facts.cssrs_at_or_above("low"):
        found.append(f"C-SSRS screener risk {facts.cssrs_risk()}")
    if facts.phq9_item9_positive():
        found.append(f"PHQ-9 item 9 answered {facts.answer('phq9', 'phq9_q9')}")
    if found and (assessed_by := facts.suicide_risk_assessed_by()):
        level = facts.risk_assessment_level()
        found.append(f"assessed with the {assessed_by}{f' (risk {level.value})' if level else ''}")
    return _any(*found)


def _des2_at(threshold: float) -> Callable[[Facts], Evidence]:
    def check(facts: Facts) -> Evidence:
        mean = facts.total("des2")
        return f"DES-II mean {shown(mean)} (threshold {shown(threshold)})" if mean is not None and mean >= threshold \
            else None
    return check


def _des2_defer(facts: Facts) -> Evidence:
    return _des2_at(facts.thresholds.des2_defer_at)(facts)


def _des2_grounding(facts: Facts) -> Evidence:
    return _des2_at(facts.thresholds.des2_grounding_at)(facts)


def _severe_anxiety(facts: Facts) -> Evidence:
    total, at = facts.total("gad7"), facts.thresholds.gad7_severe_at
    gad7 = f"GAD-7 total {shown(total)} (severe at {at})" if total is not None and total >= at else None
    return _any(facts.flag(ClinicalFlag.SEVERE_ANXIETY), gad7)


def _extreme_self_criticism(facts: Facts) -> Evidence:
    hated, inadequate = facts.subscale("fscrs", "hated_self"), facts.subscale("fscrs", "inadequate_self")
    found = []
    if hated is not None and hated >= facts.thresholds.fscrs_hated_self_at:
        found.append(f"FSCRS Hated Self {shown(hated)} (threshold {facts.thresholds.fscrs_hated_self_at})")
    if inadequate is not None and inadequate >= facts.thresholds.fscrs_inadequate_self_at:
        found.append(
            f"FSCRS Inadequate Self {shown(inadequate)} (threshold {facts.thresholds.fscrs_inadequate_self_at})"
        )
    return _any(*found)


def _emotion_regulation_low(facts: Facts) -> Evidence:
    total, at = facts.total("ders16"), facts.thresholds.ders16_grounding_at
    return f"DERS-16 total {shown(total)} (threshold {at})" if total is not None and total >= at else None


def _fears_of_compassion_high(facts: Facts) -> Evidence:
    at = facts.thresholds.fcs_high_item_mean
    found = []
    for subscale, items, label in (("for_self", 15, "for self"), ("from_others", 13, "from others")):
        value = facts.subscale("fcs", subscale)
        if value is not None and value / items >= at:
            found.append(f"FCS fear of compassion {label}: item mean {shown(value / items)} (high at {shown(at)})")
    return _any(*found)


def _self_harm(facts: Facts) -> Evidence:
    answer, at = facts.answer("fscrs", "fscrs_q9"), facts.thresholds.fscrs_item9_at
    item9 = f"FSCRS item 9 answered {answer}" if answer is not None and answer >= at else None
    return _any(facts.concern(Concern.SELF_HARM), item9)


def _under_adult_age(facts: Facts) -> Evidence:
    age, adult = facts.intake.age, facts.thresholds.adult_age
    return f"age {age} (under {adult})" if age < adult else None


def _indicated(facts: Facts) -> Evidence:
    found = [c.value for c in facts.intake.presenting_concerns if c in SEED_INDICATED_CONCERNS]
    return f"presenting concerns: {', '.join(found)}" if found else None


def _borderline_not_severe(facts: Facts) -> Evidence:
    if facts.intake.has_flag(ClinicalFlag.BORDERLINE_SEVERE):
        return None
    return facts.concern(Concern.BORDERLINE_PERSONALITY)


def _unmeasured(*codes: str) -> Callable[[Facts], Evidence]:
    def check(facts: Facts) -> Evidence:
        if any(facts.score(code) is not None for code in codes):
            return None
        return f"not given: {', '.join(codes)}"
    return check


def _co_treatment(rule_id: str) -> Callable[[Facts], Evidence]:
    def check(facts: Facts) -> Evidence:
        matching = [t for t in facts.intake.concurrent_treatments if co_treatment_rule(t, facts).rule == rule_id]
        names = [f"{t.kind.value}{f' ({t.name})' if t.name else ''}" for t in matching]
        return f"concurrent treatment: {', '.join(names)}" if names else None
    return check


# --- the catalogue ----------------------------------------------------------------------------------------------

RULES: tuple[Rule, ...] = (
    Rule("acute_psychosis", Severity.BLOCK, gettext_noop(
        "Acute psychotic (schizophrenia) episode: a contraindication to CFT. Refer for psychiatric assessment."),
        sources.SEED_CONTRAINDICATIONS, _flag(ClinicalFlag.ACUTE_PSYCHOSIS)),
    Rule("mania_uncontrolled", Severity.BLOCK, gettext_noop(
        "Uncontrolled bipolar mania: a contraindication to CFT. Refer for psychiatric assessment."),
        sources.SEED_CONTRAINDICATIONS, _flag(ClinicalFlag.MANIA_UNCONTROLLED)),
    Rule("dissociative_disorder_severe", Severity.BLOCK, gettext_noop(
        "Severe dissociative disorder: a contraindication to CFT. Refer for specialist assessment."),
        sources.SEED_CONTRAINDICATIONS, _flag(ClinicalFlag.DISSOCIATIVE_DISORDER_SEVERE)),
    Rule("acute_crisis", Severity.DEFER, gettext_noop(
        "Acute psychological crisis: not suitable for immediate treatment. Stabilise first, then screen again."),
        sources.SEED_WARNING, _flag(ClinicalFlag.ACUTE_CRISIS)),
    Rule("substance_withdrawal", Severity.DEFER, gettext_noop(
        "Withdrawal symptoms: rule them out before starting. Start CFT once withdrawal is managed."),
        sources.SEED_WARNING, _flag(ClinicalFlag.SUBSTANCE_WITHDRAWAL)),
    Rule("suicide_risk", Severity.DEFER, gettext_noop(
        "Suicide risk on the C-SSRS screener: complete a risk assessment and safety plan before starting CFT."),
        f"{sources.SEED_WARNING}; {sources.CSSRS_TRIAGE}", _cssrs_defer,
        (Adaptation.SAFETY_PLAN,), ("cssrs_defer_level",)),
    Rule("suicide_risk_assessed_high", Severity.DEFER, gettext_noop(
        "High suicide risk on the clinician's structured risk assessment: not suitable for immediate treatment. "
        "Refer to crisis services and agree a safety plan now."),
        f"{sources.SEED_WARNING}; {sources.CSSRS_TRIAGE}",
        _risk_assessed_at(RiskLevel.HIGH), (Adaptation.SAFETY_PLAN,)),
    Rule("suicide_risk_assessed_moderate", Severity.DEFER, gettext_noop(
        "Moderate suicide risk on the clinician's structured risk assessment: agree a safety plan and review the "
        "risk before starting CFT."),
        f"{sources.SEED_WARNING}; {sources.CSSRS_TRIAGE}",
        _risk_assessed_at(RiskLevel.MODERATE), (Adaptation.SAFETY_PLAN,)),
    Rule("suicide_risk_unassessed", Severity.DEFER, gettext_noop(
        "Thoughts of death or self-harm on PHQ-9 item 9 without a suicide-risk assessment: assess the risk "
        "(with the C-SSRS screener or your own structured risk assessment) before starting CFT."),
        f"{sources.SEED_WARNING}; {sources.PHQ9_ITEM9}", _suicide_unassessed,
        (Adaptation.SAFETY_PLAN,), ("phq9_item9_at",)),
    Rule("suicide_screen_missing", Severity.DEFER, gettext_noop(
        "No suicide screen in this intake: suicidal tendencies must be ruled out before starting. Add the PHQ-9 "
        "or the C-SSRS screener."),
        sources.SEED_WARNING, _suicide_screen_missing, (), ("require_suicide_screen",)),
    Rule("dissociation_symptoms_severe", Severity.DEFER, gettext_noop(
        "Severe dissociative symptoms on the DES-II: not suitable for immediate treatment. Assess for a "
        "dissociative disorder first."),
        f"{sources.SEED_WARNING}; {sources.DES2}", _des2_defer,
        (Adaptation.GROUNDING_FIRST,), ("des2_defer_at",)),
    Rule("severe_anxiety", Severity.ADAPT, gettext_noop(
        "Severe anxiety: plan a longer foundational phase before compassion-focused imagery and exposure to "
        "self-criticism."),
        f"{sources.SEED_PACING_ANXIETY}; {sources.GAD7_BANDS}", _severe_anxiety,
        (Adaptation.EXTENDED_FOUNDATION,), ("gad7_severe_at",)),
    Rule("borderline_severe", Severity.ADAPT, gettext_noop(
        "Severe borderline personality disorder: plan a longer foundational phase."),
        sources.SEED_PACING_BORDERLINE, _flag(ClinicalFlag.BORDERLINE_SEVERE), (Adaptation.EXTENDED_FOUNDATION,)),
    Rule("self_criticism_extreme", Severity.ADAPT, gettext_noop(
        "Extreme self-criticism: the patient may resist contact with therapy at first, so adjust the pace "
        "carefully."),
        f"{sources.SEED_PACING_SELF_CRITICISM}; {sources.FSCRS}", _extreme_self_criticism,
        (Adaptation.SLOW_PACING,), ("fscrs_hated_self_at", "fscrs_inadequate_self_at")),
    Rule("ptsd_exposure", Severity.ADAPT, gettext_noop(
        "PTSD: CFT may need to be combined with exposure work; use CFT first for stabilisation."),
        f"{sources.SEED_PACING_ANXIETY}; {sources.CFT_PTSD_STABILISATION}; {sources.PCL5}",
        lambda facts: facts.ptsd(),
        (Adaptation.EXPOSURE_INTEGRATION,), ("pcl5_probable_ptsd_at",)),
    Rule("dissociation_symptoms_elevated", Severity.ADAPT, gettext_noop(
        "Raised dissociative symptoms on the DES-II: teach grounding before compassion-focused imagery."),
        f"{sources.SOLACE}; {sources.DES2}", _des2_grounding,
        (Adaptation.GROUNDING_FIRST,), ("des2_grounding_at",)),
    Rule("emotion_regulation_low", Severity.ADAPT, gettext_noop(
        "Marked difficulties in emotion regulation on the DERS-16: confirm basic regulation capacity and teach "
        "grounding and soothing-rhythm breathing first."),
        f"{sources.SEED_ASSESSMENT}; {sources.DERS16}", _emotion_regulation_low,
        (Adaptation.GROUNDING_FIRST, Adaptation.EXTENDED_FOUNDATION), ("ders16_grounding_at",)),
    Rule("fears_of_compassion_high", Severity.ADAPT, gettext_noop(
        "High fears of compassion: compassion-focused practice can feel threatening at first. Work with the "
        "fears and go slowly."),
        f"{sources.FEARS_OF_COMPASSION}; {sources.FCS}", _fears_of_compassion_high,
        (Adaptation.SLOW_PACING,), ("fcs_high_item_mean",)),
    Rule("suicidal_thoughts_safety_plan", Severity.CAUTION, gettext_noop(
        "Suicidal thoughts were reported: agree a safety plan and review risk at every session."),
        f"{sources.SEED_WARNING}; {sources.PHQ9_ITEM9}; {sources.CSSRS_TRIAGE}", _suicidal_thoughts,
        (Adaptation.SAFETY_PLAN,), ("phq9_item9_at",)),
    Rule("self_harm_safety_plan", Severity.CAUTION, gettext_noop(
        "Self-harm or wanting to hurt oneself: CFT is indicated, and a safety plan should be in place."),
        f"{sources.SEED_INDICATIONS}; {sources.FSCRS_ITEM9}", _self_harm,
        (Adaptation.SAFETY_PLAN,), ("fscrs_item9_at",)),
    Rule("age_under_adult", Severity.CAUTION, gettext_noop(
        "Under adult age: the instruments used here are adult forms. Use adolescent versions where they exist "
        "and consider the family intervention format."),
        f"{sources.SOLACE}; {sources.SEED_FAMILY_FORMAT}", _under_adult_age, (), ("adult_age",)),
    *(
        Rule(r.rule, r.severity, r.message, r.source, _co_treatment(r.rule), r.adaptations)
        for r in CO_TREATMENT_RULES if r.severity is not None
    ),
    Rule("indicated_concerns", Severity.INFO, gettext_noop(
        "The presenting concerns are among those the seed document names CFT as suitable for."),
        sources.SEED_INDICATIONS, _indicated),
    Rule("borderline_personality", Severity.INFO, gettext_noop(
        "Borderline personality: watch whether a longer foundational phase is needed."),
        sources.SEED_PACING_BORDERLINE, _borderline_not_severe),
    Rule("emotion_regulation_unmeasured", Severity.INFO, gettext_noop(
        "Emotion regulation was not measured: confirm basic emotion-regulation capacity in the assessment "
        "(for example with the DERS-16)."),
        sources.SEED_ASSESSMENT, _unmeasured("ders16")),
    Rule("compassion_tendency_unmeasured", Severity.INFO, gettext_noop(
        "No compassion-tendency measure was given: assess it (CEAS, FCS or SCS-SF) before treatment."),
        sources.SEED_COMPASSION_SCALE, _unmeasured(*COMPASSION_TENDENCY_INSTRUMENTS)),
)

SEVERITY_ORDER = tuple(Severity)


def apply_rules(facts: Facts) -> tuple[Finding, ...]:
    """Every finding, strongest severity first, then in catalogue order."""
    findings = [finding for rule in RULES if (finding := rule.apply(facts)) is not None]
    return tuple(sorted(findings, key=lambda finding: SEVERITY_ORDER.index(finding.severity)))


def rule_ids() -> tuple[str, ...]:
    return tuple(rule.id for rule in RULES)
