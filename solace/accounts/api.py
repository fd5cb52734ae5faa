from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.security import APIKeyCookie, HttpBearer

from solace.accounts import services
from solace.accounts.access import access_api_token
from solace.accounts.requests import AuthenticatedApiRequest
from solace.kernel.api_errors import ApiError

router = Router(tags=["accounts"])


class BearerToken(HttpBearer):
    """Personal API token: `Authorization: Bearer sol_...`."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = services.api_token_authenticate(token)
        if user is not None:
            request.user = user
        return user


class VerifiedSession(APIKeyCookie):
    """Browser session (with CSRF). Staff sessions count only after two-factor sign-in."""

    param_name = "sessionid"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = request.user
        if not user.is_authenticated:
            return None
        if user.is_clinic_staff and not user.is_verified():
            return None
        return user


class MeOut(Schema):
    id: int
    email: str
    full_name: str
    role: str | None
    clinic: str | None
    time_zone: str


class TokenIn(Schema):
    name: str


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None


class TokenCreatedOut(TokenOut):
    token: str


@router.get("/me", response=MeOut, summary="The signed-in user")
def me(request: AuthenticatedApiRequest) -> dict[str, Any]:
    user = request.auth
    return {"id": user.pk, "email": user.email, "full_name": user.full_name, "role": user.role,
            "clinic": user.clinic.name if user.clinic else None, "time_zone": user.time_zone}


@router.get("/tokens", response=list[TokenOut], summary="Your active API tokens")
def token_list(request: AuthenticatedApiRequest) -> Any:
    return request.auth.api_tokens.filter(revoked_at__isnull=True)


@router.post("/tokens", response={201: TokenCreatedOut}, summary="Create a token (the value is shown once)")
def token_create(request: AuthenticatedApiRequest, payload: TokenIn) -> Status[dict[str, Any]]:
    token, raw = services.api_token_create(user=request.auth, name=payload.name)
    return Status(201, {"id": token.pk, "name": token.name, "prefix": token.prefix, "created_at": token.created_at,
                 "last_used_at": None, "token": raw})


@router.delete("/tokens/{token_id}", response={204: None}, summary="Revoke a token")
def token_revoke(request: AuthenticatedApiRequest, token_id: int) -> Status[None]:
    token = access_api_token(request.auth, token_id, audit_action="api_token.revoke",
                             error=ApiError(404, "not_found", "Not found."))
    services.api_token_revoke(token=token, now=timezone.now())
    return Status(204, None)
