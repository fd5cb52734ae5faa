"""Caseload page latency and query count for 50 and 500 patients, against a trivial request in the same run.

Usage: .venv/bin/python bench/caseload.py [--repeat 30]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _setup(var_dir: str) -> None:
    os.environ.update({"SOLACE_VAR_DIR": var_dir, "DATABASE_URL": f"sqlite:///{var_dir}/bench.sqlite3",
                       "DJANGO_SETTINGS_MODULE": "config.settings", "ALLOWED_HOSTS": "testserver"})
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _time(client, path: str, repeat: int) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    return statistics.median(samples), len(queries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as var_dir:
        _setup(var_dir)
        from django.utils import timezone

        from solace.courses.models import TherapySession, TreatmentCourse
        from solace.kernel.permissions import Role
        from solace.testing import factories

        clinic = factories.clinic_create()
        clinician = factories.user_create(clinic, Role.CLINICIAN)
        client = factories.signed_in_client(clinician)
        rows = []
        baseline, _q = _time(client, "/healthz", args.repeat)
        for target in (50, 500):
            while clinician.care_assignments.count() < target:
                patient = factories.patient_create(clinic, clinician=clinician)
                course = TreatmentCourse.objects.create(patient=patient, stage="build", status="active")
                TherapySession.objects.create(course=course, number=1,
                                              scheduled_start=timezone.now() + timedelta(days=3))
            median, queries = _time(client, "/patients/", args.repeat)
            rows.append((target, median, queries))
        print(f"baseline GET /healthz: {baseline:.2f} ms (median of {args.repeat})")
        print(f"{'patients':>9} {'median ms':>10} {'x baseline':>11} {'queries':>8}")
        for target, median, queries in rows:
            print(f"{target:>9} {median:>10.2f} {median / baseline:>11.1f} {queries:>8}")
        growth = rows[1][1] / rows[0][1]
        print(f"time growth 50 -> 500 patients: x{growth:.1f}; query count constant: {rows[0][2] == rows[1][2]}")


if __name__ == "__main__":
    main()
