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
