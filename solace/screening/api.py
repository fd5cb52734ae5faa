"""`POST /api/v1/screening/evaluate`: the same intake JSON as `solace screen` and the web form, the same result.

Stores nothing. The body is parsed by the domain's intake parser (not a pydantic schema), so an invalid intake
gets the same error as on the CLI and the form: 422 `{"error": {"code": "invalid", "message", "field"}}`.
"""

from __future__ import annotations

import json
from typing import Any

from ninja import Router, Schema

from solace.accounts.requests import AuthenticatedApiRequest
from solace.audit.access import access_clinic
from solace.domain.screening import IntakeError, intake_json_schema, screen
from solace.kernel.api_errors import ApiError
from solace.kernel.permissions import Action
from solace.screening.selectors import clinic_thresholds

router = Router(tags=["screening"])


class FindingOut(Schema):
    rule: str
    severity: str
    message: str
    source: str
    evidence: str


class CoTreatmentOut(Schema):
    kind: str
    name: str | None
    verdict: str
    message: str


class PredictedResponseOut(Schema):
    level: str
    reasons: list[str]
    note: str


class AlternativeOut(Schema):
    code: str
    reason: str
    source: str


class ScreeningResultOut(Schema):
    decision: str
    findings: list[FindingOut]
    adaptations: list[str]
    co_treatments: list[CoTreatmentOut]
    scores: dict[str, dict[str, Any]]
    predicted_response: PredictedResponseOut
    alternatives: list[AlternativeOut]
    next_steps: list[str]


INTAKE_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": intake_json_schema()}},
    }
}


@router.post("/screening/evaluate", response=ScreeningResultOut, openapi_extra=INTAKE_BODY,
             summary="Evaluate an intake against the screening rules (stores nothing)")
def screening_evaluate(request: AuthenticatedApiRequest) -> dict[str, object]:
    """Clinicians and supervisors; the clinic's screening thresholds apply."""
    user = request.auth
    clinic = access_clinic(user, Action.CLINICAL_WORK, audit_action="screening.evaluate",
                           error=ApiError(403, "forbidden", "Only clinicians and supervisors evaluate screenings."))
    try:
        data = json.loads(request.body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError(422, "invalid", f"The body is not valid JSON: {exc}") from exc
    try:
        return screen(data, clinic_thresholds(clinic)).to_dict()
    except IntakeError as exc:
        raise ApiError(422, "invalid", str(exc), exc.field) from exc
