from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from solace.audit.models import AuditEvent
from solace.testing.factories import signed_in_client

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_security_headers_on_a_patient_page(cast):
    response = signed_in_client(cast.assigned_clinician).get(f"/patients/{cast.patient.pk}/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert len(response["X-Request-ID"]) >= 8


@pytest.mark.django_db
def test_pages_have_no_inline_script(cast):
    for user, path in [(cast.assigned_clinician, "/patients/"), (cast.patient_user, "/"), (None, "/accounts/login/")]:
        page = signed_in_client(user).get(path).content.decode()
        for chunk in page.split("<script")[1:]:
            assert chunk.lstrip().startswith("src="), f"inline script on {path}"
        assert "http://" not in page.replace("http://testserver", "") or "http://www.w3.org" in page


def _run_solace(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "DATABASE_URL": "", **env}
    full_env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run([sys.executable, "-m", "solace.cli", *args], cwd=ROOT, env=full_env,
                          capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = _run_solace(
        ["check", "--deploy", "--fail-level", "WARNING"],
        {"SOLACE_HTTPS": "true", "ALLOWED_HOSTS": "solace.example.org", "SOLACE_VAR_DIR": str(tmp_path),
         "EMAIL_HOST": "smtp.example.org",
         "SECRET_KEY": "x" * 20 + "-a-long-random-production-secret-value-0123456789"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"SOLACE_HTTPS": "maybe"}, "SOLACE_HTTPS must be one of true/false"),
        ({"DATABASE_URL": "mysql://x"}, "DATABASE_URL must start with sqlite:/// or postgresql://"),
        ({"SOLACE_TIME_ZONE": "Moon/Base"}, "SOLACE_TIME_ZONE must be an IANA time zone"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY must be at least 50 characters long"),
        ({"EMAIL_PORT": "twenty-five"}, "EMAIL_PORT must be a whole number"),
    ],
)
def test_bad_configuration_stops_start_up_naming_the_variable(tmp_path, env, message):
    result = _run_solace(["check"], {"SOLACE_VAR_DIR": str(tmp_path), **env})
    assert result.returncode != 0
    assert message in result.stderr


def test_secret_key_is_generated_once_and_private(tmp_path):
    first = _run_solace(["check"], {"SOLACE_VAR_DIR": str(tmp_path)})
    assert first.returncode == 0, first.stderr
    key_file = tmp_path / "secret_key"
    key = key_file.read_text()
    assert oct(key_file.stat().st_mode & 0o777) == "0o600" and len(key) >= 50
    _run_solace(["check"], {"SOLACE_VAR_DIR": str(tmp_path)})
    assert key_file.read_text() == key


def test_embedded_sqlite_runs_in_wal_with_full_sync_busy_timeout_and_foreign_keys(tmp_path):
    script = (
        "from django.db import connection as c; cur = c.cursor()\n"
        "for pragma in ('journal_mode', 'synchronous', 'busy_timeout', 'foreign_keys'):\n"
        "    cur.execute('PRAGMA ' + pragma); print(cur.fetchone()[0])"
    )
    result = _run_solace(["shell", "--no-imports", "-c", script], {"SOLACE_VAR_DIR": str(tmp_path)})
    assert result.stdout.split() == ["wal", "2", "20000", "1"], result.stderr  # synchronous 2 = FULL
    assert (tmp_path / "solace.sqlite3").exists()


@pytest.mark.django_db
def test_staff_sessions_expire_when_idle(cast, settings):
    client = signed_in_client(cast.assigned_clinician)
    client.get("/patients/")
    assert client.session.get_expiry_age() == settings.STAFF_IDLE_TIMEOUT_SECONDS
    patient_client = signed_in_client(cast.patient_user)
    patient_client.get("/")
    assert patient_client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE


@pytest.mark.django_db
def test_no_patient_data_in_logs(cast, caplog):
    caplog.set_level(logging.DEBUG)
    client = signed_in_client(cast.assigned_clinician)
    client.get(f"/patients/{cast.patient.pk}/")
    client.get("/patients/00000000-0000-0000-0000-000000000000/")
    client.post("/patients/new/", {"given_name": "Secretname", "email": "bad"})
    text = caplog.text
    for value in (cast.patient.given_name, cast.patient.family_name, cast.patient.email, "Secretname"):
        assert value not in text


@pytest.mark.django_db
def test_audit_trail_is_append_only(cast):
    from django.db import connection, transaction
    from django.db.utils import DatabaseError

    event = AuditEvent.objects.first() or AuditEvent.objects.create(at="2026-01-01T00:00:00Z", action="x",
                                                                    outcome="allowed")
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.update(action="y")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET action = 'tampered'")


@pytest.mark.django_db
def test_audit_page_filters_and_is_for_supervisors_and_admins(cast):
    signed_in_client(cast.assigned_clinician).get(f"/patients/{cast.patient.pk}/")
    signed_in_client(cast.colleague).get(f"/patients/{cast.patient.pk}/")
    for reader in (cast.supervisor, cast.clinic_admin):
        client = signed_in_client(reader)
        page = client.get("/audit/?action=patient.view&outcome=denied").content.decode()
        assert cast.colleague.email in page and cast.assigned_clinician.email not in page
        allowed = client.get("/audit/?action=patient.view&outcome=allowed").content.decode()
        assert cast.assigned_clinician.email in allowed
    for outsider in (cast.assigned_clinician, cast.patient_user, cast.researcher, cast.other_clinic_clinician):
        assert signed_in_client(outsider).get("/audit/").status_code == 404
    other_clinic_page = signed_in_client(cast.supervisor).get("/audit/").content.decode()
    assert cast.other_clinic_clinician.email not in other_clinic_page
    bad = signed_in_client(cast.supervisor).get("/audit/?since=not-a-date").content.decode()
    assert "From: Enter a valid date." in bad


def test_crisis_page_is_public():
    response = Client().get("/help/crisis/")
    assert response.status_code == 200 and "999" in response.content.decode()


@pytest.mark.django_db
def test_health():
    assert Client().get("/healthz").json()["status"] == "ok"


def test_var_directory_is_private(tmp_path):
    var_dir = tmp_path / "fresh-var"
    result = _run_solace(["check"], {"SOLACE_VAR_DIR": str(var_dir)})
    assert result.returncode == 0, result.stderr
    assert oct(var_dir.stat().st_mode & 0o777) == "0o700"
