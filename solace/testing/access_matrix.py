"""The access matrix: every patient-scoped page and API operation, and who in the cast may use it.

A route that takes a patient id and is missing here fails `test_every_patient_route_is_in_the_matrix`.
Add new routes to ROUTES when you add them (docs/dev/adding-a-patient-endpoint.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from solace.testing.factories import Cast

CLINICAL = frozenset({"assigned_clinician", "supervisor"})
CLINICAL_AND_SELF = CLINICAL | {"patient_user"}


@dataclass(frozen=True)
class Route:
    """One patient-scoped route. `key` is the URL name (pages) or "METHOD /api/v1/path" (API)."""

    key: str
    method: str
    path: Callable[[Cast], str]
    allowed: frozenset[str]
    api: bool = False
    body: Callable[[Cast], dict[str, Any]] = field(default=lambda cast: {})


def _patient_form(cast: Cast) -> dict[str, Any]:
    patient = cast.patient
    return {
        "given_name": patient.given_name, "family_name": patient.family_name,
        "date_of_birth": patient.date_of_birth.isoformat(), "email": patient.email, "phone": "0123",
        "emergency_contact_name": "", "emergency_contact_phone": "", "preferred_language": "en",
        "time_zone": "Europe/London",
    }


ROUTES: list[Route] = [
    Route("patients:detail", "GET", lambda c: f"/patients/{c.patient.pk}/", CLINICAL),
    Route("patients:edit", "GET", lambda c: f"/patients/{c.patient.pk}/edit/", CLINICAL),
    Route("patients:edit", "POST", lambda c: f"/patients/{c.patient.pk}/edit/", CLINICAL, body=_patient_form),
    Route("patients:invite", "POST", lambda c: f"/patients/{c.patient.pk}/invite/", CLINICAL),
    Route("patients:care_team_add", "POST", lambda c: f"/patients/{c.patient.pk}/care-team/", CLINICAL,
          body=lambda c: {"member": c.supervisor.pk, "role": "supervisor"}),
    Route("GET /api/v1/patients/{patient_id}", "GET", lambda c: f"/api/v1/patients/{c.patient.pk}",
          CLINICAL_AND_SELF, api=True),
    Route("PATCH /api/v1/patients/{patient_id}", "PATCH", lambda c: f"/api/v1/patients/{c.patient.pk}",
          CLINICAL, api=True, body=lambda c: {"phone": "0456"}),
    Route("GET /api/v1/patients/{patient_id}/consents", "GET",
          lambda c: f"/api/v1/patients/{c.patient.pk}/consents", CLINICAL_AND_SELF, api=True),
]


def _measures_response(cast: Cast) -> str:
    from solace.measures.testing import cast_response

    return str(cast_response(cast).pk)


def _measures_assignment(cast: Cast) -> int:
    from solace.measures.testing import cast_assignment

    return cast_assignment(cast).pk


ROUTES += [
    Route("measures:patient", "GET", lambda c: f"/measures/patients/{c.patient.pk}/", CLINICAL),
    Route("measures:instrument", "GET", lambda c: f"/measures/patients/{c.patient.pk}/instruments/phq9/",
          CLINICAL_AND_SELF),
    Route("measures:response", "GET",
          lambda c: f"/measures/patients/{c.patient.pk}/responses/{_measures_response(c)}/", CLINICAL_AND_SELF),
    Route("measures:assignment_add", "POST", lambda c: f"/measures/patients/{c.patient.pk}/schedule/", CLINICAL,
          body=lambda c: {"instrument_code": "pcl5", "cadence": "once"}),
    Route("measures:schedule_defaults", "POST", lambda c: f"/measures/patients/{c.patient.pk}/schedule/defaults/",
          CLINICAL),
    Route("measures:assignment_remove", "POST",
          lambda c: f"/measures/patients/{c.patient.pk}/schedule/{_measures_assignment(c)}/remove/", CLINICAL),
    Route("GET /api/v1/patients/{patient_id}/responses", "GET",
          lambda c: f"/api/v1/patients/{c.patient.pk}/responses", CLINICAL_AND_SELF, api=True),
    Route("GET /api/v1/patients/{patient_id}/responses/{response_id}", "GET",
          lambda c: f"/api/v1/patients/{c.patient.pk}/responses/{_measures_response(c)}", CLINICAL_AND_SELF, api=True),
    Route("GET /api/v1/patients/{patient_id}/responses/{response_id}/fhir", "GET",
          lambda c: f"/api/v1/patients/{c.patient.pk}/responses/{_measures_response(c)}/fhir", CLINICAL_AND_SELF,
          api=True),
    Route("GET /api/v1/patients/{patient_id}/measures/due", "GET",
          lambda c: f"/api/v1/patients/{c.patient.pk}/measures/due", CLINICAL_AND_SELF, api=True),
]


def _screening(cast: Cast) -> int:
    from solace.screening.testing import cast_screening

    return cast_screening(cast).pk


def _override_awaiting_cosignature(cast: Cast) -> int:
    from solace.screening.testing import cast_override_awaiting_cosignature

    return cast_override_awaiting_cosignature(cast).pk


def _intake_form(cast: Cast) -> dict[str, Any]:
    from solace.screening.forms import IntakeForm
    from solace.screening.testing import CALM_INTAKE

    return IntakeForm.data_from_intake(CALM_INTAKE)


ROUTES += [
    Route("screening:overview", "GET", lambda c: f"/screening/patients/{c.patient.pk}/", CLINICAL),
    Route("screening:intake", "GET", lambda c: f"/screening/patients/{c.patient.pk}/new/", CLINICAL),
    Route("screening:intake", "POST", lambda c: f"/screening/patients/{c.patient.pk}/new/", CLINICAL,
          body=_intake_form),
    Route("screening:result", "GET", lambda c: f"/screening/patients/{c.patient.pk}/{_screening(c)}/", CLINICAL),
    Route("screening:sign", "POST", lambda c: f"/screening/patients/{c.patient.pk}/{_screening(c)}/sign/", CLINICAL,
          body=lambda c: {"kind": "accept"}),
    Route("screening:cosign", "POST",
          lambda c: f"/screening/patients/{c.patient.pk}/{_override_awaiting_cosignature(c)}/cosign/",
          frozenset({"supervisor"})),
    Route("screening:course_create", "POST", lambda c: f"/screening/patients/{c.patient.pk}/course/", CLINICAL,
          body=lambda c: {"course_format": "individual"}),
    Route("screening:course_activate", "POST", lambda c: f"/screening/patients/{c.patient.pk}/course/activate/",
          CLINICAL),
]
