"""Who may do what: roles, the actions they ask for, and the one table that grants actions to roles.

The table says what a role may do at all; the gates (`solace.audit.access.access_clinic` for clinic-wide work,
`solace.patients.access` for anything about a patient) add the relation to the record: the care team, the
patient's own account, what a patient shared with a family member, the group a clinician facilitates.
Views, API operations and commands never test a role themselves: they name an action and call a gate.
"""

from __future__ import annotations

from enum import Flag, auto
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PATIENT = "patient", _("Patient")
    CLINICIAN = "clinician", _("Clinician")
    SUPERVISOR = "supervisor", _("Supervisor")
    CLINIC_ADMIN = "clinic_admin", _("Clinic administrator")
    RESEARCHER = "researcher", _("Researcher")
    # A patient's relative in a family-format course: sees only what the patient chose to share.
    FAMILY_MEMBER = "family_member", _("Family member")


STAFF_ROLES = frozenset({Role.CLINICIAN, Role.SUPERVISOR, Role.CLINIC_ADMIN, Role.RESEARCHER})
CLINICAL_ROLES = frozenset({Role.CLINICIAN, Role.SUPERVISOR})


class Action(Flag):
    """What a request wants to do. Patient-scoped actions need a relation to the patient as well as the grant."""

    # About one patient (the gate adds the relation: care team, own record, shared item, facilitated group)
    CLINICAL_READ = auto()      # the care team and the clinic's supervisors read the clinical record
    CLINICAL_WRITE = auto()     # ... and change it
    OWN_READ = auto()           # the patient reads their own record
    OWN_WRITE = auto()          # the patient fills in what is theirs (questionnaires, preparation, sharing)
    FAMILY_SHARED = auto()      # a family member reads what the patient shared with them
    GROUP_READ = auto()         # a group's facilitator and the clinic's supervisors read the group
    GROUP_FACILITATE = auto()   # only the facilitator changes the group
    # Clinic-wide work
    CLINICAL_WORK = auto()      # clinic-wide clinical work: the caseload, the alert inbox, evaluating an intake
    PATIENT_REGISTER = auto()   # register a new patient (who then joins the clinician's care team)
    GROUP_CREATE = auto()       # start a therapy group (the creator facilitates it)
    SCREENING_COSIGN = auto()   # co-sign an override of a "not suitable" screening decision
    SCREENING_SETTINGS = auto()
    ALERT_SETTINGS = auto()
    STAFF_MANAGE = auto()
    WORDING_MANAGE = auto()     # supply licensed questionnaire wording
    AUDIT_READ = auto()
    API_TOKENS = auto()

    # Combinations used by pages both sides see
    READ = CLINICAL_READ | OWN_READ

    @property
    def writes(self) -> bool:
        return bool(self & (Action.CLINICAL_WRITE | Action.OWN_WRITE | Action.GROUP_FACILITATE
                            | Action.SCREENING_COSIGN))

    @property
    def verb(self) -> str:
        """The audit trail's verb for this action ("view" or "edit")."""
        return "edit" if self.writes else "view"


_CLINICAL = Action.CLINICAL_READ | Action.CLINICAL_WRITE | Action.GROUP_READ | Action.CLINICAL_WORK | Action.API_TOKENS

GRANTS: dict[str, Action] = {
    Role.CLINICIAN: _CLINICAL | Action.GROUP_FACILITATE | Action.PATIENT_REGISTER | Action.GROUP_CREATE,
    Role.SUPERVISOR: _CLINICAL | Action.SCREENING_COSIGN | Action.SCREENING_SETTINGS | Action.ALERT_SETTINGS
    | Action.AUDIT_READ,
    # Tokens are the account's own: the API applies the same gates as the pages (a patient's phone app, say).
    Role.PATIENT: Action.OWN_READ | Action.OWN_WRITE | Action.API_TOKENS,
    Role.FAMILY_MEMBER: Action.FAMILY_SHARED | Action.API_TOKENS,
    Role.CLINIC_ADMIN: Action.STAFF_MANAGE | Action.WORDING_MANAGE | Action.SCREENING_SETTINGS
    | Action.ALERT_SETTINGS | Action.AUDIT_READ | Action.API_TOKENS,
    Role.RESEARCHER: Action.API_TOKENS,
}


def granted(role: str | None, action: Action) -> Action:
    """The part of `action` that `role` may do at all (empty when none): the table above, nothing else."""
    return GRANTS.get(role or "", Action(0)) & action


def user_may(user: Any, action: Action) -> bool:
    """Whether a signed-in member of a clinic holds any part of `action` (for showing links, not for gating)."""
    if not getattr(user, "is_authenticated", False) or getattr(user, "clinic", None) is None:
        return False
    return bool(granted(user.role, action))
