from __future__ import annotations

import pytest

from solace.courses.models import TreatmentCourse
from solace.courses.testing import course_ready
from solace.testing.factories import Cast


@pytest.fixture
def course(cast: Cast) -> TreatmentCourse:
    """The cast patient's active individual course: signed screening, plan version 1, weekly sessions."""
    return course_ready(cast.patient, clinician=cast.assigned_clinician)
