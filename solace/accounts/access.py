"""The gate for what belongs to one account: its API tokens. Someone else's token is a 404 like a missing one,
and both outcomes are audited (solace.audit.access)."""

from __future__ import annotations

from typing import Any

from solace.accounts.models import ApiToken
from solace.audit.access import access_deny
from solace.kernel.permissions import Action, granted


def access_api_token(user: Any, token_id: int | str, *, audit_action: str, error: Exception | None = None) -> ApiToken:
    """The user's own unrevoked token (API_TOKENS), else the error (404 by default)."""
    token = None
    if getattr(user, "is_authenticated", False) and granted(user.role, Action.API_TOKENS):
        try:
            token = ApiToken.objects.filter(user=user, pk=token_id, revoked_at__isnull=True).first()
        except (ValueError, TypeError):
            token = None
    if token is None:
        raise access_deny(user, audit_action=audit_action, object_type="api_token", object_id=token_id, error=error)
    return token
