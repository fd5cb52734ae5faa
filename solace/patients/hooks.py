"""What the patients app teaches the accounts app below it: how a patient's invitation is found and accepted.
Registered once, from PatientsConfig.ready()."""

from __future__ import annotations

from solace.accounts.services import invitation_kind_register
from solace.patients.services import invitation_find


def register() -> None:
    invitation_kind_register("patient", invitation_find)
