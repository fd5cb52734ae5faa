from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from ninja import Query, Router, Schema

from solace.audit.selectors import AuditFilters, audit_event_list

if TYPE_CHECKING:  # audit stands below accounts: the request type is for the type checker only
    from solace.accounts.requests import AuthenticatedApiRequest

router = Router(tags=["audit"])


class AuditOut(Schema):
    at: datetime
    actor_label: str
    action: str
    object_type: str
    object_id: str
    patient_id: uuid.UUID | None
    outcome: str
    request_id: str


class AuditQuery(Schema):
    action: str = ""
    outcome: str = ""
    actor: str = ""
    patient_id: uuid.UUID | None = None
    since: date | None = None
    until: date | None = None
    limit: int = 100


@router.get("/audit", response=list[AuditOut], summary="Audit trail of your clinic (supervisors, admins)")
def audit_list(request: AuthenticatedApiRequest, query: Query[AuditQuery]) -> Any:
    filters = AuditFilters(action=query.action, outcome=query.outcome, actor=query.actor,
                           patient_id=str(query.patient_id or ""), since=query.since, until=query.until)
    return audit_event_list(user=request.auth, filters=filters)[: max(1, min(query.limit, 1000))]
