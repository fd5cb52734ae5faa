"""Alert pages: the list of safety events, one event with its delivery log, acknowledge, resolve, and a clinic's
escalation delay."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from solace.accounts.requests import AuthenticatedHttpRequest
from solace.alerts import selectors, services
from solace.alerts.access import access_safety_event
from solace.alerts.choices import SafetyStatus
from solace.alerts.display import reason_labels, source_link
from solace.alerts.forms import AlertSettingsForm, ResolveForm
from solace.alerts.models import SafetyEvent
from solace.audit.access import access_clinic
from solace.audit.services import audit_record
from solace.kernel.forms import add_service_errors
from solace.kernel.permissions import Action, user_may


@login_required
def alert_list_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    access_clinic(request.user, Action.CLINICAL_WORK, audit_action="safety_event.list")
    alerts = selectors.safety_event_list(user=request.user, now=timezone.now())
    if request.htmx:  # the page refreshing itself every minute: the opening of the page was audited
        template = "alerts/partials/_alert_list.html"
    else:
        template = "alerts/list.html"
        audit_record(actor=request.user, action="safety_event.list", object_type="safety_event",
                     detail={"open": len(alerts.open), "shown": len(alerts)})
    context = {"alerts": alerts,
               "can_edit_settings": user_may(request.user, Action.ALERT_SETTINGS)}
    return render(request, template, context)


def _event_page(request: AuthenticatedHttpRequest, event: SafetyEvent, form: ResolveForm, *,
                status: int = 200) -> HttpResponse:
    context = {
        "event": event, "patient": event.patient, "reasons": reason_labels(event.reason, event.get_kind_display()),
        "source_link": source_link(event), "deliveries": selectors.event_deliveries(event), "resolve_form": form,
    }
    template = "alerts/partials/_event.html" if request.htmx else "alerts/detail.html"
    return render(request, template, context, status=status)


@login_required
def alert_detail_view(request: AuthenticatedHttpRequest, event_id: int) -> HttpResponse:
    event = access_safety_event(request.user, event_id, Action.CLINICAL_READ)
    return _event_page(request, event, ResolveForm())


@login_required
@require_POST
def alert_acknowledge_view(request: AuthenticatedHttpRequest, event_id: int) -> HttpResponse:
    event = access_safety_event(request.user, event_id, Action.CLINICAL_WRITE)
    was_open = event.status == SafetyStatus.OPEN
    event = services.safety_event_acknowledge(actor=request.user, event=event, now=timezone.now())
    if request.htmx:
        return _event_page(request, event, ResolveForm())
    if was_open:
        messages.success(request, _("Acknowledged. Escalation to the supervisors is cancelled."))
    else:
        messages.info(request, _("This alert had already been acknowledged."))
    return redirect("alerts:detail", event_id=event.pk)


@login_required
@require_POST
def alert_resolve_view(request: AuthenticatedHttpRequest, event_id: int) -> HttpResponse:
    event = access_safety_event(request.user, event_id, Action.CLINICAL_WRITE)
    form = ResolveForm(request.POST)
    if form.is_valid():
        was_resolved = event.status == SafetyStatus.RESOLVED
        try:
            event = services.safety_event_resolve(actor=request.user, event=event, note=form.cleaned_data["note"],
                                                  now=timezone.now())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if request.htmx:
                return _event_page(request, event, ResolveForm())
            messages.info(request, _("This alert had already been resolved.") if was_resolved else _("Resolved."))
            return redirect("alerts:detail", event_id=event.pk)
    return _event_page(request, event, form, status=422)


@login_required
@require_http_methods(["GET", "POST"])
def alert_settings_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The clinic's escalation delay and PHQ-9 item 9 grading (clinic administrators and supervisors)."""
    access_clinic(request.user, Action.ALERT_SETTINGS, audit_action="alert_settings.view")
    clinic_id = request.user.clinic.pk  # type: ignore[union-attr]
    current = selectors.escalation_minutes(clinic_id)
    initial = {"escalation_minutes": current, "phq9_item9_urgent_from": selectors.phq9_item9_urgent_from(clinic_id)}
    form = AlertSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.alert_settings_save(actor=request.user, now=timezone.now(),
                                         escalation_minutes=form.cleaned_data["escalation_minutes"],
                                         phq9_item9_urgent_from=form.cleaned_data["phq9_item9_urgent_from"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Alert settings saved. They apply to alerts raised from now on."))
            return redirect("alerts:settings")
    return render(request, "alerts/settings.html", {"form": form, "current": current},
                  status=422 if form.errors else 200)
