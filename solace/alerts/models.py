from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from solace.alerts.choices import (
    DeliveryChannel,
    DeliveryLevel,
    SafetyKind,
    SafetyStatus,
    Severity,
    SeverityBasis,
    SkipReason,
)
from solace.domain.instruments.triage import PHQ9_URGENT_FROM_CHOICES, PHQ9_URGENT_FROM_DEFAULT

__all__ = ["AlertDelivery", "ClinicAlertSettings", "SafetyEvent", "SafetyKind", "SafetyStatus", "Severity"]

DEFAULT_ESCALATION_MINUTES = 30
# A Solace design choice, not a published figure: under 5 minutes supervisors are paged before the care team
# could have read the e-mail; over 4 hours a suicidality signal would wait half a working day for a second pair
# of eyes.
ESCALATION_MINUTES_RANGE = (5, 240)


class SafetyEvent(models.Model):
    """A safety signal about a patient: its kind and its severity (which decides who is told when, and the order
    of every alert list). Written in the same transaction as the data that raised it; never deleted."""

    patient = models.ForeignKey("patients.Patient", on_delete=models.PROTECT, related_name="safety_events")
    kind = models.CharField(max_length=30, choices=SafetyKind.choices)
    severity = models.CharField(max_length=20, choices=Severity.choices, db_index=True)
    severity_basis = models.CharField(max_length=40, choices=SeverityBasis.choices,
                                      help_text="Why the event has its severity (a rule and its source).")
    status = models.CharField(max_length=20, choices=SafetyStatus.choices, default=SafetyStatus.OPEN)
    source_type = models.CharField(max_length=60)
    source_id = models.CharField(max_length=64)
    reason = models.CharField(max_length=200, help_text="Rule and item codes that raised it; no free text.")
    raised_at = models.DateTimeField(db_index=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolution_note = models.CharField(
        max_length=500, blank=True, help_text="The clinician's short note on what was done (shown in Solace only)."
    )

    class Meta:
        ordering = ["-raised_at"]

    def __str__(self) -> str:
        return f"{self.kind} ({self.status})"


class AlertDelivery(models.Model):
    """One notice of a safety event to one person: a row first, then the dispatcher's job.

    Care-team rows are due when the event is raised; escalation rows (the clinic's supervisors) after the clinic's
    delay (shorter for an emergency, whose supervisors also get a `supervisor` row due at once). A row ends sent
    or skipped (with the reason), never deleted; until then every failed attempt is counted and the next one is
    scheduled with back-off.
    """

    event = models.ForeignKey(SafetyEvent, on_delete=models.PROTECT, related_name="deliveries")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    level = models.CharField(max_length=20, choices=DeliveryLevel.choices)
    channel = models.CharField(max_length=20, choices=DeliveryChannel.choices, default=DeliveryChannel.EMAIL)
    due_at = models.DateTimeField()
    next_attempt_at = models.DateTimeField(help_text="Due time, then the retry time or a dispatcher's claim.")
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    skipped_at = models.DateTimeField(null=True, blank=True)
    skip_reason = models.CharField(max_length=40, choices=SkipReason.choices, blank=True)

    class Meta:
        ordering = ["due_at", "level", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "recipient", "level", "channel"], name="alert_delivery_once"),
            models.CheckConstraint(
                condition=Q(sent_at__isnull=True) | Q(skipped_at__isnull=True), name="alert_delivery_sent_or_skipped"
            ),
            models.CheckConstraint(
                condition=Q(skipped_at__isnull=True) | ~Q(skip_reason=""), name="alert_delivery_skip_has_reason"
            ),
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"], name="alert_delivery_pending",
                condition=Q(sent_at__isnull=True, skipped_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.level} {self.channel} for event {self.event_id}"

    @property
    def pending(self) -> bool:
        return self.sent_at is None and self.skipped_at is None


class ClinicAlertSettings(models.Model):
    """A clinic's alert settings: how long an unacknowledged safety event waits before its supervisors are told,
    and from which PHQ-9 item 9 answer an alert is urgent. No row means the defaults."""

    clinic = models.OneToOneField("accounts.Clinic", on_delete=models.CASCADE, related_name="alert_settings")
    escalation_minutes = models.PositiveIntegerField(
        default=DEFAULT_ESCALATION_MINUTES,
        validators=[MinValueValidator(ESCALATION_MINUTES_RANGE[0]), MaxValueValidator(ESCALATION_MINUTES_RANGE[1])],
    )
    phq9_item9_urgent_from = models.PositiveSmallIntegerField(
        default=PHQ9_URGENT_FROM_DEFAULT, choices=[(value, str(value)) for value in PHQ9_URGENT_FROM_CHOICES],
        help_text="PHQ-9 item 9 answers at or above this are urgent; lower positive answers routine.",
    )
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)

    def __str__(self) -> str:
        return f"alert settings of clinic {self.clinic_id}"
