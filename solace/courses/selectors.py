"""Reads for treatment courses. Patient-scoped reads take a course or patient that has already been through a gate
(solace.courses.access). Private psychotherapy notes are read only through `psychotherapy_note_get`, which needs
the author."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from django.db.models import QuerySet

from solace.accounts.models import User
from solace.courses.choices import OPEN_COURSE_STATUSES, CourseFormat, CourseStatus, SessionStatus
from solace.courses.models import (
    CoursePlanVersion,
    FamilyParticipant,
    GroupSession,
    PsychotherapyNote,
    TherapyGroup,
    TherapySession,
    TreatmentCourse,
)
from solace.domain.instruments import get_instrument
from solace.domain.monitoring.schedule import CourseTimeline
from solace.domain.planning import EXERCISES, UnknownExercise, get_exercise
from solace.domain.planning.progression import (
    STAGE_CRITERIA_INSTRUMENTS,
    attendance_rate,
    course_stage,
    next_stage,
    plan_stage,
)
from solace.domain.planning.timing import course_start
from solace.domain.planning.timing import course_week as week_of_course
from solace.kernel.permissions import Action
from solace.measures.selectors import TreatmentEpisode, results_for
from solace.patients.access import patients_in_scope
from solace.patients.models import Patient


def course_current(patient: Patient) -> TreatmentCourse | None:
    """The patient's current course: their planned or active course, else their latest one
    (TreatmentCourseQuerySet.current, the one definition)."""
    return patient.courses.select_related("group").current()


def plan_latest(owner: TreatmentCourse | TherapyGroup) -> CoursePlanVersion | None:
    return owner.plan_versions.select_related("author").order_by("-number").first()


def plan_versions(owner: TreatmentCourse | TherapyGroup) -> QuerySet[CoursePlanVersion]:
    return owner.plan_versions.select_related("author").order_by("-number")


def session_plan(course: TreatmentCourse) -> CoursePlanVersion | None:
    """The plan the sessions follow: a group member's sessions follow the group's shared plan."""
    return plan_latest(course.group) if course.group is not None else plan_latest(course)


def planned_session(plan: CoursePlanVersion | None, number: int) -> dict[str, Any] | None:
    if plan is None:
        return None
    return next((item for item in plan.plan["sessions"] if item["number"] == number), None)


def course_sessions(course: TreatmentCourse) -> QuerySet[TherapySession]:
    return course.therapy_sessions.order_by("scheduled_start", "number")


def course_session_starts(course: TreatmentCourse) -> tuple[datetime, ...]:
    """When the course's sessions start, cancelled ones left out (a cancelled session neither starts a course nor
    counts as one)."""
    sessions = course.therapy_sessions.exclude(status=SessionStatus.CANCELLED)
    return tuple(sessions.order_by("scheduled_start").values_list("scheduled_start", flat=True))


def course_started_at(course: TreatmentCourse) -> datetime | None:
    """When the course starts (solace.domain.planning.timing.course_start), in the patient's time zone."""
    return course_start(session_starts=course_session_starts(course), started_on=course.started_on,
                        zone=course.patient.time_zone)


def course_week(course: TreatmentCourse, *, now: datetime) -> int | None:
    """Which week of the course `now` falls in (solace.domain.planning.timing.course_week)."""
    return week_of_course(course_started_at(course), now=now, weeks=course.weeks)


def course_timeline(course: TreatmentCourse) -> CourseTimeline:
    """The course as the measurement schedule sees it: its start (course_started_at, else, before anything is
    scheduled, when the course was created), its length and its session times (cancelled ones left out)."""
    sessions = course_session_starts(course)
    start = course_start(session_starts=sessions, started_on=course.started_on,
                         zone=course.patient.time_zone) or course.created_at
    return CourseTimeline(start=start, weeks=max(course.weeks, 1), session_starts=sessions)


def treatment_episode(patient: Patient) -> TreatmentEpisode | None:
    """The patient's current course (course_current) for the measures app, which stands below courses."""
    course = course_current(patient)
    return TreatmentEpisode(course_id=course.pk, timeline=course_timeline(course)) if course else None


def next_session(course: TreatmentCourse, *, now: datetime) -> TherapySession | None:
    return course.therapy_sessions.filter(scheduled_start__gte=now, status=SessionStatus.SCHEDULED).order_by(
        "scheduled_start").first()


def psychotherapy_note_get(*, session: TherapySession, author: Any) -> PsychotherapyNote | None:
    """The author's own private note on the session; nobody else's is ever returned."""
    if not getattr(author, "is_authenticated", False):
        return None
    return PsychotherapyNote.objects.filter(session=session, author=author).first()


# --- stage criteria ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeasureCriterion:
    instrument: str
    title: str
    latest: float | None
    baseline: float | None
    category: str | None
    """Reliable-change category code (solace.domain.monitoring), None with fewer than two results."""


@dataclass(frozen=True)
class StageCriteria:
    """What the clinician sees beside a stage decision (and what is stored with it)."""

    stage: str
    next_stage: str | None
    week: int | None
    weeks: int
    planned_next_stage_week: int | None
    attended: int
    missed: int
    attendance_rate: float | None
    measures: tuple[MeasureCriterion, ...]
    practice_count: int | None
    """Homework practice logged by the patient; None until practice logging exists."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _planned_next_stage_week(course: TreatmentCourse, following: str | None) -> int | None:
    plan = session_plan(course)
    number = plan_stage(following) if following is not None else None
    if plan is None or number is None:
        return None
    stage = next((item for item in plan.plan["stages"] if item["number"] == number), None)
    return stage["weeks"][0] if stage and stage["weeks"] else None


def _measure_criteria(patient: Patient) -> tuple[MeasureCriterion, ...]:
    criteria = []
    for code in STAGE_CRITERIA_INSTRUMENTS:
        instrument = get_instrument(code)
        result = results_for(patient=patient, instrument=instrument)
        change = result.change if result else None
        criteria.append(MeasureCriterion(
            instrument=code, title=instrument.title,
            latest=result.latest.score_total if result else None,
            baseline=result.baseline.score_total if result else None,
            category=change.category.value if change else None))
    return tuple(criteria)


def stage_criteria(course: TreatmentCourse, *, now: datetime) -> StageCriteria:
    """What the clinician weighs beside a stage decision (the rules: solace.domain.planning.progression)."""
    following = next_stage(course.stage)
    statuses = list(course.therapy_sessions.values_list("status", flat=True))
    attended, missed = statuses.count(SessionStatus.ATTENDED), statuses.count(SessionStatus.MISSED)
    return StageCriteria(
        stage=course.stage, next_stage=following.value if following else None, week=course_week(course, now=now),
        weeks=course.weeks, planned_next_stage_week=_planned_next_stage_week(course, following),
        attended=attended, missed=missed, attendance_rate=attendance_rate(attended, missed),
        measures=_measure_criteria(course.patient), practice_count=None,
    )


# --- what the patient sees ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Practice:
    """One stage's daily practice, in the patient's words."""

    stage: str
    title: str
    instructions: str
    minutes_per_day: int
    current: bool


def _exercise_title(code: str) -> str:
    try:
        return get_exercise(code).patient.title
    except UnknownExercise:
        return code


def homework_for_patient(plan: CoursePlanVersion | None, *, stage: str) -> list[Practice]:
    if plan is None:
        return []
    return [Practice(stage=course_stage(item["stage"]).value, title=_exercise_title(item["exercise"]),
                     instructions=item["instructions"], minutes_per_day=item["minutes_per_day"],
                     current=course_stage(item["stage"]) == stage)
            for item in plan.plan["homework"]]


@dataclass(frozen=True)
class PatientCourse:
    """A patient's own course as they see it: stage, week, what is next, daily practice, session times."""

    course: TreatmentCourse
    week: int | None
    next_session: TherapySession | None
    next_focus: str
    practices: list[Practice]
    sessions: list[TherapySession]

    @property
    def current_practice(self) -> Practice | None:
        return next((practice for practice in self.practices if practice.current), None)


def patient_course(patient: Patient, *, now: datetime) -> PatientCourse | None:
    course = course_current(patient)
    if course is None:
        return None
    own_plan = plan_latest(course)
    upcoming = next_session(course, now=now)
    planned = planned_session(session_plan(course), upcoming.number) if upcoming else None
    focus = _patient_focus(planned)
    return PatientCourse(course=course, week=course_week(course, now=now), next_session=upcoming, next_focus=focus,
                         practices=homework_for_patient(own_plan, stage=course.stage),
                         sessions=list(course_sessions(course)))


def _patient_focus(planned: dict[str, Any] | None) -> str:
    """The patient-facing title of the session's main exercise: the first that is not a settling or care item."""
    if not planned or not planned["agenda"]:
        return ""
    codes = planned["agenda"]
    main = next((code for code in codes if code in EXERCISES and EXERCISES[code].kind.value not in
                 ("settling", "care")), codes[0])
    return _exercise_title(main)


# --- groups ------------------------------------------------------------------------------------------------------


def group_members(group: TherapyGroup) -> QuerySet[TreatmentCourse]:
    return group.member_courses.exclude(status=CourseStatus.ENDED_EARLY).select_related("patient").order_by(
        "patient__family_name", "patient__given_name")


def group_candidates(*, user: User) -> QuerySet[Patient]:
    """Patients the user may add to a group: in their scope (editable), with no planned or active course, or
    with a planned group-format course that waits for a group."""
    busy = TreatmentCourse.objects.filter(status__in=OPEN_COURSE_STATUSES).exclude(
        format=CourseFormat.GROUP, status=CourseStatus.PLANNED, group__isnull=True).values("patient_id")
    return patients_in_scope(user, Action.CLINICAL_WRITE).exclude(pk__in=busy).order_by("family_name", "given_name")


def group_session_members(group_session: GroupSession) -> QuerySet[TherapySession]:
    return group_session.member_sessions.select_related("course__patient").order_by(
        "course__patient__family_name", "course__patient__given_name")


# --- family ------------------------------------------------------------------------------------------------------


def family_sessions(plan: CoursePlanVersion | None) -> set[int]:
    """Numbers of the planned sessions that family members attend (each planned session's `family_attends`; plans
    stored before the field existed got it from migration 0003_plan_family_attends)."""
    if plan is None:
        return set()
    return {item["number"] for item in plan.plan["sessions"] if item.get("family_attends", False)}


@dataclass(frozen=True)
class FamilyView:
    """What a family participant sees: their own exercises always; the rest only as the patient shares it."""

    participant: FamilyParticipant
    patient_given_name: str
    exercises: list[tuple[str, str]]
    stage: str | None
    week: int | None
    sessions: list[tuple[TherapySession, bool]] | None
    practices: list[Practice] | None


def family_view(participant: FamilyParticipant, *, now: datetime) -> FamilyView:
    course = participant.course
    plan = plan_latest(course)
    attends = family_sessions(plan)
    codes = dict.fromkeys(code for item in (plan.plan["sessions"] if plan else ()) if item["number"] in attends
                          for code in item["agenda"] if code != "soothing_rhythm_breathing")
    exercises = [(get_exercise(code).patient.title, get_exercise(code).patient.instructions) for code in codes]
    sessions = None
    if course.family_sees_schedule:
        sessions = [(session, session.number in attends) for session in course_sessions(course)
                    if session.status != SessionStatus.CANCELLED]
    return FamilyView(
        participant=participant, patient_given_name=course.patient.given_name, exercises=exercises,
        stage=course.stage if course.family_sees_progress else None,
        week=course_week(course, now=now) if course.family_sees_progress else None,
        sessions=sessions,
        practices=homework_for_patient(plan, stage=course.stage) if course.family_sees_homework else None,
    )
