"""Fixtures for the cross-cutting tests: a real SMTP server, and transactional tests next to the audit triggers."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from pytest_django.fixtures import Settings

from solace.testing import postgres
from solace.testing.database import audit_trail_empty_for_flush
from solace.testing.smtp import SmtpListener, smtp_listener


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
def smtp_server() -> Iterator[SmtpListener]:
    """A real SMTP listener on a free local port that keeps what it receives."""
    with smtp_listener() as listener:
        yield listener


@pytest.fixture
def smtp_mail(settings: Settings, smtp_server: SmtpListener) -> SmtpListener:
    """Send the site's mail over SMTP to `smtp_server` (the test runner had switched MAILERS to locmem)."""
    settings.MAILERS = {"default": smtp_server.mailer}
    return smtp_server


@pytest.fixture
def flushable_audit_trail(transactional_db: None) -> Iterator[None]:
    """For tests that commit: lets the flush after the test get past the SQLite audit triggers."""
    yield
    audit_trail_empty_for_flush()
