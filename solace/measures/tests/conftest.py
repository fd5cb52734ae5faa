from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from solace.courses.models import TherapySession, TreatmentCourse
from solace.measures import services
from solace.measures.choices import Cadence
from solace.testing.factories import Cast


@pytest.fixture
def course(cast: Cast) -> TreatmentCourse:
    """A weekly 12-week course for the cast patient whose second session is tomorrow."""
    now = timezone.now()
    first = now - timedelta(weeks=1) + timedelta(days=1)
    course = TreatmentCourse.objects.create(patient=cast.patient, stage="build", status="active", weeks=12,
                                            started_on=first.date())
    TherapySession.objects.bulk_create(
        TherapySession(course=course, number=n + 1, scheduled_start=first + timedelta(weeks=n)) for n in range(12)
    )
    return course


@pytest.fixture
def phq9_assigned(cast: Cast) -> None:
    services.assignment_add(actor=cast.assigned_clinician, patient=cast.patient, instrument_code="phq9",
                            cadence=Cadence.ONCE, now=timezone.now() - timedelta(days=1))
