"""Template filters for alerts shown by other apps' pages (the caseload, the patient page)."""

from __future__ import annotations

from django import template

from solace.alerts.choices import Severity

register = template.Library()


@register.filter
def severity_label(value: str | None) -> str:
    """`urgent` -> "Urgent" (translated); "" for none."""
    return str(Severity(value).label) if value in Severity.values else ""
