"""The audit trail is append-only in the database itself, whatever code (or person with a SQL prompt) tries.

Runs on SQLite in the first pass and on PostgreSQL in the second; tests/postgres adds the PostgreSQL specifics.
"""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from solace.audit.models import AuditEvent
from solace.audit.services import audit_record

pytestmark = pytest.mark.django_db

STATEMENTS = {
    "update": "UPDATE audit_auditevent SET action = 'tampered' WHERE id = %s",
    "update every row": "UPDATE audit_auditevent SET outcome = 'allowed'",
    "delete": "DELETE FROM audit_auditevent WHERE id = %s",
    "delete every row": "DELETE FROM audit_auditevent",
}


@pytest.mark.parametrize("statement", STATEMENTS.values(), ids=STATEMENTS.keys())
def test_raw_sql_cannot_change_or_remove_an_entry(statement: str) -> None:
    event = audit_record(actor=None, action="test.recorded", outcome="denied")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, [event.pk] if "%s" in statement else [])
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.action, stored.outcome) == ("test.recorded", "denied")


def test_appending_still_works() -> None:
    first = audit_record(actor=None, action="test.first")
    second = audit_record(actor=None, action="test.second")
    assert list(AuditEvent.objects.filter(pk__in=[first.pk, second.pk]).values_list("action", flat=True)) == [
        "test.second", "test.first",
    ]
