"""Screenings for tests and the access matrix: real rows, written through the real services."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone

from solace.accounts.models import User
from solace.patients.models import Patient
from solace.screening import services
from solace.screening.choices import SignatureKind
from solace.screening.models import Screening
from solace.testing.factories import Cast

CALM_INTAKE: dict[str, Any] = {
    "age": 34, "presenting_concerns": ["self_criticism"],
    "responses": {"phq9": [1, 1, 0, 1, 0, 0, 1, 0, 0], "ders16": [2] * 16, "ceas": [7] * 13},
}
"""An intake that screens as suitable (no rule above `info`)."""

BLOCKED_INTAKE: dict[str, Any] = {
    "age": 41, "presenting_concerns": ["chronic_depression"], "clinical_flags": {"acute_psychosis": True},
    "responses": {"phq9": [2, 2, 1, 2, 1, 1, 1, 0, 0]},
}
"""An intake with a seed contraindication (acute psychosis): not_suitable."""


def screening_create(patient: Patient, *, actor: User, data: dict[str, Any] | None = None,
                     at: datetime | None = None) -> Screening:
    return services.screening_record(actor=actor, patient=patient, data=data or CALM_INTAKE,
                                     now=at or timezone.now())


def cast_screening(cast: Cast) -> Screening:
    """A new, unsigned screening of the cast patient (one per request, so that every signer finds it unsigned)."""
    return screening_create(cast.patient, actor=cast.assigned_clinician)


def cast_override_awaiting_cosignature(cast: Cast) -> Screening:
    """A not_suitable screening the assigned clinician has overridden, awaiting a supervisor's co-signature."""
    screening = screening_create(cast.patient, actor=cast.assigned_clinician, data=BLOCKED_INTAKE)
    services.screening_sign(actor=cast.assigned_clinician, screening=screening, kind=SignatureKind.OVERRIDE,
                            decision="suitable_with_adaptations", reason="Psychosis resolved per psychiatrist.",
                            now=timezone.now())
    return screening
