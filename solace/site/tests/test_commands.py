"""`solace createadmin`, `solace worker` and `solace serve` (the last as the separate process an operator starts)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.request
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.tasks import TaskResultStatus, task

from solace.accounts.models import Clinic, User
from solace.audit.models import AuditEvent
from solace.kernel.permissions import Role
from solace.site.tests.conftest import SOLACE, Site

GOOD_PASSWORD = "a sturdy passphrase 42"


def createadmin(*arguments: str, password: str = GOOD_PASSWORD) -> str:
    out = StringIO()
    call_command("createadmin", *arguments, "--password-stdin", stdin=StringIO(password + "\n"), stdout=out)
    return out.getvalue()


# --- createadmin -------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_createadmin_creates_the_clinic_and_its_administrator() -> None:
    output = createadmin("--email", "Ada@Clinic.example", "--clinic", "Riverside CFT", "--full-name", "Ada Obi")

    user = User.objects.get(email="ada@clinic.example")
    assert user.role == Role.CLINIC_ADMIN and user.clinic is not None
    assert user.clinic.name == "Riverside CFT" and user.clinic.slug == "riverside-cft" and not user.clinic.is_demo
    assert user.check_password(GOOD_PASSWORD) and user.full_name == "Ada Obi"
    assert "Created clinic administrator ada@clinic.example for the new clinic 'Riverside CFT'" in output
    assert AuditEvent.objects.filter(action="account.create_admin", object_id=str(user.pk)).exists()


@pytest.mark.django_db
def test_createadmin_joins_an_existing_clinic_by_name() -> None:
    createadmin("--email", "one@clinic.example", "--clinic", "Riverside CFT")
    output = createadmin("--email", "two@clinic.example", "--clinic", "riverside cft")

    assert Clinic.objects.count() == 1
    assert "for the clinic 'Riverside CFT'" in output


@pytest.mark.parametrize(
    ("arguments", "password", "message"),
    [
        (["--email", "not-an-address"], GOOD_PASSWORD, "--email: Enter a valid email address."),
        (["--email", "a@clinic.example"], "short", "--password: This password is too short."),
        (["--email", "a@clinic.example"], "1234567890123", "--password: .*entirely numeric"),
        (["--email", "a@clinic.example"], "", "--password: The password is empty."),
    ],
)
@pytest.mark.django_db
def test_createadmin_names_the_field_it_refuses(arguments: list[str], password: str, message: str) -> None:
    with pytest.raises(CommandError, match=message):
        createadmin(*arguments, "--clinic", "Riverside CFT", password=password)
    assert not User.objects.exists() and not Clinic.objects.exists()


@pytest.mark.django_db
def test_createadmin_refuses_an_address_already_in_use() -> None:
    createadmin("--email", "ada@clinic.example", "--clinic", "Riverside CFT")

    with pytest.raises(CommandError, match=r"--email: an account with the address ada@clinic\.example already exists"):
        createadmin("--email", "ADA@clinic.example", "--clinic", "Hillside")
    assert Clinic.objects.count() == 1


@pytest.mark.django_db
def test_createadmin_without_a_terminal_needs_password_stdin() -> None:
    with pytest.raises(CommandError, match="--password: standard input is not a terminal"):
        call_command("createadmin", "--email", "a@clinic.example", "--clinic", "X", stdin=StringIO(""))


# --- worker ------------------------------------------------------------------------------------------------------


@task
def add_numbers(first: int, second: int) -> int:
    return first + second


@pytest.mark.django_db(transaction=True)
def test_worker_runs_queued_tasks() -> None:
    result = add_numbers.enqueue(2, 3)

    call_command("worker", "--batch", stdout=StringIO())

    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 5


# --- serve -------------------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def children_of(pid: int) -> dict[int, str]:
    """{pid: command line} of the processes whose parent is `pid`."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
        except (OSError, IndexError):
            continue
        if parent == pid:
            found[int(entry.name)] = command
    return found


def running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def health(port: int) -> dict[str, str] | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as response:
            return json.loads(response.read()) if response.status == 200 else None
    except OSError:
        return None


def wait_until(condition, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while not (value := condition()):
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)
    return value


@pytest.fixture
def serving(site: Site):
    port = free_port()
    process = subprocess.Popen(
        [*SOLACE, "serve", "--with-worker", f"--port={port}", "--workers=1"], env=site.env,
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert wait_until(lambda: health(port) or process.poll() is not None) == {
            "status": "ok", "database": "sqlite"
        }
        yield process, port
    finally:
        if process.poll() is None:
            process.kill()  # its children follow: they get SIGTERM when it dies
        process.communicate(timeout=30)


def descendants_of(pid: int) -> dict[int, str]:
    found = children_of(pid)
    for child in list(found):
        found.update(descendants_of(child))
    return found


def test_serve_with_worker_serves_and_sigterm_stops_every_process(serving) -> None:
    process, port = serving
    children = wait_until(lambda: (found := children_of(process.pid)) and len(found) == 3 and found)
    family = descendants_of(process.pid)

    assert sorted("gunicorn" in command for command in children.values()) == [False, False, True]
    assert any(command.endswith("solace.cli worker") for command in children.values())
    assert any(command.endswith("solace.cli alerts-dispatch --loop") for command in children.values())
    assert len(family) >= 4  # gunicorn's master, its web worker, the background worker, the alert dispatcher

    process.send_signal(signal.SIGTERM)
    stdout, _stderr = process.communicate(timeout=40)

    assert process.returncode == 0
    assert f"Solace is serving at http://127.0.0.1:{port}/" in stdout and "Solace stopped." in stdout
    wait_until(lambda: not any(running(pid) for pid in family), seconds=5)
    assert health(port) is None


def test_serve_stops_the_web_server_when_the_worker_dies(serving) -> None:
    process, _port = serving
    children = wait_until(lambda: (found := children_of(process.pid)) and len(found) == 3 and found)
    family = descendants_of(process.pid)
    (worker,) = [pid for pid, command in children.items() if command.endswith("solace.cli worker")]

    os.kill(worker, signal.SIGKILL)
    _stdout, stderr = process.communicate(timeout=40)

    assert process.returncode == 1
    assert "The background worker stopped unexpectedly" in stderr
    wait_until(lambda: not any(running(pid) for pid in family), seconds=5)


def test_serve_stops_everything_when_the_alert_dispatcher_dies(serving) -> None:
    process, port = serving
    children = wait_until(lambda: (found := children_of(process.pid)) and len(found) == 3 and found)
    family = descendants_of(process.pid)
    (dispatcher,) = [pid for pid, command in children.items() if command.endswith("alerts-dispatch --loop")]

    os.kill(dispatcher, signal.SIGKILL)
    _stdout, stderr = process.communicate(timeout=40)

    # Serving without anyone sending safety alerts would look healthy and be unsafe: the unit goes down whole.
    assert process.returncode == 1
    assert "The alert dispatcher stopped unexpectedly" in stderr
    wait_until(lambda: not any(running(pid) for pid in family), seconds=5)
    assert health(port) is None


def test_serve_refuses_an_unmigrated_database(tmp_path: Path) -> None:
    site = Site(var_dir=tmp_path, database=tmp_path / "empty.sqlite3")

    result = site.solace("serve", f"--port={free_port()}", timeout=30)

    assert result.returncode == 2
    assert "unapplied migration(s): run `solace migrate` first" in result.stderr


@pytest.mark.django_db
def test_serve_refuses_a_port_in_use() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(CommandError, match=f"--port: 127.0.0.1:{port} is already in use"):
            call_command("serve", f"--port={port}")


def test_serve_killed_outright_leaves_no_orphans(serving) -> None:
    process, _port = serving
    wait_until(lambda: len(children_of(process.pid)) == 3)
    family = descendants_of(process.pid)

    process.kill()
    process.communicate(timeout=10)

    wait_until(lambda: not any(running(pid) for pid in family), seconds=30)
