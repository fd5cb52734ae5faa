"""The id of the request being served, for audit entries and log lines (set by RequestIdMiddleware)."""

from __future__ import annotations

import contextvars

current_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("solace_request_id", default="-")
