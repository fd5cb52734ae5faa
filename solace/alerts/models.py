from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SafetyKind(models.TextChoices):
    SUICIDALITY_ITEM = "suicidality_item", _("Suicidality item answered")
    CRISIS = "crisis", _("Crisis reported")
    DETERIORATION = "deterioration", _("Severe deterioration")


class SafetyStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    RESOLVED = "resolved", _("Resolved")


class SafetyEvent(models.Model):
    """A safety signal about a patient. Written in the same transaction as the data that raised it; never deleted."""

    patient = models.ForeignKey("patients.Patient", on_delete=models.PROTECT, related_name="safety_events")
    kind = models.CharField(max_length=30, choices=SafetyKind.choices)
    status = models.CharField(max_length=20, choices=SafetyStatus.choices, default=SafetyStatus.OPEN)
    source_type = models.CharField(max_length=60)
    source_id = models.CharField(max_length=64)
    reason = models.CharField(max_length=200, help_text="Rule and item codes that raised it; no free text.")
    raised_at = models.DateTimeField(db_index=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-raised_at"]

    def __str__(self) -> str:
        return f"{self.kind} ({self.status})"

