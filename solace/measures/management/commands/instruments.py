"""`solace instruments`: the instrument library (code, version, title, items, wording, licence)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from solace.measures.selectors import instrument_catalogue

COLUMNS = ("code", "version", "title", "items", "wording", "licence")
LICENCE_WIDTH = 60


class Command(BaseCommand):
    help = "List the instruments Solace ships: code, version, title, number of items, wording and licence."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="print the full list as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        catalogue = instrument_catalogue()
        if options["json"]:
            self.stdout.write(json.dumps(catalogue, indent=2))
            return
        rows = [tuple(self._cell(entry, column) for column in COLUMNS) for entry in catalogue]
        widths = [max(len(row[index]) for row in [COLUMNS, *rows]) for index in range(len(COLUMNS))]
        for row in [COLUMNS, tuple("-" * width for width in widths), *rows]:
            self.stdout.write("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())

    @staticmethod
    def _cell(entry: dict[str, Any], column: str) -> str:
        value = str(entry[column])
        if column == "wording":
            return "shipped" if value == "shipped" else "clinic-supplied"
        if column == "licence" and len(value) > LICENCE_WIDTH:
            return value[: LICENCE_WIDTH - 1] + "…"
        return value
