"""Database chores for tests that commit (live-server and other transactional tests)."""

from __future__ import annotations

import importlib

from django.db import connection, transaction

_TRIGGERS = importlib.import_module("solace.audit.migrations.0002_append_only_triggers")


def audit_trail_empty_for_flush() -> None:
    """Empty the audit trail so that the flush after a transactional test can run.

    On SQLite the append-only triggers fire on Django's flush (`DELETE FROM`) and abort it; they are lifted for
    this one statement and put back at once. PostgreSQL flushes with TRUNCATE, which the row triggers allow.
    """
    if connection.vendor != "sqlite":
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER IF EXISTS audit_no_update")
        cursor.execute("DROP TRIGGER IF EXISTS audit_no_delete")
        cursor.execute("DELETE FROM audit_auditevent")
        for statement in _TRIGGERS.SQLITE:
            cursor.execute(statement)
