"""Clinicians read results (summary, trajectory chart with bands, reliable change, one response) and manage the
schedule, through HTTP."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from solace.audit.models import AuditEvent
from solace.measures.models import ClinicItemWording, MeasureAssignment
from solace.measures.testing import response_create, wording_supply
from solace.testing.factories import Cast, signed_in_client

PHQ9_18 = [2, 2, 2, 2, 2, 2, 2, 2, 2]  # 18, moderately severe, item 9 positive
PHQ9_9 = [1, 1, 1, 1, 1, 1, 1, 1, 1]  # 9, mild, item 9 positive


@pytest.fixture(autouse=True)
def clinic_wording(cast: Cast) -> None:
    """The cast clinic has supplied the wording of the questionnaires these tests assign (Solace does not ship it)."""
    wording_supply(cast.clinic_admin, "k10", "rses", "fscrs", "scs_sf")


def _history(cast, now):
    response_create(cast.patient, "phq9", PHQ9_18, actor=cast.patient_user, at=now - timedelta(weeks=6))
    response_create(cast.patient, "phq9", PHQ9_9, actor=cast.patient_user, at=now - timedelta(days=1))
    response_create(cast.patient, "fscrs", [2] * 22, actor=cast.patient_user, at=now - timedelta(days=1))


@pytest.mark.django_db
def test_summary_across_instruments(cast):
    _history(cast, timezone.now())
    page = signed_in_client(cast.assigned_clinician).get(f"/measures/patients/{cast.patient.pk}/").content.decode()
    assert "Results across questionnaires" in page
    assert "<strong>9</strong> · Mild" in page
    assert "Recovered (reliable and clinically significant improvement)" in page
    assert "Critical item answered" in page
    assert "Inadequate Self (IS): 18<br>Hated Self (HS): 10<br>Reassured Self (RS): 16" in page
    phq9_row = page.index("Patient Health Questionnaire-9"), page.index("Forms of Self-Criticising")
    assert phq9_row[0] < phq9_row[1]  # the library's order


@pytest.mark.django_db
def test_trajectory_chart_has_bands_cut_off_title_description_and_table(cast, settings):
    now = timezone.now()
    _history(cast, now)
    client = signed_in_client(cast.assigned_clinician)
    page = client.get(f"/measures/patients/{cast.patient.pk}/instruments/phq9/").content.decode()
    svg = page[page.index("<svg"):page.index("</svg>")]
    assert 'role="img"' in svg and 'aria-labelledby="chart-total-title chart-total-desc"' in svg
    assert '<title id="chart-total-title">Patient Health Questionnaire-9 (PHQ-9): total score</title>' in svg
    assert "2 results, from 18 on" in svg
    assert svg.count('class="band band-') == 5 and ">Moderately severe</text>" in svg
    assert 'class="cut-off"' in svg and "\u2265 10" in svg
    assert svg.count('<circle class="point"') == 2 and "<polyline" in svg
    assert "<th scope=\"col\">Severity</th>" in page and "<td>18</td><td>Moderately severe</td>" in page
    assert 'data-testid="change-category">Recovered' in page
    assert "Published reliable change: 6 points" in page
    assert "Yes: moved out of the clinical range" in page
    assert "http" not in svg  # nothing from another server


@pytest.mark.django_db
def test_subscale_charts_for_an_instrument_without_a_total(cast):
    _history(cast, timezone.now())
    page = signed_in_client(cast.supervisor).get(
        f"/measures/patients/{cast.patient.pk}/instruments/fscrs/").content.decode()
    assert page.count("<svg") == 3 and 'class="band ' not in page
    assert "Forms of Self-Criticising/Attacking &amp; Self-Reassuring Scale (FSCRS): Hated Self (HS)" in page


@pytest.mark.django_db
def test_times_are_shown_in_the_users_time_zone(cast):
    cast.assigned_clinician.time_zone = "Asia/Shanghai"
    cast.assigned_clinician.save(update_fields=["time_zone"])
    at = datetime(2026, 3, 1, 20, 30, tzinfo=UTC)
    response_create(cast.patient, "phq9", PHQ9_9, actor=cast.patient_user, at=at)
    page = signed_in_client(cast.assigned_clinician).get(
        f"/measures/patients/{cast.patient.pk}/instruments/phq9/").content.decode()
    assert 'datetime="2026-03-02T04:30:00+08:00"' in page  # 20:30 UTC is the next morning in Shanghai


@pytest.mark.django_db
def test_one_response_in_detail(cast):
    response = response_create(cast.patient, "phq9", PHQ9_9, actor=cast.patient_user)
    page = signed_in_client(cast.assigned_clinician).get(
        f"/measures/patients/{cast.patient.pk}/responses/{response.pk}/").content.decode()
    assert "A critical item was answered." in page and "Safety event raised" in page
    assert "9. Thoughts that you would be better off dead" in page
    assert "form 2001, scoring 1" in page


@pytest.mark.django_db
def test_apply_the_default_schedule(cast, course):
    client = signed_in_client(cast.assigned_clinician)
    response = client.post(f"/measures/patients/{cast.patient.pk}/schedule/defaults/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "<html" not in response.content.decode()
    assert "Added 5 questionnaires to the schedule." in response.content.decode()
    rows = MeasureAssignment.objects.filter(patient=cast.patient).order_by("id")
    assert [(a.instrument_code, a.cadence, a.interval_weeks, a.milestones, a.course_id) for a in rows] == [
        ("phq9", "every_session", None, [], course.pk),
        ("gad7", "every_session", None, [], course.pk),
        ("rses", "every_n_weeks", 4, [], course.pk),
        ("fscrs", "milestones", None, ["baseline", "mid", "end"], course.pk),
        ("scs_sf", "milestones", None, ["baseline", "mid", "end"], course.pk),
    ]
    client.post(f"/measures/patients/{cast.patient.pk}/schedule/defaults/")
    assert MeasureAssignment.objects.filter(patient=cast.patient).count() == 5  # idempotent
    page = client.get(f"/measures/patients/{cast.patient.pk}/").content.decode()
    assert "Patient Health Questionnaire-9 (PHQ-9) · before session 2" in page


@pytest.mark.django_db
def test_defaults_need_a_course(cast):
    client = signed_in_client(cast.assigned_clinician)
    page = client.post(f"/measures/patients/{cast.patient.pk}/schedule/defaults/", follow=True).content.decode()
    assert "This patient has no treatment course yet" in page
    assert not MeasureAssignment.objects.exists()


@pytest.mark.django_db
def test_add_and_remove_one_assignment(cast):
    client = signed_in_client(cast.assigned_clinician)
    url = f"/measures/patients/{cast.patient.pk}/schedule/"
    response = client.post(url, {"instrument_code": "k10", "cadence": "every_n_weeks", "interval_weeks": "2"},
                           HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "every 2 weeks" in response.content.decode()
    assignment = MeasureAssignment.objects.get(patient=cast.patient)
    assert (assignment.instrument_code, assignment.cadence, assignment.interval_weeks) == ("k10", "every_n_weeks", 2)
    assert assignment.created_by == cast.assigned_clinician
    response = client.post(f"{url}{assignment.pk}/remove/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "No questionnaires are assigned yet." in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.removed_at is not None and assignment.removed_by == cast.assigned_clinician
    actions = list(AuditEvent.objects.filter(patient_id=cast.patient.pk).values_list("action", flat=True))
    assert "measure_assignment.add" in actions and "measure_assignment.remove" in actions


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"instrument_code": "k10", "cadence": "every_n_weeks"}, "Every how many weeks: Give a number of weeks"),
        ({"instrument_code": "k10", "cadence": "once", "interval_weeks": "3"}, "Every how many weeks: Give a number"),
        ({"instrument_code": "k10", "cadence": "milestones"}, "Milestones: Choose at least one milestone"),
        ({"instrument_code": "nope", "cadence": "once"}, "Questionnaire: Select a valid choice."),
        ({"instrument_code": "k10", "cadence": "hourly"}, "How often: Select a valid choice."),
        ({"instrument_code": "k10", "cadence": "every_session"}, "How often: Sessions and milestones need a "),
        ({"instrument_code": "k10", "cadence": "every_n_weeks", "interval_weeks": "0"},
         "Every how many weeks: Ensure this value is greater than or equal to 1."),
    ],
)
def test_bad_assignments_name_the_field_and_save_nothing(cast, data, message):
    client = signed_in_client(cast.assigned_clinician)
    response = client.post(f"/measures/patients/{cast.patient.pk}/schedule/", data, HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not MeasureAssignment.objects.exists()


@pytest.mark.django_db
def test_a_duplicate_assignment_is_refused(cast):
    client = signed_in_client(cast.assigned_clinician)
    url = f"/measures/patients/{cast.patient.pk}/schedule/"
    client.post(url, {"instrument_code": "k10", "cadence": "once"})
    response = client.post(url, {"instrument_code": "k10", "cadence": "once"})
    assert response.status_code == 200
    assert "Kessler Psychological Distress Scale (K10) is already assigned once." in response.content.decode()
    assert MeasureAssignment.objects.count() == 1


@pytest.mark.django_db
def test_removing_another_patients_assignment_is_a_404(cast):
    from solace.measures.testing import cast_assignment

    assignment = cast_assignment(cast)
    other = cast.other_patient_user.patient_record
    client = signed_in_client(cast.assigned_clinician)
    assert client.post(f"/measures/patients/{other.pk}/schedule/{assignment.pk}/remove/").status_code == 404
    assignment.refresh_from_db()
    assert assignment.removed_at is None


def _queries_for_summary(cast, per_instrument):
    now = timezone.now()
    for index in range(per_instrument):
        at = now - timedelta(days=per_instrument - index)
        response_create(cast.patient, "phq9", PHQ9_9, actor=cast.patient_user, at=at)
        response_create(cast.patient, "gad7", [1] * 7, actor=cast.patient_user, at=at)
        response_create(cast.patient, "fscrs", [1] * 22, actor=cast.patient_user, at=at)
    client = signed_in_client(cast.assigned_clinician)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/measures/patients/{cast.patient.pk}/")
    assert response.status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_summary_page_query_count_does_not_grow_with_responses(cast, course):
    from solace.measures.services import schedule_defaults_apply

    schedule_defaults_apply(actor=cast.assigned_clinician, patient=course.patient, course_id=course.pk)
    one = _queries_for_summary(cast, 1)
    from solace.measures.models import MeasureResponse

    MeasureResponse.objects.all().delete()
    from solace.alerts.models import AlertDelivery, SafetyEvent

    AlertDelivery.objects.all().delete()  # the delivery log protects its events
    SafetyEvent.objects.all().delete()
    ten = _queries_for_summary(cast, 10)
    assert one == ten, (one, ten)
    assert ten < 40, ten


@pytest.mark.django_db
def test_the_administrator_and_the_clinician_are_told_which_defaults_lack_wording(cast, course):
    ClinicItemWording.objects.filter(instrument_code="fscrs").delete()
    page = signed_in_client(cast.clinic_admin).get("/measures/wording/").content.decode()
    notice = page[page.index('data-testid="default-schedule-without-wording"'):]
    assert "Forms of Self-Criticising" in notice[:notice.index("</div>")]
    assert "Rosenberg 1965, the original item order" in page
    edit = signed_in_client(cast.clinic_admin).get("/measures/wording/rses/").content.decode()
    assert 'data-testid="scored-version"' in edit and "University of Maryland" in edit
    client = signed_in_client(cast.assigned_clinician)
    panel = client.get(f"/measures/patients/{cast.patient.pk}/").content.decode()
    assert 'data-testid="schedule-without-wording"' in panel
    response = client.post(f"/measures/patients/{cast.patient.pk}/schedule/defaults/", HTTP_HX_REQUEST="true")
    assert "Not assigned, because the clinic has not supplied their wording" in response.content.decode()
    assert not MeasureAssignment.objects.filter(instrument_code="fscrs").exists()
