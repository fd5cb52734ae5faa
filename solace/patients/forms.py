from __future__ import annotations

import zoneinfo
from datetime import date
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from solace.accounts.models import User
from solace.kernel.permissions import Role
from solace.patients.choices import CareTeamRole
from solace.patients.models import Patient
from solace.patients.services import PATIENT_FIELDS

TIME_ZONE_CHOICES = [(name, name) for name in sorted(zoneinfo.available_timezones()) if "/" in name]


class PatientForm(forms.ModelForm[Patient]):
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=TIME_ZONE_CHOICES, initial="Europe/London")

    class Meta:
        model = Patient
        fields = PATIENT_FIELDS
        widgets = {"date_of_birth": forms.DateInput(attrs={"type": "date"})}

    def clean_date_of_birth(self) -> date:
        value: date = self.cleaned_data["date_of_birth"]
        if value > date.today():
            raise forms.ValidationError(_("The date of birth cannot be in the future."))
        if value.year < 1900:
            raise forms.ValidationError(_("Check the year of birth."))
        return value

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"]
        return email.lower()


class CareTeamForm(forms.Form):
    member = forms.ModelChoiceField(label=_("Clinician"), queryset=User.objects.none())
    role = forms.ChoiceField(label=_("Role in the care team"), choices=CareTeamRole.choices)

    def __init__(self, *args: Any, clinic: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField[User], self.fields["member"]).queryset = User.objects.filter(
            memberships__clinic=clinic, memberships__role__in=[Role.CLINICIAN, Role.SUPERVISOR]
        ).order_by("full_name")
