"""A patient completes questionnaires through HTTP: due list, one page per measure, save and resume, required
items, the acknowledgement and crisis resources after a critical answer."""

from __future__ import annotations

import pytest

from solace.alerts.models import SafetyEvent
from solace.audit.models import AuditEvent
from solace.kernel.templatetags.solace_tags import tel_links
from solace.measures.choices import ResponseStatus
from solace.measures.models import MeasureResponse
from solace.testing.factories import signed_in_client

PHQ9_URL = "/measures/complete/phq9/"


def _form(values, action="submit"):
    return {f"phq9_q{n}": str(v) for n, v in enumerate(values, start=1) if v is not None} | {"action": action}


@pytest.mark.django_db
def test_home_lists_the_due_questionnaire(cast, phq9_assigned):
    page = signed_in_client(cast.patient_user).get("/").content.decode()
    assert "Questionnaires to complete" in page
    assert f'href="{PHQ9_URL}"' in page and "Start the Patient Health Questionnaire-9 (PHQ-9)" in page


@pytest.mark.django_db
def test_home_says_when_nothing_is_due(cast):
    page = signed_in_client(cast.patient_user).get("/").content.decode()
    assert "Nothing to complete right now." in page


@pytest.mark.django_db
def test_the_form_shows_instruction_recall_period_progress_and_accessible_items(cast, phq9_assigned):
    page = signed_in_client(cast.patient_user).get(PHQ9_URL).content.decode()
    assert "Over the last 2 weeks, how often have you been bothered" in page
    assert "Past 2 weeks" in page
    assert "0 of 9 answered" in page
    assert page.count("<fieldset") == 9 and page.count("<legend>") == 9
    assert '<input type="radio" name="phq9_q9" id="phq9_q9-3" value="3">' in page
    assert '<label for="phq9_q9-3"><span class="option-value">3</span> Nearly every day</label>' in page
    assert "<script" not in page.split("<body", 1)[1]  # no inline script (CSP)


@pytest.mark.django_db
def test_save_and_resume(cast, phq9_assigned):
    client = signed_in_client(cast.patient_user)
    response = client.post(PHQ9_URL, _form([2, 1, 3], action="save"))
    assert response.status_code == 302 and response["Location"] == "/"
    draft = MeasureResponse.objects.get(patient=cast.patient)
    assert draft.status == ResponseStatus.DRAFT and draft.answers == {"phq9_q1": 2, "phq9_q2": 1, "phq9_q3": 3}
    assert draft.score is None and not SafetyEvent.objects.exists()
    home = client.get("/").content.decode()
    assert "Continue the Patient Health Questionnaire-9 (PHQ-9)" in home and "3 of 9 answered" in home
    page = client.get(PHQ9_URL).content.decode()
    assert "Welcome back" in page and "3 of 9 answered" in page
    assert 'value="3" checked' in page and 'id="phq9_q3-3"' in page
    client.post(PHQ9_URL, _form([2, 1, 3, 0], action="save"))
    assert MeasureResponse.objects.get(patient=cast.patient).answers["phq9_q4"] == 0  # the same draft, updated


@pytest.mark.django_db
def test_missing_items_are_named_and_nothing_is_sent(cast, phq9_assigned):
    client = signed_in_client(cast.patient_user)
    response = client.post(PHQ9_URL, _form([1, 1, None, 0, 0, None, 0, 0, 0]))
    page = response.content.decode()
    assert response.status_code == 200
    assert '<a href="#q-phq9_q3">Item 3: please choose an answer.</a>' in page
    assert '<a href="#q-phq9_q6">Item 6: please choose an answer.</a>' in page
    assert "7 of 9 answered" in page
    assert 'id="phq9_q1-1" value="1" checked' in page  # the answers given are kept
    assert not MeasureResponse.objects.exists()


@pytest.mark.django_db
def test_a_tampered_answer_is_named_and_nothing_is_sent(cast, phq9_assigned):
    client = signed_in_client(cast.patient_user)
    page = client.post(PHQ9_URL, _form([1, 1, 9, 0, 0, 0, 0, 0, 0])).content.decode()
    assert "Item 3: choose one of the answers shown." in page
    assert not MeasureResponse.objects.exists()


@pytest.mark.django_db
def test_submitting_stores_the_response_and_thanks_the_patient(cast, phq9_assigned):
    client = signed_in_client(cast.patient_user)
    client.post(PHQ9_URL, _form([1, 1], action="save"))
    response = client.post(PHQ9_URL, _form([2, 2, 2, 2, 1, 1, 1, 1, 0]))
    stored = MeasureResponse.objects.get(patient=cast.patient)
    assert response["Location"] == f"/measures/patients/{cast.patient.pk}/responses/{stored.pk}/"
    assert stored.status == ResponseStatus.SUBMITTED and stored.instrument_version == "2001"
    assert stored.scoring_version == "1" and stored.total == 12 and stored.band == "moderate"
    assert stored.answers == {f"phq9_q{n}": v for n, v in enumerate([2, 2, 2, 2, 1, 1, 1, 1, 0], start=1)}
    assert stored.score is not None and stored.score["total"] == 12 and stored.score["critical_items"] == []
    assert stored.entered_by == cast.patient_user
    page = client.get(response["Location"]).content.decode()
    assert "Thank you" in page and "crisis-resources" not in page
    assert not SafetyEvent.objects.exists()
    assert AuditEvent.objects.filter(action="measure_response.submit", object_id=str(stored.pk)).exists()
    assert "Nothing to complete right now." in client.get("/").content.decode()  # the once-only measure is done


@pytest.mark.django_db
def test_a_positive_item_9_shows_crisis_resources_and_raises_a_safety_event(cast, phq9_assigned):
    client = signed_in_client(cast.patient_user)
    response = client.post(PHQ9_URL, _form([0, 0, 0, 0, 0, 0, 0, 0, 1]), follow=True)
    stored = MeasureResponse.objects.get(patient=cast.patient)
    event = SafetyEvent.objects.get(patient=cast.patient)
    assert (event.kind, event.source_type, event.source_id, event.reason, event.status) == (
        "suicidal_ideation", "measure_response", str(stored.pk), "phq9:phq9_q9", "open")
    assert event.raised_at == stored.submitted_at
    page = response.content.decode()
    assert 'data-testid="crisis-resources"' in page
    assert f"If you feel unsafe, call {tel_links(cast.clinic.crisis_phone)} now." in page
    assert 'href="tel:999"' in page
    assert 'href="/help/crisis/"' in page
    assert AuditEvent.objects.filter(action="safety_event.raise", patient_id=cast.patient.pk).exists()


@pytest.mark.django_db
def test_only_assigned_questionnaires_can_be_completed(cast, phq9_assigned):
    client = signed_in_client(cast.patient_user)
    assert client.get("/measures/complete/gad7/").status_code == 404
    assert client.post("/measures/complete/gad7/", {"gad7_q1": "1"}).status_code == 404
    assert client.get("/measures/complete/nonsense/").status_code == 404
    assert not MeasureResponse.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["assigned_clinician", "supervisor", "clinic_admin", "anonymous"])
def test_only_patients_have_questionnaire_pages(cast, phq9_assigned, name):
    client = signed_in_client(cast.member(name))
    expected = 302 if name == "anonymous" else 404
    assert client.get("/measures/").status_code == expected
    assert client.get(PHQ9_URL).status_code == expected
    assert client.post("/measures/complete/phq9/progress/", {}).status_code == expected


@pytest.mark.django_db
def test_another_patient_cannot_see_the_acknowledgement(cast, phq9_assigned):
    signed_in_client(cast.patient_user).post(PHQ9_URL, _form([0] * 9))
    stored = MeasureResponse.objects.get()
    other = signed_in_client(cast.other_patient_user)
    assert other.get(f"/measures/patients/{cast.patient.pk}/responses/{stored.pk}/").status_code == 404
    other_patient = cast.other_patient_user.patient_record
    assert other.get(f"/measures/patients/{other_patient.pk}/responses/{stored.pk}/").status_code == 404


@pytest.mark.django_db
def test_progress_counts_what_is_ticked_without_saving(cast, phq9_assigned):
    client = signed_in_client(cast.patient_user)
    response = client.post("/measures/complete/phq9/progress/", {"phq9_q1": "1", "phq9_q2": "0", "phq9_q3": "x"},
                           HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "2 of 9 answered" in response.content.decode()
    assert "<html" not in response.content.decode()
    assert not MeasureResponse.objects.exists()


@pytest.mark.django_db
def test_wording_not_shipped_is_not_assigned_until_the_clinic_supplies_it(cast):
    """A questionnaire whose wording Solace does not ship is refused until the clinic has supplied the wording of
    every item (the patient would otherwise read "Item 9" with unlabelled answers); then the patient reads it."""
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from solace.measures import services

    with pytest.raises(ValidationError, match="cannot be assigned yet"):
        services.assignment_add(actor=cast.assigned_clinician, patient=cast.patient, instrument_code="fscrs",
                                cadence="once", now=timezone.now())
    client = signed_in_client(cast.patient_user)
    assert client.get("/measures/complete/fscrs/").status_code == 404
    services.clinic_wording_save(actor=cast.clinic_admin, instrument_code="fscrs", now=timezone.now(),
                                 texts={f"fscrs_q{n}": f"Licensed wording {n}" for n in range(1, 23)})
    services.assignment_add(actor=cast.assigned_clinician, patient=cast.patient, instrument_code="fscrs",
                            cadence="once", now=timezone.now())
    page = client.get("/measures/complete/fscrs/").content.decode()
    assert "Licensed wording 1</legend>" in page and "Licensed wording 22</legend>" in page
    assert "Item 9</legend>" not in page


@pytest.mark.django_db
def test_patient_sees_results_in_plain_language(cast, phq9_assigned):
    from datetime import timedelta

    from django.utils import timezone

    from solace.measures.testing import response_create

    now = timezone.now()
    response_create(cast.patient, "phq9", [2, 2, 2, 2, 2, 2, 2, 2, 0], actor=cast.patient_user,
                    at=now - timedelta(weeks=8))
    response_create(cast.patient, "phq9", [1, 1, 1, 1, 1, 1, 1, 1, 0], actor=cast.patient_user, at=now)
    client = signed_in_client(cast.patient_user)
    mine = client.get("/measures/").content.decode()
    sentence = ("Your score went down from 16 to 8: that is a real improvement, and your score is now outside the "
                "range where people usually look for help.")
    assert sentence in mine
    page = client.get(f"/measures/patients/{cast.patient.pk}/instruments/phq9/").content.decode()
    assert sentence in page and "<svg" in page and "Reliable change" not in page
