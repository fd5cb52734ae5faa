"""Sessions: weekly from a start entered on the clinician's clock, stored in UTC, shown in each viewer's zone,
moved one at a time; calendar export as RFC 5545 iCalendar with UTC times and nothing private."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from solace.courses import services
from solace.courses.calendar import CalendarEvent, calendar, escape_text, fold
from solace.courses.models import TherapySession, TreatmentCourse
from solace.courses.testing import course_ready, session_time_form, signed_screening
from solace.testing.factories import Cast, signed_in_client

FIRST_DAY = date(2030, 3, 19)  # a Tuesday; the UK moves to summer time on 31 March 2030, China does not


def _planned_course(cast: Cast) -> TreatmentCourse:
    signed_screening(cast.patient, actor=cast.assigned_clinician)
    course = services.course_plan_create(actor=cast.assigned_clinician, patient=cast.patient,
                                         course_format="individual")
    return services.course_activate(actor=cast.assigned_clinician, course=course, now=timezone.now())


def _in_shanghai(cast: Cast) -> None:
    cast.assigned_clinician.time_zone = "Asia/Shanghai"
    cast.assigned_clinician.save(update_fields=["time_zone"])


@pytest.mark.django_db
def test_shanghai_evening_is_london_morning_in_utc_and_on_each_page(cast: Cast) -> None:
    _in_shanghai(cast)
    course = _planned_course(cast)
    clinician = signed_in_client(cast.assigned_clinician)
    response = clinician.post(f"/courses/patients/{cast.patient.pk}/{course.pk}/schedule/",
                              session_time_form(FIRST_DAY, "18:00"))
    assert response.status_code == 302
    sessions = list(course.therapy_sessions.order_by("number"))
    assert len(sessions) == 16
    assert sessions[0].scheduled_start == datetime(2030, 3, 19, 10, 0, tzinfo=UTC)
    assert sessions[2].scheduled_start == datetime(2030, 4, 2, 10, 0, tzinfo=UTC)  # Shanghai keeps 18:00
    assert all(s.scheduled_start.astimezone(UTC).hour == 10 for s in sessions)

    clinician_page = clinician.get(f"/courses/patients/{cast.patient.pk}/").content.decode()
    assert "Tue 19 Mar 2030, 18:00" in clinician_page and "Times in your time zone (Asia/Shanghai)" in clinician_page

    mine = signed_in_client(cast.patient_user).get("/courses/mine/").content.decode()
    assert "Times in your time zone (Europe/London)" in mine
    assert "Tue 19 Mar 2030, 10:00" in mine  # GMT
    assert "Tue 26 Mar 2030, 10:00" in mine
    assert "Tue 2 Apr 2030, 11:00" in mine  # BST from 31 March
    assert 'datetime="2030-04-02T11:00:00+01:00"' in mine


@pytest.mark.django_db
def test_a_clinician_in_london_keeps_the_same_local_time_across_the_clock_change(cast: Cast) -> None:
    course = _planned_course(cast)
    services.sessions_schedule(actor=cast.assigned_clinician, course=course, first_day=FIRST_DAY, at=time(9),
                               zone="Europe/London", now=timezone.now())
    starts = list(course.therapy_sessions.order_by("number").values_list("scheduled_start", flat=True))
    assert starts[0] == datetime(2030, 3, 19, 9, tzinfo=UTC) and starts[2] == datetime(2030, 4, 2, 8, tzinfo=UTC)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("form", "message"),
    [(session_time_form(date(2020, 1, 7), "10:00"), "Date: Choose a date and time in the future."),
     (session_time_form(date(2030, 3, 31), "01:30"), "Time: 01:30 does not exist on 2030-03-31 in Europe/London"),
     ({"start_date": "2030-02-30", "start_time": "10:00"}, "Date: Enter a valid date."),
     ({"start_date": "2030-03-19", "start_time": "25:00"}, "Time: Enter a valid time.")],
)
def test_bad_start_times_name_the_field_and_schedule_nothing(cast: Cast, form: dict[str, str], message: str) -> None:
    course = _planned_course(cast)
    response = signed_in_client(cast.assigned_clinician).post(
        f"/courses/patients/{cast.patient.pk}/{course.pk}/schedule/", form)
    assert response.status_code == 422 and message in response.content.decode()
    assert not TherapySession.objects.exists()


@pytest.mark.django_db
def test_scheduling_twice_is_refused(cast: Cast) -> None:
    course = course_ready(cast.patient, clinician=cast.assigned_clinician)
    with pytest.raises(ValidationError, match="already scheduled"):
        services.sessions_schedule(actor=cast.assigned_clinician, course=course, first_day=FIRST_DAY, at=time(9),
                                   zone="Europe/London", now=timezone.now())
    assert course.therapy_sessions.count() == 16


@pytest.mark.django_db
def test_reschedule_one_session(cast: Cast) -> None:
    _in_shanghai(cast)
    course = course_ready(cast.patient, clinician=cast.assigned_clinician)
    session = course.therapy_sessions.get(number=2)
    others = dict(course.therapy_sessions.exclude(pk=session.pk).values_list("pk", "scheduled_start"))
    response = signed_in_client(cast.assigned_clinician).post(
        f"/courses/patients/{cast.patient.pk}/sessions/{session.pk}/reschedule/", session_time_form(FIRST_DAY, "08:30"))
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.scheduled_start == datetime(2030, 3, 19, 0, 30, tzinfo=UTC) and session.sequence == 1
    assert dict(course.therapy_sessions.exclude(pk=session.pk).values_list("pk", "scheduled_start")) == others
    services.session_attendance_record(actor=cast.assigned_clinician, session=session, status="attended",
                                       now=timezone.now())
    refused = signed_in_client(cast.assigned_clinician).post(
        f"/courses/patients/{cast.patient.pk}/sessions/{session.pk}/reschedule/", session_time_form(FIRST_DAY))
    assert refused.status_code == 422 and "Only a scheduled session can be moved." in refused.content.decode()


def _unfold(body: str) -> list[str]:
    return body.replace("\r\n ", "").split("\r\n")


@pytest.mark.django_db
def test_patient_calendar_has_utc_times_uids_and_a_neutral_summary(cast: Cast) -> None:
    _in_shanghai(cast)
    course = _planned_course(cast)
    services.sessions_schedule(actor=cast.assigned_clinician, course=course, first_day=FIRST_DAY, at=time(18),
                               zone="Asia/Shanghai", now=timezone.now())
    second = course.therapy_sessions.get(number=2)
    services.session_reschedule(actor=cast.assigned_clinician, session=second, day=date(2030, 3, 27), at=time(19),
                                zone="Asia/Shanghai", now=timezone.now())
    response = signed_in_client(cast.patient_user).get("/courses/mine/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:") and body.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    lines = _unfold(body)
    assert lines.count("BEGIN:VEVENT") == 16 == lines.count("END:VEVENT")
    assert "DTSTART:20300319T100000Z" in lines and "DTEND:20300319T110000Z" in lines
    assert "DTSTART:20300327T110000Z" in lines and "SEQUENCE:1" in lines
    uids = [line for line in lines if line.startswith("UID:")]
    assert len(set(uids)) == 16 and f"UID:therapy-session-{second.pk}@127.0.0.1" in uids
    assert "SUMMARY:Therapy session 1" in lines
    assert all(re.fullmatch(r"DTSTAMP:\d{8}T\d{6}Z", line) for line in lines if line.startswith("DTSTAMP"))
    for private in (cast.patient.given_name, cast.patient.family_name, cast.patient.email, "URL:", "DESCRIPTION"):
        assert private not in body
    staff = signed_in_client(cast.assigned_clinician).get(
        f"/courses/patients/{cast.patient.pk}/{course.pk}/calendar.ics").content.decode()
    assert f"/courses/patients/{cast.patient.pk}/sessions/{second.pk}/" in "".join(_unfold(staff))
    assert cast.patient.family_name not in staff


def test_text_escaping_and_folding_follow_rfc_5545() -> None:
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    long = "SUMMARY:" + "会话" * 40
    folded = fold(long)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == long
    event = CalendarEvent(uid="x@y", start=datetime(2030, 1, 1, 9, tzinfo=UTC),
                          end=datetime(2030, 1, 1, 10, tzinfo=UTC), summary="Session", cancelled=True)
    body = calendar([event], name="Sessions", now=datetime(2029, 12, 1, tzinfo=UTC))
    assert "STATUS:CANCELLED\r\n" in body and "DTSTAMP:20291201T000000Z\r\n" in body
    with pytest.raises(ValueError, match="timezone-aware"):
        calendar([CalendarEvent("u", datetime(2030, 1, 1), datetime(2030, 1, 1), "s")], name="n",
                 now=datetime(2030, 1, 1, tzinfo=UTC))
