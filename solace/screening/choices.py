"""Translatable labels for the screening codes of the pure domain (solace.domain.screening)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from solace.domain.screening import Decision

DECISION_LABELS = {
    Decision.SUITABLE: _("Suitable"),
    Decision.SUITABLE_WITH_ADAPTATIONS: _("Suitable with adaptations"),
    Decision.DEFER: _("Defer: not yet"),
    Decision.NOT_SUITABLE: _("Not suitable"),
}

# django-stubs types the functional API without labels, hence the ignore.
DecisionChoice = models.TextChoices(  # type: ignore[call-overload]
    "DecisionChoice", [(decision.name, (decision.value, DECISION_LABELS[decision])) for decision in Decision])
"""The domain's decisions (solace.domain.screening.Decision) as Django choices: the codes come from the domain,
only the labels are added here."""


class SignatureKind(models.TextChoices):
    ACCEPT = "accept", _("Accept the screening decision")
    OVERRIDE = "override", _("Override it, with a written reason")


class PreferredFormat(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual sessions")
    GROUP = "group", _("A group")
    FAMILY = "family", _("With my family")
    NO_PREFERENCE = "no_preference", _("No preference")


class SelfExplorationChoice(models.TextChoices):
    HIGH = "high", _("Welcomes self-exploration")
    MODERATE = "moderate", _("Open to some self-exploration")
    LOW = "low", _("Prefers little self-exploration")


class RiskLevelChoice(models.TextChoices):
    """The clinician's risk level (solace.domain.screening.RiskLevel)."""

    LOW = "low", _("Low")
    MODERATE = "moderate", _("Moderate")
    HIGH = "high", _("High")


SEVERITY_LABELS = {
    "block": _("Contraindication"),
    "defer": _("Not yet"),
    "adapt": _("Adapt the pace"),
    "caution": _("Caution"),
    "info": _("Information"),
}
CONCERN_LABELS = {
    "chronic_depression": _("Chronic depression"),
    "ptsd": _("Post-traumatic stress disorder (PTSD)"),
    "social_anxiety": _("Social anxiety disorder"),
    "self_harm": _("Self-harm tendencies"),
    "self_criticism": _("Severe self-criticism"),
    "low_self_esteem": _("Low self-esteem"),
    "dependent_personality": _("Dependent personality disorder"),
    "highly_sensitive": _("Highly sensitive person"),
    "psychosomatic_stress": _("Psychosomatic symptoms of long-term stress"),
    "borderline_personality": _("Borderline personality disorder"),
}
FLAG_LABELS = {
    "acute_psychosis": _("Acute psychotic episode (for example acute schizophrenia)"),
    "mania_uncontrolled": _("Uncontrolled bipolar mania"),
    "dissociative_disorder_severe": _("Severe dissociative disorder"),
    "acute_crisis": _("Acute psychological crisis"),
    "substance_withdrawal": _("Withdrawal symptoms"),
    "borderline_severe": _("Severe borderline personality disorder"),
    "ptsd_diagnosis": _("PTSD diagnosis"),
    "severe_anxiety": _("Severe anxiety"),
}
TREATMENT_LABELS = {
    "cbt": _("Cognitive behavioural therapy (CBT)"),
    "rebt": _("Rational emotive behaviour therapy (REBT)"),
    "antidepressant": _("Antidepressant medication"),
    "exposure_therapy": _("Exposure therapy"),
    "mbsr": _("Mindfulness-based stress reduction (MBSR)"),
    "other": _("Other treatment"),
}
MODALITY_LABELS = {
    "individual": _("Individual therapy"),
    "group": _("Group therapy"),
    "family": _("Family intervention"),
}
ADAPTATION_LABELS = {
    "extended_foundation": _("Longer foundational phase"),
    "slow_pacing": _("Slower pacing"),
    "exposure_integration": _("Integrate exposure work"),
    "medication_monitoring": _("Monitor medication response"),
    "cbt_coordination": _("Coordinate with the other therapist"),
    "safety_plan": _("Safety plan"),
    "grounding_first": _("Grounding skills first"),
}
VERDICT_LABELS = {
    "compatible": _("Compatible"),
    "coordinate": _("Coordinate"),
    "monitor": _("Monitor"),
    "integrate": _("Integrate"),
    "not_recommended": _("Not recommended"),
}
RESPONSE_LABELS = {
    "favourable": _("Favourable"),
    "guarded": _("Guarded"),
    "poor": _("Poor"),
}
ALTERNATIVE_LABELS = {
    "psychiatric_assessment": _("Psychiatric assessment"),
    "crisis_services": _("Crisis services"),
    "addiction_services": _("Addiction and withdrawal services"),
    "mbsr": _("Mindfulness-based stress reduction (MBSR)"),
    "humanistic_therapy": _("Humanistic therapy"),
}
