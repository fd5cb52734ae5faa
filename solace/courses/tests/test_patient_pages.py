"""The patient's own course: where they are (stage and week), what is next, what each stage is for, their daily
practice in plain language, session times in their own zone and the calendar link; on their home page too."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from solace.courses import services
from solace.courses.models import TreatmentCourse
from solace.domain.planning import get_exercise
from solace.testing.factories import Cast, signed_in_client

pytestmark = pytest.mark.django_db


def _started_weeks_ago(course: TreatmentCourse, weeks: int) -> None:
    """Move the whole schedule back so that the first session was `weeks` weeks and an hour ago, whatever the
    time of day the test runs (now falls in week `weeks + 1`)."""
    sessions = list(course.therapy_sessions.order_by("scheduled_start"))
    shift = sessions[0].scheduled_start - (timezone.now() - timedelta(weeks=weeks, hours=1))
    for session in sessions:
        session.scheduled_start -= shift
        session.save(update_fields=["scheduled_start"])


def test_my_course_page(course: TreatmentCourse, cast: Cast) -> None:
    _started_weeks_ago(course, 5)
    services.course_stage_advance(actor=cast.assigned_clinician, course=course, to_stage="build", note="",
                                  now=timezone.now())
    page = signed_in_client(cast.patient_user).get("/courses/mine/").content.decode()
    assert "Individual course" in page
    assert "Stage 2: Building compassionate-mind skills" in page and "week 6 of 16" in page
    assert "Building new skills: calming breathing, kind imagery and your compassionate self" in page
    assert "Understanding your patterns" in page and "Using the skills in daily life" in page
    assert 'aria-current="step"' in page and "you are here" in page and "done" in page
    mindfulness = get_exercise("mindfulness")
    assert mindfulness.patient.title in page and mindfulness.homework is not None
    assert mindfulness.homework.instructions in page and "about 10 minutes a day" in page
    assert 'href="/courses/mine/calendar.ics"' in page
    assert "What is next" in page and 'data-testid="my-next"' in page
    assert "Times in your time zone (Europe/London)" in page
    for clinical in ("Fears, blocks", "Rockliff", "Follows", "Adaptations", "Progress note"):
        assert clinical not in page
    assert "<script" not in page.split("<body", 1)[1]


def test_home_shows_the_course_and_todays_practice(course: TreatmentCourse, cast: Cast) -> None:
    page = signed_in_client(cast.patient_user).get("/").content.decode()
    assert "Your course" in page and 'href="/courses/mine/"' in page
    assert "Stage 1: Psychoeducation and formulation" in page
    # Stage 1's practice is the one taught in session 1 (the three circles only come in session 3).
    breathing = get_exercise("soothing_rhythm_breathing")
    assert breathing.patient.title in page and 'data-testid="home-practice"' in page
    assert get_exercise("three_circles").patient.title not in page


def test_before_a_course_the_page_says_so(cast: Cast) -> None:
    page = signed_in_client(cast.patient_user).get("/courses/mine/").content.decode()
    assert "Your clinician will set up your course with you." in page
    home = signed_in_client(cast.patient_user).get("/").content.decode()
    assert "Your clinician will set up your course with you." in home


@pytest.mark.parametrize("name", ["assigned_clinician", "supervisor", "clinic_admin", "researcher"])
def test_my_course_is_for_patients_only(cast: Cast, name: str) -> None:
    client = signed_in_client(getattr(cast, name))
    for path in ("/courses/mine/", "/courses/mine/calendar.ics", "/courses/family/"):
        assert client.get(path).status_code == 404
    assert client.post("/courses/mine/sharing/", {}).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in() -> None:
    from django.test import Client

    for path in ("/courses/mine/", "/courses/mine/calendar.ics", "/courses/family/", "/courses/groups/"):
        response = Client().get(path)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
