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
