"""`solace plan INTAKE.json [--format group] [--weeks N] [--minutes M]`: screen an intake, then print the course
plan as JSON (the planning domain's CoursePlan.to_dict()). Stores nothing.

Exit 0 with the plan; exit 2 when the screening does not allow a course (the reason is printed), and for an
unreadable file, invalid JSON, an invalid intake or an invalid choice (the message names the field). `-` reads the
intake from standard input; `--clinic SLUG` applies that clinic's screening thresholds.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from solace.domain.planning import PlanInputError, PlanRefused, PlanRequest, plan_course
from solace.domain.screening import IntakeError, evaluate, parse_intake
from solace.screening.management.commands.screen import INVALID_INPUT, _read, _thresholds


class Command(BaseCommand):
    help = "Screen an intake (JSON file, or - for standard input) and print its course plan as JSON."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("intake", help="intake JSON file, or - to read standard input")
        parser.add_argument("--format", default="individual", help="individual (default), group or family")
        parser.add_argument("--weeks", type=int, default=None, help="course length, 12-20 weeks")
        parser.add_argument("--minutes", type=int, default=None, help="session length, 60-90 minutes")
        parser.add_argument("--clinic", default="", help="slug of the clinic whose screening thresholds apply")

    def handle(self, *args: Any, **options: Any) -> None:
        data = _read(options["intake"])
        thresholds = _thresholds(options["clinic"])
        try:
            intake = parse_intake(data)
        except IntakeError as exc:
            raise CommandError(f"invalid intake: {exc}", returncode=INVALID_INPUT) from exc
        result = evaluate(intake, thresholds)  # the same steps as `screen(data, thresholds)`, keeping the intake
        request = PlanRequest(decision=result.decision.value, format=options["format"],
                              adaptations=tuple(a.value for a in result.adaptations), weeks=options["weeks"],
                              session_minutes=options["minutes"],
                              concerns=tuple(c.value for c in intake.presenting_concerns))
        try:
            plan = plan_course(request)
        except PlanRefused as exc:
            raise CommandError(f"no course: screening decision {result.decision.value}: {exc.reason}",
                               returncode=INVALID_INPUT) from exc
        except PlanInputError as exc:
            field = {"session_minutes": "minutes"}.get(exc.field, exc.field)
            raise CommandError(f"invalid {field}: {exc.message}", returncode=INVALID_INPUT) from exc
        self.stdout.write(json.dumps(plan.to_dict(), indent=2, ensure_ascii=False))
