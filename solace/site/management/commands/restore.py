"""`solace restore PATH`: replace the live database with a backup and prove the result matches its manifest."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from solace.site.backup import BackupError, Manifest, backup_restore, manifest_read


class Command(BaseCommand):
    # An emergency backup or restore must not wait for a configuration problem elsewhere to be fixed.
    requires_system_checks: list[str] = []
    help = (
        "Replace ALL data in the database with the backup at PATH, then verify every table against the backup's "
        "manifest. Stop `solace serve` and `solace worker` first. The replaced data is kept in var/backups/."
    )
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="backup file written by `solace backup`")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args: Any, **options: Any) -> None:
        source: Path = options["path"]
        try:
            manifest = manifest_read(source)
            if not options["yes"]:
                self._confirm(source, manifest, options.get("stdin", sys.stdin))
            result = backup_restore(
                source=source, manifest=manifest, safety_directory=Path(settings.VAR_DIR) / "backups",
                now=timezone.now(),
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(table.rows for table in manifest.tables.values())
        self.stdout.write(
            f"Restored {source} (taken {manifest.created_at}): {len(manifest.tables)} tables and {rows} rows, "
            "all matching the manifest."
        )
        if result.safety_copy:
            self.stdout.write(f"The database as it was before the restore is kept in {result.safety_copy}.")
        if result.pending_migrations:
            self.stdout.write(
                f"The backup predates {len(result.pending_migrations)} migration(s) of this version: "
                "run `solace migrate` before serving."
            )

    def _confirm(self, source: Path, manifest: Manifest, stdin: Any) -> None:
        if not stdin.isatty():
            raise CommandError(
                f"Restoring {source} replaces all data in the database. Standard input is not a terminal, so "
                "nobody can confirm: pass --yes."
            )
        self.stdout.write(
            f"This replaces ALL data in the database with {source}, taken {manifest.created_at} "
            f"({manifest.rows('patients_patient')} patients, {manifest.rows('accounts_user')} accounts)."
        )
        self.stdout.write("Type 'restore' to continue: ", ending="")
        self.stdout.flush()
        if stdin.readline().strip() != "restore":
            raise CommandError("Restore cancelled; nothing was changed.")
