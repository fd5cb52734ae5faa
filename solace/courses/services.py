"""Writes for treatment courses. Full course planning comes with its own issue; for now a planned course can be
created and activated, and activation is gated by the patient's signed screening decision."""

from __future__ import annotations

import zoneinfo
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from solace.accounts.models import User
from solace.audit.models import Outcome
from solace.audit.services import audit_record
from solace.courses.choices import CourseFormat, CourseStatus, Stage
from solace.courses.models import TreatmentCourse
from solace.patients.models import Patient

OPEN_STATUSES = (CourseStatus.PLANNED, CourseStatus.ACTIVE)


def course_plan_create(*, actor: User, patient: Patient, course_format: str) -> TreatmentCourse:
    """A planned course for a patient who has no planned or active course yet."""
    if course_format not in CourseFormat.values:
        raise ValidationError({"course_format": _("Choose individual, group or family.")})
    with transaction.atomic():
        if TreatmentCourse.objects.select_for_update().filter(patient=patient, status__in=OPEN_STATUSES).exists():
            raise ValidationError(_("The patient already has a planned or active course."))
        course = TreatmentCourse.objects.create(patient=patient, format=course_format, status=CourseStatus.PLANNED)
        audit_record(actor=actor, action="course.create", object_type="treatment_course", object_id=course.pk,
                     patient_id=patient.pk, clinic_id=patient.clinic_id, detail={"format": course_format})
    return course


def course_activate(*, actor: User, course: TreatmentCourse, now: datetime) -> TreatmentCourse:
    """Start a planned course. Refused, with the reason, unless the patient's latest screening carries a signed
    decision that allows it (solace.screening.selectors.screening_clearance); refusals are audited too."""
    from solace.measures.services import schedule_defaults_apply
    from solace.screening.selectors import screening_clearance  # screening builds on courses, not the reverse

    patient = course.patient
    clearance = screening_clearance(patient=patient)
    if not clearance.allowed:
        audit_record(actor=actor, action="course.activate", outcome=Outcome.DENIED, object_type="treatment_course",
                     object_id=course.pk, patient_id=patient.pk, clinic_id=patient.clinic_id,
                     detail={"reason": clearance.code})
        raise ValidationError(clearance.reason, code=clearance.code)
    with transaction.atomic():
        locked = TreatmentCourse.objects.select_for_update().get(pk=course.pk)
        if locked.status != CourseStatus.PLANNED:
            raise ValidationError(_("Only a planned course can be activated."), code="not_planned")
        locked.status = CourseStatus.ACTIVE
        locked.started_on = now.astimezone(zoneinfo.ZoneInfo(patient.time_zone)).date()
        if locked.stage == Stage.NOT_STARTED:
            locked.stage = Stage.RECOGNISE
        locked.save(update_fields=["status", "started_on", "stage"])
        # Every course comes with the default measurement schedule (issue 3); clinicians adjust it afterwards.
        schedule_defaults_apply(actor=actor, course=locked, now=now)
        audit_record(actor=actor, action="course.activate", object_type="treatment_course", object_id=locked.pk,
                     patient_id=patient.pk, clinic_id=patient.clinic_id,
                     detail={"screening_id": clearance.screening.pk if clearance.screening else None})
    return locked
