from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from solace.measures.choices import Cadence, ResponseOrigin, ResponseStatus


class MeasureAssignment(models.Model):
    """A clinician's request that a patient complete an instrument: once, before every session, every N weeks or
    at course milestones. Removing it keeps the row (removed_at) so the schedule's history stays readable."""

    patient = models.ForeignKey("patients.Patient", on_delete=models.CASCADE, related_name="measure_assignments")
    course = models.ForeignKey(
        "courses.TreatmentCourse", on_delete=models.SET_NULL, null=True, blank=True, related_name="measure_assignments"
    )
    instrument_code = models.CharField(max_length=40)
    cadence = models.CharField(max_length=20, choices=Cadence.choices)
    interval_weeks = models.PositiveSmallIntegerField(null=True, blank=True)
    milestones = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "instrument_code", "cadence"], condition=Q(removed_at__isnull=True),
                name="one_active_assignment_per_instrument_and_cadence",
            ),
            models.CheckConstraint(
                condition=Q(cadence=Cadence.EVERY_N_WEEKS, interval_weeks__gte=1)
                | (~Q(cadence=Cadence.EVERY_N_WEEKS) & Q(interval_weeks__isnull=True)),
                name="interval_only_for_every_n_weeks",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instrument_code} {self.cadence}"


class MeasureResponse(models.Model):
    """One completion of an instrument by a patient: a draft while being filled in, then submitted.

    Keeps the answers keyed by item code, the instrument version and scoring version it was scored with, and the
    domain's full score (ScoreResult.to_dict()). `total` and `band` repeat the score for charts and queries.
    Addressed by a random UUID so that URLs carry nothing guessable.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    patient = models.ForeignKey("patients.Patient", on_delete=models.PROTECT, related_name="measure_responses")
    instrument_code = models.CharField(max_length=40)
    instrument_version = models.CharField(max_length=40)
    scoring_version = models.CharField(max_length=20, blank=True)
    status = models.CharField(max_length=20, choices=ResponseStatus.choices, default=ResponseStatus.DRAFT)
    answers = models.JSONField(default=dict, blank=True)
    score = models.JSONField(null=True, blank=True)
    total = models.FloatField(null=True, blank=True)
    band = models.CharField(max_length=40, blank=True)
    started_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    submitted_at = models.DateTimeField(null=True, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    origin = models.CharField(max_length=20, choices=ResponseOrigin.choices, default=ResponseOrigin.QUESTIONNAIRE)

    class Meta:
        ordering = ["submitted_at", "started_at"]
        indexes = [models.Index(fields=["patient", "instrument_code", "status", "submitted_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "instrument_code"], condition=Q(status=ResponseStatus.DRAFT),
                name="one_draft_per_patient_and_instrument",
            ),
            models.CheckConstraint(
                condition=Q(status=ResponseStatus.DRAFT, submitted_at__isnull=True, score__isnull=True)
                | Q(status=ResponseStatus.SUBMITTED, submitted_at__isnull=False, score__isnull=False),
                name="submitted_response_has_score_and_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instrument_code} {self.status}"

    @property
    def critical_items(self) -> list[str]:
        return list((self.score or {}).get("critical_items", []))

    @property
    def answered_count(self) -> int:
        return sum(1 for value in self.answers.values() if value is not None)

    @property
    def score_total(self) -> Any:
        """The total exactly as the domain gave it (an int stays an int)."""
        return (self.score or {}).get("total")


class ScoreRevision(models.Model):
    """An earlier score of a submitted response, kept when a re-score (`solace rescore`) replaced it."""

    response = models.ForeignKey(MeasureResponse, on_delete=models.PROTECT, related_name="score_revisions")
    scoring_version = models.CharField(max_length=20)
    score = models.JSONField()
    replaced_at = models.DateTimeField()
    replaced_by_scoring_version = models.CharField(max_length=20)
    reason = models.CharField(max_length=60, default="rescore")

    class Meta:
        ordering = ["replaced_at", "id"]

    def __str__(self) -> str:
        return f"{self.response_id} v{self.scoring_version}"


class ClinicItemWording(models.Model):
    """A clinic's licensed wording of one item of an instrument whose wording Solace may not ship."""

    clinic = models.ForeignKey("accounts.Clinic", on_delete=models.CASCADE, related_name="item_wordings")
    instrument_code = models.CharField(max_length=40)
    item_code = models.CharField(max_length=60)
    text = models.TextField()
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["clinic", "item_code"], name="one_wording_per_clinic_item")]

    def __str__(self) -> str:
        return f"{self.clinic_id} {self.item_code}"
