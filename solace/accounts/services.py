from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from solace.accounts.choices import STAFF_ROLES, Role
from solace.accounts.models import ApiToken, Clinic, Invitation, Membership, User, hash_secret
from solace.audit.services import audit_record
from solace.patients.choices import ConsentKind
from solace.patients.models import Consent, Patient

RECOVERY_CODE_COUNT = 10


def member_create(*, clinic: Clinic, email: str, full_name: str, role: Role, password: str | None) -> User:
    """Create a user and their clinic membership in one step."""
    with transaction.atomic():
        user = User.objects.create_user(email=email, password=password, full_name=full_name)
        Membership.objects.create(user=user, clinic=clinic, role=role)
    return user


# --- two-factor -------------------------------------------------------------------------------------------------


def totp_device_start(*, user: User) -> TOTPDevice:
    """An unconfirmed authenticator for enrolment; an earlier unconfirmed one is replaced."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


def totp_device_confirm(*, user: User, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm enrolment with a first code; returns fresh recovery codes, or None if the code was wrong."""
    if not device.verify_token(token):
        return None
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = recovery_codes_generate(user=user)
        audit_record(actor=user, action="account.two_factor_enrolled", object_type="user", object_id=user.pk)
    return codes


def recovery_codes_generate(*, user: User) -> list[str]:
    """Ten single-use recovery codes; earlier ones stop working. Shown once, stored by django-otp."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name="Recovery codes")
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def has_confirmed_totp(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


# --- invitations -----------------------------------------------------------------------------------------------


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
    with translation.override(patient.preferred_language):
        context = {"patient": patient, "clinic": patient.clinic, "link": invitation_link(token),
                   "expires_at": invitation.expires_at}
        body = render_to_string("accounts/email/invitation.txt", context)
        send_mail(_("Your invitation to Solace"), body, None, [patient.email])


def invitation_find(token: str, *, now: datetime) -> Invitation | None:
    invitation = (
        Invitation.objects.select_related("patient", "patient__clinic").filter(token_hash=hash_secret(token)).first()
    )
    if invitation is None or not invitation.is_usable(now):
        return None
    return invitation


def invitation_accept(*, invitation: Invitation, password: str, now: datetime) -> User:
    """Create the patient's account, record both consents, and use up the invitation, all or nothing."""
    patient = invitation.patient
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not locked.is_usable(now):
            raise ValidationError({"token": _("This invitation has already been used or has expired.")})
        if User.objects.filter(email__iexact=patient.email).exists():
            raise ValidationError({"email": _("An account with this e-mail address already exists.")})
        user = member_create(
            clinic=patient.clinic, email=patient.email, full_name=patient.full_name, role=Role.PATIENT,
            password=password,
        )
        user.time_zone = patient.time_zone
        user.language = patient.preferred_language
        user.save(update_fields=["time_zone", "language"])
        patient.user = user
        patient.save(update_fields=["user"])
        for kind in ConsentKind:
            Consent.objects.create(
                patient=patient, kind=kind, version=settings.CONSENT_VERSIONS[kind], given_at=now, recorded_by=user
            )
        locked.accepted_at = now
        locked.save(update_fields=["accepted_at"])
        audit_record(
            actor=user, action="invitation.accept", object_type="invitation", object_id=locked.pk,
            patient_id=patient.pk, clinic_id=patient.clinic_id,
            detail={"consents": {kind.value: settings.CONSENT_VERSIONS[kind] for kind in ConsentKind}},
        )
    return user


# --- API tokens ------------------------------------------------------------------------------------------------


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new personal token; the raw value is returned once and only its hash is kept."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name.")})
    raw = "sol_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name[:100], prefix=raw[:12], token_hash=hash_secret(raw))
    audit_record(actor=user, action="api_token.create", object_type="api_token", object_id=token.pk)
    return token, raw


def api_token_revoke(*, user: User, token_id: int, now: datetime) -> bool:
    updated = ApiToken.objects.filter(user=user, pk=token_id, revoked_at__isnull=True).update(revoked_at=now)
    if updated:
        audit_record(actor=user, action="api_token.revoke", object_type="api_token", object_id=token_id)
    return bool(updated)


def api_token_authenticate(raw: str) -> User | None:
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=hash_secret(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


def staff_needs_two_factor(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_clinic_staff)


def staff_add(*, actor: User, email: str, full_name: str, role: Role) -> User:
    """A clinic admin adds a member of staff; they choose their password from an e-mailed single-use link."""
    if role not in STAFF_ROLES:
        raise ValidationError({"role": _("Choose a staff role.")})
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("An account with this e-mail address already exists.")})
    with transaction.atomic():
        user = member_create(clinic=actor.clinic, email=email, full_name=full_name, role=role, password=None)
        audit_record(actor=actor, action="member.add", object_type="user", object_id=user.pk,
                     detail={"role": role})
    return user


def staff_welcome_send(*, user: User) -> None:
    """E-mail a new member of staff the link to choose a password (Django's one-time reset token)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = settings.SITE_URL + reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    body = render_to_string("accounts/email/staff_welcome.txt", {"user": user, "clinic": user.clinic, "link": link})
    send_mail(_("Your Solace staff account"), body, None, [user.email])
