"""`solace serve`: the production web server (gunicorn), optionally with the background worker beside it.

`solace serve` supervises its children: gunicorn and, with --with-worker, `solace worker` and the safety-alert
dispatcher (`solace alerts-dispatch --loop`, which sends due alerts even if a queued task is lost). SIGTERM or
Ctrl+C stops them all gracefully (a second Ctrl+C kills them); if one dies on its own the others are stopped too and
the command fails, so a process manager (systemd, Docker) sees one unit that is either whole or down. The children
run in their own process group, so Ctrl+C reaches them once (through the supervisor), and on Linux they receive
SIGTERM should the supervisor itself be killed: no orphans.
"""

from __future__ import annotations

import ctypes
import os
import signal
import socket
import sys
import time
from dataclasses import dataclass
from subprocess import Popen
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor

# Paths only (%(U)s), never query strings, referrers or user agents: a query string can carry a patient's name.
ACCESS_LOG_FORMAT = '%(t)s %(h)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms request_id=%({x-request-id}o)s'
GRACEFUL_SECONDS = 20
READY_TIMEOUT_SECONDS = 60
POLL_SECONDS = 0.1
PR_SET_PDEATHSIG = 1


def default_web_workers() -> int:
    return min(2 * (os.cpu_count() or 1) + 1, 8)


@dataclass
class Child:
    name: str
    process: Popen[bytes]

    def alive(self) -> bool:
        return self.process.poll() is None

    def signal(self, signum: int) -> None:
        if self.alive():
            self.process.send_signal(signum)


def _die_with_parent() -> None:
    """In the child before exec: ask Linux for SIGTERM when the supervisor dies, however it dies."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _spawn(name: str, arguments: list[str]) -> Child:
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings")}
    process = Popen(arguments, env=environment, process_group=0, preexec_fn=_die_with_parent)
    return Child(name=name, process=process)


def _bind_address(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _probe_host(host: str) -> str:
    return {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(host, host)  # noqa: S104


def _port_free(host: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def _accepting(host: str, port: int) -> bool:
    try:
        with socket.create_connection((_probe_host(host), port), timeout=0.5):
            return True
    except OSError:
        return False


class Command(BaseCommand):
    help = ("Serve Solace with gunicorn (the production server); --with-worker runs the background worker and the "
            "safety-alert dispatcher too.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="address to listen on (0.0.0.0: every address)")
        parser.add_argument("--port", type=int, default=8000, help="port to listen on")
        parser.add_argument(
            "--workers", type=int, default=default_web_workers(),
            help="web worker processes (default: 2 x CPUs + 1, at most 8)",
        )
        parser.add_argument("--with-worker", action="store_true",
                            help="also run the background worker and the safety-alert dispatcher")

    def handle(self, *args: Any, **options: Any) -> None:
        host, port, workers = options["host"], options["port"], options["workers"]
        if not 0 < port < 65536:
            raise CommandError(f"--port: {port} is not a port number (1-65535).")
        if workers < 1:
            raise CommandError("--workers: at least one web worker is needed.")
        _refuse_unapplied_migrations()
        if not _port_free(host, port):
            raise CommandError(f"--port: {host}:{port} is already in use; stop what uses it or choose another port.")
        self.signals_received = 0
        for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(signum, self._on_signal)
        children: list[Child] = []
        try:
            children.append(_spawn("web server", self._gunicorn_arguments(host, port, workers)))
            if options["with_worker"]:
                children.append(_spawn("background worker", [sys.executable, "-m", "solace.cli", "worker"]))
                children.append(_spawn("alert dispatcher",
                                       [sys.executable, "-m", "solace.cli", "alerts-dispatch", "--loop"]))
            self._wait_until_ready(children, host, port)
            self._announce(host, port, workers, with_worker=options["with_worker"])
            self._supervise(children)
        finally:
            self._stop(children)
        self.stdout.write("Solace stopped.")

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        self.signals_received += 1

    def _gunicorn_arguments(self, host: str, port: int, workers: int) -> list[str]:
        return [
            sys.executable, "-m", "gunicorn", "config.wsgi:application",
            f"--bind={_bind_address(host, port)}", f"--workers={workers}", "--name=solace",
            # Django is imported once in the master and shared by the forked workers; no control socket in $HOME.
            "--preload", "--no-control-socket",
            "--timeout=60", f"--graceful-timeout={GRACEFUL_SECONDS}",
            "--max-requests=2000", "--max-requests-jitter=200",
            # gunicorn trusts nobody's X-Forwarded-* headers; Django alone decides, from SOLACE_BEHIND_PROXY.
            "--forwarded-allow-ips=",
            "--access-logfile=-", f"--access-logformat={ACCESS_LOG_FORMAT}", "--error-logfile=-",
        ]

    def _wait_until_ready(self, children: list[Child], host: str, port: int) -> None:
        deadline = time.monotonic() + READY_TIMEOUT_SECONDS
        while not _accepting(host, port):
            self._check_children(children)
            if self.signals_received:
                return
            if time.monotonic() > deadline:
                raise CommandError(f"The web server did not start listening within {READY_TIMEOUT_SECONDS} seconds.")
            time.sleep(POLL_SECONDS)

    def _announce(self, host: str, port: int, workers: int, *, with_worker: bool) -> None:
        if self.signals_received:
            return
        url = f"http://{_bind_address(_probe_host(host), port)}/"
        web = f"{workers} web worker{'s' if workers > 1 else ''}"
        if with_worker:
            self.stdout.write(self.style.SUCCESS(
                f"Solace is serving at {url} ({web}, the background worker and the alert dispatcher)."))
        else:
            self.stdout.write(self.style.SUCCESS(f"Solace is serving at {url} ({web})."))
            self.stdout.write("The background worker is not running here: start `solace worker` and "
                              "`solace alerts-dispatch --loop` as well.")
        if host != _probe_host(host):
            self.stdout.write(f"Listening on every address of this machine, port {port}.")
        if settings.HTTPS:
            self.stdout.write(f"SOLACE_HTTPS is on: people reach Solace through your HTTPS proxy, {settings.SITE_URL}")
        elif host not in ("127.0.0.1", "::1", "localhost"):
            self.stdout.write(self.style.WARNING(
                "Plain HTTP on a network address: put an HTTPS proxy in front and set SOLACE_HTTPS=true "
                "(see docs/operator.md)."
            ))
        self.stdout.write("Press Ctrl+C to stop.")
        self.stdout.flush()

    def _supervise(self, children: list[Child]) -> None:
        while not self.signals_received:
            self._check_children(children)
            time.sleep(POLL_SECONDS)

    def _check_children(self, children: list[Child]) -> None:
        for child in children:
            if not child.alive():
                raise CommandError(
                    f"The {child.name} stopped unexpectedly (exit status {child.process.returncode}); "
                    "see the messages above. Everything else was stopped too."
                )

    def _stop(self, children: list[Child]) -> None:
        """SIGTERM to each child, then wait; after the grace period, or on a further Ctrl+C, SIGKILL."""
        handled = self.signals_received
        for child in children:
            child.signal(signal.SIGTERM)
        deadline = time.monotonic() + GRACEFUL_SECONDS + 5
        while any(child.alive() for child in children):
            if time.monotonic() > deadline or self.signals_received > handled:
                for child in children:
                    child.signal(signal.SIGKILL)
            time.sleep(POLL_SECONDS)
        for child in children:
            child.process.wait()


def _refuse_unapplied_migrations() -> None:
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as exc:
        raise CommandError(f"Cannot reach the database ({exc}); check DATABASE_URL.") from exc
    finally:
        connection.close()
    if plan:
        raise CommandError(
            f"The database has {len(plan)} unapplied migration(s): run `solace migrate` first.", returncode=2
        )
