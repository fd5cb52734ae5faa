"""`solace createadmin`: the first clinic administrator of a clinic (creating the clinic when needed)."""

from __future__ import annotations

import getpass
import sys
import zoneinfo
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email
from django.db import transaction
from django.utils.text import slugify

from solace.accounts.models import Clinic, User
from solace.accounts.services import member_create
from solace.audit.services import audit_record
from solace.kernel.permissions import Role

PROMPT_ATTEMPTS = 3


class Command(BaseCommand):
    help = (
        "Create a clinic administrator for the clinic named by --clinic (created if it does not exist). "
        "They set up two-factor authentication when they first sign in."
    )
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", required=True, help="the administrator's e-mail address (their login)")
        parser.add_argument("--clinic", required=True, help="the clinic's name")
        parser.add_argument("--full-name", default="", help="the administrator's full name")
        parser.add_argument("--time-zone", default=settings.TIME_ZONE, help="a new clinic's IANA time zone")
        parser.add_argument(
            "--password-stdin", action="store_true",
            help="read the password from the first line of standard input instead of prompting",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        email = _clean_email(options["email"])
        clinic_name = options["clinic"].strip()
        if not clinic_name:
            raise CommandError("--clinic: give the clinic a name.")
        if options["time_zone"] not in zoneinfo.available_timezones():
            raise CommandError(f"--time-zone: {options['time_zone']!r} is not an IANA time zone such as Europe/London.")
        candidate = User(email=email, full_name=options["full_name"])
        password = self._password(candidate, options["password_stdin"], options.get("stdin", sys.stdin))
        with transaction.atomic():
            clinic, created = _clinic_get_or_create(clinic_name, time_zone=options["time_zone"])
            user = member_create(clinic=clinic, email=email, full_name=options["full_name"],
                                 role=Role.CLINIC_ADMIN, password=password)
            audit_record(actor=None, actor_label="cli:createadmin", action="account.create_admin",
                         object_type="user", object_id=user.pk, clinic_id=clinic.pk,
                         detail={"clinic_created": created, "via": "cli"})
        self.stdout.write(self.style.SUCCESS(
            f"Created clinic administrator {email} for {'the new clinic' if created else 'the clinic'} "
            f"{clinic.name!r}."
        ))
        self.stdout.write(f"They sign in at {settings.SITE_URL}/accounts/login/ and set up two-factor there.")

    def _password(self, candidate: User, from_stdin: bool, stdin: Any) -> str:
        if from_stdin:
            password = str(stdin.readline()).rstrip("\r\n")
            problems = _password_problems(password, candidate)
            if problems:
                raise CommandError("--password: " + " ".join(problems))
            return password
        if not stdin.isatty():
            raise CommandError(
                "--password: standard input is not a terminal; pass --password-stdin and write the password to it."
            )
        return self._prompt_password(candidate)

    def _prompt_password(self, candidate: User) -> str:
        for _attempt in range(PROMPT_ATTEMPTS):
            password = getpass.getpass("Password: ")
            if getpass.getpass("Password (again): ") != password:
                self.stderr.write("The two passwords differ; try again.")
                continue
            problems = _password_problems(password, candidate)
            if not problems:
                return password
            self.stderr.write("--password: " + " ".join(problems))
        raise CommandError(f"--password: no acceptable password after {PROMPT_ATTEMPTS} attempts.")


def _clean_email(raw: str) -> str:
    email = raw.strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise CommandError(f"--email: {' '.join(exc.messages)}") from exc
    if User.objects.filter(email__iexact=email).exists():
        raise CommandError(f"--email: an account with the address {email} already exists.")
    return email


def _password_problems(password: str, candidate: User) -> list[str]:
    if not password:
        return ["The password is empty."]
    try:
        validate_password(password, user=candidate)
    except ValidationError as exc:
        return list(exc.messages)
    return []


def _clinic_get_or_create(name: str, *, time_zone: str) -> tuple[Clinic, bool]:
    existing = Clinic.objects.filter(name__iexact=name, is_demo=False).first()
    if existing is not None:
        return existing, False
    base = slugify(name) or "clinic"
    slug, number = base, 1
    while Clinic.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return Clinic.objects.create(name=name, slug=slug, time_zone=time_zone), True
