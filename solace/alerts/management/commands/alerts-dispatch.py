"""`solace alerts-dispatch`: send the safety-alert e-mails that are due, once or on a timer, or report on them.

The background worker sends them too (a task is queued after each raise and for each escalation); this command
does not depend on the task queue, so a lost or stuck task delays an alert by one interval at most.
`solace serve --with-worker` keeps `alerts-dispatch --loop` running beside the worker.
"""

from __future__ import annotations

import json
import logging
import signal
import time
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections
from django.utils import timezone

from solace.alerts.selectors import dispatch_health
from solace.alerts.services import deliveries_dispatch

logger = logging.getLogger("solace.alerts.dispatch")
TICK_SECONDS = 0.2


class Command(BaseCommand):
    help = (
        "Send the safety-alert e-mails that are due (care team at once, supervisors after the clinic's escalation "
        "delay), retrying failed ones. --loop keeps doing it every --interval seconds until SIGTERM or Ctrl+C; "
        "--status reports what is pending and exits 1 when something needs an operator."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="keep running, dispatching every --interval seconds")
        parser.add_argument("--interval", type=float, default=30.0, help="seconds between runs with --loop")
        parser.add_argument("--status", action="store_true",
                            help="send nothing; print pending, overdue, failing and unrouted counts as JSON, "
                                 "exit 1 if any but pending is not zero")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["interval"] <= 0:
            raise CommandError("--interval: give a number of seconds above 0.")
        if options["status"]:
            self._status()
        elif options["loop"]:
            self._loop(options["interval"])
        else:
            self._once()

    def _status(self) -> None:
        health = dispatch_health(now=timezone.now())
        self.stdout.write(json.dumps(health.to_dict()))
        if not health.healthy:
            raise CommandError("Safety-alert deliveries need attention: see docs/operator.md, 'Alerts'.",
                               returncode=1)

    def _once(self) -> None:
        report = deliveries_dispatch(now=timezone.now())
        self.stdout.write(f"Alert deliveries: {report.sent} sent, {report.failed} failed (will be retried), "
                          f"{report.skipped} skipped.")

    def _loop(self, interval: float) -> None:
        self.stopping = False
        previous = {signum: signal.signal(signum, self._on_signal) for signum in (signal.SIGTERM, signal.SIGINT)}
        self.stdout.write(f"Dispatching safety-alert deliveries every {interval:g} seconds.")
        self.stdout.flush()
        try:
            while not self.stopping:
                self._run_once_logged()
                self._sleep(interval)
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)
        self.stdout.write("Alert dispatcher stopped.")

    def _run_once_logged(self) -> None:
        close_old_connections()
        try:
            report = deliveries_dispatch(now=timezone.now())
        except Exception:  # the database may be away for a moment: log it and try again next time round
            logger.exception("Alert dispatch failed; trying again in the next round.")
            return
        if report.sent or report.failed or report.skipped:
            logger.info("Alert deliveries: %s sent, %s failed, %s skipped.", report.sent, report.failed,
                        report.skipped)

    def _sleep(self, interval: float) -> None:
        deadline = time.monotonic() + interval
        while not self.stopping and time.monotonic() < deadline:
            time.sleep(TICK_SECONDS)

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        self.stopping = True
