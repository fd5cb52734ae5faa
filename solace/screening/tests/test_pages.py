"""The screening pages through HTTP: what they show, who reaches them, what they save and audit."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from solace.audit.models import AuditEvent
from solace.screening.display import evidence_words
from solace.screening.forms import IntakeForm
from solace.screening.models import ClinicScreeningSettings, Preparation, Screening
from solace.screening.testing import BLOCKED_INTAKE, screening_create
from solace.testing import factories
from solace.testing.factories import Cast, signed_in_client


@pytest.mark.django_db
def test_the_result_page_explains_every_finding(cast: Cast) -> None:
    intake = {**BLOCKED_INTAKE, "concurrent_treatments": [{"kind": "rebt"}], "self_exploration_acceptance": "low"}
    screening = screening_create(cast.patient, actor=cast.assigned_clinician, data=intake)
    response = signed_in_client(cast.assigned_clinician).get(f"/screening/patients/{cast.patient.pk}/{screening.pk}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="decision">Not suitable<' in page
    for finding in screening.result["findings"]:
        assert f'data-rule="{finding["rule"]}"' in page
        assert evidence_words(finding["evidence"]) in page
    assert "a contraindication to CFT" in page and "Contraindications include acute schizophrenia episodes" in page
    assert "Psychiatric assessment" in page and "Not recommended" in page
    assert "not a validated predictor" in page
    assert AuditEvent.objects.filter(action="screening.view", patient_id=cast.patient.pk, outcome="allowed").exists()


@pytest.mark.django_db
def test_another_patients_screening_is_not_found(cast: Cast) -> None:
    other = factories.patient_create(cast.clinic, clinician=cast.assigned_clinician)
    screening = screening_create(other, actor=cast.assigned_clinician)
    client = signed_in_client(cast.assigned_clinician)
    assert client.get(f"/screening/patients/{cast.patient.pk}/{screening.pk}/").status_code == 404
    assert client.get(f"/screening/patients/{other.pk}/{screening.pk}/").status_code == 200
    assert AuditEvent.objects.filter(action="screening.view", outcome="denied", object_type="screening").exists()


@pytest.mark.django_db
def test_the_intake_form_starts_from_the_previous_intake_and_todays_age(cast: Cast) -> None:
    screening_create(cast.patient, actor=cast.assigned_clinician, data=BLOCKED_INTAKE)
    form = signed_in_client(cast.assigned_clinician).get(f"/screening/patients/{cast.patient.pk}/new/").context["form"]
    born = cast.patient.date_of_birth
    today = timezone.localdate()
    assert form.initial["age"] == today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    assert form.initial["clinical_flags"] == ["acute_psychosis"]
    assert [form.initial[f"answer_phq9_q{n}"] for n in range(1, 10)] == ["2", "2", "1", "2", "1", "1", "1", "0", "0"]


@pytest.mark.django_db
def test_nothing_is_saved_from_an_invalid_form(cast: Cast) -> None:
    client = signed_in_client(cast.assigned_clinician)
    des2 = IntakeForm.answers_data("des2", [0, 10, 15] + [0] * 25)
    response = client.post(f"/screening/patients/{cast.patient.pk}/new/", {"age": "34", **des2})
    assert response.status_code == 422
    assert "multiple of step size 10" in response.context["form"].errors["answer_des2_q3"][0]
    assert Screening.objects.count() == 0
    assert not AuditEvent.objects.filter(action="screening.evaluate").exists()


@pytest.mark.django_db
def test_the_patient_prepares_and_the_clinician_reads_it_beside_the_screening(cast: Cast) -> None:
    patient = signed_in_client(cast.patient_user)
    home = patient.get("/").content.decode()
    assert 'href="/screening/preparation/"' in home
    response = patient.post("/screening/preparation/", {
        "self_criticism_moments": "Evenings after work, replaying conversations.",
        "anxiety_helpers": "Walking by the river.", "goals": "Be kinder to myself.", "preferred_format": "group",
    })
    assert response.status_code == 302
    preparation = Preparation.objects.get(patient=cast.patient)
    assert preparation.preferred_format == "group" and preparation.goals == "Be kinder to myself."
    overview = signed_in_client(cast.assigned_clinician).get(f"/screening/patients/{cast.patient.pk}/")
    assert "Walking by the river." in overview.content.decode()
    assert AuditEvent.objects.filter(action="preparation.update", actor=cast.patient_user,
                                     patient_id=cast.patient.pk).count() == 1
    assert patient.post("/screening/preparation/", {"preferred_format": "online"}).status_code == 422


@pytest.mark.django_db
def test_the_preparation_form_is_for_patients_only(cast: Cast) -> None:
    for name in ("assigned_clinician", "supervisor", "clinic_admin"):
        assert signed_in_client(cast.member(name)).get("/screening/preparation/").status_code == 404, name
    assert Client().get("/screening/preparation/").status_code == 302
    assert AuditEvent.objects.filter(action="preparation.view", outcome="denied").count() == 3


@pytest.mark.django_db
def test_supervisors_and_admins_set_the_clinic_thresholds(cast: Cast) -> None:
    client = signed_in_client(cast.supervisor)
    form = client.get("/screening/settings/").context["form"]
    data = {name: field.initial for name, field in form.fields.items()}
    data = {name: ("on" if value is True else "" if value is False else value) for name, value in data.items()}
    assert "Solace design choice" in str(form.fields["fscrs_hated_self_at"].help_text)
    response = client.post("/screening/settings/", {**data, "gad7_severe_at": "12", "cssrs_defer_level": "high"})
    assert response.status_code == 302
    stored = ClinicScreeningSettings.objects.get(clinic=cast.clinic)
    assert stored.overrides == {"gad7_severe_at": 12, "cssrs_defer_level": "high"}
    assert stored.updated_by == cast.supervisor
    event = AuditEvent.objects.get(action="screening.thresholds_update")
    assert event.detail == {"changed": ["cssrs_defer_level", "gad7_severe_at"]}

    admin = signed_in_client(cast.clinic_admin)
    response = admin.post("/screening/settings/", {**data, "des2_grounding_at": "35"})
    assert response.status_code == 422
    assert "must not be above des2_defer_at" in response.context["form"].errors["des2_grounding_at"][0]
    response = admin.post("/screening/settings/", data)
    assert response.status_code == 302
    assert ClinicScreeningSettings.objects.get(clinic=cast.clinic).overrides == {}

    for name in ("assigned_clinician", "patient_user", "researcher"):
        assert signed_in_client(cast.member(name)).get("/screening/settings/").status_code == 404, name


@pytest.mark.django_db
def test_navigation_and_patient_page_link_to_screening(cast: Cast) -> None:
    page = signed_in_client(cast.assigned_clinician).get(f"/patients/{cast.patient.pk}/").content.decode()
    assert f'href="/screening/patients/{cast.patient.pk}/"' in page
    assert 'href="/screening/settings/"' in signed_in_client(cast.supervisor).get("/patients/").content.decode()


@pytest.mark.django_db
def test_scores_show_band_labels(cast: Cast) -> None:
    intake = {"age": 40, "responses": {"phq9": [2, 2, 1, 1, 1, 1, 1, 1, 0], "gad7": [0] * 7}}
    screening = screening_create(cast.patient, actor=cast.assigned_clinician, data=intake)
    page = signed_in_client(cast.assigned_clinician).get(
        f"/screening/patients/{cast.patient.pk}/{screening.pk}/").content.decode()
    assert screening.result["scores"]["phq9"]["band"] == "moderate"
    assert ">Moderate<" in page and ">Minimal<" in page


@pytest.mark.django_db
def test_the_intake_form_shows_every_error_at_once_and_keeps_what_was_typed(cast: Cast) -> None:
    data = {"age": "7", **IntakeForm.answers_data("phq9", [0, 0, 0, None, 0, 0, 0, 0, 1]),
            **IntakeForm.answers_data("des2", [0, 15] + [0] * 26), "risk_level": "low"}
    response = signed_in_client(cast.assigned_clinician).post(f"/screening/patients/{cast.patient.pk}/new/", data)
    assert response.status_code == 422
    errors = response.context["form"].errors
    assert set(errors) == {"age", "answer_phq9_q4", "answer_des2_q2", "risk_assessed_on", "risk_safety_plan"}
    assert "Item 4: please choose an answer." in errors["answer_phq9_q4"][0]
    page = response.content.decode()
    assert 'value="7"' in page and '<option value="1" selected>' in page
    summary = page.split('class="error-summary"')[1].split("</div>")[0]
    assert summary.count("<li>") == 5 and "PHQ-9 4." in summary and "DES-II item 2" in summary
    assert Screening.objects.count() == 0
