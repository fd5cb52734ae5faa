from __future__ import annotations

import uuid
from typing import Any

from django.utils import timezone

from solace.audit.models import AuditEvent, Outcome
from solace.kernel.request_context import current_request_id


def audit_record(
    *,
    actor: Any,
    action: str,
    outcome: str = Outcome.ALLOWED,
    object_type: str = "",
    object_id: object = "",
    patient_id: uuid.UUID | str | None = None,
    clinic_id: int | None = None,
    detail: dict[str, Any] | None = None,
    actor_label: str = "",
) -> AuditEvent:
    """Append one entry to the audit trail. `detail` holds codes and ids only, never patient data.

    `actor_label` names a non-user actor, e.g. "cli:createadmin" for the command line; web requests without a
    signed-in user are recorded as "anonymous".
    """
    user = actor if getattr(actor, "is_authenticated", False) else None
    if clinic_id is None and user is not None and user.clinic is not None:
        clinic_id = user.clinic.pk
    return AuditEvent.objects.create(
        at=timezone.now(),
        actor=user,
        actor_label=user.email if user else (actor_label or "anonymous"),
        clinic_id=clinic_id,
        action=action,
        object_type=object_type,
        object_id=str(object_id) if object_id else "",
        patient_id=patient_id,
        outcome=outcome,
        request_id=current_request_id.get(),
        detail=detail or {},
    )
