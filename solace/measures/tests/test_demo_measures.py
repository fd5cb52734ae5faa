"""`solace demo` adds the default schedule and fictional results, scored by the domain and never critical."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from solace.alerts.models import SafetyEvent
from solace.measures import selectors
from solace.measures.models import MeasureAssignment, MeasureResponse
from solace.measures.services import responses_rescore
from solace.patients.models import Patient
from solace.site import demo


@pytest.mark.django_db
def test_demo_measures():
    call_command("demo", stdout=StringIO())
    responses = MeasureResponse.objects.filter(patient__is_demo=True)
    assert responses.count() > 100
    assert not any(response.critical_items for response in responses)
    assert SafetyEvent.objects.count() == 2  # only the demo's own
    assert MeasureAssignment.objects.filter(instrument_code="phq9", cadence="every_session").count() == 40
    for code in ("phq9", "gad7", "fscrs", "scs_sf"):
        assert responses_rescore(instrument_code=code, now=timezone.now(), dry_run=True).changed == []
    patient = Patient.objects.get(email=demo.DEMO_PATIENT_EMAIL)
    assert selectors.results_by_instrument(patient=patient)
    call_command("demo", stdout=StringIO())
    assert MeasureResponse.objects.count() == responses.count()  # loaded once
