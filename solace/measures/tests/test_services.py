"""Services and selectors against a real database: exact resulting state, one transaction, nothing half saved."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from solace.alerts.models import SafetyEvent
from solace.audit.models import AuditEvent
from solace.courses.models import TreatmentCourse
from solace.measures import selectors, services
from solace.measures.choices import ResponseStatus
from solace.measures.models import ClinicItemWording, MeasureAssignment, MeasureResponse, ScoreRevision
from solace.measures.testing import response_create, wording_supply
from solace.testing.factories import Cast


@pytest.fixture(autouse=True)
def clinic_wording(cast: Cast) -> None:
    """The cast clinic has supplied the wording of the questionnaires these tests assign (Solace does not ship it)."""
    wording_supply(cast.clinic_admin, "k10", "rses", "fscrs", "scs_sf")


def _submit(cast, code, answers, **kwargs):
    return response_create(cast.patient, code, answers, actor=cast.patient_user, **kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "answers", "reason", "kind", "severity"),
    [
        ("phq9", [0, 0, 0, 0, 0, 0, 0, 0, 2], "phq9:phq9_q9", "suicidal_ideation", "urgent"),
        ("cssrs_screener", [1, 1, 0, 0, 0, 0, None], "cssrs_screener:cssrs_screener_q1,cssrs_screener_q2",
         "suicidal_ideation", "routine"),
        ("cssrs_screener", [0, 0, None, None, None, 1, 1],
         "cssrs_screener:cssrs_screener_q6_lifetime,cssrs_screener_q6", "suicidal_behaviour", "emergency"),
        ("cssrs_screener", [0, 0, None, None, None, 1, 0], "cssrs_screener:cssrs_screener_q6_lifetime",
         "suicidal_behaviour", "urgent"),
        ("fscrs", [0] * 8 + [1] + [0] * 13, "fscrs:fscrs_q9", "self_attack", "routine"),
    ],
)
def test_a_critical_answer_raises_one_safety_event_in_the_same_transaction(cast, code, answers, reason, kind,
                                                                          severity):
    response = _submit(cast, code, answers)
    event = SafetyEvent.objects.get()
    assert (event.patient, event.kind, event.severity, event.source_type, event.source_id, event.reason) == (
        cast.patient, kind, severity, "measure_response", str(response.pk), reason)
    assert event.raised_at == response.submitted_at


@pytest.mark.django_db
def test_cssrs_ideation_and_behaviour_raise_one_event_each_most_severe_first(cast):
    response = _submit(cast, "cssrs_screener", [1, 1, 1, 0, 0, 1, 1])
    events = list(SafetyEvent.objects.order_by("pk").values_list("kind", "severity", "reason"))
    assert events == [
        ("suicidal_behaviour", "emergency", "cssrs_screener:cssrs_screener_q6_lifetime,cssrs_screener_q6"),
        ("suicidal_ideation", "urgent", "cssrs_screener:cssrs_screener_q1,cssrs_screener_q2,cssrs_screener_q3"),
    ]
    assert response.score["risk"] == "high"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "answers"),
    [("phq9", [3, 3, 3, 3, 3, 3, 3, 3, 0]), ("cssrs_screener", [0, 0, None, None, None, 0, None]),
     ("fscrs", [4] * 8 + [0] + [4] * 13), ("gad7", [3] * 7)],
)
def test_no_safety_event_without_a_critical_answer(cast, code, answers):
    _submit(cast, code, answers)
    assert not SafetyEvent.objects.exists()


@pytest.mark.django_db
def test_a_failing_safety_event_rolls_back_the_response(cast, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "_safety_events_raise", broken)
    with pytest.raises(RuntimeError):
        _submit(cast, "phq9", [0, 0, 0, 0, 0, 0, 0, 0, 1])
    assert not MeasureResponse.objects.exists()
    assert not AuditEvent.objects.filter(action="measure_response.submit").exists()


@pytest.mark.django_db
def test_submit_stores_versions_answers_and_the_full_score(cast):
    response = _submit(cast, "scs_sf", [3, 4, 3, 2, 4, 3, 4, 2, 3, 4, 2, 3])
    response.refresh_from_db()
    assert response.status == ResponseStatus.SUBMITTED
    assert (response.instrument_version, response.scoring_version) == ("2011", "1")
    assert set(response.answers) == {f"scs_sf_q{n}" for n in range(1, 13)}
    assert response.score["instrument"] == "scs_sf" and response.total == pytest.approx(response.score["total"])
    assert response.band == response.score["band"]
    assert set(response.score) >= {"instrument", "version", "scoring_version", "total", "band", "subscales",
                                   "critical_items", "cut_offs"}
    audit = AuditEvent.objects.get(action="measure_response.submit")
    assert audit.detail == {"instrument": "scs_sf", "version": "2011", "scoring_version": "1", "critical_items": [],
                            "origin": "questionnaire"}


@pytest.mark.django_db
def test_skip_rules_do_not_count_as_missing(cast):
    response = _submit(cast, "cssrs_screener", [0, 0, None, None, None, 0, None])
    assert response.score["risk"] == "none"


@pytest.mark.django_db
def test_missing_and_bad_answers_name_every_item_and_save_nothing(cast):
    services.response_draft_save(actor=cast.patient_user, patient=cast.patient, instrument_code="phq9",
                                 answers={"phq9_q1": "2"}, now=timezone.now())
    with pytest.raises(ValidationError) as missing:
        services.response_submit(actor=cast.patient_user, patient=cast.patient, instrument_code="phq9",
                                 answers={"phq9_q1": "2", "phq9_q2": "1"}, now=timezone.now())
    assert sorted(missing.value.message_dict) == [f"phq9_q{n}" for n in range(3, 10)]
    assert missing.value.message_dict["phq9_q9"] == ["Item 9: please choose an answer."]
    with pytest.raises(ValidationError) as bad:
        services.response_submit(actor=cast.patient_user, patient=cast.patient, instrument_code="phq9",
                                 answers={"phq9_q1": "7", "phq9_q2": "one"}, now=timezone.now())
    assert bad.value.message_dict == {"phq9_q1": ["Item 1: choose one of the answers shown."],
                                      "phq9_q2": ["Item 2: choose one of the answers shown."]}
    draft = MeasureResponse.objects.get()
    assert draft.status == ResponseStatus.DRAFT and draft.answers == {"phq9_q1": 2}


@pytest.mark.django_db
def test_imputation_is_left_to_the_domain(cast):
    response = _submit(cast, "wsas", [4, 4, None, 4, 4])
    assert response.score["imputed_items"] == ["wsas_q3"]
    with pytest.raises(ValidationError) as too_many:
        _submit(cast, "wsas", [4, None, None, 4, 4])
    assert "wsas_q2" in too_many.value.message_dict


@pytest.mark.django_db
def test_drafts_are_one_per_instrument_and_become_the_response(cast):
    now = timezone.now()
    first = services.response_draft_save(actor=cast.patient_user, patient=cast.patient, instrument_code="gad7",
                                         answers={"gad7_q1": 1}, now=now - timedelta(hours=2))
    second = services.response_draft_save(actor=cast.patient_user, patient=cast.patient, instrument_code="gad7",
                                          answers={"gad7_q1": 2, "gad7_q2": 0}, now=now - timedelta(hours=1))
    assert first.pk == second.pk and MeasureResponse.objects.count() == 1
    submitted = _submit(cast, "gad7", [2, 0, 1, 1, 1, 1, 1], at=now)
    assert submitted.pk == first.pk and submitted.started_at == now - timedelta(hours=2)
    assert MeasureResponse.objects.get().status == ResponseStatus.SUBMITTED


@pytest.mark.django_db
def test_unknown_instrument_is_a_validation_error(cast):
    with pytest.raises(ValidationError) as error:
        services.response_submit(actor=cast.patient_user, patient=cast.patient, instrument_code="xyz", answers={},
                                 now=timezone.now())
    assert "instrument_code" in error.value.message_dict


# --- schedules and due-ness --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_defaults_apply_keeps_what_exists(cast, course):
    services.assignment_add(actor=cast.assigned_clinician, patient=cast.patient, instrument_code="phq9",
                            cadence="every_session", now=timezone.now())
    created = services.schedule_defaults_apply(actor=cast.assigned_clinician, patient=course.patient,
                                               course_id=course.pk)
    assert [a.instrument_code for a in created] == ["gad7", "rses", "fscrs", "scs_sf"]
    assert MeasureAssignment.objects.filter(patient=cast.patient, removed_at__isnull=True).count() == 5
    audit = AuditEvent.objects.get(action="measure_schedule.apply_defaults")
    assert audit.detail == {"created": ["gad7", "rses", "fscrs", "scs_sf"], "skipped": {}}


@pytest.mark.django_db
def test_due_list_follows_the_course_and_completed_responses(cast, course):
    services.schedule_defaults_apply(actor=cast.assigned_clinician, patient=course.patient, course_id=course.pk)
    now = timezone.now()
    due = selectors.due_list(patient=cast.patient, now=now)
    assert [item.instrument.code for item in due] == ["fscrs", "scs_sf", "rses", "phq9", "gad7"]
    phq9 = next(item for item in due if item.instrument.code == "phq9")
    assert phq9.due.occasion.number == 2  # the session tomorrow
    _submit(cast, "phq9", [0] * 9, at=now)
    services.response_draft_save(actor=cast.patient_user, patient=cast.patient, instrument_code="gad7",
                                 answers={"gad7_q1": 1}, now=now)
    due = selectors.due_list(patient=cast.patient, now=now)
    assert "phq9" not in [item.instrument.code for item in due]
    gad7 = next(item for item in due if item.instrument.code == "gad7")
    assert gad7.draft is not None and gad7.answered == 1


@pytest.mark.django_db
def test_removed_assignments_are_not_due(cast, course):
    assignment = services.assignment_add(actor=cast.assigned_clinician, patient=cast.patient, instrument_code="k10",
                                         cadence="once", now=timezone.now())
    assert [i.instrument.code for i in selectors.due_list(patient=cast.patient, now=timezone.now())] == ["k10"]
    services.assignment_remove(actor=cast.assigned_clinician, assignment=assignment, now=timezone.now())
    assert selectors.due_list(patient=cast.patient, now=timezone.now()) == []


@pytest.mark.django_db
def test_course_timeline_uses_the_patients_zone_and_skips_cancelled_sessions(cast):
    from datetime import date

    from solace.courses.selectors import course_timeline

    cast.patient.time_zone = "Asia/Shanghai"
    cast.patient.save(update_fields=["time_zone"])
    course = TreatmentCourse.objects.create(patient=cast.patient, weeks=8, started_on=date(2026, 7, 1))
    session = course.therapy_sessions.create(number=1, scheduled_start=timezone.now())
    course.therapy_sessions.create(number=2, scheduled_start=timezone.now(), status="cancelled")
    timeline = course_timeline(course)
    assert timeline.start.isoformat() == "2026-07-01T00:00:00+08:00"
    assert timeline.session_starts == (session.scheduled_start,)
    episode = selectors.current_episode(cast.patient)  # what measures learns through the courses app's hook
    assert episode is not None and (episode.course_id, episode.timeline) == (course.pk, timeline)


# --- results -----------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_results_by_instrument_with_reliable_change(cast):
    now = timezone.now()
    _submit(cast, "gad7", [2] * 7, at=now - timedelta(weeks=4))  # 14
    _submit(cast, "gad7", [1] * 7, at=now)  # 7: reliable (>= 4) and below caseness 8
    _submit(cast, "rses", [2] * 10, at=now)
    results = selectors.results_by_instrument(patient=cast.patient)
    assert [r.instrument.code for r in results] == ["gad7", "rses"]
    gad7 = results[0]
    assert gad7.change is not None and gad7.change.category == "recovered"
    assert (gad7.baseline.score_total, gad7.latest.score_total) == (14, 7)
    assert results[1].change is None  # a single result


# --- re-scoring --------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_rescore_replaces_changed_scores_and_keeps_the_old_one(cast):
    right = _submit(cast, "phq9", [1] * 8 + [0])
    stale = _submit(cast, "phq9", [2] * 8 + [0])
    old_score = {**stale.score, "total": 99, "band": "severe"}
    MeasureResponse.objects.filter(pk=stale.pk).update(score=old_score, scoring_version="0", total=99, band="severe")
    report = services.responses_rescore(instrument_code="phq9", now=timezone.now())
    assert (report.checked, report.changed, report.unchanged) == (2, [str(stale.pk)], 1)
    stale.refresh_from_db()
    assert (stale.score_total, stale.total, stale.band, stale.scoring_version) == (16, 16.0, "moderately_severe", "1")
    revision = ScoreRevision.objects.get(response=stale)
    assert (revision.scoring_version, revision.score, revision.replaced_by_scoring_version) == ("0", old_score, "1")
    audit = AuditEvent.objects.get(action="measure_response.rescore")
    assert audit.detail["old"] == {"scoring_version": "0", "total": 99, "band": "severe"}
    assert not ScoreRevision.objects.filter(response=right).exists()
    again = services.responses_rescore(instrument_code="phq9", now=timezone.now())
    assert again.changed == [] and ScoreRevision.objects.count() == 1


@pytest.mark.django_db
def test_rescore_skips_other_form_versions_and_reports_unscorable(cast):
    other = _submit(cast, "phq9", [1] * 9)
    broken = _submit(cast, "phq9", [1] * 9)
    MeasureResponse.objects.filter(pk=other.pk).update(instrument_version="1999")
    MeasureResponse.objects.filter(pk=broken.pk).update(answers={"phq9_q1": 1})
    report = services.responses_rescore(instrument_code="phq9", now=timezone.now(), dry_run=True)
    assert report.skipped_other_version == [str(other.pk)] and list(report.failed) == [str(broken.pk)]
    assert "phq9_q2 (item 2): no answer" in report.failed[str(broken.pk)]


# --- clinic wording ----------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_clinic_wording_is_saved_cleared_and_refused_for_shipped_wording(cast):
    now = timezone.now()
    ClinicItemWording.objects.all().delete()
    count = services.clinic_wording_save(actor=cast.clinic_admin, instrument_code="rses",
                                         texts={"rses_q1": "  one ", "rses_q2": "two"}, now=now)
    assert count == 2
    assert dict(ClinicItemWording.objects.values_list("item_code", "text")) == {"rses_q1": "one", "rses_q2": "two"}
    services.clinic_wording_save(actor=cast.clinic_admin, instrument_code="rses", texts={"rses_q1": "one"}, now=now)
    assert list(ClinicItemWording.objects.values_list("item_code", flat=True)) == ["rses_q1"]
    with pytest.raises(ValidationError):
        services.clinic_wording_save(actor=cast.clinic_admin, instrument_code="phq9", texts={}, now=now)


@pytest.mark.django_db
def test_defaults_skip_what_the_clinic_has_no_wording_for_and_say_why(cast, course):
    ClinicItemWording.objects.filter(instrument_code__in=["rses", "scs_sf"]).delete()
    ClinicItemWording.objects.filter(item_code="fscrs_q22").delete()  # one item short is not readable either
    created = services.schedule_defaults_apply(actor=cast.assigned_clinician, patient=cast.patient,
                                               course_id=course.pk)
    assert [a.instrument_code for a in created] == ["phq9", "gad7"]
    audit = AuditEvent.objects.get(action="measure_schedule.apply_defaults")
    assert audit.detail["skipped"] == {"rses": "no_clinic_wording", "fscrs": "no_clinic_wording",
                                       "scs_sf": "no_clinic_wording"}
    missing = selectors.default_schedule_without_wording(clinic_id=cast.clinic.pk)
    assert [i.code for i in missing] == ["rses", "fscrs", "scs_sf"]


@pytest.mark.django_db
def test_an_instrument_without_wording_is_not_assigned(cast):
    ClinicItemWording.objects.filter(instrument_code="rses").delete()
    with pytest.raises(ValidationError) as raised:
        services.assignment_add(actor=cast.assigned_clinician, patient=cast.patient, instrument_code="rses",
                                cadence="once", now=timezone.now())
    assert "instrument_code" in raised.value.message_dict
    assert "Rosenberg" in raised.value.message_dict["instrument_code"][0]
    assert not MeasureAssignment.objects.filter(instrument_code="rses").exists()
