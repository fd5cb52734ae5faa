"""Small helpers every course page uses."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def _zone(request: HttpRequest) -> str:
    return str(getattr(request.user, "time_zone", "") or settings.TIME_ZONE)


def _status(*forms: Any) -> int:
    return 422 if any(form is not None and form.errors for form in forms) else 200
