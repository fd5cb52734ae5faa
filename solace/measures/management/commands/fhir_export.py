"""`solace fhir-export CODE`: print an instrument as a FHIR R4 Questionnaire (JSON)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from solace.domain.instruments import UnknownInstrument, get_instrument, instrument_list
from solace.measures.fhir import questionnaire


class Command(BaseCommand):
    help = "Print one instrument (or, with --all, every instrument as a Bundle) as a FHIR R4 Questionnaire."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", nargs="?", help="instrument code, e.g. phq9")
        parser.add_argument("--all", action="store_true", help="every instrument, as a collection Bundle")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["all"]:
            entries = [{"fullUrl": q["url"], "resource": q} for q in map(questionnaire, instrument_list())]
            self.stdout.write(json.dumps({"resourceType": "Bundle", "type": "collection", "entry": entries}, indent=2))
            return
        if not options["code"]:
            raise CommandError("give an instrument code, or --all", returncode=2)
        try:
            instrument = get_instrument(options["code"])
        except UnknownInstrument as exc:
            raise CommandError(str(exc), returncode=2) from exc
        self.stdout.write(json.dumps(questionnaire(instrument), indent=2))
