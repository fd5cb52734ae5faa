"""One error shape for the whole API: {"error": {"code", "message", "field"}}."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.field = status, code, message, field


def error_response(api: NinjaAPI, request: HttpRequest, status: int, code: str, message: str,
                   field: str | None = None) -> HttpResponse:
    return api.create_response(request, {"error": {"code": code, "message": message, "field": field}},
                               status=status)


def _field_from_location(loc: list[Any]) -> str | None:
    parts = [str(part) for part in loc if part not in ("body", "query", "path", "payload")]
    return ".".join(parts) or None


def install(api: NinjaAPI) -> None:
    @api.exception_handler(NinjaValidationError)
    def on_validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        first = exc.errors[0] if exc.errors else {}
        field = _field_from_location(list(first.get("loc", [])))
        message = str(first.get("msg", "Invalid input."))
        return error_response(api, request, 422, "invalid", f"{field}: {message}" if field else message, field)

    @api.exception_handler(DjangoValidationError)
    def on_service_validation(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        if hasattr(exc, "error_dict"):
            field, errors = next(iter(exc.message_dict.items()))
            return error_response(api, request, 422, "invalid", f"{field}: {errors[0]}", field)
        return error_response(api, request, 422, "invalid", " ".join(exc.messages))

    @api.exception_handler(ApiError)
    def on_api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return error_response(api, request, exc.status, exc.code, exc.message, exc.field)

    @api.exception_handler(Http404)
    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return error_response(api, request, 404, "not_found", "Not found.")

    @api.exception_handler(AuthenticationError)
    def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return error_response(api, request, 401, "unauthenticated", "Sign in or send a valid API token.")

    @api.exception_handler(HttpError)
    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return error_response(api, request, exc.status_code, "error", str(exc.message))
