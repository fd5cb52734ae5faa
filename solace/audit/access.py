"""The clinic-wide gate, and the refusal every gate shares. Both write the audit entry for their outcome."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from solace.audit.models import Outcome
from solace.audit.services import audit_record
from solace.kernel.permissions import Action, granted


def access_deny(user: Any, *, audit_action: str, object_type: str = "", object_id: object = "",
                patient_id: object = None, error: Exception | None = None) -> Exception:
    """Audit a refusal and return the error to raise: a 404 unless the caller names another (the API's 403)."""
    audit_record(actor=user, action=audit_action, outcome=Outcome.DENIED, object_type=object_type,
                 object_id=str(object_id)[:64] if object_id else "", patient_id=patient_id)  # type: ignore[arg-type]
    return error or Http404("Not found.")


def access_clinic(user: Any, action: Action, *, audit_action: str, error: Exception | None = None,
                  audit_allowed: bool = False) -> Any:
    """The user's clinic if their role is granted `action` there (solace.kernel.permissions.GRANTS).

    Refusals are always audited; an allowed request is audited when `audit_allowed` (a page that shows records)."""
    clinic = getattr(user, "clinic", None) if getattr(user, "is_authenticated", False) else None
    if clinic is None or not granted(user.role, action):
        raise access_deny(user, audit_action=audit_action, error=error)
    if audit_allowed:
        audit_record(actor=user, action=audit_action, clinic_id=clinic.pk)
    return clinic
