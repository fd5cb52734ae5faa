"""`solace demo` adds the default schedule and fictional results, scored by the domain; the only critical answers
are the two the demo submits on purpose, each with the safety event the product raises for it."""

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
    critical = [response for response in responses if response.critical_items]
    assert len(critical) == 2
    sources = set(SafetyEvent.objects.values_list("source_type", "source_id"))
    assert sources == {("measure_response", str(response.pk)) for response in critical}
    assert MeasureAssignment.objects.filter(instrument_code="phq9", cadence="every_session").count() == 40
    for code in ("phq9", "gad7", "fscrs", "scs_sf"):
        assert responses_rescore(instrument_code=code, now=timezone.now(), dry_run=True).changed == []
    patient = Patient.objects.get(email=demo.DEMO_PATIENT_EMAIL)
    assert selectors.results_by_instrument(patient=patient)
    call_command("demo", stdout=StringIO())
    assert MeasureResponse.objects.count() == responses.count()  # loaded once
