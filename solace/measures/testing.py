"""Factories for measures in tests and the access matrix: real rows, written through the real services."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.utils import timezone

from solace.accounts.models import User
from solace.domain.instruments import get_instrument
from solace.measures import services
from solace.measures.choices import Cadence, ResponseStatus
from solace.measures.models import MeasureAssignment, MeasureResponse
from solace.patients.models import Patient
from solace.testing.factories import Cast

CALM_PHQ9 = (1, 1, 0, 1, 0, 0, 1, 0, 0)


def response_create(patient: Patient, code: str, answers: Sequence[int | None], *, actor: User,
                    at: datetime | None = None) -> MeasureResponse:
    """A submitted response with answers in published item order."""
    instrument = get_instrument(code)
    keyed = dict(zip(instrument.item_codes, answers, strict=True))
    return services.response_submit(actor=actor, patient=patient, instrument_code=code, answers=keyed,
                                    now=at or timezone.now())


def cast_response(cast: Cast) -> MeasureResponse:
    """The cast patient's PHQ-9 response (created on first use)."""
    existing = cast.patient.measure_responses.filter(instrument_code="phq9", status=ResponseStatus.SUBMITTED).first()
    return existing or response_create(cast.patient, "phq9", CALM_PHQ9, actor=cast.patient_user)


def wording_supply(clinic_admin: User, *codes: str) -> None:
    """The clinic's licensed wording for every item of these instruments (placeholder text, as an administrator
    would paste it), so that they may be assigned."""
    for code in codes:
        instrument = get_instrument(code)
        services.clinic_wording_save(actor=clinic_admin, instrument_code=code, now=timezone.now(),
                                     texts={item.code: f"Wording of {instrument.title}, item {item.position}"
                                            for item in instrument.items})


def cast_assignment(cast: Cast) -> MeasureAssignment:
    """An active assignment of the cast patient (created again when a previous request removed it)."""
    active = cast.patient.measure_assignments.filter(removed_at__isnull=True, instrument_code="k10").first()
    if active is None:
        wording_supply(cast.clinic_admin, "k10")
    return active or services.assignment_add(actor=cast.assigned_clinician, patient=cast.patient, instrument_code="k10",
                                             cadence=Cadence.ONCE, now=timezone.now())
