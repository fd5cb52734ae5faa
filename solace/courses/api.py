"""Courses API: plan a course (stores nothing, like `solace plan`), and a patient's courses, plan versions and
sessions. Session operations return times in UTC and never notes: progress notes stay on the clinical pages and
private psychotherapy notes are not in the API at all."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Router, Schema
from pydantic import Field

from solace.accounts.requests import AuthenticatedApiRequest
from solace.audit.access import access_clinic
from solace.courses import selectors
from solace.courses.access import access_course
from solace.domain.planning import PlanInputError, PlanRefused, PlanRequest, plan_course
from solace.kernel.api_errors import ApiError
from solace.kernel.permissions import Action
from solace.patients.access import access_patient

router = Router(tags=["courses"])


class PlanIn(Schema):
    decision: str
    format: str = "individual"
    adaptations: list[str] = Field(default_factory=list)
    weeks: int | None = None
    session_minutes: int | None = None
    concerns: list[str] = Field(default_factory=list)


class CourseOut(Schema):
    id: int
    format: str
    stage: str
    status: str
    weeks: int
    session_minutes: int
    started_on: date | None
    group_id: int | None
    plan_version: int | None

    @staticmethod
    def resolve_plan_version(obj: Any) -> int | None:
        latest = selectors.plan_latest(obj)
        return latest.number if latest else None


class PlanVersionOut(Schema):
    number: int
    created_at: datetime
    author: str
    summary: str
    changes: list[dict[str, Any]]
    plan: dict[str, Any]

    @staticmethod
    def resolve_author(obj: Any) -> str:
        return str(obj.author)


class SessionOut(Schema):
    id: int
    number: int
    scheduled_start: datetime
    scheduled_end: datetime
    duration_minutes: int
    status: str
    group_session: bool

    @staticmethod
    def resolve_group_session(obj: Any) -> bool:
        return obj.group_session_id is not None


@router.post("/planning/plan", response=dict[str, Any], summary="Plan a course (stores nothing)",
             description="The planning domain's CoursePlan.to_dict(), as `solace plan` prints it.")
def plan_preview(request: AuthenticatedApiRequest, payload: PlanIn) -> Any:
    access_clinic(request.auth, Action.CLINICAL_WORK, audit_action="course_plan.preview",
                  error=ApiError(403, "forbidden", "Only clinicians and supervisors plan courses."))
    try:
        return plan_course(PlanRequest(decision=payload.decision, format=payload.format,
                                       adaptations=tuple(payload.adaptations), weeks=payload.weeks,
                                       session_minutes=payload.session_minutes,
                                       concerns=tuple(payload.concerns))).to_dict()
    except PlanInputError as exc:
        raise ApiError(422, "invalid", f"{exc.field}: {exc.message}", exc.field) from exc
    except PlanRefused as exc:
        raise ApiError(422, "refused", exc.reason, "decision") from exc


@router.get("/patients/{patient_id}/courses", response=list[CourseOut], summary="A patient's treatment courses")
def course_list(request: AuthenticatedApiRequest, patient_id: str) -> Any:
    patient = access_patient(request.auth, patient_id, Action.READ, audit_action="course.list")
    return list(patient.courses.all())


@router.get("/patients/{patient_id}/courses/{course_id}/plan", response=PlanVersionOut,
            summary="A course's current plan (or `?version=N`)")
def course_plan(request: AuthenticatedApiRequest, patient_id: str, course_id: int, version: int | None = None) -> Any:
    course = access_course(request.auth, patient_id, course_id, Action.CLINICAL_READ, audit_action="course_plan.view")
    versions = selectors.plan_versions(course)
    found = versions.filter(number=version).first() if version is not None else versions.first()
    if found is None:
        raise ApiError(404, "not_found", "This course has no such plan version.", "version")
    return found


@router.get("/patients/{patient_id}/courses/{course_id}/sessions", response=list[SessionOut],
            summary="A course's sessions (UTC times, no notes)")
def course_session_list(request: AuthenticatedApiRequest, patient_id: str, course_id: int) -> Any:
    course = access_course(request.auth, patient_id, course_id, Action.READ, audit_action="course.sessions")
    return list(selectors.course_sessions(course))

