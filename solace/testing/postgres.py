"""A throwaway PostgreSQL cluster for the test suite: made in a temporary directory, removed afterwards.

    python -m solace.testing.postgres -- pytest -m "not browser" solace tests

starts a cluster, runs the command with DATABASE_URL pointing at it (pytest-django then creates its test database
on that server), and stops and deletes the cluster whatever the command's outcome. The command's exit status is
the wrapper's. In code, `with throwaway_cluster() as cluster:` yields a `Cluster` whose `url` is the DATABASE_URL.

PostgreSQL refuses to run as root, so as root (CI containers) the server runs as the `postgres` OS user through
`runuser`. The server listens on 127.0.0.1 (password required) and on a Unix socket inside the temporary
directory, on a free port, so it never meets another cluster on the machine. Durability is switched off
(fsync, synchronous_commit): the data lives for one test run.
"""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

SERVER_USER = "postgres"
START_ATTEMPTS = 3
SERVER_SETTINGS = (
    "-c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
)
ENV_DATA_DIR = "SOLACE_TEST_POSTGRES_DATA_DIR"
ENV_PORT = "SOLACE_TEST_POSTGRES_PORT"


class ClusterError(RuntimeError):
    """The throwaway cluster could not be made or started; the message says why and what to install."""


@dataclass(frozen=True)
class Cluster:
    """A running throwaway cluster and the database created on it for the tests."""

    url: str
    data_dir: Path
    socket_dir: Path
    port: int
    version: str

    def describe(self) -> str:
        return (
            f"PostgreSQL {self.version}: throwaway cluster started by the test suite, "
            f"data dir {self.data_dir}, port {self.port}, socket dir {self.socket_dir}"
        )


def _bin_dir() -> Path:
    """Where initdb and pg_ctl live: $SOLACE_PG_BIN, else PATH, else Debian's newest /usr/lib/postgresql/*/bin."""
    configured = os.environ.get("SOLACE_PG_BIN")
    if configured:
        return Path(configured)
    on_path = shutil.which("pg_ctl")
    if on_path:
        return Path(on_path).resolve().parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))
    if candidates:
        return Path(candidates[-1])
    raise ClusterError("PostgreSQL server binaries not found: install postgresql, or set SOLACE_PG_BIN.")


def _as_server_user() -> list[str]:
    """The command prefix that runs server programs as a non-root user (PostgreSQL refuses root)."""
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam(SERVER_USER)
    except KeyError as exc:
        raise ClusterError(f"Running as root needs an OS user {SERVER_USER!r} to run PostgreSQL.") from exc
    return ["runuser", "-u", SERVER_USER, "--"]


def _run(command: Sequence[str], *, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _make_directory(root: Path) -> None:
    if os.geteuid() == 0:
        entry = pwd.getpwnam(SERVER_USER)
        os.chown(root, entry.pw_uid, entry.pw_gid)


def _initdb(bin_dir: Path, root: Path, password: str) -> Path:
    data_dir, password_file = root / "data", root / "password"
    password_file.write_text(password)
    _make_directory(password_file)
    result = _run(
        [*_as_server_user(), str(bin_dir / "initdb"), "-D", str(data_dir), "-U", "postgres",
         "--auth-local=trust", "--auth-host=scram-sha-256", f"--pwfile={password_file}",
         "--encoding=UTF8", "--no-locale", "--no-sync", "--no-instructions"],
        cwd=root,
    )
    password_file.unlink()
    if result.returncode != 0:
        raise ClusterError(f"initdb failed:\n{result.stdout}{result.stderr}")
    return data_dir


def _start(bin_dir: Path, root: Path, data_dir: Path) -> int:
    """Start the server on a free port; another process may take the port between probe and bind, so retry."""
    log_file = root / "server.log"
    for _attempt in range(START_ATTEMPTS):
        port = _free_port()
        result = _run(
            [*_as_server_user(), str(bin_dir / "pg_ctl"), "-D", str(data_dir), "-l", str(log_file), "-w",
             "-t", "60", "-o", f"-p {port} -k {root} {SERVER_SETTINGS}", "start"],
            cwd=root,
        )
        if result.returncode == 0:
            return port
    log = log_file.read_text() if log_file.exists() else ""
    raise ClusterError(f"pg_ctl start failed:\n{result.stdout}{result.stderr}\n{log}")


def _stop(bin_dir: Path, root: Path, data_dir: Path) -> None:
    for mode in ("fast", "immediate"):
        result = _run([*_as_server_user(), str(bin_dir / "pg_ctl"), "-D", str(data_dir), "-m", mode, "-w",
                       "stop"], cwd=root)
        if result.returncode == 0:
            return


def _create_database(*, port: int, password: str, database: str) -> str:
    """Create the database and return the server's version as the server reports it."""
    import psycopg

    with psycopg.connect(host="127.0.0.1", port=port, user="postgres", password=password, dbname="postgres",
                         autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{database}"')
        row = connection.execute("SHOW server_version").fetchone()
    assert row is not None
    return str(row[0])


@contextmanager
def throwaway_cluster(*, database: str = "solace") -> Iterator[Cluster]:
    """Start a fresh cluster with one database; stop it and delete every file on the way out."""
    bin_dir = _bin_dir()
    root = Path(tempfile.mkdtemp(prefix="solace-pg-"))
    data_dir: Path | None = None
    port: int | None = None
    try:
        _make_directory(root)
        password = secrets.token_urlsafe(24)
        data_dir = _initdb(bin_dir, root, password)
        port = _start(bin_dir, root, data_dir)
        version = _create_database(port=port, password=password, database=database)
        url = f"postgresql://postgres:{password}@127.0.0.1:{port}/{database}"
        yield Cluster(url=url, data_dir=data_dir, socket_dir=root, port=port, version=version)
    finally:
        if port is not None and data_dir is not None:
            _stop(bin_dir, root, data_dir)
        shutil.rmtree(root, ignore_errors=True)


def _say(message: str) -> None:
    print(f"[solace.testing.postgres] {message}", flush=True)


def _raise_on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


def run(command: Sequence[str]) -> int:
    """Run `command` with DATABASE_URL set to a throwaway cluster; return its exit status."""
    signal.signal(signal.SIGTERM, _raise_on_sigterm)
    with throwaway_cluster() as cluster:
        _say(cluster.describe())
        environment = dict(os.environ)
        environment.update({"DATABASE_URL": cluster.url, ENV_DATA_DIR: str(cluster.data_dir),
                            ENV_PORT: str(cluster.port)})
        # `pytest` and `python` resolve to this environment's programs even when .venv/bin is not on PATH.
        environment["PATH"] = os.path.dirname(sys.executable) + os.pathsep + environment.get("PATH", "")
        status = subprocess.run(list(command), env=environment, check=False).returncode
    _say(f"stopped the cluster and removed {cluster.socket_dir}; the command exited with status {status}")
    return status


def main(argv: Sequence[str]) -> int:
    command = list(argv[1:] if argv and argv[0] == "--" else argv)
    if not command:
        print("usage: python -m solace.testing.postgres -- COMMAND [ARGS...]", file=sys.stderr)
        return 2
    try:
        return run(command)
    except ClusterError as exc:
        print(f"[solace.testing.postgres] {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
