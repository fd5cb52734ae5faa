"""PostgreSQL only: run by `make test-postgres` against the cluster that solace.testing.postgres started."""

from __future__ import annotations

import os

import pytest
from django.db import DatabaseError, connection, transaction

from solace.audit.models import AuditEvent
from solace.audit.services import audit_record
from solace.testing import postgres

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def _one(sql: str) -> object:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    assert row is not None
    return row[0]


def test_the_database_is_the_throwaway_cluster_the_suite_started() -> None:
    assert connection.vendor == "postgresql"
    assert str(connection.settings_dict["PORT"]) == os.environ[postgres.ENV_PORT]
    assert _one("SHOW data_directory") == os.environ[postgres.ENV_DATA_DIR]
    assert str(_one("SELECT current_database()")).startswith("test_")
    assert int(str(_one("SHOW server_version_num"))) >= 150000


def test_audit_table_has_the_append_only_row_trigger() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgname, tgenabled, pg_get_triggerdef(oid) FROM pg_trigger "
            "WHERE tgrelid = 'audit_auditevent'::regclass AND NOT tgisinternal"
        )
        triggers = cursor.fetchall()
    assert [(name, enabled) for name, enabled, _definition in triggers] == [("audit_no_change", "O")]
    definition = triggers[0][2]
    assert "BEFORE DELETE OR UPDATE" in definition and "FOR EACH ROW" in definition


@pytest.mark.parametrize(
    "statement",
    ["UPDATE audit_auditevent SET detail = '{}'::jsonb WHERE id = %s", "DELETE FROM audit_auditevent WHERE id = %s"],
    ids=["update", "delete"],
)
def test_trigger_raises_a_plpgsql_exception(statement: str) -> None:
    event = audit_record(actor=None, action="test.recorded", detail={"code": "kept"})
    with (
        pytest.raises(DatabaseError, match="append-only") as raised,
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement, [event.pk])
    assert getattr(raised.value.__cause__, "sqlstate", None) == "P0001"  # raise_exception, from the trigger
    assert AuditEvent.objects.get(pk=event.pk).detail == {"code": "kept"}
