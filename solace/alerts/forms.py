"""Forms of the alert pages."""

from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from solace.alerts.models import DEFAULT_ESCALATION_MINUTES, ESCALATION_MINUTES_RANGE
from solace.alerts.services import RESOLUTION_NOTE_MAX
from solace.domain.instruments.triage import PHQ9_URGENT_FROM_DEFAULT


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
    phq9_item9_urgent_from = forms.TypedChoiceField(
        label=_("PHQ-9 item 9 (thoughts of being better off dead or of self-harm): urgent from"), coerce=int,
        choices=[(1, _("Several days (1): every positive answer is urgent")),
                 (2, _("More than half the days (2)")),
                 (3, _("Nearly every day (3) only"))],
        help_text=format_lazy(
            _("Every positive answer reaches the patient's clinicians at once; lower answers are marked routine, to "
              "be reviewed the same day. The default is {default}, a Solace choice: the questionnaire's authors ask "
              "for a suicide-risk assessment after any positive answer, and do not grade them."),
            default=PHQ9_URGENT_FROM_DEFAULT),
    )
