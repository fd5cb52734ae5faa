"""Real SQLite files for tests that run `solace` as a separate process (serve, backup, restore)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest

SOLACE = [sys.executable, "-m", "solace.cli"]


@dataclass(frozen=True)
class Site:
    """A Solace installation of its own: a var directory and a migrated SQLite database inside it."""

    var_dir: Path
    database: Path
    database_url: str = ""

    @property
    def env(self) -> dict[str, str]:
        environment = dict(os.environ)
        environment.update(
            DATABASE_URL=self.database_url or f"sqlite:///{self.database}", SOLACE_VAR_DIR=str(self.var_dir),
            DJANGO_SETTINGS_MODULE="config.settings",
        )
        return environment

    def solace(self, *arguments: str, stdin: int | None = subprocess.DEVNULL,
               timeout: float = 60) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*SOLACE, *arguments], env=self.env, stdin=stdin, capture_output=True, text=True,
                              timeout=timeout, check=False)


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated database per test session; each test gets its own copy (`site`)."""
    var_dir = tmp_path_factory.mktemp("template-site")
    template = Site(var_dir=var_dir, database=var_dir / "solace.sqlite3")
    result = template.solace("migrate", "--noinput")
    assert result.returncode == 0, result.stderr
    return template.database


@pytest.fixture
def site(tmp_path: Path, migrated_database: Path) -> Site:
    var_dir = tmp_path / "var"
    var_dir.mkdir()
    database = var_dir / "solace.sqlite3"
    with closing(sqlite3.connect(migrated_database)) as source, closing(sqlite3.connect(database)) as copy:
        source.backup(copy)
    return Site(var_dir=var_dir, database=database)
