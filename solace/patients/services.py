from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from solace.accounts.models import Invitation, User, hash_secret
from solace.accounts.services import ConsentWording, Invitee, PendingInvitation
from solace.audit.services import audit_record
from solace.kernel.languages import language_offered
from solace.kernel.permissions import Role
from solace.patients.choices import CareTeamRole, ConsentKind
from solace.patients.models import CareTeamMember, Consent, Patient

PATIENT_FIELDS = (
    "given_name", "family_name", "date_of_birth", "email", "phone", "emergency_contact_name",
    "emergency_contact_phone", "preferred_language", "time_zone",
)


def patient_create(*, actor: User, data: dict[str, Any]) -> Patient:
    """Register a patient in the actor's clinic with the actor as primary clinician."""
    clinic = actor.clinic
    assert clinic is not None, "PATIENT_REGISTER is granted only to members of a clinic"
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
    """Add a clinician to the care team (or change their role in it). A patient has one primary clinician: naming
    a second raises a ValidationError on `role`, and nothing is saved."""
    if member.clinic != patient.clinic or not member.is_clinic_staff:
        raise ValidationError({"member": _("Choose a clinician of this clinic.")})
    with transaction.atomic():
        if role == CareTeamRole.PRIMARY:
            _check_one_primary(patient, member)
        entry, _created = CareTeamMember.objects.update_or_create(
            patient=patient, user=member, defaults={"role": role}
        )
        audit_record(
            actor=actor, action="care_team.add", object_type="care_team_member", object_id=entry.pk,
            patient_id=patient.pk, detail={"role": role, "member_id": member.pk},
        )
    return entry


def _check_one_primary(patient: Patient, member: User) -> None:
    primary = (CareTeamMember.objects.select_for_update().filter(patient=patient, role=CareTeamRole.PRIMARY)
               .exclude(user=member).select_related("user").first())
    if primary is not None:
        raise ValidationError({"role": _(
            "%(name)s is already this patient's primary clinician. Add %(member)s as a co-clinician or "
            "supervisor instead.") % {"name": primary.user, "member": member}})


# --- the patient's invitation (accepted through solace.accounts.services.invitation_accept) -----------------------

PATIENT_CONSENTS = ConsentWording(
    treatment=gettext_lazy("I agree to receive compassion-focused therapy from this clinic."),
    treatment_required=gettext_lazy("You need to agree to treatment to continue."),
    data_use=gettext_lazy("I agree that the clinic stores and uses my information as described above."),
    data_use_required=gettext_lazy("You need to agree to the use of your information to continue."),
)


def invitation_create(*, actor: User, patient: Patient, now: datetime) -> tuple[Invitation, str]:
    """A new single-use link for the patient; earlier unused links are revoked. Returns (invitation, token)."""
    if patient.user_id is not None:
        raise ValidationError({"patient": _("This patient already has an account.")})
    token = Invitation.new_token()
    with transaction.atomic():
        patient.invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True).update(revoked_at=now)
        invitation = Invitation.objects.create(
            patient=patient,
            token_hash=hash_secret(token),
            created_by=actor,
            expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
        )
        audit_record(
            actor=actor, action="invitation.create", object_type="invitation", object_id=invitation.pk,
            patient_id=patient.pk, clinic_id=patient.clinic_id,
        )
    return invitation, token


def invitation_link(token: str) -> str:
    return settings.SITE_URL + reverse("accounts:invitation_accept", kwargs={"token": token})


def invitation_send(*, invitation: Invitation, token: str) -> None:
    """E-mail the link in the patient's language. Raises on SMTP failure so the clinician can pass it on by hand."""
    patient = invitation.patient
    with translation.override(language_offered(patient.preferred_language)):
        context = {"patient": patient, "clinic": patient.clinic, "link": invitation_link(token),
                   "expires_at": invitation.expires_at}
        body = render_to_string("accounts/email/invitation.txt", context)
        send_mail(_("Your invitation to Solace"), body, None, [patient.email])


def invitation_find(token: str, now: datetime) -> PendingInvitation | None:
    """The patient's usable invitation with this token, as the shared accept page presents it."""
    invitation = (
        Invitation.objects.select_related("patient", "patient__clinic").filter(token_hash=hash_secret(token)).first()
    )
    if invitation is None or not invitation.is_usable(now):
        return None
    patient = invitation.patient
    return PendingInvitation(
        invitation=invitation,
        invitee=Invitee(clinic=patient.clinic, email=patient.email, full_name=patient.full_name, role=Role.PATIENT,
                        time_zone=patient.time_zone, language=patient.preferred_language),
        link=lambda user, now: _patient_link(invitation, user, now), consents=PATIENT_CONSENTS,
        welcome_name=patient.given_name, about_template="patients/partials/_invitation_about.html",
        context={"patient": patient, "clinic": patient.clinic}, home="site:home",
    )


def _patient_link(invitation: Invitation, user: User, now: datetime) -> None:
    """The patient's record gets its account, and both consents are recorded."""
    patient = invitation.patient
    patient.user = user
    patient.save(update_fields=["user"])
    for kind in ConsentKind:
        Consent.objects.create(
            patient=patient, kind=kind, version=settings.CONSENT_VERSIONS[kind], given_at=now, recorded_by=user
        )
    audit_record(
        actor=user, action="invitation.accept", object_type="invitation", object_id=invitation.pk,
        patient_id=patient.pk, clinic_id=patient.clinic_id,
        detail={"consents": {kind.value: settings.CONSENT_VERSIONS[kind] for kind in ConsentKind}},
    )
