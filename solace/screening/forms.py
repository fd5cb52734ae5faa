"""Forms of the screening pages. The intake form builds the same intake JSON as the CLI and the API take, and
the domain parser validates it, so errors read the same everywhere (named on the form's own fields)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from solace.domain.instruments import AnswerError, Instrument, Item, get_instrument, score_items
from solace.domain.instruments.answers import skipped_item_codes
from solace.domain.screening import (
    SCREENING_INSTRUMENTS,
    THRESHOLD_FIELDS,
    ClinicalFlag,
    Concern,
    IntakeError,
    TreatmentKind,
    parse_intake,
)
from solace.domain.screening.intake import MAXIMUM_AGE, MINIMUM_AGE, stored_answers_current
from solace.measures.display import standing_label
from solace.measures.services import answers_parse
from solace.screening.choices import (
    CONCERN_LABELS,
    FLAG_LABELS,
    MODALITY_LABELS,
    TREATMENT_LABELS,
    DecisionChoice,
    RiskLevelChoice,
    SelfExplorationChoice,
    SignatureKind,
)
from solace.screening.models import Preparation

NAMED_TREATMENTS = {TreatmentKind.ANTIDEPRESSANT.value: "antidepressant_name", TreatmentKind.OTHER.value: "other_name"}


def response_field(code: str) -> str:
    """The fieldset (and the `id` prefix) of one questionnaire on the intake form."""
    return f"responses_{code}"


def item_field(item: Item) -> str:
    """The form field of one questionnaire item (item codes are unique across instruments)."""
    return f"answer_{item.code}"


def _wording_shipped(instrument: Instrument) -> bool:
    return instrument.licence.wording_reproducible and all(
        option.label for item in instrument.items for option in item.options)


def _item_form_field(instrument: Instrument, item: Item) -> forms.Field:
    """A select of the item's answer options where Solace ships the wording; a number 0..max where the clinic
    supplies it (the clinic's licensed wording is on the paper or screen the patient answered)."""
    short = instrument.title.rsplit("(", 1)[-1].rstrip(")") if "(" in instrument.title else instrument.title
    if _wording_shipped(instrument):
        return forms.TypedChoiceField(
            label=f"{short} {item.shown_number}. {_(item.text or '')}", required=False, coerce=int, empty_value=None,
            choices=[("", "—"), *((str(o.value), f"{o.value} · {_(o.label or '')}") for o in item.options)],
        )
    return forms.IntegerField(
        label=_("%(instrument)s item %(number)s") % {"instrument": short, "number": item.shown_number}, required=False,
        min_value=item.minimum, max_value=item.maximum, step_size=item.step if item.step > 1 else None,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": item.step}),
    )


class IntakeForm(forms.Form):
    """The clinician's assessment, their own structured suicide-risk assessment, and the measures, one field per
    questionnaire item. Every error is shown at once, on the item it concerns."""

    age = forms.IntegerField(label=gettext_lazy("Age"), min_value=MINIMUM_AGE, max_value=MAXIMUM_AGE)
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
    risk_level = forms.ChoiceField(
        label=gettext_lazy("Suicide risk on your structured risk assessment"), required=False,
        choices=[("", gettext_lazy("Not recorded")), *RiskLevelChoice.choices],
        help_text=gettext_lazy("Record your own risk assessment when the C-SSRS is not used electronically. You sign "
                               "it as the clinician entering this screening; it cannot be changed afterwards."),
    )
    risk_assessed_on = forms.DateField(label=gettext_lazy("Date of the risk assessment"), required=False,
                                       widget=forms.DateInput(attrs={"type": "date"}))
    risk_protective_factors = forms.CharField(label=gettext_lazy("Protective factors"), required=False,
                                              max_length=4000, widget=forms.Textarea(attrs={"rows": 2}))
    risk_safety_plan = forms.ChoiceField(
        label=gettext_lazy("Is a safety plan in place?"), required=False, widget=forms.RadioSelect,
        choices=[("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No"))],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code in SCREENING_INSTRUMENTS:
            instrument = get_instrument(code)
            for item in instrument.items:
                self.fields[item_field(item)] = _item_form_field(instrument, item)
        self.intake_data: dict[str, Any] = {}

    RISK_FIELDS = ("risk_level", "risk_assessed_on", "risk_protective_factors", "risk_safety_plan")

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """Fieldsets for the template, each with a legend."""
        names = [
            (_("The patient"), ["age", "presenting_concerns"]),
            (_("Clinical assessment"), ["clinical_flags"]),
            (_("Suicide-risk assessment"), list(self.RISK_FIELDS)),
            (_("Other treatments"), ["concurrent_treatments", "antidepressant_name", "other_name"]),
            (_("Preferences"), ["modality_preference", "self_exploration_acceptance"]),
        ]
        return [(legend, [self[name] for name in fields]) for legend, fields in names]

    def questionnaires(self) -> list[dict[str, Any]]:
        """One fieldset per questionnaire: its title, what the answers mean, its item fields, whether it is open."""
        rows = []
        for code in SCREENING_INSTRUMENTS:
            instrument = get_instrument(code)
            fields = [self[item_field(item)] for item in instrument.items]
            given = any(field.value() not in (None, "") for field in fields)
            rows.append({"code": code, "id": response_field(code), "title": _(instrument.title),
                         "key": instrument.answer_key, "fields": fields,
                         "open": given or any(field.errors for field in fields)})
        return rows

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self._check_risk_assessment(cleaned)
        responses = {code: answers for code in SCREENING_INSTRUMENTS
                     if (answers := self._checked_answers(code, cleaned)) is not None}
        if self.errors:
            return cleaned
        self.intake_data = self._intake(cleaned, responses)
        try:
            parse_intake(self.intake_data)
        except IntakeError as exc:
            self.add_error(self._field_for(exc.field), exc.message)
        return cleaned

    def _check_risk_assessment(self, cleaned: dict[str, Any]) -> None:
        if not cleaned.get("risk_level"):
            return
        if cleaned.get("risk_assessed_on") is None and "risk_assessed_on" not in self.errors:
            self.add_error("risk_assessed_on", _("Give the date of the risk assessment."))
        if not cleaned.get("risk_safety_plan"):
            self.add_error("risk_safety_plan", _("Say whether a safety plan is in place."))

    def _checked_answers(self, code: str, cleaned: dict[str, Any]) -> list[int | None] | None:
        """The questionnaire's answers in item order, or None when it was not given; every missing or bad answer
        goes on its own item field."""
        instrument = get_instrument(code)
        names = {item.code: item_field(item) for item in instrument.items}
        if not any(self[name].value() not in (None, "") for name in names.values()):
            return None
        raw = {item: cleaned.get(name) for item, name in names.items() if name not in self.errors}
        try:
            parsed = answers_parse(instrument, raw)
            score_items(instrument, parsed)
        except ValidationError as exc:
            for item, messages in exc.message_dict.items():
                self.add_error(names[item], messages)
            return None
        except AnswerError:
            skipped = skipped_item_codes(instrument, parsed)
            for question in instrument.items:
                if (parsed[question.code] is None and question.code not in skipped
                        and names[question.code] not in self.errors):
                    self.add_error(names[question.code], _("Item %(number)s: please choose an answer.") % {
                        "number": question.shown_number})
            return None
        return [parsed[item.code] for item in instrument.items]

    def _intake(self, cleaned: dict[str, Any], responses: dict[str, list[int | None]]) -> dict[str, Any]:
        treatments = []
        for kind in cleaned["concurrent_treatments"]:
            name_field = NAMED_TREATMENTS.get(kind)
            name = cleaned.get(name_field, "") if name_field else ""
            treatments.append({"kind": kind, **({"name": name} if name else {})})
        data: dict[str, Any] = {
            "age": cleaned["age"],
            "presenting_concerns": cleaned["presenting_concerns"],
            "clinical_flags": {flag.value: flag.value in cleaned["clinical_flags"] for flag in ClinicalFlag},
            "responses": responses,
            "concurrent_treatments": treatments,
        }
        if cleaned.get("risk_level"):
            data["risk_assessment"] = {
                "level": cleaned["risk_level"], "assessed_on": cleaned["risk_assessed_on"].isoformat(),
                "protective_factors": cleaned.get("risk_protective_factors", ""),
                "safety_plan_in_place": cleaned["risk_safety_plan"] == "yes",
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
        if head == "risk_assessment":
            return {"level": "risk_level", "assessed_on": "risk_assessed_on",
                    "protective_factors": "risk_protective_factors",
                    "safety_plan_in_place": "risk_safety_plan"}.get(rest)
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
            data.update(IntakeForm.answers_data(code, stored_answers_current(code, answers)))
        return data

    @staticmethod
    def answers_data(code: str, answers: Sequence[object]) -> dict[str, str]:
        """Form data for one questionnaire's answers in published item order (None: unanswered)."""
        return {item_field(item): "" if answer is None else str(answer)
                for item, answer in zip(get_instrument(code).items, answers, strict=False)}


class SignForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Your decision"), choices=SignatureKind.choices,
                             widget=forms.RadioSelect, initial=SignatureKind.ACCEPT)
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision you sign instead (override only)"), required=False,
        choices=[("", "—"), *DecisionChoice.choices],
    )
    reason = forms.CharField(label=gettext_lazy("Reason (required for an override)"), required=False,
                             widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)
    co_treatment_plan = forms.CharField(
        label=gettext_lazy("Your plan for the treatment not recommended alongside CFT"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}), max_length=4000,
        help_text=gettext_lazy("Required: the screening lists a concurrent treatment that is not recommended with "
                               "CFT. Say how you will handle it (for example, sequence the two treatments)."),
    )

    def __init__(self, *args: Any, plan_required: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not plan_required:
            del self.fields["co_treatment_plan"]


class PreparationForm(forms.ModelForm[Preparation]):
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
    help_text = _("Default %(default)s (%(published)s). Source: %(source)s") % {
        "default": spec.default, "published": standing_label(meta["standing"]), "source": _(meta["source"])}
    common: dict[str, Any] = {"label": _(meta["label"]), "help_text": help_text, "initial": value}
    match spec.type:
        case "bool":
            return forms.BooleanField(required=False, **common)
        case "str":
            return forms.ChoiceField(choices=[(c, c) for c in meta["choices"]], **common)
        case "int":
            return forms.IntegerField(**common)
    return forms.FloatField(widget=forms.NumberInput(attrs={"step": "0.1"}), **common)
