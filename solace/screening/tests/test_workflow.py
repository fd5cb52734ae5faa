"""The signed decision and the course gate: accept, override (with a supervisor's co-signature for a block),
activation refused with a reason unless the latest signed screening allows it, safety events re-open screening."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from solace.alerts.models import SafetyEvent, SafetyKind
from solace.audit.models import AuditEvent
from solace.courses.choices import CourseStatus, Stage
from solace.courses.models import TreatmentCourse
from solace.courses.services import course_activate, course_plan_create
from solace.screening import services
from solace.screening.models import ScreeningSignature
from solace.screening.selectors import screening_clearance
from solace.screening.testing import BLOCKED_INTAKE, CALM_INTAKE, screening_create
from solace.testing.factories import Cast, signed_in_client

DEFERRED_INTAKE: dict[str, Any] = {"age": 29, "clinical_flags": {"acute_crisis": True},
                                   "responses": {"phq9": [0] * 9}}


def _base(cast: Cast) -> str:
    return f"/screening/patients/{cast.patient.pk}"


def _planned_course(cast: Cast) -> TreatmentCourse:
    return course_plan_create(actor=cast.assigned_clinician, patient=cast.patient, course_format="individual")


def _activate(cast: Cast) -> TreatmentCourse:
    return course_activate(actor=cast.assigned_clinician, course=cast.patient.courses.get(status="planned"),
                           now=timezone.now())


def _refused_with(cast: Cast, code: str) -> None:
    with pytest.raises(ValidationError) as raised:
        _activate(cast)
    assert raised.value.code == code
    assert cast.patient.courses.get().status == CourseStatus.PLANNED
    denied = AuditEvent.objects.filter(action="course.activate", outcome="denied", patient_id=cast.patient.pk)
    assert denied.latest("id").detail == {"reason": code}


@pytest.mark.django_db
def test_accepting_a_suitable_screening_lets_the_course_start(cast: Cast) -> None:
    client = signed_in_client(cast.assigned_clinician)
    screening = screening_create(cast.patient, actor=cast.assigned_clinician, data=CALM_INTAKE)
    assert screening.decision == "suitable"
    response = client.post(f"{_base(cast)}/{screening.pk}/sign/", {"kind": "accept"})
    assert response.status_code == 302
    signature = ScreeningSignature.objects.get(screening=screening)
    assert (signature.kind, signature.decision, signature.needs_cosignature) == ("accept", "suitable", False)
    assert client.post(f"/courses/patients/{cast.patient.pk}/create/", {"course_format": "group"}).status_code == 302
    course = cast.patient.courses.get()
    assert (course.status, course.format) == (CourseStatus.PLANNED, "group")
    assert client.post(f"/courses/patients/{cast.patient.pk}/activate/").status_code == 302
    course.refresh_from_db()
    assert course.status == CourseStatus.ACTIVE and course.stage == Stage.RECOGNISE
    assert course.started_on == timezone.now().astimezone(ZoneInfo(cast.patient.time_zone)).date()
    actions = list(AuditEvent.objects.filter(patient_id=cast.patient.pk, outcome="allowed")
                   .values_list("action", flat=True))
    assert {"screening.evaluate", "screening.sign", "course.create", "course.activate"} <= set(actions)
    schedule = set(course.measure_assignments.values_list("instrument_code", "cadence"))
    assert {("phq9", "every_session"), ("gad7", "every_session")} <= schedule
    assert not {code for code, _cadence in schedule} & {"rses", "fscrs", "scs_sf"}  # no clinic wording yet


@pytest.mark.django_db
def test_no_course_starts_without_a_signed_decision(cast: Cast) -> None:
    _planned_course(cast)
    _refused_with(cast, "no_screening")
    screening_create(cast.patient, actor=cast.assigned_clinician)
    _refused_with(cast, "unsigned")


@pytest.mark.django_db
def test_a_signed_defer_or_not_suitable_blocks_the_course(cast: Cast) -> None:
    _planned_course(cast)
    deferred = screening_create(cast.patient, actor=cast.assigned_clinician, data=DEFERRED_INTAKE)
    services.screening_sign(actor=cast.assigned_clinician, screening=deferred, kind="accept", now=timezone.now())
    _refused_with(cast, "not_allowed")
    blocked = screening_create(cast.patient, actor=cast.assigned_clinician, data=BLOCKED_INTAKE)
    services.screening_sign(actor=cast.assigned_clinician, screening=blocked, kind="accept", now=timezone.now())
    _refused_with(cast, "not_allowed")
    assert "Not suitable" in screening_clearance(patient=cast.patient).reason


@pytest.mark.django_db
def test_overriding_a_block_needs_a_supervisor_co_signature(cast: Cast) -> None:
    _planned_course(cast)
    blocked = screening_create(cast.patient, actor=cast.assigned_clinician, data=BLOCKED_INTAKE)
    clinician = signed_in_client(cast.assigned_clinician)
    response = clinician.post(f"{_base(cast)}/{blocked.pk}/sign/", {
        "kind": "override", "decision": "suitable_with_adaptations",
        "reason": "Psychiatric review: psychosis in remission for a year."})
    assert response.status_code == 302
    signature = ScreeningSignature.objects.get(screening=blocked)
    assert signature.needs_cosignature and signature.awaiting_cosignature
    _refused_with(cast, "awaiting_cosignature")

    # the clinician cannot co-sign; the route is for supervisors only
    assert clinician.post(f"{_base(cast)}/{blocked.pk}/cosign/").status_code == 404
    signature.refresh_from_db()
    assert signature.cosigned_at is None

    supervisor = signed_in_client(cast.supervisor)
    page = supervisor.get(f"{_base(cast)}/{blocked.pk}/").content.decode()
    assert "Co-sign the override" in page
    assert supervisor.post(f"{_base(cast)}/{blocked.pk}/cosign/").status_code == 302
    signature.refresh_from_db()
    assert signature.cosigned_by == cast.supervisor and signature.cosigned_at is not None
    assert _activate(cast).status == CourseStatus.ACTIVE
    override = AuditEvent.objects.get(action="screening.override", patient_id=cast.patient.pk)
    assert override.actor == cast.assigned_clinician
    assert override.detail == {"kind": "override", "needs_cosignature": True, "co_treatment_acknowledged": False}
    cosign = AuditEvent.objects.get(action="screening.cosign", patient_id=cast.patient.pk)
    assert cosign.actor == cast.supervisor and cosign.detail == {"signed_by": cast.assigned_clinician.pk}


@pytest.mark.django_db
def test_a_supervisor_who_signed_the_override_cannot_co_sign_it(cast: Cast) -> None:
    blocked = screening_create(cast.patient, actor=cast.supervisor, data=BLOCKED_INTAKE)
    services.screening_sign(actor=cast.supervisor, screening=blocked, kind="override", decision="suitable",
                            reason="Reviewed with the psychiatrist today.", now=timezone.now())
    with pytest.raises(ValidationError, match="another person"):
        services.screening_cosign(actor=cast.supervisor, screening=blocked, now=timezone.now())
    with pytest.raises(ValidationError, match="Only a supervisor"):
        services.screening_cosign(actor=cast.assigned_clinician, screening=blocked, now=timezone.now())
    page = signed_in_client(cast.supervisor).get(f"{_base(cast)}/{blocked.pk}/").content.decode()
    assert "Co-sign the override" not in page and "awaits a supervisor" in page


@pytest.mark.django_db
def test_overriding_a_defer_needs_a_reason_but_no_co_signature(cast: Cast) -> None:
    _planned_course(cast)
    deferred = screening_create(cast.patient, actor=cast.assigned_clinician, data=DEFERRED_INTAKE)
    client = signed_in_client(cast.assigned_clinician)
    response = client.post(f"{_base(cast)}/{deferred.pk}/sign/", {"kind": "override", "decision": "suitable",
                                                                  "reason": "short"})
    assert response.status_code == 422
    assert "at least 10 characters" in response.context["sign_form"].errors["reason"][0]
    response = client.post(f"{_base(cast)}/{deferred.pk}/sign/", {"kind": "override", "decision": "defer",
                                                                  "reason": "Crisis resolved last week."})
    assert response.status_code == 422 and response.context["sign_form"].errors["decision"]
    assert not ScreeningSignature.objects.exists()
    client.post(f"{_base(cast)}/{deferred.pk}/sign/", {"kind": "override", "decision": "suitable",
                                                       "reason": "Crisis resolved last week; safety plan agreed."})
    assert not ScreeningSignature.objects.get().needs_cosignature
    assert _activate(cast).status == CourseStatus.ACTIVE


@pytest.mark.django_db
def test_an_override_can_also_be_more_cautious(cast: Cast) -> None:
    _planned_course(cast)
    screening = screening_create(cast.patient, actor=cast.assigned_clinician, data=CALM_INTAKE)
    services.screening_sign(actor=cast.assigned_clinician, screening=screening, kind="override", decision="defer",
                            reason="Housing crisis disclosed after the measures.", now=timezone.now())
    _refused_with(cast, "not_allowed")


@pytest.mark.django_db
def test_a_screening_is_signed_once(cast: Cast) -> None:
    screening = screening_create(cast.patient, actor=cast.assigned_clinician)
    services.screening_sign(actor=cast.assigned_clinician, screening=screening, kind="accept", now=timezone.now())
    with pytest.raises(ValidationError, match="already signed"):
        services.screening_sign(actor=cast.supervisor, screening=screening, kind="accept", now=timezone.now())
    response = signed_in_client(cast.supervisor).post(f"{_base(cast)}/{screening.pk}/sign/", {"kind": "accept"})
    assert response.status_code == 422
    assert ScreeningSignature.objects.count() == 1


@pytest.mark.django_db
def test_a_newer_unsigned_screening_must_be_signed_first(cast: Cast) -> None:
    _planned_course(cast)
    earlier = timezone.now() - timedelta(days=2)
    first = screening_create(cast.patient, actor=cast.assigned_clinician, at=earlier)
    services.screening_sign(actor=cast.assigned_clinician, screening=first, kind="accept", now=earlier)
    screening_create(cast.patient, actor=cast.assigned_clinician)
    _refused_with(cast, "unsigned")
    page = signed_in_client(cast.assigned_clinician).get(f"{_base(cast)}/{first.pk}/").content.decode()
    assert "Signed by" in page


@pytest.mark.django_db
def test_a_safety_event_after_the_signature_reopens_screening(cast: Cast) -> None:
    _planned_course(cast)
    signed_at = timezone.now() - timedelta(hours=3)
    screening = screening_create(cast.patient, actor=cast.assigned_clinician, at=signed_at)
    SafetyEvent.objects.create(patient=cast.patient, kind=SafetyKind.CRISIS, source_type="test", source_id="1",
                               reason="crisis", raised_at=signed_at - timedelta(days=1))
    services.screening_sign(actor=cast.assigned_clinician, screening=screening, kind="accept", now=signed_at)
    assert screening_clearance(patient=cast.patient).allowed  # raised before the signature: already weighed
    SafetyEvent.objects.create(patient=cast.patient, kind=SafetyKind.SUICIDAL_IDEATION, source_type="test",
                               source_id="2", reason="phq9_q9", raised_at=signed_at + timedelta(hours=1))
    _refused_with(cast, "reopened")
    assert ScreeningSignature.objects.filter(screening=screening).exists()  # nothing is lost

    again = screening_create(cast.patient, actor=cast.assigned_clinician)
    services.screening_sign(actor=cast.assigned_clinician, screening=again, kind="accept", now=timezone.now())
    assert _activate(cast).status == CourseStatus.ACTIVE


@pytest.mark.django_db
def test_only_one_open_course_and_only_planned_courses_activate(cast: Cast) -> None:
    course = _planned_course(cast)
    with pytest.raises(ValidationError, match="already has a planned or active course"):
        _planned_course(cast)
    with pytest.raises(ValidationError):
        course_plan_create(actor=cast.assigned_clinician, patient=cast.patient, course_format="online")
    screening = screening_create(cast.patient, actor=cast.assigned_clinician)
    services.screening_sign(actor=cast.assigned_clinician, screening=screening, kind="accept", now=timezone.now())
    course_activate(actor=cast.assigned_clinician, course=course, now=timezone.now())
    with pytest.raises(ValidationError, match="Only a planned course"):
        course_activate(actor=cast.assigned_clinician, course=course, now=timezone.now())


@pytest.mark.django_db
def test_refusal_is_shown_on_the_page(cast: Cast) -> None:
    client = signed_in_client(cast.assigned_clinician)
    client.post(f"/courses/patients/{cast.patient.pk}/create/", {"course_format": "individual"})
    response = client.post(f"/courses/patients/{cast.patient.pk}/activate/", follow=True)
    page = response.content.decode()
    assert "The course cannot start: The patient has not been screened yet." in page
    assert cast.patient.courses.get().status == CourseStatus.PLANNED


@pytest.mark.django_db
def test_intake_is_prefilled_from_completed_questionnaires(cast: Cast) -> None:
    from solace.measures.services import response_submit

    answers = {f"phq9_q{n}": 1 for n in range(1, 10)} | {"phq9_q9": 0}
    response_submit(actor=cast.patient_user, patient=cast.patient, instrument_code="phq9", answers=answers,
                    now=timezone.now())
    page = signed_in_client(cast.assigned_clinician).get(f"{_base(cast)}/new/").content.decode()
    form = signed_in_client(cast.assigned_clinician).get(f"{_base(cast)}/new/").context["form"]
    assert [form.initial[f"answer_phq9_q{n}"] for n in range(1, 10)] == ["1"] * 8 + ["0"]
    assert '<option value="1" selected>' in page
    assert 'data-testid="prefilled"' in page and "phq9" in page.split('data-testid="prefilled"')[1][:300]
