"""What the alerts app teaches the patients app below it: the patient page shows the patient's alerts not yet
resolved, most severe first. Registered once, from AlertsConfig.ready()."""

from __future__ import annotations

from typing import Any

from solace.alerts.selectors import patient_open_events
from solace.patients.models import Patient
from solace.patients.views import patient_page_section_register


def patient_alerts_section(patient: Patient) -> tuple[str, dict[str, Any]]:
    return "alerts/partials/_patient_alerts.html", {"events": patient_open_events(patient)}


def register() -> None:
    patient_page_section_register(patient_alerts_section)
