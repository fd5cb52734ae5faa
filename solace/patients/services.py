from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from solace.accounts.models import User
from solace.audit.services import audit_record
from solace.patients.choices import CareTeamRole
from solace.patients.models import CareTeamMember, Patient

PATIENT_FIELDS = (
    "given_name", "family_name", "date_of_birth", "email", "phone", "emergency_contact_name",
    "emergency_contact_phone", "preferred_language", "time_zone",
)


def patient_create(*, actor: User, data: dict[str, Any]) -> Patient:
    """Register a patient in the actor's clinic with the actor as primary clinician."""
    clinic = actor.clinic
    try:
        with transaction.atomic():
            patient = Patient.objects.create(clinic=clinic, created_by=actor, **{f: data[f] for f in PATIENT_FIELDS})
            CareTeamMember.objects.create(patient=patient, user=actor, role=CareTeamRole.PRIMARY)
            audit_record(
                actor=actor, action="patient.create", object_type="patient", object_id=patient.pk,
                patient_id=patient.pk,
            )
    except IntegrityError as exc:
        raise ValidationError({"email": _("A patient with this e-mail address is already registered.")}) from exc
    return patient


def patient_update(*, actor: User, patient: Patient, data: dict[str, Any]) -> Patient:
    changed = sorted(f for f in PATIENT_FIELDS if f in data and getattr(patient, f) != data[f])
    for field in changed:
        setattr(patient, field, data[field])
    try:
        with transaction.atomic():
            patient.save(update_fields=changed or None)
            audit_record(
                actor=actor, action="patient.update", object_type="patient", object_id=patient.pk,
                patient_id=patient.pk, detail={"fields": changed},
            )
    except IntegrityError as exc:
        raise ValidationError({"email": _("A patient with this e-mail address is already registered.")}) from exc
    return patient


def care_team_add(*, actor: User, patient: Patient, member: User, role: CareTeamRole) -> CareTeamMember:
    if member.clinic != patient.clinic or not member.is_clinic_staff:
        raise ValidationError({"member": _("Choose a clinician of this clinic.")})
    with transaction.atomic():
        entry, _created = CareTeamMember.objects.update_or_create(
            patient=patient, user=member, defaults={"role": role}
        )
        audit_record(
            actor=actor, action="care_team.add", object_type="care_team_member", object_id=entry.pk,
            patient_id=patient.pk, detail={"role": role, "member_id": member.pk},
        )
    return entry
