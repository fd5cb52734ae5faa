from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from solace.screening.choices import DecisionChoice, PreferredFormat, RiskLevelChoice, SignatureKind


class ClinicScreeningSettings(models.Model):
    """A clinic's overrides of the screening thresholds; only values that differ from the defaults are stored
    (solace.domain.screening.ScreeningThresholds)."""

    clinic = models.OneToOneField("accounts.Clinic", on_delete=models.CASCADE, related_name="screening_settings")
    overrides = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)

    def __str__(self) -> str:
        return f"screening settings of clinic {self.clinic_id}"


class Screening(models.Model):
    """One evaluated intake: the normalised intake, the result (the contract's JSON), and the thresholds and
    ruleset version it was evaluated with, so the result can always be explained as it was."""

    patient = models.ForeignKey("patients.Patient", on_delete=models.PROTECT, related_name="screenings")
    intake = models.JSONField()
    result = models.JSONField()
    decision = models.CharField(max_length=30, choices=DecisionChoice.choices)
    thresholds = models.JSONField()
    ruleset_version = models.CharField(max_length=10)
    evaluated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    evaluated_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-evaluated_at", "-id"]

    def __str__(self) -> str:
        return f"screening {self.pk} ({self.decision})"


class ScreeningSignature(models.Model):
    """The clinician's signed decision on a screening: accept its decision, or override it with a written reason.

    Overriding a `not_suitable` screening needs a supervisor's co-signature (another user, signing separately);
    until then the signature does not allow a course to start."""

    screening = models.OneToOneField(Screening, on_delete=models.PROTECT, related_name="signature")
    kind = models.CharField(max_length=10, choices=SignatureKind.choices)
    decision = models.CharField(max_length=30, choices=DecisionChoice.choices)
    reason = models.TextField(_("reason"), blank=True)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField()
    needs_cosignature = models.BooleanField(default=False)
    cosigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    cosigned_at = models.DateTimeField(null=True, blank=True)
    co_treatment_plan = models.TextField(_("plan for the not-recommended co-treatment"), blank=True)
    """The clinician's written plan acknowledging a co-treatment not recommended alongside CFT (REBT); required
    at signature only when the result lists one (solace.domain.screening.co_treatment_plan_required)."""

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(kind="accept") | ~Q(reason=""), name="override_has_reason"),
            models.CheckConstraint(
                condition=Q(cosigned_by__isnull=True) | ~Q(cosigned_by=models.F("signed_by")),
                name="cosigner_is_another_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.decision}"

    @property
    def awaiting_cosignature(self) -> bool:
        return self.needs_cosignature and self.cosigned_at is None


class RiskAssessment(models.Model):
    """The clinician's own structured suicide-risk assessment, recorded at intake with the screening it was entered
    with, for clinics not licensed to use the C-SSRS electronically. Signed when it is recorded (by the clinician
    who entered it) and read-only from then on: a new assessment comes with a new screening."""

    patient = models.ForeignKey("patients.Patient", on_delete=models.PROTECT, related_name="risk_assessments")
    screening = models.OneToOneField(Screening, on_delete=models.PROTECT, related_name="risk_assessment")
    level = models.CharField(_("risk level"), max_length=10, choices=RiskLevelChoice.choices)
    protective_factors = models.TextField(_("protective factors"), blank=True)
    safety_plan_in_place = models.BooleanField(_("safety plan in place"))
    assessed_on = models.DateField(_("date of the assessment"))
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"risk assessment {self.pk} ({self.level})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("A signed risk assessment is read-only.")
        super().save(*args, **kwargs)


class Preparation(models.Model):
    """What the patient prepares before the first session (the seed's advice to patients): when self-criticism
    is strongest, what has helped with anxiety before, their goals and their preferred format."""

    patient = models.OneToOneField("patients.Patient", on_delete=models.CASCADE, related_name="preparation")
    self_criticism_moments = models.TextField(
        _("Situations or times when you are most self-critical"), blank=True, max_length=4000
    )
    anxiety_helpers = models.TextField(_("What has helped you with anxiety before"), blank=True, max_length=4000)
    goals = models.TextField(_("What you hope to get from therapy"), blank=True, max_length=4000)
    preferred_format = models.CharField(
        _("How you would prefer to meet"), max_length=20, choices=PreferredFormat.choices, blank=True
    )
    updated_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"preparation of patient {self.patient_id}"
