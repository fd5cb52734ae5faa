"""Fixtures for the cross-cutting tests: transactional tests next to the audit triggers (the real SMTP server,
`smtp_mail`, is in the root conftest.py: the alerts tests use it too)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from solace.testing import postgres
from solace.testing.database import audit_trail_empty_for_flush


def _on_postgresql() -> bool:
    from django.conf import settings

    return "postgresql" in settings.DATABASES["default"]["ENGINE"]


def pytest_report_header(config: pytest.Config) -> str:
    if not _on_postgresql():
        return "database: SQLite (Django's in-memory test database)"
    data_dir = os.environ.get(postgres.ENV_DATA_DIR, "not started by this test run")
    return f"database: PostgreSQL on port {os.environ.get(postgres.ENV_PORT, '?')}, cluster {data_dir}"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Off PostgreSQL, `postgres` tests are deselected (reported as such), never skipped: see `make test-postgres`."""
    if _on_postgresql():
        return
    deselected = [item for item in items if item.get_closest_marker("postgres")]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if not item.get_closest_marker("postgres")]


@pytest.fixture
def flushable_audit_trail(transactional_db: None) -> Iterator[None]:
    """For tests that commit: lets the flush after the test get past the SQLite audit triggers."""
    yield
    audit_trail_empty_for_flush()
