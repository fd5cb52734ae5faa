"""Clinic administrators paste their licensed wording; nobody else can."""

from __future__ import annotations

import pytest

from solace.audit.models import AuditEvent
from solace.measures.models import ClinicItemWording
from solace.testing.factories import signed_in_client


@pytest.mark.django_db
def test_admin_pastes_wording_per_item(cast):
    client = signed_in_client(cast.clinic_admin)
    listing = client.get("/measures/wording/").content.decode()
    assert "Rosenberg Self-Esteem Scale (RSES)" in listing and "Patient Health Questionnaire-9" not in listing
    assert 'href="/measures/wording/"' in client.get("/audit/").content.decode()  # in the navigation
    form = client.get("/measures/wording/rses/").content.decode()
    assert form.count("<textarea") == 10 and "Item 10" in form
    response = client.post("/measures/wording/rses/", {"rses_q1": "Wording one", "rses_q2": ""})
    assert response.status_code == 302 and response["Location"] == "/measures/wording/"
    row = ClinicItemWording.objects.get()
    assert (row.clinic, row.item_code, row.text, row.updated_by) == (cast.clinic, "rses_q1", "Wording one",
                                                                      cast.clinic_admin)
    assert "1 / 10" in client.get("/measures/wording/").content.decode()
    assert AuditEvent.objects.filter(action="item_wording.save", object_id="rses").exists()


@pytest.mark.django_db
def test_too_long_wording_names_the_item_and_saves_nothing(cast):
    client = signed_in_client(cast.clinic_admin)
    page = client.post("/measures/wording/rses/", {"rses_q3": "x" * 1001}).content.decode()
    assert "Item 3: Ensure this value has at most 1000 characters" in page
    assert not ClinicItemWording.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["assigned_clinician", "supervisor", "patient_user", "researcher"])
def test_only_clinic_admins_edit_wording(cast, name):
    client = signed_in_client(cast.member(name))
    assert client.get("/measures/wording/").status_code == 404
    assert client.post("/measures/wording/rses/", {"rses_q1": "x"}).status_code == 404
    assert not ClinicItemWording.objects.exists()


@pytest.mark.django_db
def test_shipped_or_unknown_wording_is_not_editable(cast):
    client = signed_in_client(cast.clinic_admin)
    assert client.get("/measures/wording/phq9/").status_code == 404
    assert client.get("/measures/wording/nope/").status_code == 404


@pytest.mark.django_db
def test_patients_have_a_questionnaires_link(cast):
    page = signed_in_client(cast.patient_user).get("/").content.decode()
    assert '<a href="/measures/"' in page and ">Questionnaires</a>" in page


@pytest.mark.django_db
def test_patient_detail_links_to_measures(cast):
    page = signed_in_client(cast.assigned_clinician).get(f"/patients/{cast.patient.pk}/").content.decode()
    assert f'href="/measures/patients/{cast.patient.pk}/"' in page
