"""`solace demo` gives every demo course a stored plan (version 1) with the course's own weeks and minutes, and the
demo patient sees their course page."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from solace.courses.models import TreatmentCourse
from solace.site.demo import DEMO_PASSWORD, DEMO_PATIENT_EMAIL


@pytest.mark.django_db
def test_every_demo_course_has_a_plan_version() -> None:
    call_command("demo", stdout=StringIO())
    courses = list(TreatmentCourse.objects.prefetch_related("plan_versions"))
    assert courses
    for course in courses:
        (version,) = course.plan_versions.all()
        assert version.number == 1 and version.author_id is not None
        plan = version.plan
        assert (plan["format"], plan["weeks"], plan["session_minutes"]) == (course.format, course.weeks,
                                                                            course.session_minutes)
        assert len(plan["sessions"]) == course.therapy_sessions.count()


@pytest.mark.django_db
def test_the_demo_patient_sees_their_course() -> None:
    call_command("demo", stdout=StringIO())
    client = Client()
    response = client.post("/accounts/login/", {"email": DEMO_PATIENT_EMAIL, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    page = client.get("/courses/mine/").content.decode()
    assert "Stage 2: Building compassionate-mind skills" in page and "Your daily practice" in page
