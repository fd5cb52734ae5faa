"""Shared fixtures. Tests use a real database (SQLite by default, PostgreSQL under `make test-postgres`)."""

from __future__ import annotations

import pytest

from solace.testing import factories


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
