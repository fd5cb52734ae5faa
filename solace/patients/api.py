from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from ninja import Router, Schema, Status
from pydantic import Field, field_validator

from solace.accounts.requests import AuthenticatedApiRequest
from solace.audit.access import access_clinic
from solace.kernel.api_errors import ApiError
from solace.kernel.permissions import Action
from solace.patients import services
from solace.patients.access import access_patient, patients_in_scope
from solace.patients.choices import Language
from solace.patients.forms import TIME_ZONE_CHOICES

router = Router(tags=["patients"])
VALID_TIME_ZONES = {name for name, _label in TIME_ZONE_CHOICES}


class PatientOut(Schema):
    id: uuid.UUID
    given_name: str
    family_name: str
    date_of_birth: date
    email: str
    phone: str
    emergency_contact_name: str
    emergency_contact_phone: str
    preferred_language: str
    time_zone: str
    has_account: bool

    @staticmethod
    def resolve_has_account(obj: Any) -> bool:
        return obj.user_id is not None


class PatientIn(Schema):
    given_name: str = Field(min_length=1, max_length=100)
    family_name: str = Field(min_length=1, max_length=100)
    date_of_birth: date
    email: str = Field(max_length=254)
    phone: str = Field("", max_length=40)
    emergency_contact_name: str = Field("", max_length=200)
    emergency_contact_phone: str = Field("", max_length=40)
    preferred_language: Language = Language.ENGLISH
    time_zone: str = "Europe/London"

    @field_validator("time_zone")
    @classmethod
    def known_zone(cls, value: str) -> str:
        if value not in VALID_TIME_ZONES:
            raise ValueError("must be an IANA time zone such as Europe/London")
        return value

    @field_validator("email")
    @classmethod
    def valid_email(cls, value: str) -> str:
        try:
            validate_email(value)
        except DjangoValidationError as exc:
            raise ValueError("must be a valid e-mail address") from exc
        return value.lower()

    @field_validator("date_of_birth")
    @classmethod
    def not_in_future(cls, value: date) -> date:
        if value > date.today() or value.year < 1900:
            raise ValueError("must be a real date of birth in the past")
        return value


class PatientPatch(Schema):
    given_name: str | None = Field(None, min_length=1, max_length=100)
    family_name: str | None = Field(None, min_length=1, max_length=100)
    phone: str | None = Field(None, max_length=40)
    emergency_contact_name: str | None = Field(None, max_length=200)
    emergency_contact_phone: str | None = Field(None, max_length=40)
    preferred_language: Language | None = None
    time_zone: str | None = None

    @field_validator("time_zone")
    @classmethod
    def known_zone(cls, value: str | None) -> str | None:
        if value is not None and value not in VALID_TIME_ZONES:
            raise ValueError("must be an IANA time zone such as Europe/London")
        return value


class ConsentOut(Schema):
    kind: str
    version: str
    given_at: datetime
    withdrawn_at: datetime | None


@router.get("/patients", response=list[PatientOut], summary="Patients in your scope")
def patient_list(request: AuthenticatedApiRequest) -> Any:
    return patients_in_scope(request.auth, Action.READ)


@router.post("/patients", response={201: PatientOut}, summary="Register a patient (clinicians)")
def patient_create(request: AuthenticatedApiRequest, payload: PatientIn) -> Status[Any]:
    access_clinic(request.auth, Action.PATIENT_REGISTER, audit_action="patient.create",
                  error=ApiError(403, "forbidden", "Only clinicians register patients."))
    data = payload.model_dump()
    return Status(201, services.patient_create(actor=request.auth, data=data))


@router.get("/patients/{patient_id}", response=PatientOut, summary="One patient")
def patient_get(request: AuthenticatedApiRequest, patient_id: str) -> Any:
    return access_patient(request.auth, patient_id, Action.READ)


@router.patch("/patients/{patient_id}", response=PatientOut, summary="Update a patient's details")
def patient_patch(request: AuthenticatedApiRequest, patient_id: str, payload: PatientPatch) -> Any:
    patient = access_patient(request.auth, patient_id, Action.CLINICAL_WRITE)
    data = {key: value for key, value in payload.model_dump().items() if value is not None}
    return services.patient_update(actor=request.auth, patient=patient, data=data)


@router.get("/patients/{patient_id}/consents", response=list[ConsentOut], summary="A patient's consents")
def consent_list(request: AuthenticatedApiRequest, patient_id: str) -> Any:
    patient = access_patient(request.auth, patient_id, Action.READ, audit_action="consent.list")
    return patient.consents.all()
