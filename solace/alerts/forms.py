"""Forms of the alert pages."""

from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from solace.alerts.models import DEFAULT_ESCALATION_MINUTES, ESCALATION_MINUTES_RANGE
from solace.alerts.services import RESOLUTION_NOTE_MAX


class ResolveForm(forms.Form):
    note = forms.CharField(
        label=_("What was done"), max_length=RESOLUTION_NOTE_MAX, strip=True,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A short note (for example: phoned the patient, safety plan reviewed). Details belong in the "
                    "patient's record."),
        error_messages={"required": _("Write a short note of what was done.")},
    )


class AlertSettingsForm(forms.Form):
    escalation_minutes = forms.IntegerField(
        label=_("Tell the supervisors after (minutes)"), min_value=ESCALATION_MINUTES_RANGE[0],
        max_value=ESCALATION_MINUTES_RANGE[1],
        help_text=format_lazy(
            _("When nobody has acknowledged a safety alert this many minutes after it was raised, the clinic's "
              "supervisors receive an e-mail. Between {low} and {high} minutes; the default is {default}."),
            low=ESCALATION_MINUTES_RANGE[0], high=ESCALATION_MINUTES_RANGE[1], default=DEFAULT_ESCALATION_MINUTES),
    )
