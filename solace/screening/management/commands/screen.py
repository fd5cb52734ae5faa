"""`solace screen INTAKE.json`: print the screening decision for an intake as JSON (stores nothing).

Exit 0 for any decision; exit 2 for an unreadable file, invalid JSON or an invalid intake, with a message naming
the field. `-` reads the intake from standard input. `--clinic SLUG` applies that clinic's thresholds.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from solace.accounts.models import Clinic
from solace.domain.screening import DEFAULT_THRESHOLDS, IntakeError, ScreeningThresholds, screen
from solace.screening.selectors import clinic_thresholds

INVALID_INPUT = 2


class Command(BaseCommand):
    help = "Evaluate an intake (JSON file, or - for standard input) and print the screening result as JSON."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("intake", help="intake JSON file, or - to read standard input")
        parser.add_argument("--clinic", default="", help="slug of the clinic whose screening thresholds apply")

    def handle(self, *args: Any, **options: Any) -> None:
        data = _read(options["intake"])
        try:
            result = screen(data, _thresholds(options["clinic"]))
        except IntakeError as exc:
            raise CommandError(f"invalid intake: {exc}", returncode=INVALID_INPUT) from exc
        self.stdout.write(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))


def _read(name: str) -> object:
    try:
        text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"cannot read the intake {name}: {exc}", returncode=INVALID_INPUT) from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise CommandError(f"{name} is not valid JSON: {exc}", returncode=INVALID_INPUT) from exc


def _thresholds(slug: str) -> ScreeningThresholds:
    if not slug:
        return DEFAULT_THRESHOLDS
    clinic = Clinic.objects.filter(slug=slug).first()
    if clinic is None:
        raise CommandError(f"no clinic with the slug {slug!r}", returncode=INVALID_INPUT)
    return clinic_thresholds(clinic)
