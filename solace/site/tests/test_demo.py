"""`solace demo`: the fictional clinic, its printed logins, and the guards that keep it away from real patients."""

from __future__ import annotations

import random
import re
from base64 import b32decode
from datetime import date, timedelta
from io import StringIO
from itertools import pairwise

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from solace.accounts.models import Clinic, Membership, User
from solace.alerts.models import AlertDelivery, SafetyEvent, SafetyStatus
from solace.courses.choices import SessionStatus, Stage
from solace.courses.models import TherapySession, TreatmentCourse
from solace.domain.screening import decision_allows_course
from solace.kernel.permissions import STAFF_ROLES, Role
from solace.measures.models import MeasureResponse
from solace.patients.choices import CareTeamRole
from solace.patients.models import CareTeamMember, Consent, Patient
from solace.screening.selectors import screening_latest
from solace.site import demo
from solace.testing import factories


def run_demo(*arguments: str) -> str:
    out = StringIO()
    call_command("demo", *arguments, stdout=out)
    return out.getvalue()


def printed_staff_logins(output: str) -> dict[str, tuple[str, str]]:
    """{e-mail: (TOTP secret, otpauth URI)} for every staff row of the printed table."""
    logins = {}
    for line in output.splitlines():
        words = line.split()
        if words and words[-1].startswith("otpauth://"):
            logins[words[0]] = (words[-2], words[-1])
    return logins


def counts() -> dict[str, int]:
    return {
        "demo clinics": Clinic.objects.filter(is_demo=True).count(),
        "staff": Membership.objects.filter(role__in=STAFF_ROLES).count(),
        "patients": Patient.objects.filter(is_demo=True).count(),
        "users": User.objects.count(),
        "courses": TreatmentCourse.objects.count(),
        "sessions": TherapySession.objects.count(),
        "devices": TOTPDevice.objects.count(),
        "safety events": SafetyEvent.objects.count(),
    }


@pytest.mark.django_db
def test_demo_is_created_once_and_prints_the_logins_every_time() -> None:
    first = run_demo()
    after_first = counts()
    second = run_demo()

    assert counts() == after_first
    assert after_first["demo clinics"] == 1 and after_first["staff"] == 5 and after_first["patients"] == 40
    assert after_first["devices"] == 5 and after_first["safety events"] == 2
    assert "Created Solace Demo Clinic with 40 demo patients." in first
    assert "The demo clinic already exists" in second
    assert printed_staff_logins(first) == printed_staff_logins(second)
    for output in (first, second):
        assert f"every one uses the password {demo.DEMO_PASSWORD}" in output
        assert demo.DEMO_PATIENT_EMAIL in output


@pytest.mark.django_db
def test_every_printed_totp_secret_verifies_against_the_staff_members_device() -> None:
    logins = printed_staff_logins(run_demo())

    assert sorted(logins) == sorted(member.email for member in demo.DEMO_STAFF)
    for email, (secret, uri) in logins.items():
        assert uri == f"otpauth://totp/Solace:{email}?secret={secret}&issuer=Solace"
        key = b32decode(secret + "=" * (-len(secret) % 8))
        device = TOTPDevice.objects.get(user__email=email, confirmed=True)
        assert device.verify_token(f"{TOTP(key).token():06d}"), email


@pytest.mark.django_db
def test_demo_logins_sign_in_as_staff_with_two_factor_and_as_the_patient() -> None:
    logins = printed_staff_logins(run_demo())
    clinician = Client()
    response = clinician.post("/accounts/login/", {"email": demo.DEMO_STAFF[0].email, "password": demo.DEMO_PASSWORD})
    assert response["Location"] == "/accounts/two-factor/"
    secret = logins[demo.DEMO_STAFF[0].email][0]
    code = f"{TOTP(b32decode(secret + '=' * (-len(secret) % 8))).token():06d}"
    response = clinician.post("/accounts/two-factor/", {"code": code})
    assert response["Location"] == "/"
    assert clinician.get("/patients/").status_code == 200

    patient = Client()
    response = patient.post("/accounts/login/", {"email": demo.DEMO_PATIENT_EMAIL, "password": demo.DEMO_PASSWORD})
    assert response["Location"] == "/"
    assert patient.get("/").status_code == 200


@pytest.mark.django_db
def test_demo_courses_span_all_five_stages_within_the_seed_limits() -> None:
    run_demo()
    now = timezone.now()
    courses = list(TreatmentCourse.objects.prefetch_related("therapy_sessions"))

    assert {course.stage for course in courses} == set(Stage)
    for course in courses:
        sessions = list(course.therapy_sessions.all())
        assert 12 <= course.weeks <= 20 and 60 <= course.session_minutes <= 90
        assert [session.number for session in sessions] == list(range(1, course.weeks + 1))
        assert {session.duration_minutes for session in sessions} == {course.session_minutes}
        gaps = [later.scheduled_start - earlier.scheduled_start for earlier, later in pairwise(sessions)]
        # Weekly at the same local time: a clock change moves the UTC time by an hour.
        assert all(timedelta(days=7, hours=-1) <= gap <= timedelta(days=7, hours=1) for gap in gaps), gaps
        past = [session.status for session in sessions if session.scheduled_start < now]
        future = [session.status for session in sessions if session.scheduled_start >= now]
        assert set(past) <= {SessionStatus.ATTENDED, SessionStatus.MISSED}
        assert set(future) <= {SessionStatus.SCHEDULED}
        assert (course.stage == Stage.NOT_STARTED) == (not past)
        assert (course.stage == Stage.COMPLETED) == (not future)
    statuses = set(TherapySession.objects.values_list("status", flat=True))
    assert statuses == {SessionStatus.ATTENDED, SessionStatus.MISSED, SessionStatus.SCHEDULED}


@pytest.mark.django_db
def test_demo_patients_have_care_teams_consents_accounts_and_open_safety_events() -> None:
    run_demo()
    patients = Patient.objects.all()

    assert patients.count() == 40 and not patients.filter(is_demo=False).exists()
    assert len({patient.time_zone for patient in patients}) >= 4
    assert len({patient.date_of_birth.year for patient in patients}) >= 20
    supervisor = User.objects.get(email="supervisor@demo.solace.invalid")
    assert CareTeamMember.objects.filter(user=supervisor, role=CareTeamRole.SUPERVISOR).count() == 40
    primaries = CareTeamMember.objects.filter(role=CareTeamRole.PRIMARY)
    assert sorted(primaries.values_list("user__email", flat=True).distinct()) == [
        "clinician2@demo.solace.invalid", "clinician@demo.solace.invalid",
    ]
    assert primaries.count() == 40
    for kind, version in settings.CONSENT_VERSIONS.items():
        assert Consent.objects.filter(kind=kind, version=version).count() == 40
    accounts = patients.filter(user__isnull=False)
    assert accounts.count() >= 5 and accounts.filter(email=demo.DEMO_PATIENT_EMAIL).exists()
    assert all(account.user is not None and account.user.role == Role.PATIENT for account in accounts)
    assert SafetyEvent.objects.filter(status=SafetyStatus.OPEN).count() == 2


@pytest.mark.django_db
def test_demo_holds_only_what_the_product_produces() -> None:
    run_demo()

    courses = TreatmentCourse.objects.select_related("patient").prefetch_related("plan_versions")
    assert courses.count() == 40
    for course in courses:
        screening = screening_latest(patient=course.patient)
        assert screening is not None and screening.signature is not None, course.patient
        assert decision_allows_course(screening.signature.decision)
        assert course.started_on is not None and screening.signature.signed_at.date() < course.started_on
        (version,) = course.plan_versions.all()
        assert version.source["screening_id"] == screening.pk
    events = SafetyEvent.objects.all()
    assert events.count() == 2
    for event in events:
        assert event.source_type == "measure_response", event
        source = MeasureResponse.objects.get(pk=event.source_id, patient=event.patient)
        assert source.instrument_code == "phq9" and source.answers["phq9_q9"] > 0
        assert AlertDelivery.objects.filter(event=event).exists()


@pytest.mark.django_db
def test_demo_refuses_a_database_with_real_patients(clinic) -> None:
    factories.patient_create(clinic)
    before = counts()

    with pytest.raises(CommandError, match="holds real patients") as refusal:
        run_demo()

    assert refusal.value.returncode == 2
    assert counts() == before


@pytest.mark.django_db
def test_if_empty_loads_the_demo_only_into_a_database_without_clinics() -> None:
    assert "Created Solace Demo Clinic" in run_demo("--if-empty")
    after = counts()

    output = run_demo("--if-empty")

    assert "The demo clinic already exists" in output and demo.DEMO_STAFF[0].email in output
    assert counts() == after


@pytest.mark.django_db
def test_if_empty_with_real_data_prints_one_line_and_changes_nothing(clinic) -> None:
    before = counts()

    output = run_demo("--if-empty")

    assert output == "This database holds real clinic data: the demo was not loaded.\n"
    assert counts() == before


def test_the_plan_is_reproducible_from_the_seed() -> None:
    today = date(2026, 11, 25)
    first = demo.people_plan(random.Random(demo.DEMO_SEED), today=today)
    second = demo.people_plan(random.Random(demo.DEMO_SEED), today=today)

    assert first == second
    assert len({(person.given_name, person.family_name) for person in first}) == demo.DEMO_PATIENT_COUNT
    assert all(re.fullmatch(r"[a-z.]+@[a-z.]+", person.email) for person in first)
