from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from solace.kernel.permissions import STAFF_ROLES, Role


def hash_secret(raw: str) -> str:
    """Invitation and API-token secrets are stored only as their SHA-256 digest."""
    return hashlib.sha256(raw.encode()).hexdigest()


class Clinic(models.Model):
    """An organisation that delivers CFT: its members, patients and crisis contacts."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(unique=True)
    time_zone = models.CharField(_("time zone"), max_length=64, default="Europe/London")
    crisis_phone = models.CharField(
        _("crisis line"), max_length=100, default="999 or 112 (emergency), 116 123 (Samaritans)"
    )
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("email is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in: staff of a clinic or a patient. The e-mail address is the login."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, default="Europe/London")
    language = models.CharField(_("language"), max_length=10, default="en")
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False, help_text="Django admin access (not a clinic role).")
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()
    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    # Bound on request.user by django_otp's OTPMiddleware: has this session passed the second factor?
    is_verified: Callable[[], bool]

    def __str__(self) -> str:
        return self.full_name or self.email

    @cached_property
    def membership(self) -> Membership | None:
        """The user's clinic membership (Solace gives each account one clinic and one role)."""
        return self.memberships.select_related("clinic").first()

    @property
    def role(self) -> str | None:
        return self.membership.role if self.membership else None

    @property
    def clinic(self) -> Clinic | None:
        return self.membership.clinic if self.membership else None

    @property
    def is_clinic_staff(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def is_patient(self) -> bool:
        return self.role == Role.PATIENT


class Membership(models.Model):
    """A user's role in a clinic."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user"], name="one_clinic_per_user")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.clinic}"


class Invitation(models.Model):
    """A single-use, expiring link that lets a patient create their account and consent."""

    patient = models.ForeignKey("patients.Patient", on_delete=models.CASCADE, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"invitation {self.pk}"

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)

    def is_usable(self, now: Any) -> bool:
        return self.accepted_at is None and self.revoked_at is None and now < self.expires_at



class ApiToken(models.Model):
    """A personal API token: shown once, stored hashed, revocable."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
