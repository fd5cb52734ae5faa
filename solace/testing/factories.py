"""Factories for tests, benchmarks and the demo: real rows in a real database, no mocks."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from solace.accounts.models import Clinic, User
from solace.accounts.services import member_create
from solace.kernel.permissions import Role
from solace.patients.choices import CareTeamRole
from solace.patients.models import CareTeamMember, Patient

PASSWORD = "correct-horse-battery-staple"
_counter = itertools.count(1)


def clinic_create(name: str = "Riverside Clinic") -> Clinic:
    number = next(_counter)
    return Clinic.objects.create(name=f"{name} {number}", slug=f"clinic-{number}")


def user_create(clinic: Clinic, role: Role, *, email: str = "", two_factor: bool = True) -> User:
    number = next(_counter)
    user = member_create(
        clinic=clinic, email=email or f"{role}{number}@example.org", full_name=f"{role.label} {number}",
        role=role, password=PASSWORD,
    )
    if two_factor and role != Role.PATIENT:
        TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    return user


def totp_now(user: User) -> str:
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def patient_create(clinic: Clinic, *, clinician: User | None = None, with_account: bool = False,
                   **fields: Any) -> Patient:
    number = next(_counter)
    defaults: dict[str, Any] = {
        "given_name": f"Alex{number}", "family_name": f"Morgan{number}", "date_of_birth": date(1990, 1, 1),
        "email": f"patient{number}@example.org", "time_zone": "Europe/London",
    }
    defaults.update(fields)
    patient = Patient.objects.create(clinic=clinic, **defaults)
    if clinician is not None:
        CareTeamMember.objects.create(patient=patient, user=clinician, role=CareTeamRole.PRIMARY)
    if with_account:
        patient.user = user_create(clinic, Role.PATIENT, email=patient.email)
        patient.save(update_fields=["user"])
    return patient


def signed_in_client(user: User | None) -> Client:
    """A test client signed in as `user`, with two-factor already verified for staff."""
    client = Client()
    if user is None:
        return client
    response = client.post("/accounts/login/", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.status_code
    if user.is_clinic_staff:
        # django-otp refuses a code twice in one 30-second window; tests that sign in repeatedly act as if the
        # next window had come.
        TOTPDevice.objects.filter(user=user).update(last_t=-1)
        response = client.post("/accounts/two-factor/", {"code": totp_now(user)})
        assert response.status_code == 302 and "two-factor" not in response["Location"], response
    return client


@dataclass
class Cast:
    """The fixed cast of the access matrix (STYLE.md): one patient record and everyone around it."""

    clinic: Clinic
    patient: Patient
    assigned_clinician: User
    colleague: User
    other_clinic_clinician: User
    supervisor: User
    patient_user: User
    other_patient_user: User
    clinic_admin: User
    researcher: User
    # The access matrix widens the cast (solace.courses.testing.cast_widen): other tests leave these empty.
    group_facilitator: User | None = None
    other_group_facilitator: User | None = None
    family_member: User | None = None
    family_member_unshared: User | None = None

    def member(self, name: str) -> User | None:
        return None if name == "anonymous" else getattr(self, name)


CAST_NAMES = (
    "assigned_clinician", "colleague", "other_clinic_clinician", "supervisor", "patient_user",
    "other_patient_user", "clinic_admin", "researcher", "anonymous",
)
# The access matrix's whole cast: CAST_NAMES and who cast_widen adds (groups and family members).
MATRIX_CAST_NAMES = (
    *CAST_NAMES[:-1], "group_facilitator", "other_group_facilitator", "family_member", "family_member_unshared",
    "anonymous",
)


def cast_create() -> Cast:
    clinic, other_clinic = clinic_create(), clinic_create("Hillside Clinic")
    clinician = user_create(clinic, Role.CLINICIAN)
    patient = patient_create(clinic, clinician=clinician, with_account=True)
    other_patient = patient_create(clinic, clinician=clinician, with_account=True)
    assert patient.user is not None and other_patient.user is not None
    return Cast(
        clinic=clinic, patient=patient, assigned_clinician=clinician,
        colleague=user_create(clinic, Role.CLINICIAN),
        other_clinic_clinician=user_create(other_clinic, Role.CLINICIAN),
        supervisor=user_create(clinic, Role.SUPERVISOR),
        patient_user=patient.user, other_patient_user=other_patient.user,
        clinic_admin=user_create(clinic, Role.CLINIC_ADMIN), researcher=user_create(clinic, Role.RESEARCHER),
    )
