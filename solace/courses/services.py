"""Writes for treatment courses: creating and activating a course (activation is gated by the signed screening),
its versioned plan, weekly sessions, attendance, progress notes with addenda, private psychotherapy notes, stage
decisions, therapy groups and family participants.

Each write runs in one transaction with its audit entry; audit details hold codes and ids only, never note text.
Plans always come from the planning domain (`solace.domain.planning.plan_course`); nothing here re-implements a
clinical rule.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from solace.accounts.models import Invitation, User, hash_secret
from solace.accounts.services import ConsentWording, Invitee, PendingInvitation
from solace.audit.models import Outcome
from solace.audit.services import audit_record
from solace.courses.choices import (
    OPEN_COURSE_STATUSES,
    RECORDABLE_ATTENDANCE,
    CourseFormat,
    CourseStatus,
    FamilyRelationship,
    SessionStatus,
    Stage,
)
from solace.courses.models import (
    CoursePlanVersion,
    FamilyInvitation,
    FamilyParticipant,
    GroupSession,
    ProgressNote,
    ProgressNoteAddendum,
    PsychotherapyNote,
    StageTransition,
    TherapyGroup,
    TherapySession,
    TreatmentCourse,
)
from solace.courses.selectors import stage_criteria
from solace.domain import planning
from solace.domain.planning import (
    PLANNER_VERSION,
    PlanInputError,
    PlanRefused,
    PlanRequest,
    UnknownExercise,
    get_exercise,
    plan_course,
)
from solace.domain.planning.progression import stage_transition_allowed
from solace.domain.planning.timing import SkippedLocalTime, UnknownTimeZone, local_start, weekly_starts
from solace.domain.screening import decision_allows_course
from solace.kernel.languages import language_offered
from solace.kernel.permissions import Action, Role, user_may
from solace.measures.services import schedule_defaults_apply
from solace.patients.models import Patient
from solace.screening.selectors import screening_clearance, screening_latest

MAX_FOCUS_LENGTH = 200
MAX_NAME_LENGTH = 100
FAMILY_CONSENT_VERSION = "1"
PlanOwner = TreatmentCourse | TherapyGroup


# --- plans -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanBasis:
    """What a plan is generated from: the signed screening's decision, adaptations and presenting concerns."""

    decision: str
    adaptations: tuple[str, ...] = ()
    concerns: tuple[str, ...] = ()
    screening_id: int | None = None

    def source(self) -> dict[str, Any]:
        return {"screening_id": self.screening_id, "decision": self.decision, "adaptations": list(self.adaptations),
                "concerns": list(self.concerns), "planner_version": PLANNER_VERSION}

    @classmethod
    def from_source(cls, source: Mapping[str, Any]) -> PlanBasis:
        return cls(decision=source["decision"], adaptations=tuple(source.get("adaptations", ())),
                   concerns=tuple(source.get("concerns", ())), screening_id=source.get("screening_id"))


GROUP_BASIS = PlanBasis(decision="suitable")
"""A group's shared plan follows the published group protocol; each member's own adaptations stay in their own
course plan (safety plans, medication checks and pacing are individual care)."""

PLAN_FIELD_MESSAGES = {
    "weeks": gettext_lazy("Choose from 12 to 20 weeks (courses last 12-20 weeks)."),
    "session_minutes": gettext_lazy("Choose from 60 to 90 minutes (sessions last 60-90 minutes)."),
    "format": gettext_lazy("Choose individual, group or family."),
}


def screening_basis(patient: Patient) -> PlanBasis | None:
    """The basis for a plan when the patient's latest screening carries a signed decision that allows a course
    (an override awaiting co-signature counts for planning; activation still waits for it)."""
    screening = screening_latest(patient=patient)
    signature = getattr(screening, "signature", None) if screening else None
    if screening is None or signature is None or not decision_allows_course(signature.decision):
        return None
    return PlanBasis(decision=signature.decision, adaptations=tuple(screening.result.get("adaptations", ())),
                     concerns=tuple(screening.intake.get("presenting_concerns", ())), screening_id=screening.pk)


def plan_generate(basis: PlanBasis, *, course_format: str, weeks: int | None,
                  session_minutes: int | None) -> dict[str, Any]:
    """The domain's plan as JSON; bad choices become a ValidationError naming the field."""
    try:
        plan = plan_course(PlanRequest(decision=basis.decision, format=course_format, adaptations=basis.adaptations,
                                       weeks=weeks, session_minutes=session_minutes, concerns=basis.concerns))
    except PlanInputError as exc:
        raise ValidationError({exc.field: PLAN_FIELD_MESSAGES.get(exc.field, exc.message)}) from exc
    except PlanRefused as exc:
        raise ValidationError({"decision": exc.reason}) from exc
    return plan.to_dict()


def _owner_kwargs(owner: PlanOwner) -> dict[str, Any]:
    return {"course": owner} if isinstance(owner, TreatmentCourse) else {"group": owner}


def _audit_ids(owner: PlanOwner) -> dict[str, Any]:
    if isinstance(owner, TreatmentCourse):
        return {"object_type": "treatment_course", "object_id": owner.pk, "patient_id": owner.patient_id,
                "clinic_id": owner.patient.clinic_id}
    return {"object_type": "therapy_group", "object_id": owner.pk, "clinic_id": owner.clinic_id}


def _version_add(owner: PlanOwner, *, plan: dict[str, Any], author: User, now: datetime, summary: str,
                 changes: list[dict[str, Any]], source: dict[str, Any]) -> CoursePlanVersion:
    """Append a version (the caller holds the owner's row lock) and keep the owner's weeks and minutes in step."""
    latest = plan_latest_version(owner)
    version = CoursePlanVersion.objects.create(
        **_owner_kwargs(owner), number=(latest.number + 1) if latest else 1, plan=plan, source=source,
        author=author, created_at=now, summary=summary[:300], changes=changes,
    )
    owner.weeks, owner.session_minutes = plan["weeks"], plan["session_minutes"]
    owner.save(update_fields=["weeks", "session_minutes"])
    audit_record(actor=author, action="course_plan.version", **_audit_ids(owner),
                 detail={"version": version.number, "changed": [change["field"] for change in changes]})
    return version


def _first_plan(owner: PlanOwner, basis: PlanBasis, *, actor: User, now: datetime, course_format: str,
                weeks: int | None, session_minutes: int | None) -> CoursePlanVersion:
    plan = plan_generate(basis, course_format=course_format, weeks=weeks, session_minutes=session_minutes)
    return _version_add(owner, plan=plan, author=actor, now=now, source=basis.source(), changes=[],
                        summary=_("Generated from the signed screening and the clinician's choices."))


def course_plan_create(*, actor: User, patient: Patient, course_format: str, weeks: int | None = None,
                       session_minutes: int | None = None, group: TherapyGroup | None = None,
                       now: datetime | None = None) -> TreatmentCourse:
    """A planned course for a patient who has no planned or active course yet. When the latest screening carries a
    signed decision that allows a course, version 1 of the plan is generated at once (otherwise at activation).
    Bad choices raise a ValidationError naming the field, and nothing is saved."""
    now = now or timezone.now()
    if course_format not in CourseFormat.values:
        raise ValidationError({"course_format": _("Choose individual, group or family.")})
    if group is not None and course_format != CourseFormat.GROUP:
        raise ValidationError({"course_format": _("A group member's course has the group format.")})
    with transaction.atomic():
        if TreatmentCourse.objects.select_for_update().filter(patient=patient).open().exists():
            raise ValidationError(_("The patient already has a planned or active course."))
        course = TreatmentCourse.objects.create(patient=patient, format=course_format, status=CourseStatus.PLANNED,
                                                created_by=actor, group=group)
        basis = screening_basis(patient)
        if basis is not None:
            _first_plan(course, basis, actor=actor, now=now, course_format=course_format, weeks=weeks,
                        session_minutes=session_minutes)
        elif weeks is not None or session_minutes is not None:
            plan_generate(PlanBasis("suitable"), course_format=course_format, weeks=weeks,
                          session_minutes=session_minutes)  # checks the choices; the plan waits for a signature
            course.weeks = weeks or course.weeks
            course.session_minutes = session_minutes or course.session_minutes
            course.save(update_fields=["weeks", "session_minutes"])
        audit_record(actor=actor, action="course.create", object_type="treatment_course", object_id=course.pk,
                     patient_id=patient.pk, clinic_id=patient.clinic_id,
                     detail={"format": course_format, "planned": basis is not None})
    return course


def course_activate(*, actor: User, course: TreatmentCourse, now: datetime) -> TreatmentCourse:
    """Start a planned course. Refused, with the reason, unless the patient's latest screening carries a signed
    decision that allows it (solace.screening.selectors.screening_clearance); refusals are audited too. A course
    created before its screening was signed gets its plan now."""
    patient = course.patient
    clearance = screening_clearance(patient=patient)
    if not clearance.allowed:
        audit_record(actor=actor, action="course.activate", outcome=Outcome.DENIED, object_type="treatment_course",
                     object_id=course.pk, patient_id=patient.pk, clinic_id=patient.clinic_id,
                     detail={"reason": clearance.code})
        raise ValidationError(clearance.reason, code=clearance.code)
    with transaction.atomic():
        locked = TreatmentCourse.objects.select_for_update().select_related("patient__clinic").get(pk=course.pk)
        if locked.status != CourseStatus.PLANNED:
            raise ValidationError(_("Only a planned course can be activated."), code="not_planned")
        basis = screening_basis(patient)
        if not locked.plan_versions.exists() and basis is not None:
            _first_plan(locked, basis, actor=actor, now=now, course_format=locked.format, weeks=locked.weeks,
                        session_minutes=locked.session_minutes)
        locked.status = CourseStatus.ACTIVE
        locked.started_on = now.astimezone(zoneinfo.ZoneInfo(patient.time_zone)).date()
        if locked.stage == Stage.NOT_STARTED:
            locked.stage = Stage.RECOGNISE
        locked.save(update_fields=["status", "started_on", "stage"])
        # Every course comes with the default measurement schedule (issue 3); clinicians adjust it afterwards.
        schedule_defaults_apply(actor=actor, patient=patient, course_id=locked.pk, now=now)
        audit_record(actor=actor, action="course.activate", object_type="treatment_course", object_id=locked.pk,
                     patient_id=patient.pk, clinic_id=patient.clinic_id,
                     detail={"screening_id": clearance.screening.pk if clearance.screening else None})
    return locked


def _locked(owner: PlanOwner) -> PlanOwner:
    model = type(owner)
    return model.objects.select_for_update().get(pk=owner.pk)


def _latest_or_error(owner: PlanOwner) -> CoursePlanVersion:
    latest = plan_latest_version(owner)
    if latest is None:
        raise ValidationError(_("This course has no plan yet: it is generated once the screening is signed."))
    return latest


def _has_sessions(owner: PlanOwner) -> bool:
    if isinstance(owner, TreatmentCourse):
        return owner.therapy_sessions.exists()
    return owner.sessions.exists()


def plan_settings_change(*, actor: User, owner: PlanOwner, weeks: int, session_minutes: int,
                         now: datetime) -> CoursePlanVersion:
    """Re-plan with other weeks or minutes (12-20 weeks, 60-90 minutes, checked by the domain). Allowed until the
    sessions are scheduled; the new version replaces earlier per-session edits, and its summary says so."""
    with transaction.atomic():
        owner = _locked(owner)
        latest = _latest_or_error(owner)
        if _has_sessions(owner):
            raise ValidationError({"weeks": _("Sessions are already scheduled: reschedule single sessions instead.")})
        before = latest.plan
        if (weeks, session_minutes) == (before["weeks"], before["session_minutes"]):
            raise ValidationError({"weeks": _("Nothing changed: the plan already has these weeks and minutes.")})
        plan = plan_generate(PlanBasis.from_source(latest.source), course_format=before["format"], weeks=weeks,
                             session_minutes=session_minutes)
        changes = [{"field": name, "before": before[name], "after": plan[name]}
                   for name in ("weeks", "session_minutes") if before[name] != plan[name]]
        summary = _("Re-planned for %(weeks)s weeks of %(minutes)s minutes; earlier session edits were replaced.") % {
            "weeks": plan["weeks"], "minutes": plan["session_minutes"]}
        version = _version_add(owner, plan=plan, author=actor, now=now, summary=summary, changes=changes,
                               source=latest.source)
        if isinstance(owner, TherapyGroup):
            for course in owner.member_courses.open().select_related("patient__clinic"):
                _align_with_group(course, owner, actor=actor, now=now)
        return version


def _checked_agenda(agenda: Sequence[str], *, stage: int, course_format: str) -> list[str]:
    """Every code must be an exercise of the library that this session's stage and format may use."""
    codes = list(dict.fromkeys(code for code in agenda if code))
    if not codes:
        raise ValidationError({"agenda": _("Choose at least one exercise for the session.")})
    for code in codes:
        try:
            exercise = get_exercise(code)
        except UnknownExercise:
            raise ValidationError({"agenda": _("Unknown exercise %(code)s.") % {"code": code}}) from None
        if (not exercise.allowed_in(planning.Stage(stage))
                or planning.CourseFormat(course_format) not in exercise.formats):
            raise ValidationError({"agenda": _("%(title)s does not belong in this session's stage or format.")
                                   % {"title": exercise.title}})
    return codes


def plan_session_edit(*, actor: User, owner: PlanOwner, number: int, focus: str, agenda: Sequence[str],
                      now: datetime) -> CoursePlanVersion:
    """Change one planned session's focus and agenda; a new version records who changed what."""
    focus = focus.strip()
    if not focus or len(focus) > MAX_FOCUS_LENGTH:
        raise ValidationError({"focus": _("Describe the session's focus in 1 to %(count)s characters.")
                               % {"count": MAX_FOCUS_LENGTH}})
    with transaction.atomic():
        owner = _locked(owner)
        latest = _latest_or_error(owner)
        plan = latest.plan
        sessions = plan["sessions"]
        if not 1 <= number <= len(sessions):
            raise ValidationError({"number": _("There is no session %(number)s in the plan.") % {"number": number}})
        session = sessions[number - 1]
        codes = _checked_agenda(agenda, stage=session["stage"], course_format=plan["format"])
        changes = [{"field": f"sessions.{number}.{name}", "before": session[name], "after": after}
                   for name, after in (("focus", focus), ("agenda", codes)) if session[name] != after]
        if not changes:
            raise ValidationError({"focus": _("Nothing changed in this session.")})
        edited = {**plan, "sessions": [
            {**item, "focus": focus, "agenda": codes} if item["number"] == number else item for item in sessions]}
        summary = _("Session %(number)s edited: %(what)s.") % {
            "number": number, "what": ", ".join(change["field"].rsplit(".", 1)[1] for change in changes)}
        return _version_add(owner, plan=edited, author=actor, now=now, summary=summary, changes=changes,
                            source=latest.source)


# --- scheduling --------------------------------------------------------------------------------------------------


def _scheduling_error(day: date, at: time, zone: str, field: str, error: ValueError) -> ValidationError:
    if isinstance(error, UnknownTimeZone):
        return ValidationError({field: _("Unknown time zone %(zone)s.") % {"zone": zone}})
    return ValidationError({field: _("%(time)s does not exist on %(day)s in %(zone)s (the clocks change). "
                                     "Choose another time.") % {"time": at.strftime("%H:%M"), "day": day,
                                                                "zone": zone}})


def local_to_utc(day: date, at: time, zone: str, *, field: str = "start_time") -> datetime:
    """A wall-clock time in `zone` as UTC (solace.domain.planning.timing.local_start); a time skipped by a
    daylight-saving change or an unknown zone is an error naming the field."""
    try:
        return local_start(day, at, zone)
    except (SkippedLocalTime, UnknownTimeZone) as exc:
        raise _scheduling_error(day, at, zone, field, exc) from None


def _weekly_starts(plan: Mapping[str, Any], first_day: date, at: time, zone: str) -> list[tuple[int, datetime]]:
    """Each planned session at the same wall-clock time in `zone`, week after week
    (solace.domain.planning.timing.weekly_starts)."""
    sessions = plan["sessions"]
    try:
        starts = weekly_starts(first_day, at, zone, [session["week"] for session in sessions])
    except (SkippedLocalTime, UnknownTimeZone) as exc:
        raise _scheduling_error(first_day, at, zone, "start_time", exc) from None
    return [(session["number"], start) for session, start in zip(sessions, starts, strict=True)]


def _check_future(start: datetime, now: datetime) -> None:
    if start <= now:
        raise ValidationError({"start_date": _("Choose a date and time in the future.")})


def sessions_schedule(*, actor: User, course: TreatmentCourse, first_day: date, at: time, zone: str,
                      now: datetime) -> list[TherapySession]:
    """One session per planned session, weekly from `first_day` at `at` in the clinician's zone, stored in UTC."""
    if course.format == CourseFormat.GROUP:
        raise ValidationError({"start_date": _("A group member's sessions are the group's: schedule the group.")})
    with transaction.atomic():
        locked = TreatmentCourse.objects.select_for_update().select_related("patient").get(pk=course.pk)
        if locked.status not in OPEN_COURSE_STATUSES:
            raise ValidationError({"start_date": _("Only a planned or active course can be scheduled.")})
        latest = _latest_or_error(locked)
        if locked.therapy_sessions.exists():
            raise ValidationError({"start_date": _("The sessions are already scheduled: reschedule single sessions "
                                                   "instead.")})
        starts = _weekly_starts(latest.plan, first_day, at, zone)
        _check_future(starts[0][1], now)
        minutes = {item["number"]: item["minutes"] for item in latest.plan["sessions"]}
        created = TherapySession.objects.bulk_create(
            TherapySession(course=locked, number=number, scheduled_start=start, duration_minutes=minutes[number])
            for number, start in starts)
        audit_record(actor=actor, action="course.schedule", object_type="treatment_course", object_id=locked.pk,
                     patient_id=locked.patient_id, clinic_id=locked.patient.clinic_id,
                     detail={"sessions": len(created), "zone": zone})
    return created


def session_reschedule(*, actor: User, session: TherapySession, day: date, at: time, zone: str,
                       now: datetime) -> TherapySession:
    """Move one scheduled session; its iCalendar SEQUENCE goes up so calendars replace the old time."""
    if session.group_session_id is not None:
        raise ValidationError({"start_date": _("This is a group session: reschedule it on the group's page.")})
    start = local_to_utc(day, at, zone)
    _check_future(start, now)
    with transaction.atomic():
        locked = TherapySession.objects.select_for_update().select_related("course__patient").get(pk=session.pk)
        if locked.status != SessionStatus.SCHEDULED:
            raise ValidationError({"start_date": _("Only a scheduled session can be moved.")})
        locked.scheduled_start, locked.sequence = start, locked.sequence + 1
        locked.save(update_fields=["scheduled_start", "sequence"])
        patient = locked.course.patient
        audit_record(actor=actor, action="therapy_session.reschedule", object_type="therapy_session",
                     object_id=locked.pk, patient_id=patient.pk, clinic_id=patient.clinic_id)
    return locked


def _check_attendance(status: str, field: str) -> None:
    if status not in RECORDABLE_ATTENDANCE:
        raise ValidationError({field: _("Choose attended, missed or cancelled.")})


def session_attendance_record(*, actor: User, session: TherapySession, status: str, now: datetime) -> TherapySession:
    """Record whether the patient attended (group sessions are taken on the group's page, for all at once)."""
    _check_attendance(status, "status")
    if session.group_session_id is not None:
        raise ValidationError({"status": _("Take attendance for a group session on the group's page.")})
    with transaction.atomic():
        locked = TherapySession.objects.select_for_update().select_related("course__patient").get(pk=session.pk)
        locked.status, locked.attendance_recorded_at, locked.attendance_recorded_by = status, now, actor
        locked.save(update_fields=["status", "attendance_recorded_at", "attendance_recorded_by"])
        patient = locked.course.patient
        audit_record(actor=actor, action="therapy_session.attendance", object_type="therapy_session",
                     object_id=locked.pk, patient_id=patient.pk, clinic_id=patient.clinic_id,
                     detail={"status": status})
    return locked


# --- progress notes and private psychotherapy notes --------------------------------------------------------------


def _session_audit(session: TherapySession) -> dict[str, Any]:
    patient = session.course.patient
    return {"patient_id": patient.pk, "clinic_id": patient.clinic_id}


def _checked_codes(codes: Sequence[str], field: str) -> list[str]:
    kept = list(dict.fromkeys(code for code in codes if code))
    for code in kept:
        try:
            get_exercise(code)
        except UnknownExercise:
            raise ValidationError({field: _("Unknown exercise %(code)s.") % {"code": code}}) from None
    return kept


def progress_note_save(*, actor: User, session: TherapySession, text: str, agenda_done: Sequence[str],
                       exercises_practised: Sequence[str], now: datetime) -> ProgressNote:
    """Write or update the session's progress note (until it is signed)."""
    agenda = _checked_codes(agenda_done, "agenda_done")
    practised = _checked_codes(exercises_practised, "exercises_practised")
    with transaction.atomic():
        TherapySession.objects.select_for_update().filter(pk=session.pk).first()
        note = ProgressNote.objects.filter(session=session).first()
        if note is not None and note.is_signed:
            raise ValidationError({"text": _("The note is signed and read only: add an addendum instead.")})
        if note is None:
            note = ProgressNote(session=session, author=actor, created_at=now)
        note.text, note.agenda_done, note.exercises_practised, note.updated_at = text.strip(), agenda, practised, now
        note.save()
        audit_record(actor=actor, action="progress_note.save", object_type="progress_note", object_id=note.pk,
                     **_session_audit(session))
    return note


def progress_note_sign(*, actor: User, note: ProgressNote, now: datetime) -> ProgressNote:
    """Sign the note: from now on it is read only."""
    with transaction.atomic():
        locked = ProgressNote.objects.select_for_update().select_related("session__course__patient").get(pk=note.pk)
        if locked.is_signed:
            raise ValidationError({"text": _("The note is already signed.")})
        if not locked.text:
            raise ValidationError({"text": _("Write the progress note before signing it.")})
        locked.signed_at, locked.signed_by = now, actor
        locked.save(update_fields=["signed_at", "signed_by"])
        audit_record(actor=actor, action="progress_note.sign", object_type="progress_note", object_id=locked.pk,
                     **_session_audit(locked.session))
    return locked


def progress_note_addendum_add(*, actor: User, note: ProgressNote, text: str, now: datetime) -> ProgressNoteAddendum:
    """Add to a signed note; the signed text stays as it was."""
    text = text.strip()
    if not text:
        raise ValidationError({"addendum": _("Write the addendum.")})
    with transaction.atomic():
        locked = ProgressNote.objects.select_for_update().select_related("session__course__patient").get(pk=note.pk)
        if not locked.is_signed:
            raise ValidationError({"addendum": _("Addenda are for signed notes: edit the note itself instead.")})
        addendum = ProgressNoteAddendum.objects.create(note=locked, author=actor, text=text, created_at=now)
        audit_record(actor=actor, action="progress_note.addendum", object_type="progress_note", object_id=locked.pk,
                     **_session_audit(locked.session), detail={"addendum": addendum.pk})
    return addendum


def psychotherapy_note_save(*, actor: User, session: TherapySession, text: str, now: datetime) -> PsychotherapyNote:
    """The actor's own private note on the session (one per author and session). Only clinicians and supervisors
    keep them; the text goes nowhere but back to its author."""
    if not user_may(actor, Action.CLINICAL_WRITE):
        raise ValidationError({"private_text": _("Only clinicians keep private notes.")})
    text = text.strip()
    if not text:
        raise ValidationError({"private_text": _("Write the private note.")})
    with transaction.atomic():
        note, created = PsychotherapyNote.objects.select_for_update().get_or_create(
            session=session, author=actor, defaults={"text": text, "created_at": now, "updated_at": now})
        if not created:
            note.text, note.updated_at = text, now
            note.save(update_fields=["text", "updated_at"])
        audit_record(actor=actor, action="psychotherapy_note.save", object_type="psychotherapy_note",
                     object_id=note.pk, **_session_audit(session))
    return note


# --- stages ------------------------------------------------------------------------------------------------------


def course_stage_advance(*, actor: User, course: TreatmentCourse, to_stage: str, note: str,
                         now: datetime) -> StageTransition:
    """The clinician moves an active course to its next stage (recognise -> build -> apply -> completed). The
    criteria shown beside the decision are stored with it, and the decision is audited."""
    with transaction.atomic():
        locked = TreatmentCourse.objects.select_for_update().select_related("patient__clinic").get(pk=course.pk)
        if locked.status != CourseStatus.ACTIVE:
            raise ValidationError({"to_stage": _("Only an active course moves between stages.")})
        if not stage_transition_allowed(locked.stage, to_stage):
            raise ValidationError({"to_stage": _("The course moves one stage at a time, to the next stage.")})
        transition = StageTransition.objects.create(
            course=locked, from_stage=locked.stage, to_stage=to_stage, decided_by=actor, decided_at=now,
            note=note.strip()[:2000], criteria=stage_criteria(locked, now=now).to_dict())
        locked.stage = to_stage
        fields = ["stage"]
        if to_stage == Stage.COMPLETED:
            locked.status = CourseStatus.COMPLETED
            fields.append("status")
        locked.save(update_fields=fields)
        audit_record(actor=actor, action="course.stage", object_type="treatment_course", object_id=locked.pk,
                     patient_id=locked.patient_id, clinic_id=locked.patient.clinic_id,
                     detail={"from": transition.from_stage, "to": to_stage, "transition": transition.pk})
    return transition


# --- therapy groups ----------------------------------------------------------------------------------------------


def group_create(*, actor: User, name: str, weeks: int | None, session_minutes: int | None,
                 now: datetime) -> TherapyGroup:
    """A planned group with its shared plan (version 1, the published group protocol)."""
    name = name.strip()
    if not name or len(name) > MAX_NAME_LENGTH:
        raise ValidationError({"name": _("Give the group a name of 1 to %(count)s characters.")
                               % {"count": MAX_NAME_LENGTH}})
    if not user_may(actor, Action.GROUP_CREATE):
        raise ValidationError({"name": _("Only a clinician can run a group.")})
    clinic = actor.clinic
    assert clinic is not None, "GROUP_CREATE is granted only to members of a clinic"
    with transaction.atomic():
        group = TherapyGroup.objects.create(clinic=clinic, name=name, facilitator=actor)
        _first_plan(group, GROUP_BASIS, actor=actor, now=now, course_format=CourseFormat.GROUP, weeks=weeks,
                    session_minutes=session_minutes)
        audit_record(actor=actor, action="therapy_group.create", object_type="therapy_group", object_id=group.pk)
    return group


def _member_count(group: TherapyGroup) -> int:
    return group.member_courses.filter(status__in=OPEN_COURSE_STATUSES).count()


def group_member_add(*, actor: User, group: TherapyGroup, patient: Patient, now: datetime) -> TreatmentCourse:
    """Make the patient a member (at most 12): their planned group-format course joins the group, or a new one is
    created. The member's own plan comes from their signed screening, with the group's weeks and minutes; their
    sessions mirror the group's already scheduled ones."""
    with transaction.atomic():
        locked = TherapyGroup.objects.select_for_update().get(pk=group.pk)
        _check_room(locked, patient)
        course = _member_course(actor, locked, patient, now)
        TherapySession.objects.bulk_create(
            TherapySession(course=course, number=shared.number, scheduled_start=shared.scheduled_start,
                           duration_minutes=shared.duration_minutes, group_session=shared, status=shared.status)
            for shared in locked.sessions.filter(status=SessionStatus.SCHEDULED))
        audit_record(actor=actor, action="therapy_group.member_add", object_type="therapy_group", object_id=locked.pk,
                     patient_id=patient.pk, clinic_id=patient.clinic_id, detail={"course": course.pk})
    return course


def _check_room(group: TherapyGroup, patient: Patient) -> None:
    if group.status not in OPEN_COURSE_STATUSES:
        raise ValidationError({"patient": _("The group has ended.")})
    if patient.clinic_id != group.clinic_id:
        raise ValidationError({"patient": _("Choose a patient of this clinic.")})
    if _member_count(group) >= TherapyGroup.MAX_MEMBERS:
        raise ValidationError({"patient": _("A group has at most %(count)s members.")
                               % {"count": TherapyGroup.MAX_MEMBERS}})


def _member_course(actor: User, group: TherapyGroup, patient: Patient, now: datetime) -> TreatmentCourse:
    """A planned group-format course waiting for a group joins it (its plan re-made for the group's length);
    a patient with no open course gets a new one; anyone else cannot join."""
    waiting = (TreatmentCourse.objects.select_for_update()
               .filter(patient=patient, status=CourseStatus.PLANNED, format=CourseFormat.GROUP, group__isnull=True)
               .first())
    if waiting is None:
        try:
            return course_plan_create(actor=actor, patient=patient, course_format=CourseFormat.GROUP, group=group,
                                      weeks=group.weeks, session_minutes=group.session_minutes, now=now)
        except ValidationError as exc:
            raise ValidationError({"patient": exc.messages}) from exc
    waiting.group = group
    waiting.save(update_fields=["group"])
    _align_with_group(waiting, group, actor=actor, now=now)
    return waiting


def _align_with_group(course: TreatmentCourse, group: TherapyGroup, *, actor: User, now: datetime) -> None:
    """A member's own plan follows the group's weeks and minutes (a new version when they differ)."""
    latest = plan_latest_version(course)
    wanted = (group.weeks, group.session_minutes)
    if latest is None:
        course.weeks, course.session_minutes = wanted
        course.save(update_fields=["weeks", "session_minutes"])
        return
    if (latest.plan["weeks"], latest.plan["session_minutes"]) == wanted:
        return
    plan = plan_generate(PlanBasis.from_source(latest.source), course_format=CourseFormat.GROUP,
                         weeks=group.weeks, session_minutes=group.session_minutes)
    _version_add(course, plan=plan, author=actor, now=now, source=latest.source,
                 summary=_("Re-planned for the group's weeks and minutes."),
                 changes=[{"field": name, "before": latest.plan[name], "after": plan[name]}
                          for name in ("weeks", "session_minutes") if latest.plan[name] != plan[name]])


def plan_latest_version(owner: PlanOwner) -> CoursePlanVersion | None:
    return owner.plan_versions.order_by("-number").first()


def group_activate(*, actor: User, group: TherapyGroup, now: datetime) -> TherapyGroup:
    """Start the group: it needs 4-12 members, each cleared by their own signed screening. All or nothing."""
    members = list(group.member_courses.filter(status=CourseStatus.PLANNED).select_related("patient__clinic"))
    low, high = TherapyGroup.MIN_MEMBERS, TherapyGroup.MAX_MEMBERS
    if not low <= len(members) <= high:
        raise ValidationError({"members": _("A group needs %(low)s to %(high)s members to start; it has %(count)s.")
                               % {"low": low, "high": high, "count": len(members)}})
    for course in members:
        clearance = screening_clearance(patient=course.patient)
        if not clearance.allowed:
            raise ValidationError({"members": _("%(name)s cannot start yet: %(reason)s")
                                   % {"name": course.patient.full_name, "reason": clearance.reason}})
    with transaction.atomic():
        locked = TherapyGroup.objects.select_for_update().get(pk=group.pk)
        if locked.status != CourseStatus.PLANNED:
            raise ValidationError({"members": _("Only a planned group can be started.")})
        for course in members:
            course_activate(actor=actor, course=course, now=now)
        locked.status = CourseStatus.ACTIVE
        locked.save(update_fields=["status"])
        audit_record(actor=actor, action="therapy_group.activate", object_type="therapy_group", object_id=locked.pk,
                     detail={"members": len(members)})
    return locked


def group_sessions_schedule(*, actor: User, group: TherapyGroup, first_day: date, at: time, zone: str,
                            now: datetime) -> list[GroupSession]:
    """The group's weekly meetings, and the same sessions on every member's own course."""
    with transaction.atomic():
        locked = TherapyGroup.objects.select_for_update().get(pk=group.pk)
        latest = _latest_or_error(locked)
        if locked.sessions.exists():
            raise ValidationError({"start_date": _("The sessions are already scheduled: reschedule single sessions "
                                                   "instead.")})
        starts = _weekly_starts(latest.plan, first_day, at, zone)
        _check_future(starts[0][1], now)
        minutes = {item["number"]: item["minutes"] for item in latest.plan["sessions"]}
        shared = [GroupSession.objects.create(group=locked, number=number, scheduled_start=start,
                                              duration_minutes=minutes[number]) for number, start in starts]
        for course in locked.member_courses.filter(status__in=OPEN_COURSE_STATUSES):
            TherapySession.objects.bulk_create(
                TherapySession(course=course, number=item.number, scheduled_start=item.scheduled_start,
                               duration_minutes=item.duration_minutes, group_session=item) for item in shared)
        audit_record(actor=actor, action="therapy_group.schedule", object_type="therapy_group", object_id=locked.pk,
                     detail={"sessions": len(shared), "zone": zone})
    return shared


def group_session_reschedule(*, actor: User, group_session: GroupSession, day: date, at: time, zone: str,
                             now: datetime) -> GroupSession:
    """Move one group meeting for everyone."""
    start = local_to_utc(day, at, zone)
    _check_future(start, now)
    with transaction.atomic():
        locked = GroupSession.objects.select_for_update().get(pk=group_session.pk)
        if locked.status != SessionStatus.SCHEDULED:
            raise ValidationError({"start_date": _("Only a scheduled session can be moved.")})
        locked.scheduled_start, locked.sequence = start, locked.sequence + 1
        locked.save(update_fields=["scheduled_start", "sequence"])
        for member in locked.member_sessions.select_for_update():
            member.scheduled_start, member.sequence = start, member.sequence + 1
            member.save(update_fields=["scheduled_start", "sequence"])
        audit_record(actor=actor, action="group_session.reschedule", object_type="group_session",
                     object_id=locked.pk)
    return locked


def group_attendance_take(*, actor: User, group_session: GroupSession, statuses: Mapping[int, str],
                          agenda_done: Sequence[str], now: datetime) -> GroupSession:
    """Attendance for the whole group in one go (one status per member session, keyed by its id): written on each
    member's own session, with the agenda items the group covered. Taking it again corrects it."""
    agenda = _checked_codes(agenda_done, "agenda_done")
    with transaction.atomic():
        locked = GroupSession.objects.select_for_update().get(pk=group_session.pk)
        members = list(locked.member_sessions.select_for_update().select_related("course__patient"))
        for member in members:
            _check_attendance(statuses.get(member.pk, ""), f"member_{member.pk}")
        for member in members:
            member.status = statuses[member.pk]
            member.attendance_recorded_at, member.attendance_recorded_by = now, actor
            member.save(update_fields=["status", "attendance_recorded_at", "attendance_recorded_by"])
            audit_record(actor=actor, action="therapy_session.attendance", object_type="therapy_session",
                         object_id=member.pk, **_session_audit(member), detail={"status": member.status,
                                                                                "group_session": locked.pk})
        correcting = locked.attendance_taken_at is not None
        held = any(member.status == SessionStatus.ATTENDED for member in members)
        locked.status = SessionStatus.ATTENDED if held else SessionStatus.CANCELLED
        locked.agenda_done, locked.attendance_taken_at, locked.attendance_taken_by = agenda, now, actor
        locked.save(update_fields=["status", "agenda_done", "attendance_taken_at", "attendance_taken_by"])
        audit_record(actor=actor, action="group_session.attendance", object_type="group_session", object_id=locked.pk,
                     detail={"members": len(members), "correction": correcting})
    return locked


# --- family participants -----------------------------------------------------------------------------------------


def family_invite(*, actor: User, course: TreatmentCourse, full_name: str, email: str, relationship: str,
                  now: datetime) -> tuple[FamilyParticipant, str]:
    """Add a relative to a family-format course and create their single-use invitation link (returns the
    participant and the raw token, shown once). Inviting the same address again replaces the earlier link."""
    full_name, email = full_name.strip(), email.strip().lower()
    if course.format != CourseFormat.FAMILY:
        raise ValidationError({"email": _("Family members join family-format courses only.")})
    if course.status not in OPEN_COURSE_STATUSES:
        raise ValidationError({"email": _("The course has ended.")})
    if not full_name:
        raise ValidationError({"full_name": _("Give the family member's name.")})
    if relationship not in FamilyRelationship.values:
        raise ValidationError({"relationship": _("Choose the relationship to the patient.")})
    if email == course.patient.email.lower():
        raise ValidationError({"email": _("This is the patient's own address.")})
    token = Invitation.new_token()
    with transaction.atomic():
        participant, _created = FamilyParticipant.objects.get_or_create(
            course=course, email=email, defaults={"full_name": full_name, "relationship": relationship,
                                                  "invited_by": actor, "created_at": now})
        if participant.user_id is not None:
            raise ValidationError({"email": _("This family member has already joined.")})
        participant.invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True).update(revoked_at=now)
        invitation = FamilyInvitation.objects.create(
            participant=participant, token_hash=hash_secret(token), created_by=actor, created_at=now,
            expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS))
        audit_record(actor=actor, action="family.invite", object_type="family_participant", object_id=participant.pk,
                     patient_id=course.patient_id, clinic_id=course.patient.clinic_id,
                     detail={"invitation": invitation.pk})
    return participant, token


def family_invitation_link(token: str) -> str:
    return settings.SITE_URL + reverse("courses:family_accept", kwargs={"token": token})


def family_invitation_send(*, participant: FamilyParticipant, token: str) -> None:
    """E-mail the link (in the patient's language). Raises on SMTP failure so the clinician can pass it on."""
    patient = participant.course.patient
    with translation.override(language_offered(patient.preferred_language)):
        context = {"participant": participant, "patient_given_name": patient.given_name, "clinic": patient.clinic,
                   "link": family_invitation_link(token)}
        body = render_to_string("courses/email/family_invitation.txt", context)
        send_mail(_("Your invitation to Solace"), body, None, [participant.email])


FAMILY_CONSENTS = ConsentWording(
    treatment=gettext_lazy("I agree to take part in the family sessions of this course."),
    treatment_required=gettext_lazy("You need to agree to take part to continue."),
    data_use=gettext_lazy("I agree that the clinic stores my name, e-mail address and attendance, and I will keep "
                          "what I hear in sessions private."),
    data_use_required=gettext_lazy("You need to agree to continue."),
)


def family_invitation_find(token: str, now: datetime) -> PendingInvitation | None:
    """A family member's usable invitation, as the shared accept page (solace.accounts) presents it: their account
    has the role family member in the patient's clinic, in the patient's time zone and language."""
    invitation = (FamilyInvitation.objects.select_related("participant__course__patient__clinic")
                  .filter(token_hash=hash_secret(token)).first())
    if invitation is None or not invitation.is_usable(now):
        return None
    participant = invitation.participant
    patient = participant.course.patient
    return PendingInvitation(
        invitation=invitation,
        invitee=Invitee(clinic=patient.clinic, email=participant.email, full_name=participant.full_name,
                        role=Role.FAMILY_MEMBER, time_zone=patient.time_zone, language=patient.preferred_language),
        link=lambda user, now: _family_link(participant, user, now), consents=FAMILY_CONSENTS,
        welcome_name=participant.full_name, about_template="courses/partials/_family_invitation_about.html",
        context={"participant": participant, "clinic": patient.clinic, "patient_given_name": patient.given_name},
        home="courses:family_home",
    )


def _family_link(participant: FamilyParticipant, user: User, now: datetime) -> None:
    """The participant gets their account and their consent is recorded."""
    patient = participant.course.patient
    participant.user, participant.consented_at, participant.consent_version = user, now, FAMILY_CONSENT_VERSION
    participant.save(update_fields=["user", "consented_at", "consent_version"])
    audit_record(actor=user, action="family.accept", object_type="family_participant", object_id=participant.pk,
                 patient_id=patient.pk, clinic_id=patient.clinic_id,
                 detail={"consent_version": FAMILY_CONSENT_VERSION})


def family_sharing_save(*, actor: User, course: TreatmentCourse, schedule: bool, homework: bool, progress: bool,
                        now: datetime) -> TreatmentCourse:
    """The patient's own choice of what family participants see (each item separately; nothing by default)."""
    with transaction.atomic():
        locked = TreatmentCourse.objects.select_for_update().select_related("patient").get(pk=course.pk)
        locked.family_sees_schedule, locked.family_sees_homework = schedule, homework
        locked.family_sees_progress = progress
        locked.save(update_fields=["family_sees_schedule", "family_sees_homework", "family_sees_progress"])
        audit_record(actor=actor, action="family.sharing", object_type="treatment_course", object_id=locked.pk,
                     patient_id=locked.patient_id, clinic_id=locked.patient.clinic_id,
                     detail={"schedule": schedule, "homework": homework, "progress": progress})
    return locked
