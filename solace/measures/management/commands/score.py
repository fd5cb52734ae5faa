"""`solace score CODE --answers 1,0,2,...`: score answers with the domain and print the result as JSON."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from solace.domain.instruments import AnswerError, UnknownInstrument, score


class Command(BaseCommand):
    help = (
        "Score answers given in the instrument's published item order (comma-separated; leave a place empty for "
        "an unanswered item) and print the result as JSON. Exit status 2 on an unknown instrument or a bad answer."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="instrument code, e.g. phq9 (see `solace instruments`)")
        parser.add_argument("--answers", required=True, help="answers in published item order, e.g. 1,0,2,3,1,0,0,1,0")

    def handle(self, *args: Any, **options: Any) -> None:
        answers = [part.strip() for part in options["answers"].split(",")]
        try:
            result = score(options["code"], answers)
        except UnknownInstrument as exc:
            raise CommandError(str(exc), returncode=2) from exc
        except AnswerError as exc:
            raise CommandError(exc.message, returncode=2) from exc
        self.stdout.write(json.dumps(result.to_dict(), indent=2))
