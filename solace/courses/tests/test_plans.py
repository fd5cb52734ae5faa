"""Plans: version 1 generated from the signed screening and the clinician's choices; every edit a new version with
who changed what; bad choices name the field and save nothing."""

from __future__ import annotations

from datetime import time

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from solace.audit.models import AuditEvent
from solace.courses import services
from solace.courses.models import CoursePlanVersion, TreatmentCourse
from solace.courses.testing import next_week, signed_screening
from solace.courses.tests.test_plan_command import ADAPTED_INTAKE
from solace.domain.planning import PlanRequest, plan_course
from solace.screening.models import Screening
from solace.screening.testing import screening_create
from solace.testing.factories import Cast, signed_in_client

pytestmark = pytest.mark.django_db


def _create(client, cast: Cast, **fields: object):
    return client.post(f"/courses/patients/{cast.patient.pk}/create/", {"course_format": "individual", **fields},
                       follow=True)


def test_creating_a_course_from_a_signed_screening_generates_plan_version_1(cast: Cast) -> None:
    signed_screening(cast.patient, actor=cast.assigned_clinician, data=ADAPTED_INTAKE)
    screening = Screening.objects.get(patient=cast.patient)
    client = signed_in_client(cast.assigned_clinician)
    assert _create(client, cast, weeks="18", session_minutes="75").status_code == 200
    course = TreatmentCourse.objects.get(patient=cast.patient)
    version = course.plan_versions.get()
    expected = plan_course(PlanRequest(decision="suitable_with_adaptations", weeks=18, session_minutes=75,
                                       adaptations=tuple(screening.result["adaptations"]),
                                       concerns=("ptsd", "self_criticism")))
    assert version.plan == expected.to_dict()
    assert (version.number, version.author, version.changes) == (1, cast.assigned_clinician, [])
    assert version.source["screening_id"] == screening.pk
    assert version.source["adaptations"] == screening.result["adaptations"] != []
    assert (course.weeks, course.session_minutes, course.created_by) == (18, 75, cast.assigned_clinician)
    assert AuditEvent.objects.filter(action="course_plan.version", object_id=str(course.pk)).exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [({"weeks": "25"}, "Weeks: Choose from 12 to 20 weeks"),
     ({"session_minutes": "30"}, "Minutes per session: Choose from 60 to 90 minutes"),
     ({"weeks": "many"}, "Weeks: Enter a whole number."),
     ({"course_format": "online"}, "Format: Select a valid choice.")],
)
def test_bad_choices_name_the_field_and_save_nothing(cast: Cast, fields: dict[str, str], message: str) -> None:
    signed_screening(cast.patient, actor=cast.assigned_clinician)
    page = _create(signed_in_client(cast.assigned_clinician), cast, **fields).content.decode()
    assert message in page
    assert not TreatmentCourse.objects.exists() and not CoursePlanVersion.objects.exists()


def test_a_course_created_before_signing_gets_its_plan_at_activation(cast: Cast) -> None:
    course = services.course_plan_create(actor=cast.assigned_clinician, patient=cast.patient,
                                         course_format="family", weeks=15)
    assert not course.plan_versions.exists() and course.weeks == 15
    screening = screening_create(cast.patient, actor=cast.assigned_clinician)
    from solace.screening.services import screening_sign

    screening_sign(actor=cast.assigned_clinician, screening=screening, kind="accept", now=timezone.now())
    services.course_activate(actor=cast.assigned_clinician, course=course, now=timezone.now())
    version = course.plan_versions.get()
    assert (version.plan["format"], version.plan["weeks"], version.source["decision"]) == ("family", 15, "suitable")


def test_session_edit_is_a_new_version_with_who_changed_what(course: TreatmentCourse, cast: Cast) -> None:
    client = signed_in_client(cast.assigned_clinician)
    first = course.plan_versions.get().plan["sessions"][2]
    url = f"/courses/patients/{cast.patient.pk}/{course.pk}/plan/sessions/3/"
    agenda = [*first["agenda"], "grounding_skills"]
    response = client.post(url, {"session-3-focus": "The three circles, with a mindful check-in",
                                 "session-3-agenda": agenda})
    assert response.status_code == 302 and response["Location"].endswith("#session-3")
    latest = course.plan_versions.order_by("-number").first()
    assert latest is not None and latest.number == 2 and latest.author == cast.assigned_clinician
    assert latest.plan["sessions"][2]["focus"] == "The three circles, with a mindful check-in"
    assert latest.plan["sessions"][2]["agenda"] == agenda
    assert latest.changes == [
        {"field": "sessions.3.focus", "before": first["focus"], "after": "The three circles, with a mindful check-in"},
        {"field": "sessions.3.agenda", "before": first["agenda"], "after": agenda}]
    assert course.plan_versions.get(number=1).plan["sessions"][2] == first  # the old version is kept as it was
    page = client.get(f"/courses/patients/{cast.patient.pk}/{course.pk}/plan/").content.decode()
    assert "Version 2" in page and "Version 1" in page and "sessions.3.focus" in page
    assert str(cast.assigned_clinician) in page
    old = client.get(f"/courses/patients/{cast.patient.pk}/{course.pk}/plan/?version=1").content.decode()
    assert "An earlier version. The current one is version 2." in old and first["focus"] in old
    assert client.get(f"/courses/patients/{cast.patient.pk}/{course.pk}/plan/?version=9").status_code == 404


@pytest.mark.parametrize(
    ("form", "message"),
    [({"session-3-focus": "", "session-3-agenda": ["three_circles"]}, "Focus: This field is required."),
     ({"session-3-focus": "Circles", "session-3-agenda": ["no_such_exercise"]}, "Agenda: Select a valid choice."),
     ({"session-3-focus": "Circles", "session-3-agenda": ["relapse_prevention"]}, "Agenda: Select a valid choice."),
     ({"session-3-focus": "x" * 201, "session-3-agenda": ["three_circles"]}, "Focus: Ensure this value")],
)
def test_bad_session_edits_name_the_field_and_add_no_version(course: TreatmentCourse, cast: Cast,
                                                             form: dict[str, object], message: str) -> None:
    response = signed_in_client(cast.assigned_clinician).post(
        f"/courses/patients/{cast.patient.pk}/{course.pk}/plan/sessions/3/", form)
    assert response.status_code == 422 and message in response.content.decode()
    assert course.plan_versions.count() == 1


def test_the_service_checks_agenda_codes_against_stage_and_format(course: TreatmentCourse, cast: Cast) -> None:
    with pytest.raises(ValidationError) as raised:  # stage 3 exercise in a stage 1 session
        services.plan_session_edit(actor=cast.assigned_clinician, owner=course, number=1, focus="x",
                                   agenda=["chair_work"], now=timezone.now())
    assert "agenda" in raised.value.message_dict
    with pytest.raises(ValidationError) as raised:  # a family exercise in an individual course
        services.plan_session_edit(actor=cast.assigned_clinician, owner=course, number=16, focus="x",
                                   agenda=["compassionate_communication"], now=timezone.now())
    assert "agenda" in raised.value.message_dict
    assert course.plan_versions.count() == 1


def test_weeks_and_minutes_re_plan_until_sessions_are_scheduled(cast: Cast) -> None:
    signed_screening(cast.patient, actor=cast.assigned_clinician)
    course = services.course_plan_create(actor=cast.assigned_clinician, patient=cast.patient,
                                         course_format="individual")
    client = signed_in_client(cast.assigned_clinician)
    url = f"/courses/patients/{cast.patient.pk}/{course.pk}/plan/settings/"
    bad = client.post(url, {"weeks": "21", "session_minutes": "60"})
    assert bad.status_code == 422 and "Weeks: Choose from 12 to 20 weeks" in bad.content.decode()
    assert client.post(url, {"weeks": "12", "session_minutes": "90"}).status_code == 302
    latest = course.plan_versions.order_by("-number").first()
    assert latest is not None and latest.number == 2
    assert (latest.plan["weeks"], latest.plan["session_minutes"], len(latest.plan["sessions"])) == (12, 90, 12)
    assert {c["field"] for c in latest.changes} >= {"weeks", "session_minutes"}
    course.refresh_from_db()
    assert (course.weeks, course.session_minutes) == (12, 90)
    services.sessions_schedule(actor=cast.assigned_clinician, course=course, first_day=next_week(), at=time(9),
                               zone="Europe/London", now=timezone.now())
    refused = client.post(url, {"weeks": "14", "session_minutes": "90"})
    assert refused.status_code == 422 and "Sessions are already scheduled" in refused.content.decode()
    assert course.plan_versions.count() == 2


def test_bad_course_choices_come_back_with_what_was_typed_and_save_nothing(cast: Cast) -> None:
    signed_screening(cast.patient, actor=cast.assigned_clinician, data=ADAPTED_INTAKE)
    client = signed_in_client(cast.assigned_clinician)
    page = _create(client, cast, weeks="30", session_minutes="75")
    assert page.status_code == 422
    form = page.context["start_form"]
    assert "weeks" in form.errors and form["weeks"].value() == "30" and form["session_minutes"].value() == "75"
    assert 'value="75"' in page.content.decode() and 'href="#id_weeks"' in page.content.decode()
    assert not TreatmentCourse.objects.filter(patient=cast.patient).exists()
