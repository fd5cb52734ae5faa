"""Shared fixtures. Tests use a real database (SQLite by default, PostgreSQL under `make test-postgres`)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_django.fixtures import Settings

from solace.testing import factories
from solace.testing.smtp import SmtpListener, smtp_listener


@pytest.fixture
def cast(db: None) -> factories.Cast:
    return factories.cast_create()


@pytest.fixture
def clinic(db: None):  # type: ignore[no-untyped-def]
    return factories.clinic_create()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings) -> None:  # type: ignore[no-untyped-def]
    """Argon2 is deliberately slow; tests hash with MD5 except test_passwords_use_argon2, which checks the real one."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
