from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from solace.audit.access import access_clinic
from solace.audit.forms import AuditFilterForm
from solace.audit.selectors import AuditFilters, audit_event_list
from solace.kernel.permissions import Action

if TYPE_CHECKING:  # audit stands below accounts: the request type is for the type checker only
    from solace.accounts.requests import AuthenticatedHttpRequest


@login_required
def audit_list_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    access_clinic(request.user, Action.AUDIT_READ, audit_action="audit.list")
    form = AuditFilterForm(request.GET or None)
    filters = AuditFilters()
    if form.is_valid():
        data = {key: value for key, value in form.cleaned_data.items() if value not in (None, "")}
        data["patient_id"] = str(data["patient_id"]) if "patient_id" in data else ""
        filters = AuditFilters(**data)
    page = Paginator(audit_event_list(user=request.user, filters=filters), 50).get_page(request.GET.get("page"))
    # The next page's link keeps the filters and replaces the page number (never ?page=2&page=3...).
    query = request.GET.copy()
    query.pop("page", None)
    template = "audit/partials/_events.html" if request.htmx else "audit/audit_list.html"
    return render(request, template, {"form": form, "page": page, "filter_query": query.urlencode()})
