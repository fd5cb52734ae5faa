"""Forms of the screening pages. The intake form builds the same intake JSON as the CLI and the API take, and
the domain parser validates it, so errors read the same everywhere (named on the form's own fields)."""

from __future__ import annotations

import dataclasses
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from solace.domain.instruments import get_instrument
from solace.domain.screening import (
    SCREENING_INSTRUMENTS,
    THRESHOLD_FIELDS,
    ClinicalFlag,
    Concern,
    IntakeError,
    TreatmentKind,
    parse_intake,
)
from solace.screening.choices import (
    CONCERN_LABELS,
    FLAG_LABELS,
    MODALITY_LABELS,
    TREATMENT_LABELS,
    DecisionChoice,
    SelfExplorationChoice,
    SignatureKind,
)
from solace.screening.models import Preparation

NAMED_TREATMENTS = {TreatmentKind.ANTIDEPRESSANT.value: "antidepressant_name", TreatmentKind.OTHER.value: "other_name"}


def response_field(code: str) -> str:
    return f"responses_{code}"


class IntakeForm(forms.Form):
    """The clinician's assessment and the measures, one comma-separated answer field per instrument."""

    age = forms.IntegerField(label=gettext_lazy("Age"))
    presenting_concerns = forms.MultipleChoiceField(
        label=gettext_lazy("Presenting concerns"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(c.value, CONCERN_LABELS[c.value]) for c in Concern],
    )
    clinical_flags = forms.MultipleChoiceField(
        label=gettext_lazy("The assessment found"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(f.value, FLAG_LABELS[f.value]) for f in ClinicalFlag],
    )
    concurrent_treatments = forms.MultipleChoiceField(
        label=gettext_lazy("Current other treatments"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(k.value, TREATMENT_LABELS[k.value]) for k in TreatmentKind],
    )
    antidepressant_name = forms.CharField(label=gettext_lazy("Antidepressant (name)"), required=False)
    other_name = forms.CharField(label=gettext_lazy("Other treatment (name)"), required=False)
    modality_preference = forms.ChoiceField(
        label=gettext_lazy("Preferred format"), required=False,
        choices=[("", gettext_lazy("Not discussed")), *MODALITY_LABELS.items()],
    )
    self_exploration_acceptance = forms.ChoiceField(
        label=gettext_lazy("Acceptance of self-exploration"), required=False,
        choices=[("", gettext_lazy("Not assessed")), *SelfExplorationChoice.choices],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code in SCREENING_INSTRUMENTS:
            instrument = get_instrument(code)
            first = instrument.items[0]
            self.fields[response_field(code)] = forms.CharField(
                label=_(instrument.title), required=False, max_length=2000,
                help_text=_("%(count)d answers from %(low)d to %(high)d, separated by commas, in the published item "
                            "order. %(key)s") % {"count": len(instrument.items), "low": first.minimum,
                                                 "high": first.maximum, "key": instrument.answer_key},
                widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            )
        self.intake_data: dict[str, Any] = {}

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """Fieldsets for the template, each with a legend."""
        names = [
            (_("The patient"), ["age", "presenting_concerns"]),
            (_("Clinical assessment"), ["clinical_flags"]),
            (_("Other treatments"), ["concurrent_treatments", "antidepressant_name", "other_name"]),
            (_("Preferences"), ["modality_preference", "self_exploration_acceptance"]),
            (_("Measures"), [response_field(code) for code in SCREENING_INSTRUMENTS]),
        ]
        return [(legend, [self[name] for name in fields]) for legend, fields in names]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        self.intake_data = self._intake(cleaned)
        try:
            parse_intake(self.intake_data)
        except IntakeError as exc:
            self.add_error(self._field_for(exc.field), exc.message)
        return cleaned

    def _intake(self, cleaned: dict[str, Any]) -> dict[str, Any]:
        treatments = []
        for kind in cleaned["concurrent_treatments"]:
            name_field = NAMED_TREATMENTS.get(kind)
            name = cleaned.get(name_field, "") if name_field else ""
            treatments.append({"kind": kind, **({"name": name} if name else {})})
        data: dict[str, Any] = {
            "age": cleaned["age"],
            "presenting_concerns": cleaned["presenting_concerns"],
            "clinical_flags": {flag.value: flag.value in cleaned["clinical_flags"] for flag in ClinicalFlag},
            "responses": {
                code: _answers(cleaned[response_field(code)])
                for code in SCREENING_INSTRUMENTS if cleaned[response_field(code)].strip()
            },
            "concurrent_treatments": treatments,
        }
        for choice in ("modality_preference", "self_exploration_acceptance"):
            if cleaned[choice]:
                data[choice] = cleaned[choice]
        return data

    def _field_for(self, error_field: str | None) -> str | None:
        """The form field that shows an intake error (`responses.phq9` -> `responses_phq9`)."""
        if error_field is None:
            return None
        head, _dot, rest = error_field.partition(".")
        if head == "responses":
            return response_field(rest)
        if head == "concurrent_treatments" and rest.endswith(".name"):
            kind = self.intake_data["concurrent_treatments"][int(rest.split(".")[0])]["kind"]
            return NAMED_TREATMENTS.get(kind, head)
        return head if head in self.fields else None

    @staticmethod
    def data_from_intake(intake: dict[str, Any]) -> dict[str, Any]:
        """Form data that submits exactly `intake` (a normalised intake JSON): for re-screening and for tests."""
        data: dict[str, Any] = {
            "age": str(intake["age"]),
            "presenting_concerns": list(intake.get("presenting_concerns", [])),
            "clinical_flags": [flag for flag, value in intake.get("clinical_flags", {}).items() if value],
            "concurrent_treatments": [t["kind"] for t in intake.get("concurrent_treatments", [])],
            "modality_preference": intake.get("modality_preference") or "",
            "self_exploration_acceptance": intake.get("self_exploration_acceptance") or "",
        }
        for treatment in intake.get("concurrent_treatments", []):
            if treatment.get("name") and treatment["kind"] in NAMED_TREATMENTS:
                data[NAMED_TREATMENTS[treatment["kind"]]] = treatment["name"]
        for code, answers in intake.get("responses", {}).items():
            data[response_field(code)] = ", ".join("" if a is None else str(a) for a in answers)
        return data


def _answers(text: str) -> list[str | None]:
    """"1, 2,,3" -> ["1", "2", None, "3"]: an empty place is an unanswered item (the domain names it)."""
    return [part.strip() or None for part in text.split(",")]


class SignForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Your decision"), choices=SignatureKind.choices,
                             widget=forms.RadioSelect, initial=SignatureKind.ACCEPT)
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision you sign instead (override only)"), required=False,
        choices=[("", "—"), *DecisionChoice.choices],
    )
    reason = forms.CharField(label=gettext_lazy("Reason (required for an override)"), required=False,
                             widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


class PreparationForm(forms.ModelForm):
    class Meta:
        model = Preparation
        fields = ("self_criticism_moments", "anxiety_helpers", "goals", "preferred_format")
        widgets = {
            "self_criticism_moments": forms.Textarea(attrs={"rows": 4}),
            "anxiety_helpers": forms.Textarea(attrs={"rows": 4}),
            "goals": forms.Textarea(attrs={"rows": 4}),
            "preferred_format": forms.RadioSelect,
        }
        help_texts = {
            "self_criticism_moments": gettext_lazy(
                "For example: after a conversation at work, late in the evening, when looking in the mirror."),
            "anxiety_helpers": gettext_lazy("Anything that eased anxiety, even a little: people, places, activities."),
        }


class ThresholdsForm(forms.Form):
    """One field per screening threshold, initially the clinic's current value; the help text says where the
    default comes from and whether it is published."""

    def __init__(self, *args: Any, current: dict[str, object], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, spec in THRESHOLD_FIELDS.items():
            self.fields[name] = _threshold_field(spec, current[name])

    def overrides(self) -> dict[str, object]:
        return {name: self.cleaned_data[name] for name in THRESHOLD_FIELDS}


def _threshold_field(spec: dataclasses.Field[Any], value: object) -> forms.Field:
    meta = spec.metadata
    published = _("published") if meta["published"] else _("Solace design choice")
    help_text = _("Default %(default)s (%(published)s). Source: %(source)s") % {
        "default": spec.default, "published": published, "source": meta["source"]}
    common: dict[str, Any] = {"label": _(meta["label"]), "help_text": help_text, "initial": value}
    match spec.type:
        case "bool":
            return forms.BooleanField(required=False, **common)
        case "str":
            return forms.ChoiceField(choices=[(c, c) for c in meta["choices"]], **common)
        case "int":
            return forms.IntegerField(**common)
    return forms.FloatField(widget=forms.NumberInput(attrs={"step": "0.1"}), **common)
