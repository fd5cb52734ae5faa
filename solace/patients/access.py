"""The one access rule for anything about a patient: every page, API operation and command comes here.

A request names an `Action` (solace.kernel.permissions). The role must be granted the action (the GRANTS table)
and the user must stand in the action's relation to the patient: on the care team (a clinician), in the same
clinic (a supervisor), the patient themself, or a family member the patient shares with (registered by the
courses app, which owns family participation). `patients_in_scope` is the one permission-filtered queryset;
every per-type gate (`access_patient_record`) is a filter over it. Missing and forbidden look the same (404),
and both outcomes are written to the audit trail.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F, Model, Q, QuerySet

from solace.audit.access import access_deny
from solace.audit.services import audit_record
from solace.kernel.permissions import Action, Role, granted
from solace.patients.models import Patient

Relation = Callable[[Any], Q]


def _care_team(user: Any) -> Q:
    return Q(care_team__user=user)


def _whole_clinic(user: Any) -> Q:
    return Q()


def _own_record(user: Any) -> Q:
    return Q(user=user)


# (role, action) -> the patients of the user's clinic the user stands in relation to for that action.
RELATIONS: dict[tuple[str, Action], Relation] = {
    (Role.CLINICIAN, Action.CLINICAL_READ): _care_team,
    (Role.CLINICIAN, Action.CLINICAL_WRITE): _care_team,
    (Role.SUPERVISOR, Action.CLINICAL_READ): _whole_clinic,  # clinical oversight of the whole clinic
    (Role.SUPERVISOR, Action.CLINICAL_WRITE): _whole_clinic,
    (Role.SUPERVISOR, Action.SCREENING_COSIGN): _whole_clinic,
    (Role.PATIENT, Action.OWN_READ): _own_record,
    (Role.PATIENT, Action.OWN_WRITE): _own_record,
}


def relation_register(role: str, action: Action, relation: Relation) -> None:
    """For a higher app that owns a relation (family participation): called from its AppConfig.ready()."""
    RELATIONS[(role, action)] = relation


def patients_in_scope(user: Any, action: Action) -> QuerySet[Patient]:
    """The patients `user` may do `action` for: the permission-filtered queryset behind every patient gate."""
    clinic = getattr(user, "clinic", None) if getattr(user, "is_authenticated", False) else None
    if clinic is None:
        return Patient.objects.none()
    relations = [RELATIONS[(user.role, part)] for part in granted(user.role, action)
                 if (user.role, part) in RELATIONS]
    if not relations:
        return Patient.objects.none()
    in_scope = Patient.objects.filter(clinic=clinic)
    conditions = [relation(user) for relation in relations]
    if not all(conditions):  # an empty condition is the whole clinic (a supervisor's oversight)
        return in_scope
    condition = conditions[0]
    for other in conditions[1:]:
        condition |= other
    return in_scope.filter(condition).distinct()


def access_patient_record[M: Model](
    user: Any, objects: QuerySet[M], object_id: object, action: Action, *, audit_action: str, object_type: str,
    patient_path: str = "patient", patient_id: object = None,
) -> M:
    """One record about a patient in scope for `action`, else Http404 (audited either way).

    `patient_path` leads from the record to its patient ("" for the patient itself); with `patient_id` (routes
    under /patients/<id>/) the record must also belong to that patient."""
    to_patient = f"{patient_path}__" if patient_path else ""
    query = objects.filter(**{f"{to_patient}pk__in": patients_in_scope(user, action).values("pk")})
    if patient_id is not None:
        query = query.filter(**{f"{to_patient}pk": patient_id})
    annotated = query.annotate(gate_patient_id=F(f"{to_patient}pk"), gate_clinic_id=F(f"{to_patient}clinic_id"))
    try:
        record = annotated.filter(pk=object_id).first()
    except (ValueError, TypeError, ValidationError):  # not a well-formed id: the same answer as a missing record
        record = None
    if record is None:
        raise access_deny(user, audit_action=audit_action, object_type=object_type, object_id=object_id,
                          patient_id=_patient_tried(objects, object_id, to_patient))
    audit_record(actor=user, action=audit_action, object_type=object_type, object_id=record.pk,
                 patient_id=record.gate_patient_id, clinic_id=record.gate_clinic_id)  # type: ignore[attr-defined]
    return record


def _patient_tried(objects: QuerySet[Any], object_id: object, to_patient: str) -> uuid.UUID | None:
    """Whose record a refused request tried to reach: the trail names it (a reviewer needs it), the answer not."""
    try:
        found = objects.model._base_manager.filter(pk=object_id).values_list(f"{to_patient}pk", flat=True).first()
    except (ValueError, TypeError, ValidationError):
        return None
    return found if isinstance(found, uuid.UUID) else None


def access_patient(user: Any, patient_id: object, action: Action, *, audit_action: str = "") -> Patient:
    """The patient if `user` may do `action` for them, else Http404. Audits both outcomes."""
    return access_patient_record(
        user, Patient.objects.select_related("clinic"), patient_id, action,
        audit_action=audit_action or f"patient.{action.verb}", object_type="patient", patient_path="",
    )


def own_patient(user: Any, action: Action, *, audit_action: str) -> Patient:
    """The signed-in patient's own record (OWN_READ or OWN_WRITE); anyone else gets a 404 like a missing page."""
    own = action & (Action.OWN_READ | Action.OWN_WRITE)
    patient = patients_in_scope(user, own).select_related("clinic").first() if own else None
    if patient is None:
        raise access_deny(user, audit_action=audit_action, object_type="patient")
    audit_record(actor=user, action=audit_action, object_type="patient", object_id=patient.pk,
                 patient_id=patient.pk, clinic_id=patient.clinic_id)
    return patient
