"""FHIR R4 export validates with fhir.resources and carries wording only where the licence allows."""

from __future__ import annotations

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.questionnaire import Questionnaire

from solace.domain.instruments import instrument_list
from solace.measures import fhir
from solace.measures.testing import response_create
from solace.testing.factories import signed_in_client


@pytest.mark.parametrize("instrument", instrument_list(), ids=lambda i: i.code)
def test_every_instrument_is_a_valid_questionnaire(instrument):
    data = fhir.questionnaire(instrument)
    Questionnaire.model_validate(data)
    questions = [item for item in data["item"] if item["type"] == "choice"]
    assert [q["linkId"] for q in questions] == list(instrument.item_codes)
    if not instrument.licence.wording_reproducible:
        assert [q["text"] for q in questions] == [f"Item {n}" for n in range(1, len(questions) + 1)]
        assert not any("display" in option["valueCoding"] for q in questions for option in q["answerOption"])
        assert not any(item["type"] == "display" for item in data["item"])


def test_phq9_uses_loinc():
    data = fhir.questionnaire(instrument_list()[0])
    assert data["code"] == [{"system": "http://loinc.org", "code": "44249-1",
                             "display": "Patient Health Questionnaire-9 (PHQ-9)"}]
    item9 = next(item for item in data["item"] if item["linkId"] == "phq9_q9")
    assert item9["code"] == [{"system": "http://loinc.org", "code": "44260-8"}]
    assert item9["answerOption"][3]["valueCoding"]["code"] == "LA6571-9"


@pytest.mark.django_db
def test_response_bundle_with_a_loinc_total(cast):
    response = response_create(cast.patient, "phq9", [2] * 9, actor=cast.patient_user)
    bundle = fhir.response_bundle(response)
    Bundle.model_validate(bundle)
    questionnaire_response, observation = (entry["resource"] for entry in bundle["entry"])
    assert questionnaire_response["resourceType"] == "QuestionnaireResponse"
    assert questionnaire_response["questionnaire"] == "https://solace.example.org/fhir/Questionnaire/phq9|2001"
    assert questionnaire_response["subject"] == {"reference": f"Patient/{cast.patient.pk}"}
    assert len(questionnaire_response["item"]) == 9
    assert observation["code"]["coding"][0]["system"] == "http://loinc.org"
    assert observation["code"]["coding"][0]["code"] == "44261-6"
    assert observation["valueQuantity"]["value"] == 18
    assert observation["interpretation"] == [{"text": "Moderately severe"}]
    assert observation["derivedFrom"] == [{"reference": f"QuestionnaireResponse/{response.pk}"}]
    assert cast.patient.given_name not in str(bundle)


@pytest.mark.django_db
def test_response_bundle_with_local_codes(cast):
    scs = response_create(cast.patient, "scs_sf", [3] * 12, actor=cast.patient_user)
    [observation] = [e["resource"] for e in fhir.response_bundle(scs)["entry"]][1:]
    assert observation["code"]["coding"][0] == {
        "system": "https://solace.example.org/fhir/CodeSystem/instrument-scores", "code": "scs_sf-total",
        "display": "Self-Compassion Scale - Short Form (SCS-SF) total score"}
    fscrs = response_create(cast.patient, "fscrs", [1] * 22, actor=cast.patient_user)
    observations = [e["resource"] for e in fhir.response_bundle(fscrs)["entry"]][1:]
    assert [o["code"]["coding"][0]["code"] for o in observations] == [
        "fscrs-inadequate_self", "fscrs-hated_self", "fscrs-reassured_self"]
    assert [o["valueQuantity"]["value"] for o in observations] == [9, 5, 8]


@pytest.mark.django_db
def test_fhir_endpoints(cast):
    response = response_create(cast.patient, "gad7", [1] * 7, actor=cast.patient_user)
    client = signed_in_client(cast.patient_user)
    questionnaire = client.get("/api/v1/instruments/gad7/fhir")
    assert questionnaire.status_code == 200 and questionnaire.json()["resourceType"] == "Questionnaire"
    bundle = client.get(f"/api/v1/patients/{cast.patient.pk}/responses/{response.pk}/fhir")
    assert bundle.status_code == 200
    Bundle.model_validate(bundle.json())
    other = signed_in_client(cast.other_patient_user)
    assert other.get(f"/api/v1/patients/{cast.patient.pk}/responses/{response.pk}/fhir").status_code == 404


@pytest.mark.django_db
def test_cssrs_risk_level_is_an_observation_with_its_loinc_code(cast):
    response = response_create(cast.patient, "cssrs_screener", [1, 1, 1, 1, 0, 0, None], actor=cast.patient_user)
    bundle = fhir.response_bundle(response)
    Bundle.model_validate(bundle)
    [risk] = [e["resource"] for e in bundle["entry"]][1:]
    assert risk["code"]["coding"] == [{"system": "http://loinc.org", "code": "93374-7"}]
    assert risk["valueCodeableConcept"] == {"text": "high"}
