from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from solace.screening.choices import DecisionChoice, PreferredFormat, SignatureKind


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
