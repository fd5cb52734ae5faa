"""`solace backup` and `solace restore` on real SQLite files, run as the operator runs them (separate processes)."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from solace.site.backup import (
    Manifest,
    TableFingerprint,
    fingerprint_differences,
    manifest_path,
    sqlite_fingerprints,
    table_fingerprint,
)
from solace.site.tests.conftest import Site


class ClinicWriter(threading.Thread):
    """Keeps inserting clinics, two per transaction, until stopped: the load a backup must not tear."""

    def __init__(self, database: Path) -> None:
        super().__init__(daemon=True)
        self.database = database
        self.stop = threading.Event()
        self.transactions = 0

    def run(self) -> None:
        with closing(sqlite3.connect(self.database, timeout=20, isolation_level=None)) as writer:
            while not self.stop.is_set():
                number = self.transactions
                writer.execute("BEGIN IMMEDIATE")
                for half in ("a", "b"):
                    writer.execute(
                        "INSERT INTO accounts_clinic (name, slug, time_zone, crisis_phone, is_demo, created_at) "
                        "VALUES (?, ?, 'Europe/London', '999', 0, '2026-11-01 00:00:00')",
                        (f"Writer clinic {number}{half}", f"writer-{number}-{half}"),
                    )
                writer.execute("COMMIT")
                self.transactions += 1


def fingerprints_of(database: Path) -> dict[str, TableFingerprint]:
    with closing(sqlite3.connect(database)) as connection:
        return sqlite_fingerprints(connection)[1]


def clinic_count(database: Path) -> int:
    with closing(sqlite3.connect(database)) as connection:
        return int(connection.execute("SELECT count(*) FROM accounts_clinic").fetchone()[0])


def wait_for(condition, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_backup_taken_during_writes_restores_to_an_identical_database(site: Site, tmp_path: Path) -> None:
    writer = ClinicWriter(site.database)
    writer.start()
    try:
        wait_for(lambda: writer.transactions >= 20)
        before = writer.transactions
        result = site.solace("backup", str(tmp_path / "copy.sqlite3"))
        during = writer.transactions
        wait_for(lambda: writer.transactions >= during + 20)
    finally:
        writer.stop.set()
        writer.join()
    assert result.returncode == 0, result.stderr
    assert during > before, "the writer was not writing while the backup ran"
    manifest = Manifest.from_json(manifest_path(tmp_path / "copy.sqlite3").read_text())
    backed_up = manifest.rows("accounts_clinic")
    # A consistent snapshot holds whole transactions only, and not the ones committed after it.
    assert backed_up % 2 == 0
    assert 2 * before <= backed_up <= 2 * during < clinic_count(site.database)
    assert manifest.vendor == "sqlite" and "accounts.0001_initial" in manifest.migrations
    assert fingerprints_of(tmp_path / "copy.sqlite3") == manifest.tables
    assert (tmp_path / "copy.sqlite3").stat().st_mode & 0o777 == 0o600

    result = site.solace("restore", "--yes", str(tmp_path / "copy.sqlite3"))

    assert result.returncode == 0, result.stderr
    assert "all matching the manifest" in result.stdout
    assert fingerprints_of(site.database) == manifest.tables
    assert clinic_count(site.database) == backed_up
    safety_copies = list((site.var_dir / "backups").glob("before-restore-*.sqlite3"))
    assert len(safety_copies) == 1 and clinic_count(safety_copies[0]) == 2 * writer.transactions


def test_restore_without_yes_refuses_when_nobody_can_confirm(site: Site, tmp_path: Path) -> None:
    assert site.solace("backup", str(tmp_path)).returncode == 0
    (backup,) = tmp_path.glob("solace-*.sqlite3")
    writer = ClinicWriter(site.database)
    writer.start()
    wait_for(lambda: writer.transactions >= 1)
    writer.stop.set()
    writer.join()
    before = fingerprints_of(site.database)

    result = site.solace("restore", str(backup))

    assert result.returncode == 1
    assert "pass --yes" in result.stderr and str(backup) in result.stderr
    assert fingerprints_of(site.database) == before and clinic_count(site.database) > 0


def test_restore_refuses_a_damaged_backup_and_leaves_the_database_alone(site: Site, tmp_path: Path) -> None:
    backup = tmp_path / "copy.sqlite3"
    assert site.solace("backup", str(backup)).returncode == 0
    with backup.open("r+b") as handle:
        handle.seek(-100, 2)
        handle.write(b"\x01")
    before = fingerprints_of(site.database)

    result = site.solace("restore", "--yes", str(backup))

    assert result.returncode == 1
    assert f"The backup file {backup} does not match its manifest" in result.stderr
    assert fingerprints_of(site.database) == before


def test_restore_reports_a_table_that_does_not_match_the_manifest(site: Site, tmp_path: Path) -> None:
    backup = tmp_path / "copy.sqlite3"
    assert site.solace("backup", str(backup)).returncode == 0
    data = json.loads(manifest_path(backup).read_text())
    data["tables"]["django_migrations"]["checksum"] = "sha256:0"
    data["tables"]["accounts_clinic"]["rows"] = 7
    manifest_path(backup).write_text(json.dumps(data))

    result = site.solace("restore", "--yes", str(backup))

    assert result.returncode == 1
    assert "table accounts_clinic has 0 rows, the backup 7" in result.stderr
    assert "table django_migrations has the same row count but different contents" in result.stderr


def test_backup_into_a_directory_names_the_file_and_never_overwrites(site: Site, tmp_path: Path) -> None:
    first = site.solace("backup", str(tmp_path))
    assert first.returncode == 0, first.stderr
    (written,) = tmp_path.glob("solace-*.sqlite3")
    assert f"Backup written to {written}" in first.stdout

    again = site.solace("backup", str(written))

    assert again.returncode == 1
    assert f"{written} already exists" in again.stderr


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/nonexistent-directory/solace.sqlite3", "the directory /nonexistent-directory does not exist"),
        ("/proc/solace-backup.sqlite3", "Cannot write the backup to /proc/solace-backup.sqlite3"),
    ],
)
@pytest.mark.django_db
def test_backup_to_an_unwritable_place_names_it(path: str, message: str) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("backup", path)
    assert not Path(path).exists()


@pytest.mark.django_db
def test_restore_of_a_missing_file_or_manifest_names_it(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=f"The backup file {tmp_path}/missing.sqlite3 does not exist"):
        call_command("restore", str(tmp_path / "missing.sqlite3"), yes=True)
    (tmp_path / "orphan.sqlite3").write_bytes(b"SQLite format 3\x00")
    with pytest.raises(CommandError, match=f"The manifest {tmp_path}/orphan.sqlite3.manifest.json is missing"):
        call_command("restore", str(tmp_path / "orphan.sqlite3"), yes=True)


@pytest.mark.django_db
def test_restore_refuses_a_backup_from_a_newer_solace(site: Site, tmp_path: Path) -> None:
    backup = tmp_path / "copy.sqlite3"
    assert site.solace("backup", str(backup)).returncode == 0
    data = json.loads(manifest_path(backup).read_text())
    data["migrations"].append("patients.9999_from_the_future")
    data["vendor"] = connection.vendor  # the check must also hold in the PostgreSQL pass
    manifest_path(backup).write_text(json.dumps(data))

    with pytest.raises(CommandError, match=r"taken by a newer Solace \(unknown migrations: patients.9999"):
        call_command("restore", str(backup), yes=True)


def test_fingerprint_differences_names_each_table() -> None:
    same = TableFingerprint(rows=1, checksum="sha256:a")
    expected = {"kept": same, "lost": same, "changed": same}
    actual = {"kept": same, "changed": TableFingerprint(rows=1, checksum="sha256:b"), "new": same}

    assert fingerprint_differences(expected, actual) == [
        "table lost is missing",
        "table new is not in the backup",
        "table changed has the same row count but different contents",
    ]
    assert fingerprint_differences(expected, expected) == []


@contextmanager
def scratch_postgresql_database(server_url: str) -> Iterator[str]:
    """A new, empty database on the suite's PostgreSQL server (not the test database pytest-django manages)."""
    name = f"solace_backup_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server_url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(server_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class PostgresClinicWriter(ClinicWriter):
    def __init__(self, url: str) -> None:
        super().__init__(Path())
        self.url = url

    def run(self) -> None:
        with psycopg.connect(self.url, autocommit=True) as writer:
            while not self.stop.is_set():
                number = self.transactions
                with writer.transaction():
                    for half in ("a", "b"):
                        writer.execute(
                            "INSERT INTO accounts_clinic (name, slug, time_zone, crisis_phone, is_demo, created_at) "
                            "VALUES (%s, %s, 'Europe/London', '999', false, now())",
                            (f"Writer clinic {number}{half}", f"writer-{number}-{half}"),
                        )
                self.transactions += 1


def postgresql_clinic_count(url: str) -> int:
    with psycopg.connect(url) as reader:
        row = reader.execute("SELECT count(*) FROM accounts_clinic").fetchone()
    assert row is not None
    return int(row[0])


@pytest.mark.postgres
def test_postgresql_backup_taken_during_writes_restores_to_an_identical_database(tmp_path: Path) -> None:
    with scratch_postgresql_database(os.environ["DATABASE_URL"]) as url:
        site = Site(var_dir=tmp_path, database=tmp_path / "unused.sqlite3", database_url=url)
        assert site.solace("migrate", "--noinput").returncode == 0
        writer = PostgresClinicWriter(url)
        writer.start()
        try:
            wait_for(lambda: writer.transactions >= 20)
            before = writer.transactions
            result = site.solace("backup", str(tmp_path / "copy.dump"))
            during = writer.transactions
            wait_for(lambda: writer.transactions >= during + 20)
        finally:
            writer.stop.set()
            writer.join()
        assert result.returncode == 0, result.stderr
        assert during > before, "the writer was not writing while the backup ran"
        manifest = Manifest.from_json(manifest_path(tmp_path / "copy.dump").read_text())
        backed_up = manifest.rows("accounts_clinic")
        assert manifest.vendor == "postgresql" and backed_up % 2 == 0
        assert 2 * before <= backed_up <= 2 * during < postgresql_clinic_count(url)

        result = site.solace("restore", "--yes", str(tmp_path / "copy.dump"))

        assert result.returncode == 0, result.stderr
        assert "all matching the manifest" in result.stdout
        assert postgresql_clinic_count(url) == backed_up
        assert list((tmp_path / "backups").glob("before-restore-*.dump"))


@pytest.mark.parametrize("ddl", ["CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)", "CREATE TABLE t (id INTEGER, v)"])
def test_a_table_checksum_depends_on_the_rows_not_on_their_physical_order(ddl: str) -> None:
    checksums = set()
    for rows in ([(1, "a"), (2, "b"), (3, None)], [(3, None), (1, "a"), (2, "b")]):
        with closing(sqlite3.connect(":memory:")) as database:
            database.execute(ddl)
            database.executemany("INSERT INTO t VALUES (?, ?)", rows)
            key = ['"id"'] if "PRIMARY" in ddl else []
            checksums.add(table_fingerprint(database.cursor(), "t", key, lambda name: f'"{name}"'))
    (fingerprint,) = checksums
    assert fingerprint.rows == 3

    with closing(sqlite3.connect(":memory:")) as database:
        database.execute(ddl)
        database.executemany("INSERT INTO t VALUES (?, ?)", [(1, "a"), (2, "b"), (3, "c")])
        assert table_fingerprint(database.cursor(), "t", [], lambda name: f'"{name}"') != fingerprint
