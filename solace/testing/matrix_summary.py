"""pytest plugin: the access matrix's one-line summary at the end of a run (`pytest -p solace.testing.matrix_summary`).

The route tests of solace/site/tests/test_access_matrix.py record their requests and unauthorised successes as user
properties, which reach the controlling process under pytest-xdist too. No Django imports: plugins load before
Django is set up.
"""

from __future__ import annotations

import pytest

_totals = {"entries": 0, "requests": 0, "unauthorised": 0}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    properties = dict(report.user_properties)
    if report.when != "call" or "matrix_requests" not in properties:
        return
    _totals["entries"] += 1
    _totals["requests"] += int(str(properties["matrix_requests"]))
    _totals["unauthorised"] += int(str(properties.get("matrix_unauthorised", 0)))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _totals["entries"]:
        terminalreporter.write_line(
            f"access matrix: {_totals['entries']} routes and operations checked, {_totals['requests']} requests, "
            f"{_totals['unauthorised']} unauthorised successes")
