from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from solace.accounts.models import ApiToken, Clinic, Membership, User, hash_secret
from solace.audit.services import audit_record
from solace.kernel.permissions import STAFF_ROLES, Role

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

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
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


# --- invitations -------------------------------------------------------------------------------------------------
# One way to accept a single-use invitation. What the new account joins (a patient's record, a family member's place
# in a course) belongs to a higher app, which registers its kind of invitation from its AppConfig.ready().


class SingleUseInvitation(Protocol):
    """A stored invitation: only the hash of its token is kept; accepting it once uses it up."""

    pk: Any
    accepted_at: datetime | None

    def is_usable(self, now: Any) -> bool: ...

    def save(self, *, update_fields: list[str]) -> None: ...


@dataclass(frozen=True)
class Invitee:
    """The account an invitation creates: who, in which clinic, with which role."""

    clinic: Clinic
    email: str
    full_name: str
    role: Role
    time_zone: str
    language: str


@dataclass(frozen=True)
class ConsentWording:
    """The two agreements on the accept page, in the words of the invitation's kind."""

    treatment: StrOrPromise
    treatment_required: StrOrPromise
    data_use: StrOrPromise
    data_use_required: StrOrPromise


@dataclass(frozen=True)
class PendingInvitation:
    """A usable invitation as its kind presents it: who accepts, what they agree to, what accepting links."""

    invitation: SingleUseInvitation
    invitee: Invitee
    link: Callable[[User, datetime], None]  # joins the new account to its record, records consent, audits
    consents: ConsentWording
    welcome_name: str
    about_template: str  # the kind's own paragraph: who invites, and what the person agrees to
    context: dict[str, Any]
    home: str  # where the new account lands (a URL name)


InvitationFinder = Callable[[str, datetime], PendingInvitation | None]
_INVITATION_KINDS: dict[str, InvitationFinder] = {}


def invitation_kind_register(kind: str, find: InvitationFinder) -> None:
    """Called from a higher app's AppConfig.ready(): how to find its invitations by their token."""
    _INVITATION_KINDS[kind] = find


def invitation_pending(kind: str, token: str, *, now: datetime) -> PendingInvitation | None:
    """The usable invitation of this kind with this token, or None (unknown, used, revoked or expired)."""
    return _INVITATION_KINDS[kind](token, now)


def invitation_accept(*, pending: PendingInvitation, password: str, now: datetime) -> User:
    """Create the invitee's account, link it (the kind's hook, which records consent), and use up the invitation,
    all or nothing."""
    invitee = pending.invitee
    with transaction.atomic():
        locked = type(pending.invitation).objects.select_for_update().get(pk=pending.invitation.pk)  # type: ignore[attr-defined]
        if not locked.is_usable(now):
            raise ValidationError({"token": _("This invitation has already been used or has expired.")})
        if User.objects.filter(email__iexact=invitee.email).exists():
            raise ValidationError({"email": _("An account with this e-mail address already exists.")})
        user = member_create(clinic=invitee.clinic, email=invitee.email, full_name=invitee.full_name,
                             role=invitee.role, password=password)
        user.time_zone, user.language = invitee.time_zone, invitee.language
        user.save(update_fields=["time_zone", "language"])
        pending.link(user, now)
        locked.accepted_at = now
        locked.save(update_fields=["accepted_at"])
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


def api_token_revoke(*, token: ApiToken, now: datetime) -> ApiToken:
    """Revoke a token its owner reached through the gate (solace.accounts.access.access_api_token)."""
    with transaction.atomic():
        ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=now)
        audit_record(actor=token.user, action="api_token.revoke", object_type="api_token", object_id=token.pk)
    token.revoked_at = now
    return token


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
    clinic = actor.clinic
    assert clinic is not None, "STAFF_MANAGE is granted only to members of a clinic"
    with transaction.atomic():
        user = member_create(clinic=clinic, email=email, full_name=full_name, role=role, password=None)
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
