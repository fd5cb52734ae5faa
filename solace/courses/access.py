"""Gates for treatment courses, built on `access_patient` (missing and forbidden look the same: 404, audited).

- Clinical pages (plans, sessions, notes, stages): the patient's care team and the clinic's supervisors.
- The patient: their own course page, their calendar and their sharing choices, never notes.
- Groups: the facilitating clinician and the clinic's supervisors; members never see the group or each other.
- Family participants: only their own participation, and only what the patient shares.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.http import Http404

from solace.accounts.choices import CLINICAL_ROLES, Role
from solace.audit.models import Outcome
from solace.audit.services import audit_record
from solace.courses.models import FamilyParticipant, GroupSession, TherapyGroup, TherapySession, TreatmentCourse
from solace.courses.selectors import course_current
from solace.patients.access import Action, access_patient
from solace.patients.models import Patient


def _deny(user: Any, audit_action: str, object_type: str, object_id: object) -> Http404:
    audit_record(actor=user, action=audit_action, outcome=Outcome.DENIED, object_type=object_type,
                 object_id=str(object_id)[:64])
    return Http404("Not found.")


def access_course_patient(user: Any, patient_id: uuid.UUID | str, action: Action, *, audit_action: str) -> Patient:
    """The patient, if `user` is a clinician or supervisor with the patient in scope."""
    if getattr(user, "role", None) not in CLINICAL_ROLES:
        raise _deny(user, audit_action, "patient", patient_id)
    return access_patient(user, patient_id, action, audit_action=audit_action)


def access_course(user: Any, patient_id: uuid.UUID | str, course_id: int, action: Action, *,
                  audit_action: str) -> TreatmentCourse:
    """One course of a patient in scope; another patient's course id is a 404 like a missing one."""
    patient = access_course_patient(user, patient_id, action, audit_action=audit_action)
    course = patient.courses.filter(pk=course_id).select_related("patient__clinic", "group").first()  # type: ignore[attr-defined]
    if course is None:
        raise _deny(user, audit_action, "treatment_course", course_id)
    return course  # type: ignore[no-any-return]


def access_therapy_session(user: Any, patient_id: uuid.UUID | str, session_id: int, action: Action, *,
                           audit_action: str) -> TherapySession:
    """One session of a patient in scope."""
    patient = access_course_patient(user, patient_id, action, audit_action=audit_action)
    session = (TherapySession.objects.filter(pk=session_id, course__patient=patient)
               .select_related("course__patient__clinic", "course__group").first())
    if session is None:
        raise _deny(user, audit_action, "therapy_session", session_id)
    return session


def own_course(user: Any, *, audit_action: str) -> TreatmentCourse | None:
    """The signed-in patient's current course (None when they have none yet). Anyone else: 404."""
    patient = getattr(user, "patient_record", None) if getattr(user, "role", None) == Role.PATIENT else None
    if patient is None:
        raise _deny(user, audit_action, "treatment_course", "")
    course = course_current(patient)
    audit_record(actor=user, action=audit_action, object_type="treatment_course",
                 object_id=course.pk if course else "", patient_id=patient.pk, clinic_id=patient.clinic_id)
    return course


def access_group(user: Any, group_id: int, action: Action, *, audit_action: str) -> TherapyGroup:
    """A group the user facilitates, or any group of their clinic for a supervisor."""
    role = getattr(user, "role", None)
    group = None
    if role in CLINICAL_ROLES:
        groups = TherapyGroup.objects.filter(clinic=user.clinic, pk=group_id).select_related("facilitator")
        group = groups.first() if role == Role.SUPERVISOR else groups.filter(facilitator=user).first()
    if group is None:
        raise _deny(user, audit_action, "therapy_group", group_id)
    audit_record(actor=user, action=audit_action, object_type="therapy_group", object_id=group.pk,
                 clinic_id=group.clinic_id)
    return group


def access_group_session(user: Any, group_id: int, session_id: int, action: Action, *,
                         audit_action: str) -> GroupSession:
    group = access_group(user, group_id, action, audit_action=audit_action)
    group_session = group.sessions.filter(pk=session_id).select_related("group").first()  # type: ignore[attr-defined]
    if group_session is None:
        raise _deny(user, audit_action, "group_session", session_id)
    return group_session  # type: ignore[no-any-return]


def own_family_participations(user: Any, *, audit_action: str) -> list[FamilyParticipant]:
    """The signed-in family member's consented participations in open or finished courses of their clinic."""
    if getattr(user, "role", None) != Role.FAMILY_MEMBER:
        raise _deny(user, audit_action, "family_participant", "")
    participations = list(
        FamilyParticipant.objects.filter(user=user, consented_at__isnull=False, course__patient__clinic=user.clinic)
        .select_related("course__patient__clinic"))
    for participant in participations:
        audit_record(actor=user, action=audit_action, object_type="family_participant", object_id=participant.pk,
                     patient_id=participant.course.patient_id, clinic_id=participant.course.patient.clinic_id)
    return participations
