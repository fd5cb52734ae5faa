"""Pages show sources and findings in words: no file paths, evidence tags or internal codes in the visible text
of the screening result, the thresholds page, the measures pages and the alert pages (the API keeps the codes)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from solace.alerts.choices import SafetyKind
from solace.alerts.models import SafetyEvent
from solace.alerts.testing import event_raise
from solace.measures.testing import response_create
from solace.screening.testing import screening_create
from solace.testing.factories import Cast, signed_in_client
from solace.testing.visible_text import internal_text, visible_text

pytestmark = pytest.mark.django_db

BUSY_INTAKE: dict[str, Any] = {
    "age": 16,
    "presenting_concerns": ["self_criticism", "chronic_depression", "ptsd", "self_harm", "borderline_personality"],
    "clinical_flags": {"severe_anxiety": True, "ptsd_diagnosis": True},
    "concurrent_treatments": [{"kind": "rebt"}, {"kind": "antidepressant", "name": "sertraline"}, {"kind": "cbt"},
                              {"kind": "exposure_therapy"}, {"kind": "mbsr"}, {"kind": "other", "name": "art"}],
    "self_exploration_acceptance": "low",
    "responses": {
        "phq9": [2, 2, 2, 2, 2, 2, 2, 2, 1], "gad7": [3] * 7, "des2": [40] * 28, "ders16": [4] * 16,
        "fscrs": [3] * 22, "fcs": [3] * 38, "scs_sf": [2] * 12, "pcl5": [3] * 20,
    },
}


def _clean(page: str) -> None:
    assert "<body" in page or "<div" in page
    assert internal_text(page) == []


def test_the_screening_result_cites_sources_in_words(cast: Cast) -> None:
    screening = screening_create(cast.patient, actor=cast.assigned_clinician, data=BUSY_INTAKE)
    assert len(screening.result["findings"]) >= 10
    page = signed_in_client(cast.assigned_clinician).get(
        f"/screening/patients/{cast.patient.pk}/{screening.pk}/").content.decode()
    _clean(page)
    text = visible_text(page)
    assert "the solace source overview of compassion-focused therapy (seed document)" in text.lower()
    assert "no other source was found for this conflict" in text.lower()
    assert "Carlson et al. 1993" in text and "Solace design choice" in text
    assert "Rational-emotive behaviour therapy" in text or "REBT" in text


def test_a_stored_screening_with_old_source_text_is_shown_in_words(cast: Cast) -> None:
    screening = screening_create(cast.patient, actor=cast.assigned_clinician, data=BUSY_INTAKE)
    for finding in screening.result["findings"]:
        finding["source"] = "Seed document (shared/seed/000_cdfa5d75f9a9ef4a.txt); clinical-reference.md §2.4 [X]"
    screening.save(update_fields=["result"])
    page = signed_in_client(cast.assigned_clinician).get(
        f"/screening/patients/{cast.patient.pk}/{screening.pk}/").content.decode()
    _clean(page)


def test_the_thresholds_page_cites_sources_in_words(cast: Cast) -> None:
    page = signed_in_client(cast.clinic_admin).get("/screening/settings/").content.decode()
    _clean(page)
    text = visible_text(page)
    assert "heuristic guide" in text and "Solace design choice" in text


def test_the_measures_pages_show_words(cast: Cast) -> None:
    now = timezone.now()
    for weeks, phq9 in ((6, [2] * 9), (0, [1] * 9)):
        at = now - timedelta(weeks=weeks, hours=1)
        response_create(cast.patient, "phq9", phq9, actor=cast.patient_user, at=at)
        response_create(cast.patient, "gad7", [2] * 7, actor=cast.patient_user, at=at)
        response_create(cast.patient, "pcl5", [2] * 20, actor=cast.patient_user, at=at)
        response_create(cast.patient, "wsas", [3] * 5, actor=cast.patient_user, at=at)
        response_create(cast.patient, "scs_sf", [3] * 12, actor=cast.patient_user, at=at)
        fscrs = response_create(cast.patient, "fscrs", [2] * 22, actor=cast.patient_user, at=at)
    clinician = signed_in_client(cast.assigned_clinician)
    base = f"/measures/patients/{cast.patient.pk}/"
    pages = [base, f"{base}responses/{fscrs.pk}/"]
    pages += [f"{base}instruments/{code}/" for code in ("phq9", "gad7", "pcl5", "wsas", "scs_sf", "fscrs")]
    for url in pages:
        response = clinician.get(url)
        assert response.status_code == 200, url
        _clean(response.content.decode())
    patient = signed_in_client(cast.patient_user)
    for url in ("/measures/", "/measures/complete/phq9/"):
        _clean(patient.get(url).content.decode())


@pytest.mark.parametrize(("kind", "reason"), [
    (SafetyKind.CRISIS, "phq9:phq9_q9"),
    (SafetyKind.CRISIS, "phq9.item9>=1"),
    (SafetyKind.DETERIORATION, "reliable_deterioration:core10"),
    (SafetyKind.CRISIS, "test:crisis"),
])
def test_the_alert_pages_show_words(cast: Cast, kind: str, reason: str) -> None:
    event: SafetyEvent = event_raise(cast.patient, kind=kind, reason=reason)
    client = signed_in_client(cast.assigned_clinician)
    _clean(client.get(f"/alerts/{event.pk}/").content.decode())
    _clean(client.get("/alerts/").content.decode())
