from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from solace.domain.instruments import Instrument, instrument_list
from solace.measures.choices import Cadence, Milestone


class AssignmentForm(forms.Form):
    """A clinician assigns one instrument to a patient (the rule itself is checked by the domain's schedule)."""

    instrument_code = forms.ChoiceField(label=_("Questionnaire"))
    cadence = forms.ChoiceField(label=_("How often"), choices=Cadence.choices)
    interval_weeks = forms.IntegerField(
        label=_("Every how many weeks"), required=False, min_value=1, max_value=52,
        help_text=_("Only for 'every few weeks'."),
    )
    milestones = forms.MultipleChoiceField(
        label=_("Milestones"), required=False, choices=Milestone.choices, widget=forms.CheckboxSelectMultiple,
        help_text=_("Only for 'at course milestones'."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["instrument_code"]).choices = [(i.code, i.title) for i in instrument_list()]
        self.fields["interval_weeks"].widget.attrs["inputmode"] = "numeric"


class ItemWordingForm(forms.Form):
    """A clinic administrator pastes the clinic's licensed wording, one field per item."""

    def __init__(self, *args: Any, instrument: Instrument, initial_texts: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for item in instrument.items:
            self.fields[item.code] = forms.CharField(
                label=_("Item %(number)s") % {"number": item.shown_number}, required=False, max_length=1000,
                initial=initial_texts.get(item.code, ""), widget=forms.Textarea(attrs={"rows": 2}),
            )
