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


def _alert(cast: Cast) -> int:
    from solace.alerts.testing import cast_safety_event

    return cast_safety_event(cast).pk


ROUTES += [
    Route("alerts:detail", "GET", lambda c: f"/alerts/{_alert(c)}/", CLINICAL),
    Route("alerts:acknowledge", "POST", lambda c: f"/alerts/{_alert(c)}/acknowledge/", CLINICAL),
    Route("alerts:resolve", "POST", lambda c: f"/alerts/{_alert(c)}/resolve/", CLINICAL,
          body=lambda c: {"note": "Phoned the patient; safety plan reviewed."}),
    Route("GET /api/v1/alerts/{event_id}", "GET", lambda c: f"/api/v1/alerts/{_alert(c)}", CLINICAL, api=True),
    Route("POST /api/v1/alerts/{event_id}/acknowledge", "POST", lambda c: f"/api/v1/alerts/{_alert(c)}/acknowledge",
          CLINICAL, api=True),
]


def _course(cast: Cast) -> str:
    from solace.courses.testing import cast_course

    return f"/courses/patients/{cast.patient.pk}/{cast_course(cast).pk}"


def _api_course(cast: Cast) -> str:
    from solace.courses.testing import cast_course

    return f"/api/v1/patients/{cast.patient.pk}/courses/{cast_course(cast).pk}"


def _session(cast: Cast, make: str = "cast_session") -> str:
    from solace.courses import testing

    return f"/courses/patients/{cast.patient.pk}/sessions/{getattr(testing, make)(cast).pk}"


def _plan_session_form(cast: Cast) -> dict[str, Any]:
    from solace.courses.selectors import plan_latest
    from solace.courses.testing import cast_course, unique_email

    first = plan_latest(cast_course(cast)).plan["sessions"][0]  # type: ignore[union-attr]
    return {"session-1-focus": f"Focus for {unique_email()}", "session-1-agenda": first["agenda"]}


def _stage_form(cast: Cast) -> dict[str, Any]:
    from solace.courses.testing import cast_course, next_stage_of

    return {"to_stage": next_stage_of(cast_course(cast)), "note": "Attending and practising."}


def _family_form(cast: Cast) -> dict[str, Any]:
    from solace.courses.testing import unique_email

    return {"full_name": "Sam Relative", "email": unique_email(), "relationship": "partner"}


def _session_time_form(cast: Cast) -> dict[str, Any]:
    from solace.courses.testing import session_time_form

    return session_time_form()


def _unscheduled_course(cast: Cast) -> str:
    """Every request gets a course whose plan may still be re-planned (no sessions yet)."""
    from solace.courses.testing import cast_fresh_course

    return f"/courses/patients/{cast.patient.pk}/{cast_fresh_course(cast, scheduled=False).pk}"


ROUTES += [
    Route("courses:patient", "GET", lambda c: f"/courses/patients/{c.patient.pk}/", CLINICAL),
    Route("courses:plan", "GET", lambda c: f"{_course(c)}/plan/", CLINICAL),
    Route("courses:plan_settings", "POST", lambda c: f"{_unscheduled_course(c)}/plan/settings/", CLINICAL,
          body=lambda c: {"weeks": 13, "session_minutes": 75}),
    Route("courses:plan_session", "POST", lambda c: f"{_course(c)}/plan/sessions/1/", CLINICAL,
          body=_plan_session_form),
    Route("courses:schedule", "POST", lambda c: f"{_unscheduled_course(c)}/schedule/", CLINICAL,
          body=_session_time_form),
    Route("courses:stage", "POST", lambda c: f"{_course(c)}/stage/", CLINICAL, body=_stage_form),
    Route("courses:calendar", "GET", lambda c: f"{_course(c)}/calendar.ics", CLINICAL),
    Route("courses:family_invite", "POST", lambda c: f"{_course(c)}/family/", CLINICAL, body=_family_form),
    Route("courses:session", "GET", lambda c: f"{_session(c)}/", CLINICAL),
    Route("courses:session_reschedule", "POST", lambda c: f"{_session(c)}/reschedule/", CLINICAL,
          body=_session_time_form),
    Route("courses:session_attendance", "POST", lambda c: f"{_session(c)}/attendance/", CLINICAL,
          body=lambda c: {"status": "attended"}),
    Route("courses:note_save", "POST", lambda c: f"{_session(c)}/note/", CLINICAL,
          body=lambda c: {"text": "Practised soothing rhythm breathing.", "exercises_practised": ["mindfulness"]}),
    Route("courses:note_sign", "POST", lambda c: f"{_session(c, 'cast_note_to_sign')}/note/sign/", CLINICAL),
    Route("courses:note_addendum", "POST", lambda c: f"{_session(c, 'cast_signed_note')}/note/addendum/", CLINICAL,
          body=lambda c: {"addendum": "Correction: the homework was journaling."}),
    Route("courses:psychotherapy_note", "POST", lambda c: f"{_session(c)}/private-note/", CLINICAL,
          body=lambda c: {"private_text": "My own reflections."}),
    Route("GET /api/v1/patients/{patient_id}/courses", "GET", lambda c: f"/api/v1/patients/{c.patient.pk}/courses",
          CLINICAL_AND_SELF, api=True),
    Route("GET /api/v1/patients/{patient_id}/courses/{course_id}/plan", "GET",
          lambda c: f"{_api_course(c)}/plan", CLINICAL, api=True),
    Route("GET /api/v1/patients/{patient_id}/courses/{course_id}/sessions", "GET",
          lambda c: f"{_api_course(c)}/sessions", CLINICAL_AND_SELF, api=True),
]
