"""`solace alerts-dispatch`: once, on a timer (and stopped by SIGTERM), and as an operator's health check."""

from __future__ import annotations

import json
import signal
import subprocess
from datetime import timedelta
from importlib import import_module
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from pytest_django.fixtures import Settings

from solace.alerts.models import AlertDelivery
from solace.alerts.testing import event_raise
from solace.site.tests.conftest import SOLACE, Site
from solace.testing.factories import Cast
from solace.testing.smtp import SmtpListener, free_port

DISPATCH = "alerts-dispatch"


@pytest.mark.django_db
def test_dispatch_once_sends_what_is_due_and_says_so(cast: Cast, smtp_mail: SmtpListener) -> None:
    event_raise(cast.patient, now=timezone.now())
    out = StringIO()

    call_command(DISPATCH, stdout=out)

    assert out.getvalue().strip() == "Alert deliveries: 1 sent, 0 failed (will be retried), 0 skipped."
    assert smtp_mail.wait_for(1)[0]["To"] == cast.assigned_clinician.email
    assert AlertDelivery.objects.filter(sent_at__isnull=False).count() == 1


@pytest.mark.django_db
def test_the_loop_dispatches_until_told_to_stop(cast: Cast, smtp_mail: SmtpListener, monkeypatch: Any) -> None:
    command_module = import_module("solace.alerts.management.commands.alerts-dispatch")  # a dash in its name

    def stop_after_one_round(self: Any, interval: float) -> None:
        self.stopping = True

    monkeypatch.setattr(command_module.Command, "_sleep", stop_after_one_round)
    # Between rounds the loop drops stale connections; here that would drop the test's own transaction.
    monkeypatch.setattr(command_module, "close_old_connections", lambda: None)
    event_raise(cast.patient, now=timezone.now())
    before = signal.getsignal(signal.SIGTERM)
    out = StringIO()

    call_command(DISPATCH, "--loop", "--interval", "5", stdout=out)

    assert "Dispatching safety-alert deliveries every 5 seconds." in out.getvalue()
    assert "Alert dispatcher stopped." in out.getvalue()
    assert len(smtp_mail.wait_for(1)) == 1
    assert signal.getsignal(signal.SIGTERM) == before  # handlers given back


@pytest.mark.django_db
def test_status_is_quiet_when_healthy_and_fails_when_deliveries_are_stuck(cast: Cast, settings: Settings) -> None:
    event_raise(cast.patient, now=timezone.now())
    out = StringIO()
    call_command(DISPATCH, "--status", stdout=out)
    assert json.loads(out.getvalue()) == {"pending": 2, "overdue": 0, "failing": 0, "unrouted": 0,
                                          "oldest_overdue_minutes": 0, "healthy": True}

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                                    "OPTIONS": {"host": "127.0.0.1", "port": free_port(), "timeout": 2}}}
    event_raise(cast.patient, now=timezone.now() - timedelta(minutes=20))
    call_command(DISPATCH, stdout=StringIO())
    out = StringIO()
    with pytest.raises(CommandError, match="need attention") as raised:
        call_command(DISPATCH, "--status", stdout=out)

    assert raised.value.returncode == 1
    status = json.loads(out.getvalue())
    assert (status["overdue"], status["failing"], status["healthy"]) == (1, 2, False)  # the older care-team notice
    assert status["oldest_overdue_minutes"] >= 20


@pytest.mark.django_db
def test_a_bad_interval_is_named() -> None:
    with pytest.raises(CommandError, match="--interval: give a number of seconds above 0"):
        call_command(DISPATCH, "--loop", "--interval", "0")


def test_the_loop_as_a_process_stops_cleanly_on_sigterm(site: Site) -> None:
    process = subprocess.Popen([*SOLACE, DISPATCH, "--loop", "--interval", "0.5"], env=site.env,
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        assert "every 0.5 seconds" in process.stdout.readline()
        process.send_signal(signal.SIGTERM)
        stdout, stderr = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, stderr
    assert "Alert dispatcher stopped." in stdout
    assert "Traceback" not in stderr
