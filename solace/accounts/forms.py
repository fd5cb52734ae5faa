from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from solace.accounts.models import User
from solace.accounts.services import ConsentWording
from solace.kernel.permissions import STAFF_ROLES, Role


class LoginForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app, or a recovery code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def clean_code(self) -> str:
        code: str = self.cleaned_data["code"]
        return code.replace(" ", "").strip()


class InvitationAcceptForm(forms.Form):
    """A password and the two agreements, worded by the kind of invitation (a patient's, a family member's)."""

    password1 = forms.CharField(
        label=_("Choose a password"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters. Avoid common words and numbers only."),
    )
    password2 = forms.CharField(
        label=_("Type the password again"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    consent_treatment = forms.BooleanField(required=True)
    consent_data_use = forms.BooleanField(required=True)

    def __init__(self, *args: Any, email: str, full_name: str, consents: ConsentWording, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user_for_validation = User(email=email, full_name=full_name)
        for name, label, required in (("consent_treatment", consents.treatment, consents.treatment_required),
                                      ("consent_data_use", consents.data_use, consents.data_use_required)):
            self.fields[name].label = label
            self.fields[name].error_messages["required"] = required

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords do not match."))
        elif first:
            try:
                validate_password(first, self.user_for_validation)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=_("Token name"), max_length=100, help_text=_("What the token is for."))


class StaffForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=[(r.value, r.label) for r in Role if r in STAFF_ROLES])

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"]
        return email.lower()
