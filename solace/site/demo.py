"""The demo clinic: fictional staff and patients so a person can try every role of Solace in a minute.

Everything is generated from a fixed random seed, so two installations loaded on the same day hold the same
people, courses and sessions. Dates are relative to the day it is loaded: sessions lie in the past (attended or
missed) and in the future (scheduled). Staff authenticators use fixed, printed TOTP secrets so the demo can be
signed into from any authenticator app. None of this may ever sit next to real patients (`demo_refusal`).
"""

from __future__ import annotations

import hashlib
import random
import unicodedata
from base64 import b32encode
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import quote
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from solace.accounts.models import Clinic, User
from solace.accounts.services import member_create
from solace.audit.services import audit_record
from solace.courses.choices import CourseFormat, CourseStatus, SessionStatus, Stage
from solace.courses.models import CoursePlanVersion, TherapySession, TreatmentCourse
from solace.courses.services import plan_generate, screening_basis
from solace.kernel.permissions import Role
from solace.measures.services import response_submit
from solace.patients.choices import CareTeamRole, ConsentKind, Language
from solace.patients.models import CareTeamMember, Consent, Patient
from solace.screening.choices import SignatureKind
from solace.screening.services import screening_record, screening_sign

DEMO_CLINIC_NAME = "Solace Demo Clinic"
DEMO_CLINIC_SLUG = "solace-demo"
DEMO_PASSWORD = "compassion-demo-2026"
DEMO_SEED = 20261
DEMO_PATIENT_COUNT = 40
DEMO_PATIENT_EMAIL = "patient@demo.solace.invalid"
TOTP_ISSUER = "Solace"


@dataclass(frozen=True)
class StaffMember:
    email: str
    full_name: str
    role: Role


DEMO_STAFF = (
    StaffMember("clinician@demo.solace.invalid", "Dr Maya Okafor", Role.CLINICIAN),
    StaffMember("clinician2@demo.solace.invalid", "Tomás Ferreira", Role.CLINICIAN),
    StaffMember("supervisor@demo.solace.invalid", "Dr Helen Marsh", Role.SUPERVISOR),
    StaffMember("admin@demo.solace.invalid", "Sam Patel", Role.CLINIC_ADMIN),
    StaffMember("researcher@demo.solace.invalid", "Dr Li Wei", Role.RESEARCHER),
)


@dataclass(frozen=True)
class Region:
    """Where a demo patient lives: time zone, language, plausible names and a fictional phone range."""

    time_zone: str
    language: str
    given_names: tuple[str, ...]
    family_names: tuple[str, ...]
    phone_prefix: str
    weight: int


# Phone numbers come from ranges reserved for fiction (Ofcom 07700 900xxx, NANP 555-01xx, ACMA 0491 570xxx).
REGIONS = (
    Region("Europe/London", Language.ENGLISH,
           ("Amira", "Ben", "Chloe", "Daniel", "Ella", "Femi", "Grace", "Harry", "Isla", "Jamal", "Katie", "Liam",
            "Megan", "Nathan", "Olivia", "Priya", "Rhys", "Sophie", "Tariq", "Zara"),
           ("Ahmed", "Bennett", "Clarke", "Davies", "Evans", "Fraser", "Green", "Hughes", "Iqbal", "Jones",
            "Khan", "Lewis", "Morgan", "Nwosu", "Owen", "Price", "Reid", "Shah", "Taylor", "Walsh"),
           "+44 7700 900", 22),
    Region("Europe/London", Language.CHINESE,
           ("Wei", "Mei", "Jing", "Hao", "Xin", "Yan"), ("Chen", "Zhang", "Liu", "Wang", "Huang", "Zhou"),
           "+44 7700 900", 4),
    Region("Europe/Dublin", Language.ENGLISH,
           ("Aoife", "Cian", "Niamh", "Oisín", "Saoirse", "Tadhg"), ("Byrne", "Doyle", "Kelly", "Murphy", "Ryan"),
           "+44 7700 900", 4),
    Region("Asia/Shanghai", Language.CHINESE,
           ("Lei", "Fang", "Tao", "Ying", "Jun", "Li"), ("Li", "Sun", "Wu", "Zhao", "Xu", "Guo"), "", 3),
    Region("America/New_York", Language.ENGLISH,
           ("Maria", "Jordan", "Aaliyah", "Ethan", "Camila"), ("Garcia", "Johnson", "Brooks", "Rivera", "Kim"),
           "+1 202 555 01", 4),
    Region("Australia/Sydney", Language.ENGLISH,
           ("Mia", "Jack", "Ruby", "Noah"), ("Nguyen", "Smith", "Wilson", "Martin"), "+61 491 570 ", 3),
)

# How many of the 40 demo courses sit at each stage.
STAGE_COUNTS = {Stage.NOT_STARTED: 6, Stage.RECOGNISE: 9, Stage.BUILD: 9, Stage.APPLY: 9, Stage.COMPLETED: 7}
FORMAT_WEIGHTS = {CourseFormat.INDIVIDUAL: 7, CourseFormat.GROUP: 2, CourseFormat.FAMILY: 1}
SESSION_MINUTES = (60, 75, 90)
SESSION_HOURS = (9, 10, 11, 13, 14, 15, 16, 17)
ATTENDANCE_RATE = 0.88
PATIENT_ACCOUNTS = 6
# The demo's safety events come only from what the product raises: a PHQ-9 with item 9 ("thoughts that you would
# be better off dead or of hurting yourself") answered above 0, submitted through the real service (how long ago,
# and item 9's answer).
CRITICAL_PHQ9 = ((timedelta(hours=3), 1), (timedelta(days=1, hours=2), 2))
SCREENING_DAYS_BEFORE_COURSE = 14


@dataclass(frozen=True)
class DemoLogin:
    """One demo sign-in as printed by `solace demo`."""

    email: str
    role: Role
    full_name: str
    totp_secret: str | None

    @property
    def otpauth_uri(self) -> str | None:
        if self.totp_secret is None:
            return None
        label = quote(f"{TOTP_ISSUER}:{self.email}", safe=":@")
        return f"otpauth://totp/{label}?secret={self.totp_secret}&issuer={TOTP_ISSUER}"


def totp_key(email: str) -> bytes:
    """The fixed 20-byte TOTP secret of a demo login (not secret: it is printed for everyone)."""
    return hashlib.sha256(f"solace-demo-totp:{email}".encode()).digest()[:20]


def totp_secret_base32(email: str) -> str:
    return b32encode(totp_key(email)).decode().rstrip("=")


# --- guards ------------------------------------------------------------------------------------------------------


def demo_clinic_get() -> Clinic | None:
    return Clinic.objects.filter(slug=DEMO_CLINIC_SLUG, is_demo=True).first()


def real_patients_exist() -> bool:
    return Patient.objects.filter(is_demo=False).exists()


def real_data_exists() -> bool:
    """Any clinic or patient that is not part of the demo."""
    return real_patients_exist() or Clinic.objects.filter(is_demo=False).exists()


def demo_refusal() -> str | None:
    """Why the demo may not be loaded into this database, or None when it may."""
    if real_patients_exist():
        return "This database holds real patients; the demo clinic is never loaded next to real patient records."
    taken = User.objects.filter(email__in=[member.email for member in DEMO_STAFF] + [DEMO_PATIENT_EMAIL])
    if demo_clinic_get() is None and taken.exists():
        return f"The demo login {taken.first()} already exists outside a demo clinic."
    return None


# --- the logins --------------------------------------------------------------------------------------------------


def demo_logins(clinic: Clinic) -> list[DemoLogin]:
    """Staff logins first, then the patients of the demo clinic who have an account."""
    staff = [DemoLogin(m.email, m.role, m.full_name, totp_secret_base32(m.email)) for m in DEMO_STAFF]
    patients = (
        Patient.objects.filter(clinic=clinic, user__isnull=False).select_related("user").order_by("created_at", "id")
    )
    accounts = [DemoLogin(p.user.email, Role.PATIENT, p.full_name, None) for p in patients if p.user]
    accounts.sort(key=lambda login: login.email != DEMO_PATIENT_EMAIL)
    return staff + accounts


# --- the plan: pure data from the seed and the day ---------------------------------------------------------------


@dataclass(frozen=True)
class PersonPlan:
    given_name: str
    family_name: str
    email: str
    date_of_birth: date
    region: Region
    phone: str
    emergency_contact_name: str
    emergency_contact_phone: str


@dataclass(frozen=True)
class CoursePlan:
    stage: Stage
    status: CourseStatus
    format: CourseFormat
    weeks: int
    session_minutes: int
    started_on: date
    sessions_held: int
    local_start: time


def _phone(rng: random.Random, region: Region) -> str:
    if not region.phone_prefix:
        return ""
    digits = 2 if region.phone_prefix.endswith("01") else 3
    return f"{region.phone_prefix}{rng.randrange(10 ** digits):0{digits}d}"


def _ascii(text: str) -> str:
    """E-mail local parts stay ASCII (Oisín -> oisin) so every validator accepts them."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def people_plan(rng: random.Random, *, today: date) -> list[PersonPlan]:
    """Forty distinct fictional people, the first being the fixed demo patient (who has a login)."""
    people: list[PersonPlan] = []
    used: set[tuple[str, str]] = set()
    while len(people) < DEMO_PATIENT_COUNT:
        region = rng.choices(REGIONS, weights=[region.weight for region in REGIONS])[0]
        name = (rng.choice(region.given_names), rng.choice(region.family_names))
        if name in used:
            continue
        used.add(name)
        age_days = rng.randrange(18 * 365 + 5, 76 * 365)
        email = DEMO_PATIENT_EMAIL if not people else _ascii(f"{name[0]}.{name[1]}@example.org".lower())
        contact = f"{rng.choice(region.given_names)} {name[1]}"
        people.append(PersonPlan(
            given_name=name[0], family_name=name[1], email=email, date_of_birth=today - timedelta(days=age_days),
            region=region, phone=_phone(rng, region), emergency_contact_name=contact,
            emergency_contact_phone=_phone(rng, region),
        ))
    return people


def _stages(rng: random.Random) -> list[Stage]:
    """The stage of each course; the fixed demo patient is in stage 2 so their home page has a next session."""
    stages = [stage for stage, count in STAGE_COUNTS.items() for _ in range(count)]
    stages.remove(Stage.BUILD)
    rng.shuffle(stages)
    return [Stage.BUILD, *stages]


def _sessions_held(rng: random.Random, stage: Stage, weeks: int) -> int:
    """Sessions already held for a course at `stage`; the demo treats the three stages as equal thirds."""
    first_third, second_third = weeks // 3, 2 * weeks // 3
    low_high = {
        Stage.NOT_STARTED: (0, 0),
        Stage.RECOGNISE: (1, first_third),
        Stage.BUILD: (first_third + 1, second_third),
        Stage.APPLY: (second_third + 1, weeks - 1),
        Stage.COMPLETED: (weeks, weeks),
    }[stage]
    return rng.randint(*low_high)


def _start_day(rng: random.Random, *, today: date, stage: Stage, weeks: int, held: int) -> date:
    """A weekday such that exactly `held` weekly sessions lie before today."""
    if stage == Stage.COMPLETED:
        first_next = today - timedelta(days=rng.randint(7, 70))
    else:
        first_next = today + timedelta(days=rng.randint(1, 7))
    while first_next.weekday() >= 5:
        first_next += timedelta(days=1)
    if stage == Stage.COMPLETED:
        return first_next - timedelta(weeks=weeks)
    return first_next - timedelta(weeks=held)


def course_plan(rng: random.Random, *, stage: Stage, today: date) -> CoursePlan:
    weeks = rng.randint(12, 20)
    held = _sessions_held(rng, stage, weeks)
    status = {Stage.NOT_STARTED: CourseStatus.PLANNED, Stage.COMPLETED: CourseStatus.COMPLETED}.get(
        stage, CourseStatus.ACTIVE
    )
    return CoursePlan(
        stage=stage, status=status,
        format=rng.choices(list(FORMAT_WEIGHTS), weights=list(FORMAT_WEIGHTS.values()))[0],
        weeks=weeks, session_minutes=rng.choice(SESSION_MINUTES),
        started_on=_start_day(rng, today=today, stage=stage, weeks=weeks, held=held), sessions_held=held,
        local_start=time(rng.choice(SESSION_HOURS), rng.choice((0, 30))),
    )


# --- writing it --------------------------------------------------------------------------------------------------


def demo_load(*, today: date, now: datetime) -> Clinic:
    """Create the demo clinic, its staff and patients; returns the existing clinic when it is already there."""
    existing = demo_clinic_get()
    if existing is not None:
        return existing
    rng = random.Random(DEMO_SEED)
    # One Argon2 hash shared by every demo login: the password is published anyway, and hashing it eleven
    # times would be most of the time `solace demo` takes.
    password_hash = make_password(DEMO_PASSWORD)
    with transaction.atomic():
        clinic = Clinic.objects.create(name=DEMO_CLINIC_NAME, slug=DEMO_CLINIC_SLUG, is_demo=True)
        staff: dict[Role, list[User]] = {member.role: [] for member in DEMO_STAFF}
        for member in DEMO_STAFF:
            staff[member.role].append(_staff_create(clinic, member, password_hash))
        clinicians, (supervisor,) = staff[Role.CLINICIAN], staff[Role.SUPERVISOR]
        people, stages = people_plan(rng, today=today), _stages(rng)
        account_indexes = {0, *rng.sample(range(1, DEMO_PATIENT_COUNT), PATIENT_ACCOUNTS - 1)}
        for index, (person, stage) in enumerate(zip(people, stages, strict=True)):
            patient = _patient_create(clinic, person, primary=clinicians[index % 2],
                                      password_hash=password_hash if index in account_indexes else None)
            _care_team_create(patient, clinicians, supervisor, index=index)
            plan = course_plan(rng, stage=stage, today=today)
            _screening_create(patient, signer=clinicians[index % 2], started_on=plan.started_on)
            course = _course_create(patient, plan, now=now)
            _consents_create(patient, course, recorded_by=patient.user or clinicians[index % 2])
        _critical_answers_submit(clinic, now=now)
        audit_record(
            actor=None, actor_label="cli:demo", action="demo.load",
            object_type="clinic", object_id=clinic.pk, clinic_id=clinic.pk,
        )
    return clinic


def _login_create(clinic: Clinic, *, email: str, full_name: str, role: Role, password_hash: str,
                  **fields: str) -> User:
    user = member_create(clinic=clinic, email=email, full_name=full_name, role=role, password=None)
    User.objects.filter(pk=user.pk).update(password=password_hash, **fields)
    user.refresh_from_db()
    return user


def _staff_create(clinic: Clinic, member: StaffMember, password_hash: str) -> User:
    user = _login_create(clinic, email=member.email, full_name=member.full_name, role=member.role,
                         password_hash=password_hash)
    TOTPDevice.objects.create(user=user, name="Demo authenticator", key=totp_key(member.email).hex(), confirmed=True)
    return user


def _patient_create(clinic: Clinic, person: PersonPlan, *, primary: User, password_hash: str | None) -> Patient:
    """A demo patient; with a sign-in (time zone and language as the record's) when given a password hash."""
    patient = Patient.objects.create(
        clinic=clinic, given_name=person.given_name, family_name=person.family_name,
        date_of_birth=person.date_of_birth, email=person.email, phone=person.phone,
        emergency_contact_name=person.emergency_contact_name,
        emergency_contact_phone=person.emergency_contact_phone, preferred_language=person.region.language,
        time_zone=person.region.time_zone, is_demo=True, created_by=primary,
    )
    if password_hash is not None:
        patient.user = _login_create(
            clinic, email=person.email, full_name=patient.full_name, role=Role.PATIENT, password_hash=password_hash,
            time_zone=patient.time_zone, language=patient.preferred_language,
        )
        patient.save(update_fields=["user"])
    return patient


def _care_team_create(patient: Patient, clinicians: list[User], supervisor: User, *, index: int) -> None:
    primary, colleague = clinicians[index % 2], clinicians[(index + 1) % 2]
    members = [(primary, CareTeamRole.PRIMARY), (supervisor, CareTeamRole.SUPERVISOR)]
    if index % 5 == 4:
        members.append((colleague, CareTeamRole.CO_CLINICIAN))
    CareTeamMember.objects.bulk_create(CareTeamMember(patient=patient, user=user, role=role) for user, role in members)


def _course_create(patient: Patient, plan: CoursePlan, *, now: datetime) -> TreatmentCourse:
    course = TreatmentCourse.objects.create(
        patient=patient, format=plan.format, stage=plan.stage, status=plan.status, weeks=plan.weeks,
        session_minutes=plan.session_minutes, started_on=plan.started_on,
    )
    rng = random.Random(f"{DEMO_SEED}:{patient.email}")
    zone = ZoneInfo(patient.time_zone)
    sessions = []
    for number in range(1, plan.weeks + 1):
        # Weekly at the same local time: the UTC time moves when the patient's clocks change.
        local = datetime.combine(plan.started_on + timedelta(weeks=number - 1), plan.local_start, tzinfo=zone)
        start = local.astimezone(UTC)
        status = SessionStatus.SCHEDULED
        if start < now:
            status = SessionStatus.ATTENDED if rng.random() < ATTENDANCE_RATE else SessionStatus.MISSED
        sessions.append(TherapySession(course=course, number=number, scheduled_start=start,
                                       duration_minutes=plan.session_minutes, status=status))
    TherapySession.objects.bulk_create(sessions)
    assert patient.created_by is not None, "every demo patient is registered by a demo clinician"
    _plan_version_create(course, author=patient.created_by, now=now)
    return course


def _age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def demo_intake(patient: Patient, *, on: date) -> dict[str, object]:
    """A fictional intake that screens as suitable: self-criticism, mild depression and no answer on PHQ-9 item 9
    (a critical answer would raise a safety event and block the course, as it should)."""
    rng = random.Random(f"{DEMO_SEED}:intake:{patient.email}")
    phq9 = [rng.randint(0, 1) for _ in range(8)] + [0]
    return {"age": _age_on(patient.date_of_birth, on), "presenting_concerns": ["self_criticism"],
            "responses": {"phq9": phq9, "ders16": [2] * 16, "ceas": [7] * 13}}


def _screening_create(patient: Patient, *, signer: User, started_on: date) -> None:
    """Screened and signed (through the screening services) two weeks before the course starts, as the product
    requires before any course."""
    at = datetime.combine(started_on - timedelta(days=SCREENING_DAYS_BEFORE_COURSE), time(10), tzinfo=UTC)
    screening = screening_record(actor=signer, patient=patient, data=demo_intake(patient, on=at.date()), now=at)
    screening_sign(actor=signer, screening=screening, kind=SignatureKind.ACCEPT, now=at + timedelta(minutes=20))


def _plan_version_create(course: TreatmentCourse, *, author: User, now: datetime) -> None:
    """Version 1 of the course's plan, generated from the patient's signed screening and the course's own weeks
    and minutes (the courses service's rule)."""
    basis = screening_basis(course.patient)
    assert basis is not None, "every demo patient is screened and signed before their course"
    CoursePlanVersion.objects.create(
        course=course, number=1, author=author, created_at=now, source=basis.source(),
        plan=plan_generate(basis, course_format=course.format, weeks=course.weeks,
                           session_minutes=course.session_minutes),
        summary="Generated for the demo clinic from the signed screening.",
    )


def _consents_create(patient: Patient, course: TreatmentCourse, *, recorded_by: User) -> None:
    assert course.started_on is not None
    given_at = datetime.combine(course.started_on - timedelta(days=10), time(12), tzinfo=UTC)
    Consent.objects.bulk_create(
        Consent(patient=patient, kind=kind, version=settings.CONSENT_VERSIONS[kind], given_at=given_at,
                recorded_by=recorded_by)
        for kind in ConsentKind
    )


def _critical_answers_submit(clinic: Clinic, *, now: datetime) -> None:
    """PHQ-9s with a critical item 9, entered by the primary clinician through `response_submit`, which raises the
    safety event, its deliveries to the care team and the escalation, exactly as a real submission does."""
    active = list(
        Patient.objects.filter(clinic=clinic, courses__status=CourseStatus.ACTIVE, user__isnull=True)
        .order_by("family_name", "given_name")[: len(CRITICAL_PHQ9)]
    )
    for patient, (ago, item9) in zip(active, CRITICAL_PHQ9, strict=True):
        primary = patient.care_team.get(role=CareTeamRole.PRIMARY).user
        answers = {f"phq9_q{number}": 2 for number in range(1, 9)} | {"phq9_q9": item9}
        response_submit(actor=primary, patient=patient, instrument_code="phq9", answers=answers, now=now - ago)
