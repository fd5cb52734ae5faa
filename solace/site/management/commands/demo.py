"""`solace demo`: load the fictional demo clinic (idempotent) and print its logins."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from solace.patients.models import Patient
from solace.site import demo
from solace.site.demo_measures import demo_measures_create

COLUMNS = ("E-mail", "Role", "Password", "TOTP secret (base32)", "otpauth URI")


class Command(BaseCommand):
    help = (
        "Create the demo clinic (fictional staff, 40 patients, courses, sessions, safety events) unless it exists, "
        "and print its logins. Refuses when the database holds real patients."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty", action="store_true",
            help="only load the demo into a database without clinics; with real data, say so and exit 0",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and demo.real_data_exists():
            self.stdout.write("This database holds real clinic data: the demo was not loaded.")
            return
        refusal = demo.demo_refusal()
        if refusal:
            raise CommandError(refusal, returncode=2)
        created = demo.demo_clinic_get() is None
        clinic = demo.demo_load(today=timezone.localdate(), now=timezone.now())
        if created:
            demo_measures_create(clinic, now=timezone.now())
        verb = "Created" if created else "The demo clinic already exists:"
        patients = Patient.objects.filter(clinic=clinic).count()
        self.stdout.write(self.style.SUCCESS(f"{verb} {clinic.name} with {patients} demo patients."))
        self._print_logins(demo.demo_logins(clinic))

    def _print_logins(self, logins: list[demo.DemoLogin]) -> None:
        rows = [
            (login.email, str(login.role.label), demo.DEMO_PASSWORD, login.totp_secret or "-", login.otpauth_uri or "-")
            for login in logins
        ]
        widths = [max(len(row[column]) for row in [COLUMNS, *rows]) for column in range(len(COLUMNS))]
        self.stdout.write("")
        self.stdout.write(f"Demo logins (every one uses the password {demo.DEMO_PASSWORD}):")
        for row in [COLUMNS, tuple("-" * width for width in widths), *rows]:
            self.stdout.write("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
        self.stdout.write("")
        self.stdout.write(
            "Staff sign in with a six-digit code: add their TOTP secret (or otpauth URI) to an authenticator app. "
            "Patients sign in without one."
        )
