from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from solace.accounts.choices import AUDIT_READER_ROLES, Role
from solace.alerts.selectors import open_alert_count

CLINICAL = frozenset({Role.CLINICIAN, Role.SUPERVISOR})
STAFF_WITH_TOKENS = frozenset(Role) - {Role.PATIENT, Role.FAMILY_MEMBER}

# The menu, in display order: label, URL name, and the roles that see the entry. Areas add their rows here.
MENU: tuple[tuple[Any, str, frozenset[str]], ...] = (
    (_("Home"), "site:home", frozenset(Role)),
    (_("Caseload"), "patients:caseload", CLINICAL),
    (_("Alerts"), "alerts:list", CLINICAL),
    (_("Groups"), "courses:groups", CLINICAL),
    (_("New patient"), "patients:create", frozenset({Role.CLINICIAN})),
    (_("Your course"), "courses:mine", frozenset({Role.PATIENT})),
    (_("Family sessions"), "courses:family_home", frozenset({Role.FAMILY_MEMBER})),
    (_("Questionnaires"), "measures:mine", frozenset({Role.PATIENT})),
    (_("Staff"), "accounts:members", frozenset({Role.CLINIC_ADMIN})),
    (_("Questionnaire wording"), "measures:wording_list", frozenset({Role.CLINIC_ADMIN})),
    (_("Screening thresholds"), "screening:settings", frozenset({Role.CLINIC_ADMIN, Role.SUPERVISOR})),
    (_("Alert settings"), "alerts:settings", frozenset({Role.CLINIC_ADMIN})),
    (_("Audit trail"), "audit:list", frozenset(AUDIT_READER_ROLES)),
    (_("API tokens"), "accounts:api_tokens", STAFF_WITH_TOKENS),
)


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The navigation for the signed-in role, with the count of unacknowledged alerts for clinical staff."""
    user = request.user
    if not user.is_authenticated or (user.is_clinic_staff and not user.is_verified()):  # type: ignore[union-attr]
        return {"nav_items": []}
    role = user.role  # type: ignore[union-attr]
    open_alerts = open_alert_count(user) if role in CLINICAL else 0  # one query, for the banner and the menu
    items = []
    for label, url_name, roles in MENU:
        if role not in roles:
            continue
        if url_name == "alerts:list" and open_alerts:
            label = _("Alerts (%(count)s)") % {"count": open_alerts}
        items.append((label, reverse(url_name)))
    return {"nav_items": items, "open_alert_count": open_alerts}
