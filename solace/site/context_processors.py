from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from solace.alerts.selectors import open_alert_count
from solace.kernel.permissions import Action, user_may

# The menu, in display order: label, URL name, and the action that shows the entry. Areas add their rows here.
MENU: tuple[tuple[Any, str, Action | None], ...] = (
    (_("Home"), "site:home", None),
    (_("Caseload"), "site:caseload", Action.CLINICAL_WORK),
    (_("Alerts"), "alerts:list", Action.CLINICAL_WORK),
    (_("Groups"), "courses:groups", Action.GROUP_READ),
    (_("New patient"), "patients:create", Action.PATIENT_REGISTER),
    (_("Your course"), "courses:mine", Action.OWN_READ),
    (_("Family sessions"), "courses:family_home", Action.FAMILY_SHARED),
    (_("Questionnaires"), "measures:mine", Action.OWN_WRITE),
    (_("Staff"), "accounts:members", Action.STAFF_MANAGE),
    (_("Questionnaire wording"), "measures:wording_list", Action.WORDING_MANAGE),
    (_("Screening thresholds"), "screening:settings", Action.SCREENING_SETTINGS),
    (_("Alert settings"), "alerts:settings", Action.ALERT_SETTINGS),
    (_("Audit trail"), "audit:list", Action.AUDIT_READ),
    (_("API tokens"), "accounts:api_tokens", Action.API_TOKENS),
)
# Kept off the patient's and family member's menu (plain pages first); their tokens page still works by address.
STAFF_ONLY = frozenset({"accounts:api_tokens"})


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The navigation for the signed-in role, with the count of unacknowledged alerts for clinical staff."""
    user = request.user
    if not user.is_authenticated or (user.is_clinic_staff and not user.is_verified()):
        return {"nav_items": []}
    open_alerts = open_alert_count(user) if user_may(user, Action.CLINICAL_WORK) else 0  # one query: banner and menu
    items = []
    for label, url_name, action in MENU:
        if (action is not None and not user_may(user, action)) or (url_name in STAFF_ONLY and not user.is_clinic_staff):
            continue
        if url_name == "alerts:list" and open_alerts:
            label = _("Alerts (%(count)s)") % {"count": open_alerts}
        items.append((label, reverse(url_name)))
    return {"nav_items": items, "open_alert_count": open_alerts}
