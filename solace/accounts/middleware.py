from __future__ import annotations

import zoneinfo
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils import timezone, translation

from solace.kernel.languages import language_offered

# Paths a signed-in member of staff may reach before completing two-factor authentication.
TWO_FACTOR_EXEMPT_PREFIXES = ("/accounts/two-factor/", "/accounts/logout/", "/static/", "/i18n/")


class StaffTwoFactorMiddleware:
    """Staff must complete TOTP before anything else; staff sessions also expire after an idle period."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and user.is_clinic_staff:
            # Sliding expiry: each request pushes the end of the session out by the idle timeout.
            request.session.set_expiry(settings.STAFF_IDLE_TIMEOUT_SECONDS)
            if not user.is_verified() and not request.path.startswith(TWO_FACTOR_EXEMPT_PREFIXES):
                if request.path.startswith("/api/"):
                    return JsonResponse(
                        {"error": {"code": "two_factor_required",
                                   "message": "Complete two-factor sign-in first.", "field": None}},
                        status=401,
                    )
                return redirect("accounts:two_factor")
        return self.get_response(request)


class UserTimeZoneMiddleware:
    """Show times in the user's own time zone and pages in their language (a patient's comes from their record)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            try:
                timezone.activate(zoneinfo.ZoneInfo(user.time_zone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
            translation.activate(language_offered(user.language))
            request.LANGUAGE_CODE = translation.get_language()
        else:
            timezone.deactivate()
        return self.get_response(request)
