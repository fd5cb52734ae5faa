"""`solace backup PATH`: a consistent copy of the live database, safe while Solace is serving."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from solace.site.backup import BackupError, backup_create, manifest_path


class Command(BaseCommand):
    # An emergency backup or restore must not wait for a configuration problem elsewhere to be fixed.
    requires_system_checks: list[str] = []
    help = (
        "Write a consistent copy of the database to PATH (or a dated file inside PATH when it is a directory), "
        "with a manifest of row counts and checksums next to it. Safe while Solace is running."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="backup file to create, or a directory to create it in")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            destination, manifest = backup_create(path=options["path"], now=timezone.now())
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(table.rows for table in manifest.tables.values())
        self.stdout.write(
            f"Backup written to {destination} ({manifest.vendor}, {manifest.file_bytes} bytes, "
            f"{len(manifest.tables)} tables, {rows} rows, {manifest.rows('patients_patient')} patients)."
        )
        self.stdout.write(f"Manifest: {manifest_path(destination)}")
