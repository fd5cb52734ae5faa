"""Demo measures: the default schedule on every demo course, and fictional questionnaire results at the sessions
already held, so the charts and summaries have something to show. Scored by the domain; never a critical answer
(the demo's only critical answers go through `response_submit` in `demo.py`, which raises their safety events)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.db import transaction

from solace.accounts.models import Clinic, User
from solace.audit.services import audit_record
from solace.courses.choices import SessionStatus
from solace.courses.models import TreatmentCourse
from solace.domain.instruments import Instrument, get_instrument, score_items
from solace.measures.choices import ResponseStatus
from solace.measures.models import MeasureResponse
from solace.measures.services import schedule_defaults_apply
from solace.patients.choices import CareTeamRole

DEMO_SEED = 20262
PER_SESSION = ("phq9", "gad7")
AT_BASELINE = ("fscrs", "scs_sf")
NEVER_CRITICAL = frozenset({"phq9_q9", "fscrs_q9"})


def _answers(instrument: Instrument, level: float, rng: random.Random) -> dict[str, int]:
    """Item answers around `level` (0 = the scale's lowest answer, 1 = its highest)."""
    answers = {}
    for item in instrument.items:
        if item.code in NEVER_CRITICAL:
            answers[item.code] = item.minimum
            continue
        value = item.minimum + (item.maximum - item.minimum) * min(1.0, max(0.0, level + rng.uniform(-0.2, 0.2)))
        answers[item.code] = round(value)
    return answers


def _response(course: TreatmentCourse, code: str, level: float, at: datetime, rng: random.Random, *,
              entered_by: User) -> MeasureResponse:
    instrument = get_instrument(code)
    result = score_items(instrument, _answers(instrument, level, rng))
    return MeasureResponse(
        patient=course.patient, instrument_code=code, instrument_version=result.version,
        scoring_version=result.scoring_version, status=ResponseStatus.SUBMITTED, answers=dict(result.answers),
        score=result.to_dict(), total=float(result.total) if result.total is not None else None,
        band=result.band or "", started_at=at, updated_at=at, submitted_at=at,
        entered_by=entered_by,
    )


def demo_measures_create(clinic: Clinic, *, now: datetime) -> int:
    """Apply the default schedule to every demo course and add results at its held sessions; returns how many
    responses were created."""
    rng = random.Random(DEMO_SEED)
    responses: list[MeasureResponse] = []
    courses = TreatmentCourse.objects.filter(patient__clinic=clinic).select_related("patient").order_by("pk")
    with transaction.atomic():
        for course in courses:
            primary = course.patient.care_team.get(role=CareTeamRole.PRIMARY).user
            schedule_defaults_apply(actor=primary, patient=course.patient, course_id=course.pk, now=now)
            held = list(course.therapy_sessions.filter(status=SessionStatus.ATTENDED, scheduled_start__lt=now)
                        .values_list("scheduled_start", flat=True))
            if not held:
                continue
            start_level, slope = rng.uniform(0.35, 0.8), rng.uniform(0.0, 0.035)
            for index, session_start in enumerate(held):
                level = start_level - slope * index
                at = session_start - timedelta(hours=rng.randint(2, 40))
                responses += [_response(course, code, level, at, rng, entered_by=primary) for code in PER_SESSION]
                if index == 0:
                    responses += [_response(course, code, start_level, at, rng, entered_by=primary)
                                  for code in AT_BASELINE]
        MeasureResponse.objects.bulk_create(responses)
        audit_record(actor=None, action="demo.measures", object_type="clinic", object_id=clinic.pk,
                     clinic_id=clinic.pk, detail={"responses": len(responses)})
    return len(responses)
