"""Words for people about alerts: what raised an event, read from its reason codes."""

from __future__ import annotations

import uuid

from django.urls import reverse
from django.utils.translation import gettext as _

from solace.alerts.models import SafetyEvent
from solace.domain.instruments import UnknownInstrument, get_instrument


def reason_labels(reason: str, kind_label: str = "") -> list[str]:
    """`phq9:phq9_q9` -> ["Patient Health Questionnaire-9 (PHQ-9), item 9"]. A reason that names no instrument's
    items (another rule's codes) is shown as the kind of event in words; the codes stay in the API."""
    code, _sep, items = reason.partition(":")
    try:
        instrument = get_instrument(code)
    except UnknownInstrument:
        return [_("The rule for this kind of event: %(kind)s") % {"kind": kind_label} if kind_label
                else _("A safety rule")]
    labels = []
    for item_code in filter(None, items.split(",")):
        if item_code in instrument.item_codes:
            labels.append(_("%(instrument)s, item %(number)s") % {
                "instrument": instrument.title, "number": instrument.item(item_code).shown_number})
    return labels or [instrument.title]


def source_link(event: SafetyEvent) -> str | None:
    """The page of what raised the event, where Solace has one (a questionnaire response)."""
    if event.source_type != "measure_response":
        return None
    try:
        response_id = uuid.UUID(event.source_id)
    except ValueError:
        return None
    return reverse("measures:response", kwargs={"patient_id": event.patient_id, "response_id": response_id})
