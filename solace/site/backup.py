"""Consistent online backups and verified restores of the Solace database (SQLite or PostgreSQL).

A backup is one file plus a JSON manifest next to it (`<file>.manifest.json`). The manifest records the database
vendor, when the copy was taken, the applied Django migrations, and for every table its row count and a SHA-256
checksum of its rows read in primary-key order. Restore checks the file against the manifest before touching the
live database and checks the live database against the manifest afterwards, so a restore either provably
reproduces the backup or says exactly which table differs.

- SQLite: the `sqlite3` online backup API copies a single consistent snapshot while the server keeps writing
  (WAL mode lets writers continue during the copy). Restore copies the backup back into the live file the same way.
- PostgreSQL: `pg_dump --format=custom` reads a snapshot exported by the transaction that also computes the
  manifest, so the dump and its checksums describe the same instant. Restore is `pg_restore --clean --if-exists`
  in a single transaction. Connection settings, including the password, reach the client tools only through
  libpq environment variables, never the command line (where `ps` would show them).

The files hold patient data: they are created readable by their owner only (mode 0600).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from django.db import connection, transaction
from django.db.backends.utils import CursorWrapper
from django.db.migrations.loader import MigrationLoader

MANIFEST_FORMAT = "solace-backup/1"
MANIFEST_SUFFIX = ".manifest.json"
FILE_EXTENSIONS = {"sqlite": ".sqlite3", "postgresql": ".dump"}
FETCH_BATCH = 2000
# libpq reads these from the environment; the password in particular must never be an argument.
LIBPQ_OPTION_VARIABLES = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "options": "PGOPTIONS",
    "application_name": "PGAPPNAME",
}


class BackupError(Exception):
    """A backup or restore could not be done; the message says what to do and names the file."""


class Cursor(Protocol):
    def execute(self, sql: str, params: Sequence[Any] = ...) -> Any: ...
    def fetchmany(self, size: int = ...) -> Sequence[Sequence[Any]]: ...
    def fetchall(self) -> Sequence[Sequence[Any]]: ...


@dataclass(frozen=True)
class TableFingerprint:
    rows: int
    checksum: str


@dataclass(frozen=True)
class Manifest:
    """What a backup holds, written next to it and checked again after a restore."""

    vendor: str
    created_at: str
    file_name: str
    file_sha256: str
    file_bytes: int
    migrations: list[str]
    tables: dict[str, TableFingerprint]
    format: str = MANIFEST_FORMAT

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data = json.loads(text)
        if data.get("format") != MANIFEST_FORMAT:
            raise ValueError(f"unknown manifest format {data.get('format')!r}")
        tables = {name: TableFingerprint(**value) for name, value in data.pop("tables").items()}
        return cls(tables=tables, **data)

    def rows(self, table: str) -> int:
        fingerprint = self.tables.get(table)
        return fingerprint.rows if fingerprint else 0


@dataclass(frozen=True)
class RestoreResult:
    manifest: Manifest
    safety_copy: Path | None
    pending_migrations: list[str] = field(default_factory=list)


def manifest_path(backup_path: Path) -> Path:
    return backup_path.with_name(backup_path.name + MANIFEST_SUFFIX)


# --- fingerprints ------------------------------------------------------------------------------------------------


def _canonical(value: object) -> object:
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return str(value)


def _canonical_lines(cursor: Cursor) -> Iterator[bytes]:
    while batch := cursor.fetchmany(FETCH_BATCH):
        for row in batch:
            yield json.dumps(list(row), default=_canonical, ensure_ascii=False, sort_keys=True).encode() + b"\n"


def table_fingerprint(cursor: Cursor, table: str, key: Sequence[str], quote: Any) -> TableFingerprint:
    """Row count and SHA-256 over a table's rows in key order, each row as one canonical JSON line."""
    order = f" ORDER BY {', '.join(key)}" if key else ""
    cursor.execute(f"SELECT * FROM {quote(table)}{order}")
    # A table without a primary key (none of Solace's) is put in order after reading.
    lines = _canonical_lines(cursor) if key else iter(sorted(_canonical_lines(cursor)))
    digest = hashlib.sha256()
    rows = 0
    for line in lines:
        digest.update(line)
        rows += 1
    return TableFingerprint(rows=rows, checksum=f"sha256:{digest.hexdigest()}")


def _migration_names(cursor: Cursor, table_names: Sequence[str]) -> list[str]:
    if "django_migrations" not in table_names:
        raise BackupError("The database has no django_migrations table: run `solace migrate` first.")
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    return [f"{app}.{name}" for app, name in cursor.fetchall()]


def fingerprint_differences(expected: dict[str, TableFingerprint], actual: dict[str, TableFingerprint]) -> list[str]:
    """Human-readable differences between two sets of table fingerprints (empty when identical)."""
    problems = [f"table {name} is missing" for name in sorted(expected.keys() - actual.keys())]
    problems += [f"table {name} is not in the backup" for name in sorted(actual.keys() - expected.keys())]
    for name in sorted(expected.keys() & actual.keys()):
        want, got = expected[name], actual[name]
        if want.rows != got.rows:
            problems.append(f"table {name} has {got.rows} rows, the backup {want.rows}")
        elif want.checksum != got.checksum:
            problems.append(f"table {name} has the same row count but different contents")
    return problems


# --- files -------------------------------------------------------------------------------------------------------


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _fsync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def _partial_file(destination: Path) -> Iterator[Path]:
    """A temporary file next to `destination`, readable by its owner only, renamed into place on success."""
    temporary = destination.with_name(f".{destination.name}.{uuid.uuid4().hex}.partial")
    try:
        os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except OSError as exc:
        raise BackupError(f"Cannot write the backup to {destination}: {exc.strerror}.") from exc
    try:
        yield temporary
        os.replace(temporary, destination)
        _fsync_directory(destination.parent)
    finally:
        temporary.unlink(missing_ok=True)


def resolve_destination(path: Path, *, vendor: str, now: datetime) -> Path:
    """The file to write: PATH itself, or a dated file inside PATH when PATH is a directory."""
    if path.is_dir():
        path = path / f"solace-{now:%Y%m%d-%H%M%S}{FILE_EXTENSIONS[vendor]}"
    if path.exists() or manifest_path(path).exists():
        raise BackupError(f"{path} already exists: choose a new file name (backups are never overwritten).")
    if not path.parent.is_dir():
        raise BackupError(f"Cannot write the backup to {path}: the directory {path.parent} does not exist.")
    return path


# --- SQLite ------------------------------------------------------------------------------------------------------


def _sqlite_quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sqlite_open(path: Path, *, mode: str) -> sqlite3.Connection:
    uri = f"file:{path}?mode={mode}"
    try:
        return sqlite3.connect(uri, uri=True, timeout=20)
    except sqlite3.OperationalError as exc:
        raise BackupError(f"Cannot open the SQLite database {path}: {exc}.") from exc


def sqlite_fingerprints(database: sqlite3.Connection) -> tuple[list[str], dict[str, TableFingerprint]]:
    """(applied migrations, table fingerprints) of an open SQLite database, read in one transaction."""
    cursor = database.cursor()
    cursor.execute("BEGIN")
    try:
        cursor.execute("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1")
        tables = [name for (name,) in cursor.fetchall()]
        migrations = _migration_names(cursor, tables)
        fingerprints = {table: table_fingerprint(cursor, table, _sqlite_key(cursor, table), _sqlite_quote)
                        for table in tables}
    finally:
        cursor.execute("ROLLBACK")
    return migrations, fingerprints


def _sqlite_key(cursor: Cursor, table: str) -> list[str]:
    """The quoted primary-key columns, in key order (SQLite compares text bytewise: no collation to fear)."""
    cursor.execute(f"PRAGMA table_info({_sqlite_quote(table)})")
    key = sorted((column[5], column[1]) for column in cursor.fetchall() if column[5])
    return [_sqlite_quote(name) for _position, name in key]


def _sqlite_backup(live: Path, destination: Path) -> tuple[list[str], dict[str, TableFingerprint]]:
    if not live.exists():
        raise BackupError(f"The SQLite database {live} does not exist: check DATABASE_URL and SOLACE_VAR_DIR.")
    with closing(_sqlite_open(live, mode="rw")) as source, closing(sqlite3.connect(destination)) as copy:
        # One step (pages=-1) copies a single consistent snapshot; writers carry on thanks to WAL mode.
        source.backup(copy, pages=-1)
        # The copy is a self-contained file: no -wal/-shm companions to forget when moving it.
        copy.execute("PRAGMA journal_mode=DELETE")
        (check,) = copy.execute("PRAGMA quick_check").fetchone()
        if check != "ok":
            raise BackupError(f"The copy failed SQLite's integrity check ({check}); the live database may be damaged.")
        return sqlite_fingerprints(copy)


def _sqlite_restore(source: Path, live: Path) -> tuple[list[str], dict[str, TableFingerprint]]:
    with closing(_sqlite_open(source, mode="ro")) as backup, closing(sqlite3.connect(live, timeout=20)) as target:
        backup.backup(target, pages=-1)
        target.execute("PRAGMA journal_mode=WAL")
    with closing(_sqlite_open(live, mode="ro")) as restored:
        return sqlite_fingerprints(restored)


def _sqlite_is_empty(live: Path) -> bool:
    if not live.exists() or live.stat().st_size == 0:
        return True
    with closing(_sqlite_open(live, mode="ro")) as database:
        (count,) = database.execute("SELECT count(*) FROM sqlite_schema WHERE type = 'table'").fetchone()
    return int(count) == 0


# --- PostgreSQL --------------------------------------------------------------------------------------------------


def libpq_environment(settings_dict: dict[str, Any]) -> dict[str, str]:
    """The environment for pg_dump/pg_restore: the current one plus the connection settings as PG* variables."""
    environment = dict(os.environ)
    values = {
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGDATABASE": settings_dict.get("NAME"),
    }
    for option, variable in LIBPQ_OPTION_VARIABLES.items():
        values[variable] = (settings_dict.get("OPTIONS") or {}).get(option)
    environment.update({name: str(value) for name, value in values.items() if value not in (None, "")})
    return environment


def _client_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} was not found: install the PostgreSQL client tools (the server's major version or newer)."
        )
    return path


def _run_client_tool(arguments: list[str], environment: dict[str, str]) -> None:
    completed = subprocess.run(arguments, env=environment, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        tool = Path(arguments[0]).name
        raise BackupError(f"{tool} failed (exit status {completed.returncode}): {completed.stderr.strip()}")


def _postgresql_key(cursor: CursorWrapper, table: str) -> list[str]:
    """The quoted primary-key columns, text ones compared bytewise (COLLATE "C"): the server restored into may
    have another default collation, and the order, hence the checksum, must not depend on it."""
    cursor.execute(
        """SELECT a.attname, a.attcollation <> 0 FROM pg_index i
           JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
           WHERE i.indrelid = %s::regclass AND i.indisprimary
           ORDER BY array_position(i.indkey::int2[], a.attnum)""",
        [connection.ops.quote_name(table)],
    )
    quote = connection.ops.quote_name
    return [quote(name) + (' COLLATE "C"' if collatable else "") for name, collatable in cursor.fetchall()]


def postgresql_fingerprints(cursor: CursorWrapper) -> tuple[list[str], dict[str, TableFingerprint]]:
    tables = sorted(connection.introspection.table_names(cursor))
    migrations = _migration_names(cursor, tables)
    fingerprints = {table: table_fingerprint(cursor, table, _postgresql_key(cursor, table), connection.ops.quote_name)
                    for table in tables}
    return migrations, fingerprints


def _postgresql_backup(destination: Path) -> tuple[list[str], dict[str, TableFingerprint]]:
    pg_dump = _client_tool("pg_dump")
    environment = libpq_environment(connection.settings_dict)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        (snapshot,) = cursor.fetchone()
        # pg_dump reads the very snapshot the checksums below are computed from.
        _run_client_tool(
            [pg_dump, "--format=custom", "--no-password", f"--snapshot={snapshot}", f"--file={destination}"],
            environment,
        )
        return postgresql_fingerprints(cursor)


def _postgresql_restore(source: Path) -> tuple[list[str], dict[str, TableFingerprint]]:
    pg_restore = _client_tool("pg_restore")
    environment = libpq_environment(connection.settings_dict)
    connection.close()
    _run_client_tool(
        [
            pg_restore, "--clean", "--if-exists", "--single-transaction", "--exit-on-error", "--no-owner",
            "--no-privileges", "--no-password", f"--dbname={environment['PGDATABASE']}", str(source),
        ],
        environment,
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        return postgresql_fingerprints(cursor)


def _postgresql_is_empty() -> bool:
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


# --- the two operations ------------------------------------------------------------------------------------------


def database_vendor() -> str:
    if connection.vendor not in FILE_EXTENSIONS:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")
    return connection.vendor


def _live_sqlite_path() -> Path:
    return Path(str(connection.settings_dict["NAME"]))


def backup_create(*, path: Path, now: datetime) -> tuple[Path, Manifest]:
    """Write a consistent copy of the live database to `path` (or a dated file inside it) and its manifest."""
    vendor = database_vendor()
    destination = resolve_destination(path, vendor=vendor, now=now)
    with _partial_file(destination) as partial:
        if vendor == "sqlite":
            migrations, tables = _sqlite_backup(_live_sqlite_path(), partial)
        else:
            migrations, tables = _postgresql_backup(partial)
        manifest = Manifest(
            vendor=vendor, created_at=now.astimezone(UTC).isoformat(timespec="seconds"),
            file_name=destination.name, file_sha256=file_sha256(partial), file_bytes=partial.stat().st_size,
            migrations=migrations, tables=tables,
        )
        with _partial_file(manifest_path(destination)) as manifest_partial:
            manifest_partial.write_text(manifest.to_json())
    return destination, manifest


def manifest_read(source: Path) -> Manifest:
    """The manifest of a backup file, after checking that the file is exactly the one it describes."""
    if not source.is_file():
        raise BackupError(f"The backup file {source} does not exist.")
    described_by = manifest_path(source)
    if not described_by.is_file():
        raise BackupError(f"The manifest {described_by} is missing: it is written next to every backup.")
    try:
        manifest = Manifest.from_json(described_by.read_text())
    except (ValueError, TypeError, KeyError) as exc:
        raise BackupError(f"The manifest {described_by} cannot be read: {exc}.") from exc
    if file_sha256(source) != manifest.file_sha256:
        raise BackupError(f"The backup file {source} does not match its manifest: it is damaged or was altered.")
    return manifest


def _migration_gaps(applied: list[str]) -> tuple[list[str], list[str]]:
    """(migrations in the backup this code does not know, migrations this code has that the backup lacks)."""
    known = {f"{app}.{name}" for app, name in MigrationLoader(None, ignore_no_migrations=True).disk_migrations}
    return sorted(set(applied) - known), sorted(known - set(applied))


def backup_restore(*, source: Path, manifest: Manifest, safety_directory: Path, now: datetime) -> RestoreResult:
    """Replace the live database with a backup (checked by `manifest_read`), keeping a copy of what it replaces."""
    vendor = database_vendor()
    if manifest.vendor != vendor:
        raise BackupError(f"{source} is a {manifest.vendor} backup; this installation uses {vendor}.")
    unknown, pending = _migration_gaps(manifest.migrations)
    if unknown:
        raise BackupError(
            f"{source} was taken by a newer Solace (unknown migrations: {', '.join(unknown[:5])}); "
            "upgrade Solace before restoring it."
        )
    safety_copy = _safety_copy(safety_directory, vendor=vendor, now=now)
    if vendor == "sqlite":
        migrations, tables = _sqlite_restore(source, _live_sqlite_path())
    else:
        migrations, tables = _postgresql_restore(source)
    problems = fingerprint_differences(manifest.tables, tables)
    if migrations != manifest.migrations:
        problems.append("the applied migrations differ from the backup's")
    if problems:
        kept = f" The database as it was before is in {safety_copy}." if safety_copy else ""
        raise BackupError("The restored database does not match the manifest: " + "; ".join(problems) + "." + kept)
    return RestoreResult(manifest=manifest, safety_copy=safety_copy, pending_migrations=pending)


def _safety_copy(directory: Path, *, vendor: str, now: datetime) -> Path | None:
    """A backup of the live database taken just before a restore replaces it (none when it is empty)."""
    empty = _sqlite_is_empty(_live_sqlite_path()) if vendor == "sqlite" else _postgresql_is_empty()
    if empty:
        return None
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = f"{now:%Y%m%d-%H%M%S}"
    destination, _manifest = backup_create(
        path=directory / f"before-restore-{stamp}{FILE_EXTENSIONS[vendor]}", now=now
    )
    return destination
