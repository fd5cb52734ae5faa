"""Session records: attendance, agenda items done, exercises practised and the progress note; signed notes are
read only and amended by addendum; the private psychotherapy note is its author's alone and its text appears in
no other response: not to the patient, a colleague, a supervisor, the API, calendars, FHIR, the caseload or the
audit trail."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from solace.audit.models import AuditEvent
from solace.courses import services
from solace.courses.models import ProgressNote, ProgressNoteAddendum, PsychotherapyNote, TreatmentCourse
from solace.measures.testing import CALM_PHQ9, response_create
from solace.patients.choices import CareTeamRole
from solace.patients.models import CareTeamMember
from solace.testing.factories import Cast, signed_in_client

pytestmark = pytest.mark.django_db
SECRET = "Countertransference: reminds me of my brother ZQX-7781"


def _session_url(cast: Cast, session_id: int) -> str:
    return f"/courses/patients/{cast.patient.pk}/sessions/{session_id}/"


def test_record_a_session_sign_it_and_amend_by_addendum(course: TreatmentCourse, cast: Cast) -> None:
    session = course.therapy_sessions.get(number=1)
    client = signed_in_client(cast.assigned_clinician)
    url = _session_url(cast, session.pk)
    assert client.post(url + "attendance/", {"status": "attended"}).status_code == 302
    response = client.post(url + "note/", {"agenda_done": ["compassion_introduction", "soothing_rhythm_breathing"],
                                           "exercises_practised": ["soothing_rhythm_breathing"],
                                           "text": "Engaged well; noticed a harsh inner voice."})
    assert response.status_code == 302
    session.refresh_from_db()
    note = ProgressNote.objects.get(session=session)
    assert session.status == "attended" and session.attendance_recorded_by == cast.assigned_clinician
    assert note.agenda_done == ["compassion_introduction", "soothing_rhythm_breathing"]
    assert note.exercises_practised == ["soothing_rhythm_breathing"] and not note.is_signed

    assert client.post(url + "note/sign/").status_code == 302
    note.refresh_from_db()
    assert note.signed_by == cast.assigned_clinician and note.signed_at is not None
    refused = client.post(url + "note/", {"text": "Rewritten history."})
    assert refused.status_code == 422 and "The note is signed and read only" in refused.content.decode()
    note.refresh_from_db()
    assert note.text == "Engaged well; noticed a harsh inner voice."

    assert client.post(url + "note/addendum/", {"addendum": "Correction: homework is journaling."}).status_code == 302
    assert client.post(url + "note/addendum/", {"addendum": "Phoned: practising daily."}).status_code == 302
    page = client.get(url).content.decode()
    assert "Engaged well; noticed a harsh inner voice." in page and "Read only." in page
    assert page.index("Correction: homework is journaling.") < page.index("Phoned: practising daily.")
    assert 'action="' + url + 'note/"' not in page  # no edit form for a signed note
    assert list(note.addenda.values_list("text", flat=True)) == ["Correction: homework is journaling.",
                                                                 "Phoned: practising daily."]
    actions = set(AuditEvent.objects.filter(patient_id=cast.patient.pk).values_list("action", flat=True))
    assert {"therapy_session.attendance", "progress_note.save", "progress_note.sign",
            "progress_note.addendum"} <= actions


@pytest.mark.parametrize(
    ("path", "form", "message"),
    [("attendance/", {"status": "late"}, "Attendance: Select a valid choice."),
     ("note/", {"agenda_done": ["no_such"], "text": "x"}, "Agenda items done: Select a valid choice."),
     ("note/addendum/", {"addendum": "Too early."}, "Addenda are for signed notes"),
     ("note/sign/", {}, "Write the progress note before signing it.")],
)
def test_bad_session_input_names_the_field_and_saves_nothing(course: TreatmentCourse, cast: Cast, path: str,
                                                             form: dict[str, object], message: str) -> None:
    session = course.therapy_sessions.get(number=1)
    response = signed_in_client(cast.assigned_clinician).post(_session_url(cast, session.pk) + path, form)
    assert response.status_code == 422 and message in response.content.decode()
    session.refresh_from_db()
    assert session.status == "scheduled" and not ProgressNote.objects.exists()
    assert not ProgressNoteAddendum.objects.exists()


def _responses_of_others(cast: Cast, course: TreatmentCourse, session_id: int) -> dict[str, str]:
    """Every page, download and API answer around this patient, for everyone but the note's author."""
    patient = cast.patient
    base = f"/courses/patients/{patient.pk}"
    fhir_response = response_create(patient, "phq9", CALM_PHQ9, actor=cast.patient_user)
    staff_paths = [f"{base}/", f"{base}/sessions/{session_id}/", f"{base}/{course.pk}/plan/",
                   f"{base}/{course.pk}/calendar.ics", "/patients/", f"/patients/{patient.pk}/",
                   f"/measures/patients/{patient.pk}/", "/audit/", f"/screening/patients/{patient.pk}/",
                   f"/api/v1/patients/{patient.pk}/courses", f"/api/v1/patients/{patient.pk}/courses/{course.pk}/plan",
                   f"/api/v1/patients/{patient.pk}/courses/{course.pk}/sessions", "/api/v1/audit",
                   f"/api/v1/patients/{patient.pk}/responses/{fhir_response.pk}/fhir", f"/api/v1/patients/{patient.pk}"]
    patient_paths = ["/", "/courses/mine/", "/courses/mine/calendar.ics", f"/api/v1/patients/{patient.pk}/courses",
                     f"/api/v1/patients/{patient.pk}/courses/{course.pk}/sessions",
                     f"/api/v1/patients/{patient.pk}/responses/{fhir_response.pk}/fhir",
                     f"{base}/sessions/{session_id}/"]
    bodies = {}
    for name, paths in (("colleague", staff_paths), ("supervisor", staff_paths), ("patient_user", patient_paths),
                        ("other_clinic_clinician", staff_paths), ("clinic_admin", staff_paths)):
        client = signed_in_client(getattr(cast, name))
        for path in paths:
            bodies[f"{name} {path}"] = client.get(path).content.decode()
    return bodies


def test_the_private_note_is_its_authors_alone(course: TreatmentCourse, cast: Cast) -> None:
    CareTeamMember.objects.create(patient=cast.patient, user=cast.colleague, role=CareTeamRole.CO_CLINICIAN)
    session = course.therapy_sessions.get(number=1)
    author = signed_in_client(cast.assigned_clinician)
    url = _session_url(cast, session.pk)
    assert author.post(url + "private-note/", {"private_text": SECRET}).status_code == 302
    assert author.post(url + "note/", {"text": "Progress note for the record."}).status_code == 302
    assert SECRET in author.get(url).content.decode()

    bodies = _responses_of_others(cast, course, session.pk)
    assert bodies[f"colleague {url}"].count("Progress note for the record.") == 1  # they do see the record
    assert "Only you can ever read it." in bodies[f"supervisor {url}"]
    leaks = [key for key, body in bodies.items() if SECRET in body or "ZQX-7781" in body]
    assert leaks == []
    assert not any("ZQX-7781" in json.dumps(detail) for detail in AuditEvent.objects.values_list("detail", flat=True))
    export = StringIO()
    call_command("fhir_export", "--all", stdout=export)
    assert "ZQX-7781" not in export.getvalue()


def test_a_supervisors_private_note_is_theirs_and_does_not_replace_the_clinicians(course: TreatmentCourse,
                                                                                  cast: Cast) -> None:
    session = course.therapy_sessions.get(number=1)
    services.psychotherapy_note_save(actor=cast.assigned_clinician, session=session, text=SECRET, now=timezone.now())
    supervisor = signed_in_client(cast.supervisor)
    url = _session_url(cast, session.pk)
    assert supervisor.post(url + "private-note/", {"private_text": "Supervisor's own thoughts."}).status_code == 302
    assert SECRET not in supervisor.get(url).content.decode()
    assert "Supervisor's own thoughts." not in signed_in_client(cast.assigned_clinician).get(url).content.decode()
    assert PsychotherapyNote.objects.get(author=cast.assigned_clinician).text == SECRET
    assert PsychotherapyNote.objects.count() == 2
    empty = signed_in_client(cast.assigned_clinician).post(url + "private-note/", {"private_text": "  "})
    assert empty.status_code == 422 and "Private psychotherapy note: This field is required." in empty.content.decode()
    assert PsychotherapyNote.objects.get(author=cast.assigned_clinician).text == SECRET
