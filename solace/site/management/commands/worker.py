"""`solace worker`: the background worker (django-tasks-db's `db_worker`) with Solace's production defaults."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = (
        "Run the background worker: it takes queued tasks (reminders, alert delivery, escalation) from the "
        "database and runs them. Stops cleanly on SIGTERM or Ctrl+C after the task in hand."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        # Every queue by default: a task enqueued on a queue nobody watches would never run.
        parser.add_argument("--queue-name", default="*", help="queues to process, comma-separated ('*': all)")
        parser.add_argument("--interval", type=float, default=1.0, help="seconds between polls when idle")
        parser.add_argument("--batch", action="store_true", help="run the waiting tasks, then exit")
        parser.add_argument("--max-tasks", type=int, default=None, help="exit after this many tasks")

    def handle(self, *args: Any, **options: Any) -> None:
        arguments = [f"--queue-name={options['queue_name']}", f"--interval={options['interval']}", "--no-reload"]
        if options["batch"]:
            arguments.append("--batch")
        if options["max_tasks"] is not None:
            arguments.append(f"--max-tasks={options['max_tasks']}")
        call_command("db_worker", *arguments, verbosity=options["verbosity"])
