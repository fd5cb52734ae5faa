from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from solace.accounts.choices import AUDIT_READER_ROLES, Role
from solace.alerts.selectors import open_alert_count


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The navigation for the signed-in role; later areas add their entries here."""
    user = request.user
    if not user.is_authenticated or (user.is_clinic_staff and not user.is_verified()):  # type: ignore[union-attr]
        return {"nav_items": []}
    role = user.role  # type: ignore[union-attr]
    items = [(_("Home"), reverse("core:home"))]
    open_alerts = 0
    if role in (Role.CLINICIAN, Role.SUPERVISOR):
        items.append((_("Caseload"), reverse("patients:caseload")))
        open_alerts = open_alert_count(user)  # one query: the banner and the menu show unacknowledged alerts
        label = _("Alerts (%(count)s)") % {"count": open_alerts} if open_alerts else _("Alerts")
        items.append((label, reverse("alerts:list")))
    if role in (Role.CLINICIAN, Role.SUPERVISOR):
        items.append((_("Groups"), reverse("courses:groups")))
    if role == Role.CLINICIAN:
        items.append((_("New patient"), reverse("patients:create")))
    if role == Role.PATIENT:
        items.append((_("Your course"), reverse("courses:mine")))
    if role == Role.FAMILY_MEMBER:
        items.append((_("Family sessions"), reverse("courses:family_home")))
    if role == Role.PATIENT:
        items.append((_("Questionnaires"), reverse("measures:mine")))
    if role == Role.CLINIC_ADMIN:
        items.append((_("Staff"), reverse("accounts:members")))
        items.append((_("Questionnaire wording"), reverse("measures:wording_list")))
    if role in (Role.CLINIC_ADMIN, Role.SUPERVISOR):
        items.append((_("Screening thresholds"), reverse("screening:settings")))
    if role == Role.CLINIC_ADMIN:
        items.append((_("Alert settings"), reverse("alerts:settings")))
    if role in AUDIT_READER_ROLES:
        items.append((_("Audit trail"), reverse("audit:list")))
    if role not in (Role.PATIENT, Role.FAMILY_MEMBER):
        items.append((_("API tokens"), reverse("accounts:api_tokens")))
    return {"nav_items": items, "open_alert_count": open_alerts}
