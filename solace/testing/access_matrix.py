"""The access matrix: every page and API operation that names an object, and who in the cast may use it.

Every URL pattern with a path parameter (an int, uuid, slug or str) and every API operation must be registered in
ROUTES (here, or in a matrix_<area>.py module added at the end), or `test_every_route_and_operation_is_in_the_matrix`
fails. Add new routes when you add them (docs/dev/adding-a-patient-endpoint.md). The expectations describe the
current behaviour; `unaudited` and a `denied` status other than 404 mark known gaps rather than hide them.
"""

from __future__ import annotations

from typing import Any

from solace.testing.factories import Cast
from solace.testing.matrix_base import (
    CLINICAL,
    CLINICAL_AND_SELF,
    CLINICAL_ROLES,
    CLINICIANS,
    EVERYONE,
    FACILITATOR,
    FAMILY,
    GROUP_READERS,
    NOBODY,
    PATIENTS,
    SIGNED_IN,
    Reveal,
    Route,
)


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
    Route("courses:create", "POST", lambda c: f"/courses/patients/{c.patient.pk}/create/", CLINICAL,
          body=lambda c: {"course_format": "individual"}),
    Route("courses:activate", "POST", lambda c: f"/courses/patients/{c.patient.pk}/activate/", CLINICAL),
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


# --- groups: the facilitator edits, supervisors read, everyone else 404 ------------------------------------------


def _group(cast: Cast) -> str:
    from solace.courses.testing import cast_group

    return f"/courses/groups/{cast_group(cast).pk}"


def _fresh_group(cast: Cast, members: int = 0) -> str:
    """A new planned, unscheduled group for every request (scheduling and re-planning need one)."""
    from solace.courses.testing import cast_fresh_group

    return f"/courses/groups/{cast_fresh_group(cast, members=members).pk}"


def _group_session(cast: Cast) -> str:
    from solace.courses.testing import cast_group_session

    return f"{_group(cast)}/sessions/{cast_group_session(cast).pk}"


def _group_member_form(cast: Cast) -> dict[str, Any]:
    from solace.courses.testing import group_candidate

    return {"patient": group_candidate(cast).pk}


def _group_plan_session_form(cast: Cast) -> dict[str, Any]:
    from solace.courses.selectors import plan_latest
    from solace.courses.testing import cast_group, unique_email

    first = plan_latest(cast_group(cast)).plan["sessions"][0]  # type: ignore[union-attr]
    return {"session-1-focus": f"Focus for {unique_email()}", "session-1-agenda": first["agenda"]}


def _group_attendance_form(cast: Cast) -> dict[str, Any]:
    from solace.courses.testing import cast_group_session

    return {f"member_{session.pk}": "attended" for session in cast_group_session(cast).member_sessions.all()}


def _group_member_name(cast: Cast) -> str:
    from solace.courses.testing import cast_group

    return cast_group(cast).member_courses.order_by("pk").first().patient.full_name  # type: ignore[union-attr]


ROUTES += [
    Route("courses:groups", "GET", lambda c: "/courses/groups/", CLINICAL_ROLES,
          reveals=(Reveal(lambda c: f"{_group(c)}/", GROUP_READERS),)),
    Route("courses:group", "GET", lambda c: f"{_group(c)}/", GROUP_READERS,
          reveals=(Reveal(_group_member_name, GROUP_READERS),)),
    Route("courses:group_member_add", "POST", lambda c: f"{_group(c)}/members/", FACILITATOR,
          body=_group_member_form),
    Route("courses:group_activate", "POST", lambda c: f"{_fresh_group(c, members=4)}/activate/", FACILITATOR),
    Route("courses:group_schedule", "POST", lambda c: f"{_fresh_group(c)}/schedule/", FACILITATOR,
          body=_session_time_form),
    Route("courses:group_plan_settings", "POST", lambda c: f"{_fresh_group(c)}/plan/settings/", FACILITATOR,
          body=lambda c: {"weeks": 14, "session_minutes": 90}),
    Route("courses:group_plan_session", "POST", lambda c: f"{_group(c)}/plan/sessions/1/", FACILITATOR,
          body=_group_plan_session_form),
    Route("courses:group_calendar", "GET", lambda c: f"{_group(c)}/calendar.ics", GROUP_READERS),
    Route("courses:group_attendance", "GET", lambda c: f"{_group_session(c)}/", GROUP_READERS,
          reveals=(Reveal(_group_member_name, GROUP_READERS),)),
    Route("courses:group_attendance", "POST", lambda c: f"{_group_session(c)}/", FACILITATOR,
          body=_group_attendance_form),
    Route("courses:group_session_reschedule", "POST", lambda c: f"{_group_session(c)}/reschedule/", FACILITATOR,
          body=_session_time_form),
]


# --- family members: their own participations, and only what the patient shares ----------------------------------


def _family_invitation(cast: Cast) -> str:
    """A new invitation link to the cast patient's family course for every request."""
    from django.utils import timezone

    from solace.courses import services
    from solace.courses.testing import cast_course, unique_email

    _participant, token = services.family_invite(actor=cast.assigned_clinician, course=cast_course(cast),
                                                 full_name="Kim Relative", email=unique_email(),
                                                 relationship="sibling", now=timezone.now())
    return f"/courses/family/invitation/{token}/"


ONLY_THE_SHARING_PATIENTS_RELATIVE = frozenset({"family_member"})

ROUTES += [
    Route("courses:family_home", "GET", lambda c: "/courses/family/", FAMILY, reveals=(
        Reveal(lambda c: f"With {c.patient.given_name}</h2>", ONLY_THE_SHARING_PATIENTS_RELATIVE),
        Reveal(lambda c: 'data-testid="family-sessions"', ONLY_THE_SHARING_PATIENTS_RELATIVE),
        Reveal(lambda c: 'data-testid="family-stage"', ONLY_THE_SHARING_PATIENTS_RELATIVE),
        Reveal(lambda c: 'data-testid="family-practice"', NOBODY),  # homework is not shared
    )),
    Route("courses:family_calendar", "GET", lambda c: "/courses/family/calendar.ics", FAMILY,
          reveals=(Reveal(lambda c: "BEGIN:VEVENT", ONLY_THE_SHARING_PATIENTS_RELATIVE),)),
    # Invitation links are capabilities: whoever holds a valid link may open it; an unknown one is 404 for all.
    Route("courses:family_accept", "GET", _family_invitation, EVERYONE),
    Route("courses:family_accept", "GET", lambda c: "/courses/family/invitation/not-a-token/", NOBODY,
          anonymous=404, unaudited=SIGNED_IN),
]


# --- accounts: invitation links, password-reset links, API tokens ------------------------------------------------


def _patient_invitation(cast: Cast) -> str:
    from django.utils import timezone

    from solace.patients import services
    from solace.testing.factories import patient_create

    patient = patient_create(cast.clinic, clinician=cast.assigned_clinician)
    _invitation, token = services.invitation_create(actor=cast.assigned_clinician, patient=patient,
                                                    now=timezone.now())
    return f"/accounts/invitation/{token}/"


_last_token: dict[str, int] = {}


def _fresh_token(cast: Cast) -> int:
    """A new API token of the assigned clinician for every request (the last one is remembered for `changed`)."""
    from solace.accounts import services

    token, _raw = services.api_token_create(user=cast.assigned_clinician, name="Matrix")
    _last_token["id"] = token.pk
    return token.pk


def _last_token_revoked(cast: Cast) -> bool:
    from solace.accounts.models import ApiToken

    return ApiToken.objects.filter(pk=_last_token["id"], revoked_at__isnull=False).exists()


TOKEN_OWNER = frozenset({"assigned_clinician"})

ROUTES += [
    Route("accounts:invitation_accept", "GET", _patient_invitation, EVERYONE),
    Route("accounts:invitation_accept", "GET", lambda c: "/accounts/invitation/not-a-token/", NOBODY,
          anonymous=404, unaudited=SIGNED_IN),
    # Django's own view: an unknown link answers 200 with "invalid link" and no password form.
    Route("accounts:password_reset_confirm", "GET", lambda c: "/accounts/password-reset/MQ/not-a-token/", EVERYONE,
          reveals=(Reveal(lambda c: 'name="new_password1"', NOBODY),)),
    # Revoking someone else's token changes nothing, but answers the same redirect as revoking your own.
    Route("accounts:api_token_revoke", "POST", lambda c: f"/accounts/api-tokens/{_fresh_token(c)}/revoke/",
          TOKEN_OWNER, changed=_last_token_revoked),
    Route("DELETE /api/v1/tokens/{token_id}", "DELETE", lambda c: f"/api/v1/tokens/{_fresh_token(c)}", TOKEN_OWNER,
          api=True, changed=_last_token_revoked),
    Route("GET /api/v1/me", "GET", lambda c: "/api/v1/me", SIGNED_IN, api=True),
    Route("GET /api/v1/tokens", "GET", lambda c: "/api/v1/tokens", SIGNED_IN, api=True),
    Route("POST /api/v1/tokens", "POST", lambda c: "/api/v1/tokens", SIGNED_IN, api=True,
          body=lambda c: {"name": "Matrix"}),
]


# --- measures: the patient's own questionnaires, the clinic's wording, the public instrument library -------------


def _assigned_code(cast: Cast) -> str:
    from solace.measures.testing import cast_assignment

    return cast_assignment(cast).instrument_code


# Another patient opening a questionnaire not assigned to them gets a bare 404 after their own record was opened.
NOT_ASSIGNED_UNAUDITED = frozenset({"other_patient_user"})

ROUTES += [
    Route("measures:complete", "GET", lambda c: f"/measures/complete/{_assigned_code(c)}/",
          frozenset({"patient_user"}), unaudited=NOT_ASSIGNED_UNAUDITED),
    Route("measures:complete", "POST", lambda c: f"/measures/complete/{_assigned_code(c)}/",
          frozenset({"patient_user"}), body=lambda c: {"action": "save"}, unaudited=NOT_ASSIGNED_UNAUDITED),
    # Counts the answers posted with it and reads nothing stored: any patient, any instrument.
    Route("measures:progress", "POST", lambda c: f"/measures/complete/{_assigned_code(c)}/progress/", PATIENTS,
          unaudited=SIGNED_IN - PATIENTS),
    Route("measures:wording_edit", "GET", lambda c: "/measures/wording/k10/", frozenset({"clinic_admin"})),
    Route("GET /api/v1/instruments", "GET", lambda c: "/api/v1/instruments", SIGNED_IN, api=True),
    Route("GET /api/v1/instruments/{code}", "GET", lambda c: "/api/v1/instruments/phq9", SIGNED_IN, api=True),
    Route("POST /api/v1/instruments/{code}/score", "POST", lambda c: "/api/v1/instruments/phq9/score", SIGNED_IN,
          api=True, body=lambda c: {"answers": [1, 1, 0, 1, 0, 0, 1, 0, 0]}),
    Route("GET /api/v1/instruments/{code}/fhir", "GET", lambda c: "/api/v1/instruments/phq9/fhir", SIGNED_IN,
          api=True),
]


# --- collections of the API: everyone signed in gets a list, filtered to what they may see ----------------------


def _alert_list(cast: Cast) -> str:
    _alert(cast)
    return "/api/v1/alerts"


def _new_patient(cast: Cast) -> dict[str, Any]:
    from solace.courses.testing import unique_email

    return {"given_name": "Robin", "family_name": "Newcomer", "date_of_birth": "1991-02-03", "email": unique_email()}


def _intake(cast: Cast) -> dict[str, Any]:
    from solace.screening.testing import CALM_INTAKE

    return dict(CALM_INTAKE)


THE_PATIENT_ID = Reveal(lambda c: str(c.patient.pk), CLINICAL_AND_SELF)

ROUTES += [
    Route("GET /api/v1/patients", "GET", lambda c: "/api/v1/patients", SIGNED_IN, api=True, reveals=(THE_PATIENT_ID,)),
    Route("POST /api/v1/patients", "POST", lambda c: "/api/v1/patients", CLINICIANS, api=True, denied=403,
          body=_new_patient),
    Route("GET /api/v1/audit", "GET", lambda c: "/api/v1/audit", SIGNED_IN, api=True,
          reveals=(Reveal(lambda c: str(c.patient.pk), frozenset({"supervisor", "clinic_admin"})),)),
    Route("GET /api/v1/alerts", "GET", _alert_list, SIGNED_IN, api=True,
          reveals=(Reveal(lambda c: str(c.patient.pk), CLINICAL),)),
    Route("POST /api/v1/screening/evaluate", "POST", lambda c: "/api/v1/screening/evaluate", CLINICAL_ROLES,
          api=True, denied=403, body=_intake),
    Route("POST /api/v1/planning/plan", "POST", lambda c: "/api/v1/planning/plan", CLINICAL_ROLES, api=True,
          denied=403, body=lambda c: {"decision": "suitable", "format": "individual"}),
]


# --- areas registered in their own modules (each keeps its ROUTES list; added here so one test covers them all) ---

from solace.testing import matrix_api_courses, matrix_api_writes, matrix_practice, matrix_reminders  # noqa: E402

ROUTES += matrix_api_writes.ROUTES + matrix_api_courses.ROUTES + matrix_practice.ROUTES + matrix_reminders.ROUTES
