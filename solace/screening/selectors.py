"""Reads for screening: a clinic's thresholds, a patient's screenings and whether a course may start."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from solace.alerts.models import SafetyEvent
from solace.domain.screening import (
    ScreeningThresholds,
    decision_allows_course,
    thresholds_from_overrides,
)
from solace.patients.models import Patient
from solace.screening.choices import DecisionChoice
from solace.screening.models import ClinicScreeningSettings, Preparation, Screening


def clinic_thresholds(clinic: Any) -> ScreeningThresholds:
    """The clinic's screening thresholds: the defaults with its stored overrides applied."""
    stored = ClinicScreeningSettings.objects.filter(clinic=clinic).values_list("overrides", flat=True).first()
    return thresholds_from_overrides(stored or {})


def screening_list(*, patient: Patient) -> QuerySet[Screening]:
    return Screening.objects.filter(patient=patient).select_related(
        "evaluated_by", "signature__signed_by", "signature__cosigned_by"
    )


def screening_latest(*, patient: Patient) -> Screening | None:
    return screening_list(patient=patient).first()


def preparation_get(*, patient: Patient) -> Preparation | None:
    return Preparation.objects.filter(patient=patient).first()


@dataclass(frozen=True)
class Clearance:
    """Whether a patient's course may be activated, and why (code for tests and the audit trail)."""

    allowed: bool
    code: str
    reason: str
    screening: Screening | None = None


def screening_clearance(*, patient: Patient) -> Clearance:
    """A course may start only when the patient's latest screening carries a signed decision that allows it:
    suitable / suitable_with_adaptations, or an override to one of them that a supervisor co-signed when the
    screening said not_suitable. A safety event raised after the signature re-opens screening (nothing is
    deleted: the check compares times)."""
    screening = screening_latest(patient=patient)
    if screening is None:
        return Clearance(False, "no_screening", _("The patient has not been screened yet."))
    signature = getattr(screening, "signature", None)
    if signature is None:
        return Clearance(False, "unsigned", _("The latest screening has no signed decision yet."), screening)
    if not decision_allows_course(signature.decision):
        message = _("The signed decision (%(decision)s) does not allow a course to start.")
        return Clearance(False, "not_allowed", message % {"decision": DecisionChoice(signature.decision).label},
                         screening)
    if signature.awaiting_cosignature:
        return Clearance(False, "awaiting_cosignature",
                         _("The override of a contraindication needs a supervisor's co-signature first."), screening)
    if SafetyEvent.objects.filter(patient=patient, raised_at__gt=signature.signed_at).exists():
        return Clearance(False, "reopened",
                         _("A safety event was raised after the decision was signed: screen the patient again."),
                         screening)
    return Clearance(True, "cleared", _("The signed screening decision allows the course to start."), screening)
