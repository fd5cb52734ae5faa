"""`solace rescore CODE`: score every submitted response of an instrument again with the current scoring."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from solace.audit.services import audit_record
from solace.measures.services import responses_rescore


class Command(BaseCommand):
    help = (
        "Re-score every submitted response of one instrument with the current scoring and report how many changed. "
        "A changed score replaces the stored one; the old one is kept (score revisions and the audit trail)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="instrument code, e.g. phq9")
        parser.add_argument("--dry-run", action="store_true", help="report what would change, change nothing")
        parser.add_argument("--json", action="store_true", help="print the report as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = responses_rescore(instrument_code=options["code"], now=timezone.now(),
                                       dry_run=options["dry_run"])
        except ValidationError as exc:
            raise CommandError(f"unknown instrument {options['code']!r}", returncode=2) from exc
        if not options["dry_run"]:
            audit_record(actor=None, action="measure_response.rescore_run", object_type="instrument",
                         object_id=report.instrument, detail={"via": "cli", **_counts(report.to_dict())})
        if options["json"]:
            self.stdout.write(json.dumps(report.to_dict(), indent=2))
            return
        verb = "would change" if options["dry_run"] else "changed"
        self.stdout.write(
            f"{report.instrument} (scoring version {report.scoring_version}): {report.checked} submitted responses, "
            f"{len(report.changed)} {verb}, {report.unchanged} unchanged, "
            f"{len(report.skipped_other_version)} skipped (another form version), {len(report.failed)} not scorable."
        )
        for response_id, message in report.failed.items():
            self.stderr.write(f"not scorable: response {response_id}: {message}")


def _counts(report: dict[str, Any]) -> dict[str, Any]:
    return {key: report[key] for key in ("checked", "changed", "unchanged", "skipped_other_version", "failed")}
