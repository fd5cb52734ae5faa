from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from solace.audit.models import Outcome


class AuditFilterForm(forms.Form):
    action = forms.CharField(label=_("Action starts with"), required=False, max_length=80)
    outcome = forms.ChoiceField(label=_("Outcome"), required=False,
                                choices=[("", _("Any")), *Outcome.choices])
    actor = forms.CharField(label=_("Actor e-mail contains"), required=False, max_length=254)
    patient_id = forms.UUIDField(label=_("Patient id"), required=False)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
