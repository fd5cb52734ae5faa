"""pytest plugin for `make test`: a skipped test fails the run (STYLE.md: a skipped test is a failing test with an
excuse). Load it with `pytest -p solace.testing.no_skips`.

Deselecting by marker (`-m "not browser"`) is how a pass leaves tests out on purpose; deselected tests are not
collected as skipped, so they are not affected. Expected failures (xfail) are reported by pytest as they are.
"""

from __future__ import annotations

from collections.abc import Generator

import pytest

EXPLANATION = "Skipped tests fail `make test` (STYLE.md). Fix the cause, or deselect the test with a marker."


def _skip_reason(longrepr: object) -> str:
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        path, line, reason = longrepr
        return f"{reason} ({path}:{line})"
    return str(longrepr)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"{EXPLANATION}\n{_skip_reason(report.longrepr)}"
    return report


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(
    collector: pytest.Collector,
) -> Generator[None, pytest.CollectReport, pytest.CollectReport]:
    report = yield
    if report.skipped:
        report.outcome = "failed"
        report.longrepr = f"{EXPLANATION}\nWhile collecting: {_skip_reason(report.longrepr)}"
    return report


def pytest_report_header(config: pytest.Config) -> str:
    return "no_skips: every skipped test counts as a failure"
