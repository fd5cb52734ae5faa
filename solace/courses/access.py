"""Gates for treatment courses, groups and family participation: filters over the one patient rule
(solace.patients.access), which this app extends with the relations it owns.

- Courses, plans, therapy sessions, notes: clinical work (CLINICAL_READ / CLINICAL_WRITE); the patient reaches
  their own course (OWN_READ / OWN_WRITE), never notes.
- Groups: a clinician reads and changes the groups they facilitate (GROUP_FACILITATE); supervisors read every
  group of their clinic (GROUP_READ); members never see the group or each other.
- Family members: only their own consented participation, and only what the patient shares (FAMILY_SHARED).
Missing and forbidden look the same (404); both outcomes are audited.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from solace.audit.access import access_deny
from solace.audit.services import audit_record
from solace.courses.models import FamilyParticipant, GroupSession, TherapyGroup, TherapySession, TreatmentCourse
from solace.courses.selectors import course_current
from solace.kernel.permissions import Action, Role, granted
from solace.patients.access import access_patient_record, own_patient, patients_in_scope


def family_relation(user: Any) -> Q:
    """A family member stands in relation to the patients whose course they joined and consented to."""
    return Q(courses__family_participants__user=user, courses__family_participants__consented_at__isnull=False)


def access_course(user: Any, patient_id: object, course_id: object, action: Action, *,
                  audit_action: str) -> TreatmentCourse:
    """One course of a patient in scope; another patient's course id is a 404 like a missing one."""
    courses = TreatmentCourse.objects.select_related("patient__clinic", "group")
    return access_patient_record(user, courses, course_id, action, object_type="treatment_course",
                                 audit_action=audit_action, patient_id=patient_id)


def access_therapy_session(user: Any, patient_id: object, session_id: object, action: Action, *,
                           audit_action: str) -> TherapySession:
    """One therapy session of a patient in scope."""
    sessions = TherapySession.objects.select_related("course__patient__clinic", "course__group")
    return access_patient_record(user, sessions, session_id, action, object_type="therapy_session",
                                 audit_action=audit_action, patient_path="course__patient", patient_id=patient_id)


def own_course(user: Any, action: Action, *, audit_action: str) -> TreatmentCourse | None:
    """The signed-in patient's current course (None when they have none yet). Anyone else: 404."""
    patient = own_patient(user, action, audit_action=audit_action)
    return course_current(patient)


# (role, action) -> the groups of the user's clinic the user stands in relation to for that action.
GROUP_RELATIONS: dict[tuple[str, Action], Any] = {
    (Role.CLINICIAN, Action.GROUP_READ): lambda user: Q(facilitator=user),
    (Role.CLINICIAN, Action.GROUP_FACILITATE): lambda user: Q(facilitator=user),
    (Role.SUPERVISOR, Action.GROUP_READ): lambda user: Q(),  # oversight: read only, never facilitate
}


def groups_in_scope(user: Any, action: Action) -> QuerySet[TherapyGroup]:
    """The groups `user` may do `action` for: the facilitator's own groups, or the clinic's for a supervisor."""
    clinic = getattr(user, "clinic", None) if getattr(user, "is_authenticated", False) else None
    relations = [GROUP_RELATIONS[(user.role, part)] for part in granted(user.role, action)
                 if (user.role, part) in GROUP_RELATIONS] if clinic is not None else []
    if not relations:
        return TherapyGroup.objects.none()
    groups = TherapyGroup.objects.filter(clinic=clinic)
    conditions = [relation(user) for relation in relations]
    return groups if not all(conditions) else groups.filter(conditions[0])


def access_group(user: Any, group_id: int | str, action: Action, *, audit_action: str) -> TherapyGroup:
    """A group in scope for `action` (GROUP_READ or GROUP_FACILITATE), else 404 (both audited)."""
    group = None
    try:
        group = groups_in_scope(user, action).filter(pk=group_id).select_related("facilitator").first()
    except (ValueError, TypeError):
        group = None
    if group is None:
        raise access_deny(user, audit_action=audit_action, object_type="therapy_group", object_id=group_id)
    audit_record(actor=user, action=audit_action, object_type="therapy_group", object_id=group.pk,
                 clinic_id=group.clinic_id)
    return group


def access_group_session(user: Any, group_id: int | str, session_id: int | str, action: Action, *,
                         audit_action: str) -> GroupSession:
    """One shared meeting of a group in scope."""
    group = access_group(user, group_id, action, audit_action=audit_action)
    group_session = group.sessions.filter(pk=session_id).select_related("group").first()
    if group_session is None:
        raise access_deny(user, audit_action=audit_action, object_type="group_session", object_id=session_id)
    return group_session


def own_family_participations(user: Any, *, audit_action: str) -> list[FamilyParticipant]:
    """The signed-in family member's consented participations, in courses of patients they are in relation to."""
    if not granted(getattr(user, "role", None), Action.FAMILY_SHARED):
        raise access_deny(user, audit_action=audit_action, object_type="family_participant")
    participations = list(
        FamilyParticipant.objects.filter(user=user, consented_at__isnull=False,
                                         course__patient__in=patients_in_scope(user, Action.FAMILY_SHARED))
        .select_related("course__patient__clinic"))
    for participant in participations:
        audit_record(actor=user, action=audit_action, object_type="family_participant", object_id=participant.pk,
                     patient_id=participant.course.patient_id, clinic_id=participant.course.patient.clinic_id)
    return participations


def may_facilitate(user: Any, group: TherapyGroup) -> bool:
    """Whether the page offers the group's changes to this user (the gate still decides each change)."""
    return groups_in_scope(user, Action.GROUP_FACILITATE).filter(pk=group.pk).exists()
