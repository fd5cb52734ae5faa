"""solace.domain stays pure: it never imports Django or a Solace app, and its modules (tests aside) use no
clock and no I/O (STYLE.md, "The house"). Every .py file under solace/domain is parsed with `ast`."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

DOMAIN = Path(__file__).resolve().parents[2]
IO_MODULES = {
    "http",
    "io",
    "os",
    "pathlib",
    "requests",
    "shutil",
    "socket",
    "sqlite3",
    "subprocess",
    "tempfile",
    "time",
    "urllib",
}
CLOCK_CALLS = {"now", "today", "utcnow"}


def imported_modules(tree: ast.AST) -> list[str]:
    modules: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.append(node.module)
            if node.module == "solace":
                modules += [f"solace.{alias.name}" for alias in node.names]
    return modules


def forbidden_imports(source: str) -> list[str]:
    """Imports of Django, or of any solace module outside solace.domain."""
    found = []
    for module in imported_modules(ast.parse(source)):
        root = module.split(".")[0]
        in_domain = module == "solace.domain" or module.startswith("solace.domain.")
        if root == "django" or (root == "solace" and module != "solace" and not in_domain):
            found.append(module)
    return found


def clock_or_io(source: str) -> list[str]:
    """Imports of I/O or clock modules, calls such as datetime.now() or date.today(), and open()."""
    tree = ast.parse(source)
    found = [m for m in imported_modules(tree) if m.split(".")[0] in IO_MODULES]
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            function = node.func
            if isinstance(function, ast.Attribute) and function.attr in CLOCK_CALLS:
                found.append(f"{function.attr}()")
            elif isinstance(function, ast.Name) and function.id in {"open", "input", "print"}:
                found.append(f"{function.id}()")
    return found


def domain_files(*, include_tests: bool) -> list[Path]:
    files = sorted(DOMAIN.rglob("*.py"))
    if include_tests:
        return files
    return [f for f in files if "tests" not in f.relative_to(DOMAIN).parts]


def test_the_checks_catch_violations() -> None:
    assert forbidden_imports("import django") == ["django"]
    assert forbidden_imports("from django.db import models") == ["django.db"]
    assert forbidden_imports("from solace.patients.models import Patient") == ["solace.patients.models"]
    assert forbidden_imports("from solace import patients") == ["solace.patients"]
    assert forbidden_imports("import solace.audit") == ["solace.audit"]
    assert forbidden_imports("from solace.domain.instruments import score\nfrom . import model") == []
    assert clock_or_io("from datetime import datetime\nx = datetime.now()") == ["now()"]
    assert clock_or_io("import os") == ["os"]
    assert clock_or_io("open('x')") == ["open()"]
    assert clock_or_io("from datetime import date\ndef f(d: date) -> date:\n    return d") == []


def test_the_domain_has_files_to_check() -> None:
    assert (DOMAIN / "__init__.py").is_file()
    assert len(domain_files(include_tests=False)) > 10


@pytest.mark.parametrize("path", domain_files(include_tests=True), ids=lambda p: str(p.relative_to(DOMAIN)))
def test_no_django_and_no_solace_app_imports(path: Path) -> None:
    assert forbidden_imports(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", domain_files(include_tests=False), ids=lambda p: str(p.relative_to(DOMAIN)))
def test_no_clock_and_no_io(path: Path) -> None:
    assert clock_or_io(path.read_text(encoding="utf-8")) == []
