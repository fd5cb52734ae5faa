"""Pages of treatment courses.

Clinicians (care team, supervisors): a patient's course (plan, schedule, stage with its criteria, family), the
versioned plan, one session (attendance, progress note with addenda, the author's private note), calendar export.
Groups: list, create, one group (members, shared plan and schedule), attendance for everyone at once.
Patients: their own course (`mine`), calendar, what their family may see. Family members: what the patient shares.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from solace.accounts.choices import CLINICAL_ROLES
from solace.courses import display, selectors, services
from solace.courses.access import (
    access_course,
    access_course_patient,
    access_group,
    access_group_session,
    access_therapy_session,
    own_course,
    own_family_participations,
)
from solace.courses.calendar import CalendarEvent, calendar
from solace.courses.choices import CourseFormat, SessionStatus, Stage
from solace.courses.forms import (
    AddendumForm,
    AttendanceForm,
    FamilyAcceptForm,
    FamilyInviteForm,
    FamilySharingForm,
    GroupAttendanceForm,
    GroupForm,
    GroupMemberForm,
    PlanSessionForm,
    PlanSettingsForm,
    ProgressNoteForm,
    PsychotherapyNoteForm,
    SessionTimeForm,
    StageForm,
)
from solace.courses.models import CoursePlanVersion, GroupSession, TherapyGroup, TherapySession, TreatmentCourse
from solace.kernel.forms import add_service_errors
from solace.patients.access import Action
from solace.patients.models import Patient

PlanOwner = TreatmentCourse | TherapyGroup


def _zone(request: HttpRequest) -> str:
    return str(getattr(request.user, "time_zone", "") or settings.TIME_ZONE)


def _status(*forms: Any) -> int:
    return 422 if any(form is not None and form.errors for form in forms) else 200


# --- a patient's course ------------------------------------------------------------------------------------------


def _session_rows(course: TreatmentCourse, plan: CoursePlanVersion | None) -> list[dict[str, Any]]:
    return [{"session": session, "planned": selectors.planned_session(plan, session.number)}
            for session in selectors.course_sessions(course)]


def _course_context(patient: Patient, course: TreatmentCourse | None, **forms: Any) -> dict[str, Any]:
    context: dict[str, Any] = {"patient": patient, "course": course,
                               "past_courses": patient.courses.exclude(pk=getattr(course, "pk", None))}  # type: ignore[attr-defined]
    if course is None:
        return context
    now = timezone.now()
    plan = selectors.session_plan(course)
    criteria = selectors.stage_criteria(course, now=now)
    context.update({
        "plan": selectors.plan_latest(course), "session_plan": plan, "rows": _session_rows(course, plan),
        "criteria": criteria,
        "measure_rows": [(measure, display.category_label(measure.category)) for measure in criteria.measures],
        "transitions": course.stage_transitions.select_related("decided_by"),
        "stage_form": forms.get("stage_form") or StageForm(initial={"to_stage": criteria.next_stage}),
        "next_stage_label": _stage_label(criteria.next_stage),
        "schedule_form": forms.get("schedule_form") or SessionTimeForm(),
        "family": course.family_participants.all() if course.format == CourseFormat.FAMILY else None,
        "family_form": forms.get("family_form") or FamilyInviteForm(),
    })
    return context


def _stage_label(stage: str | None) -> str:
    return str(Stage(stage).label) if stage else ""


def _course_page(request: HttpRequest, patient: Patient, course: TreatmentCourse | None, **forms: Any) -> HttpResponse:
    return render(request, "courses/course.html", _course_context(patient, course, **forms),
                  status=_status(*forms.values()))


@login_required
def course_view(request: HttpRequest, patient_id: str) -> HttpResponse:
    patient = access_course_patient(request.user, patient_id, Action.VIEW, audit_action="course.view")
    return _course_page(request, patient, selectors.course_current(patient))


def _back_to_course(course: TreatmentCourse, anchor: str = "") -> HttpResponse:
    return redirect(reverse("courses:patient", args=[course.patient_id]) + anchor)


@login_required
@require_POST
def schedule_view(request: HttpRequest, patient_id: str, course_id: int) -> HttpResponse:
    course = access_course(request.user, patient_id, course_id, Action.EDIT, audit_action="course.edit")
    form = SessionTimeForm(request.POST)
    if form.is_valid():
        try:
            services.sessions_schedule(actor=request.user, course=course, first_day=form.cleaned_data["start_date"],  # type: ignore[arg-type]
                                       at=form.cleaned_data["start_time"], zone=_zone(request), now=timezone.now())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Sessions scheduled."))
            return _back_to_course(course, "#sessions")
    return _course_page(request, course.patient, course, schedule_form=form)


@login_required
@require_POST
def stage_view(request: HttpRequest, patient_id: str, course_id: int) -> HttpResponse:
    course = access_course(request.user, patient_id, course_id, Action.EDIT, audit_action="course.edit")
    form = StageForm(request.POST)
    if form.is_valid():
        try:
            services.course_stage_advance(actor=request.user, course=course, to_stage=form.cleaned_data["to_stage"],  # type: ignore[arg-type]
                                          note=form.cleaned_data["note"], now=timezone.now())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Stage updated."))
            return _back_to_course(course, "#stage")
    return _course_page(request, course.patient, course, stage_form=form)


@login_required
@require_POST
def family_invite_view(request: HttpRequest, patient_id: str, course_id: int) -> HttpResponse:
    course = access_course(request.user, patient_id, course_id, Action.EDIT, audit_action="family.invite")
    form = FamilyInviteForm(request.POST)
    if form.is_valid():
        try:
            participant, token = services.family_invite(actor=request.user, course=course, now=timezone.now(),  # type: ignore[arg-type]
                                                        **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            sent = True
            try:
                services.family_invitation_send(participant=participant, token=token)
            except OSError:
                sent = False
            context = {"patient": course.patient, "participant": participant, "sent": sent,
                       "link": services.family_invitation_link(token)}
            return render(request, "courses/family_invitation_sent.html", context)
    return _course_page(request, course.patient, course, family_form=form)


# --- the plan ----------------------------------------------------------------------------------------------------


def _plan_context(owner: PlanOwner, version: CoursePlanVersion | None, *, editable: bool, urls: dict[str, Any],
                  settings_form: PlanSettingsForm | None = None,
                  session_form: PlanSessionForm | None = None) -> dict[str, Any]:
    latest = selectors.plan_latest(owner)
    shown = version or latest
    rows = []
    if shown is not None:
        for item in shown.plan["sessions"]:
            form = session_form if session_form is not None and session_form.prefix == f"session-{item['number']}" \
                else PlanSessionForm(stage=item["stage"], course_format=shown.plan["format"],
                                     prefix_number=item["number"],
                                     initial={"focus": item["focus"], "agenda": item["agenda"]})
            rows.append({"item": item, "agenda": [display.exercise_title(code) for code in item["agenda"]],
                         "form": form, "edit_url": urls["session"](item["number"])})
    is_latest = shown is not None and latest is not None and shown.pk == latest.pk
    return {
        "owner": owner, "version": shown, "latest": latest, "is_latest": is_latest, "rows": rows,
        "editable": editable and is_latest, "versions": selectors.plan_versions(owner), "urls": urls,
        "homework": [{**item, "title": display.exercise_title(item["exercise"])}
                     for item in (shown.plan["homework"] if shown else [])],
        "settings_form": settings_form or PlanSettingsForm(initial={
            "weeks": owner.weeks, "session_minutes": owner.session_minutes}),
    }


def _course_plan_urls(course: TreatmentCourse) -> dict[str, Any]:
    args = [course.patient_id, course.pk]
    return {"settings": reverse("courses:plan_settings", args=args), "page": reverse("courses:plan", args=args),
            "session": lambda number: reverse("courses:plan_session", args=[*args, number]),
            "back": reverse("courses:patient", args=[course.patient_id])}


def _version_or_404(owner: PlanOwner, request: HttpRequest) -> CoursePlanVersion | None:
    wanted = request.GET.get("version")
    if not wanted:
        return None
    version = owner.plan_versions.filter(number=wanted).first() if wanted.isdigit() else None
    if version is None:
        raise Http404("No such version.")
    return version


def _course_plan_page(request: HttpRequest, course: TreatmentCourse, version: CoursePlanVersion | None = None,
                      **forms: Any) -> HttpResponse:
    context = _plan_context(course, version, editable=course.status in services.OPEN_STATUSES,
                            urls=_course_plan_urls(course), **forms)
    context.update({"patient": course.patient, "course": course})
    return render(request, "courses/plan.html", context, status=_status(*forms.values()))


@login_required
def plan_view(request: HttpRequest, patient_id: str, course_id: int) -> HttpResponse:
    course = access_course(request.user, patient_id, course_id, Action.VIEW, audit_action="course_plan.view")
    return _course_plan_page(request, course, _version_or_404(course, request))


def _settings_change(request: HttpRequest, owner: PlanOwner) -> PlanSettingsForm:
    form = PlanSettingsForm(request.POST)
    if form.is_valid():
        try:
            services.plan_settings_change(actor=request.user, owner=owner, now=timezone.now(), **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("A new version of the plan was saved."))
    return form


@login_required
@require_POST
def plan_settings_view(request: HttpRequest, patient_id: str, course_id: int) -> HttpResponse:
    course = access_course(request.user, patient_id, course_id, Action.EDIT, audit_action="course_plan.edit")
    form = _settings_change(request, course)
    if form.errors:
        return _course_plan_page(request, course, settings_form=form)
    return redirect("courses:plan", patient_id=course.patient_id, course_id=course.pk)


def _session_edit(request: HttpRequest, owner: PlanOwner, number: int) -> PlanSessionForm:
    latest = selectors.plan_latest(owner)
    item = selectors.planned_session(latest, number)
    if latest is None or item is None:
        raise Http404("No such planned session.")
    form = PlanSessionForm(request.POST, stage=item["stage"], course_format=latest.plan["format"],
                           prefix_number=number)
    if form.is_valid():
        try:
            services.plan_session_edit(actor=request.user, owner=owner, number=number, now=timezone.now(),  # type: ignore[arg-type]
                                       focus=form.cleaned_data["focus"], agenda=form.cleaned_data["agenda"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Session %(number)s saved as a new version of the plan.") % {"number": number})
    return form


@login_required
@require_POST
def plan_session_view(request: HttpRequest, patient_id: str, course_id: int, number: int) -> HttpResponse:
    course = access_course(request.user, patient_id, course_id, Action.EDIT, audit_action="course_plan.edit")
    form = _session_edit(request, course, number)
    if form.errors:
        return _course_plan_page(request, course, session_form=form)
    return redirect(reverse("courses:plan", args=[course.patient_id, course.pk]) + f"#session-{number}")


# --- calendars ---------------------------------------------------------------------------------------------------


def _uid(kind: str, pk: int) -> str:
    return f"{kind}-{pk}@{urlsplit(settings.SITE_URL).hostname or 'solace'}"


def _session_events(sessions: Any, *, url_for: Any = None) -> list[CalendarEvent]:
    events = []
    for session in sessions:
        is_group = isinstance(session, GroupSession) or getattr(session, "group_session_id", None)
        summary = _("Group session %(number)s") if is_group else _("Therapy session %(number)s")
        events.append(CalendarEvent(
            uid=_uid("group-session" if isinstance(session, GroupSession) else "therapy-session", session.pk),
            start=session.scheduled_start, end=session.scheduled_end, summary=summary % {"number": session.number},
            sequence=session.sequence, cancelled=session.status == SessionStatus.CANCELLED,
            url=settings.SITE_URL + url_for(session) if url_for else ""))
    return events


def _ics(events: list[CalendarEvent], filename: str) -> HttpResponse:
    body = calendar(events, name=_("Therapy sessions"), now=timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def course_calendar_view(request: HttpRequest, patient_id: str, course_id: int) -> HttpResponse:
    course = access_course(request.user, patient_id, course_id, Action.VIEW, audit_action="course.calendar")
    events = _session_events(selectors.course_sessions(course), url_for=lambda session: reverse(
        "courses:session", args=[course.patient_id, session.pk]))
    return _ics(events, "sessions.ics")


@login_required
def my_calendar_view(request: HttpRequest) -> HttpResponse:
    course = own_course(request.user, audit_action="course.calendar")
    return _ics(_session_events(selectors.course_sessions(course)) if course else [], "my-sessions.ics")


# --- one session -------------------------------------------------------------------------------------------------


def _session_context(request: HttpRequest, session: TherapySession, **forms: Any) -> dict[str, Any]:
    course = session.course
    planned = selectors.planned_session(selectors.session_plan(course), session.number)
    agenda = planned["agenda"] if planned else []
    note = getattr(session, "progress_note", None)
    own_private = selectors.psychotherapy_note_get(session=session, author=request.user)
    note_initial = {"text": note.text, "agenda_done": note.agenda_done,
                    "exercises_practised": note.exercises_practised} if note else {}
    return {
        "session": session, "course": course, "patient": course.patient, "planned": planned,
        "agenda": [display.exercise_title(code) for code in agenda], "note": note,
        "note_agenda": [display.exercise_title(code) for code in note.agenda_done] if note else [],
        "note_practised": [display.exercise_title(code) for code in note.exercises_practised] if note else [],
        "addenda": note.addenda.select_related("author") if note else [],
        "note_form": forms.get("note_form") or ProgressNoteForm(initial=note_initial, agenda=agenda),
        "addendum_form": forms.get("addendum_form") or AddendumForm(),
        "private_form": forms.get("private_form") or PsychotherapyNoteForm(
            initial={"private_text": own_private.text} if own_private else None),
        "own_private": own_private,
        "attendance_form": forms.get("attendance_form") or AttendanceForm(initial={"status": session.status}),
        "reschedule_form": forms.get("reschedule_form") or SessionTimeForm(),
    }


def _session_page(request: HttpRequest, session: TherapySession, *, sign_errors: list[str] | None = None,
                  **forms: Any) -> HttpResponse:
    context = {**_session_context(request, session, **forms), "sign_errors": sign_errors or []}
    return render(request, "courses/session.html", context, status=422 if sign_errors else _status(*forms.values()))


def _back_to_session(session: TherapySession, anchor: str = "") -> HttpResponse:
    return redirect(reverse("courses:session", args=[session.course.patient_id, session.pk]) + anchor)


@login_required
def session_view(request: HttpRequest, patient_id: str, session_id: int) -> HttpResponse:
    session = access_therapy_session(request.user, patient_id, session_id, Action.VIEW,
                                     audit_action="therapy_session.view")
    return _session_page(request, session)


def _session_post(request: HttpRequest, patient_id: str, session_id: int, form_name: str, form: Any,
                  write: Any, done: str, anchor: str) -> HttpResponse:
    """The shape every session form shares: gate, validate, call the service, redirect or show the errors."""
    session = access_therapy_session(request.user, patient_id, session_id, Action.EDIT,
                                     audit_action="therapy_session.edit")
    bound = form(session)
    if bound.is_valid():
        try:
            write(session, bound.cleaned_data)
        except ValidationError as exc:
            add_service_errors(bound, exc)
        else:
            messages.success(request, done)
            return _back_to_session(session, anchor)
    return _session_page(request, session, **{form_name: bound})


@login_required
@require_POST
def session_reschedule_view(request: HttpRequest, patient_id: str, session_id: int) -> HttpResponse:
    return _session_post(
        request, patient_id, session_id, "reschedule_form", lambda s: SessionTimeForm(request.POST),
        lambda s, data: services.session_reschedule(actor=request.user, session=s, day=data["start_date"],  # type: ignore[arg-type]
                                                    at=data["start_time"], zone=_zone(request), now=timezone.now()),
        _("Session moved."), "#when")


@login_required
@require_POST
def session_attendance_view(request: HttpRequest, patient_id: str, session_id: int) -> HttpResponse:
    return _session_post(
        request, patient_id, session_id, "attendance_form", lambda s: AttendanceForm(request.POST),
        lambda s, data: services.session_attendance_record(actor=request.user, session=s, status=data["status"],  # type: ignore[arg-type]
                                                           now=timezone.now()),
        _("Attendance recorded."), "#attendance")


def _agenda_of(session: TherapySession) -> list[str]:
    planned = selectors.planned_session(selectors.session_plan(session.course), session.number)
    return list(planned["agenda"]) if planned else []


@login_required
@require_POST
def note_save_view(request: HttpRequest, patient_id: str, session_id: int) -> HttpResponse:
    return _session_post(
        request, patient_id, session_id, "note_form",
        lambda s: ProgressNoteForm(request.POST, agenda=_agenda_of(s)),
        lambda s, data: services.progress_note_save(actor=request.user, session=s, now=timezone.now(), **data),  # type: ignore[arg-type]
        _("Progress note saved."), "#note")


@login_required
@require_POST
def note_sign_view(request: HttpRequest, patient_id: str, session_id: int) -> HttpResponse:
    session = access_therapy_session(request.user, patient_id, session_id, Action.EDIT,
                                     audit_action="therapy_session.edit")
    note = getattr(session, "progress_note", None)
    try:
        if note is None:
            raise ValidationError(_("Write the progress note before signing it."))
        services.progress_note_sign(actor=request.user, note=note, now=timezone.now())  # type: ignore[arg-type]
    except ValidationError as exc:
        return _session_page(request, session, sign_errors=exc.messages)
    messages.success(request, _("Progress note signed. It is now read only; add an addendum to amend it."))
    return _back_to_session(session, "#note")


@login_required
@require_POST
def note_addendum_view(request: HttpRequest, patient_id: str, session_id: int) -> HttpResponse:
    def write(session: TherapySession, data: dict[str, Any]) -> Any:
        note = getattr(session, "progress_note", None)
        if note is None:
            raise ValidationError({"addendum": _("Addenda are for signed notes: edit the note itself instead.")})
        return services.progress_note_addendum_add(actor=request.user, note=note, text=data["addendum"],  # type: ignore[arg-type]
                                                   now=timezone.now())

    return _session_post(request, patient_id, session_id, "addendum_form", lambda s: AddendumForm(request.POST),
                         write, _("Addendum added."), "#note")


@login_required
@require_POST
def psychotherapy_note_view(request: HttpRequest, patient_id: str, session_id: int) -> HttpResponse:
    return _session_post(
        request, patient_id, session_id, "private_form", lambda s: PsychotherapyNoteForm(request.POST),
        lambda s, data: services.psychotherapy_note_save(actor=request.user, session=s, text=data["private_text"],  # type: ignore[arg-type]
                                                         now=timezone.now()),
        _("Private note saved."), "#private")


# --- the patient's own course ------------------------------------------------------------------------------------


def _mine_context(request: HttpRequest, course: TreatmentCourse | None,
                  sharing_form: FamilySharingForm | None = None) -> dict[str, Any]:
    if course is None:
        return {"overview": None}
    overview = selectors.patient_course(course.patient, now=timezone.now())
    return {
        "overview": overview, "course": course, "steps": display.stage_steps(course.stage),
        "stage_purpose": display.STAGE_FOR_PATIENTS[course.stage],  # type: ignore[index]
        "sharing_form": sharing_form or FamilySharingForm(initial={
            "family_sees_schedule": course.family_sees_schedule, "family_sees_homework": course.family_sees_homework,
            "family_sees_progress": course.family_sees_progress}),
        "has_family": course.format == CourseFormat.FAMILY,
    }


@login_required
def my_course_view(request: HttpRequest) -> HttpResponse:
    course = own_course(request.user, audit_action="course.mine")
    return render(request, "courses/mine.html", _mine_context(request, course))


@login_required
@require_POST
def my_sharing_view(request: HttpRequest) -> HttpResponse:
    course = own_course(request.user, audit_action="family.sharing")
    if course is None or course.format != CourseFormat.FAMILY:
        raise Http404("No family course.")
    form = FamilySharingForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        services.family_sharing_save(actor=request.user, course=course, schedule=data["family_sees_schedule"],  # type: ignore[arg-type]
                                     homework=data["family_sees_homework"], progress=data["family_sees_progress"],
                                     now=timezone.now())
        messages.success(request, _("Saved. Your family sees only what you chose."))
        return redirect(reverse("courses:mine") + "#sharing")
    return render(request, "courses/mine.html", _mine_context(request, course, form), status=422)


# --- family members ----------------------------------------------------------------------------------------------


@login_required
def family_home_view(request: HttpRequest) -> HttpResponse:
    participations = own_family_participations(request.user, audit_action="family.view")
    now = timezone.now()
    views = [selectors.family_view(participant, now=now) for participant in participations]
    rows = [(view, display.STAGE_FOR_PATIENTS[view.stage] if view.stage else "") for view in views]  # type: ignore[index]
    return render(request, "courses/family_home.html", {
        "views": rows, "practice_title": display.FAMILY_PRACTICE_TITLE, "practice": display.FAMILY_PRACTICE})


@login_required
def family_calendar_view(request: HttpRequest) -> HttpResponse:
    participations = own_family_participations(request.user, audit_action="family.calendar")
    sessions = [session for participant in participations if participant.course.family_sees_schedule
                for session in selectors.course_sessions(participant.course)]
    return _ics(_session_events(sessions), "family-sessions.ics")


@require_http_methods(["GET", "POST"])
def family_accept_view(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.family_invitation_find(token, now=timezone.now())
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    participant = invitation.participant
    form = FamilyAcceptForm(request.POST or None, email=participant.email, full_name=participant.full_name)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.family_invitation_accept(invitation=invitation, password=form.cleaned_data["password1"],
                                                     now=timezone.now())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome to Solace. Your account is ready."))
            return redirect("courses:family_home")
    context = {"form": form, "participant": participant, "clinic": participant.course.patient.clinic,
               "patient_given_name": participant.course.patient.given_name}
    return render(request, "courses/family_accept.html", context, status=_status(form if request.method == "POST"
                                                                                  else None))


# --- groups ------------------------------------------------------------------------------------------------------


def _require_clinical(request: HttpRequest) -> None:
    if request.user.role not in CLINICAL_ROLES:  # type: ignore[union-attr]
        raise Http404


@login_required
def group_list_view(request: HttpRequest) -> HttpResponse:
    _require_clinical(request)
    groups = selectors.group_list(user=request.user)  # type: ignore[arg-type]
    return render(request, "courses/groups.html", {"groups": groups})


@login_required
@require_http_methods(["GET", "POST"])
def group_create_view(request: HttpRequest) -> HttpResponse:
    _require_clinical(request)
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.group_create(actor=request.user, now=timezone.now(), **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Group created with its shared plan. Now add its members."))
            return redirect("courses:group", group_id=group.pk)
    return render(request, "courses/group_form.html", {"form": form}, status=_status(form))


def _group_plan_urls(group: TherapyGroup) -> dict[str, Any]:
    return {"settings": reverse("courses:group_plan_settings", args=[group.pk]),
            "page": reverse("courses:group", args=[group.pk]),
            "session": lambda number: reverse("courses:group_plan_session", args=[group.pk, number]),
            "back": reverse("courses:group", args=[group.pk])}


def _group_page(request: HttpRequest, group: TherapyGroup, **forms: Any) -> HttpResponse:
    plan_forms = {key: forms.pop(key) for key in ("settings_form", "session_form") if key in forms}
    editable = group.status in services.OPEN_STATUSES and request.user.pk == group.facilitator_id
    context = _plan_context(group, _version_or_404(group, request), editable=editable, urls=_group_plan_urls(group),
                            **plan_forms)
    members = list(selectors.group_members(group))
    context.update({
        "group": group, "members": members, "can_edit": editable,
        "member_rows": [(course, display.adaptation_labels(selectors.plan_latest(course))) for course in members],
        "sessions": group.sessions.all(), "low": TherapyGroup.MIN_MEMBERS, "high": TherapyGroup.MAX_MEMBERS,
        "member_form": forms.get("member_form") or GroupMemberForm(
            candidates=selectors.group_candidates(user=request.user)),  # type: ignore[arg-type]
        "schedule_form": forms.get("schedule_form") or SessionTimeForm(),
        "activate_errors": forms.get("activate_errors", []),
    })
    status = 422 if context["activate_errors"] else _status(*forms.values(), *plan_forms.values())
    return render(request, "courses/group.html", context, status=status)


def _facilitated_group(request: HttpRequest, group_id: int) -> TherapyGroup:
    """Changes to a group are its facilitator's; supervisors see it read-only (a 404 like any other refusal)."""
    group = access_group(request.user, group_id, Action.EDIT, audit_action="therapy_group.edit")
    if group.facilitator_id != request.user.pk:
        raise Http404
    return group


@login_required
def group_view(request: HttpRequest, group_id: int) -> HttpResponse:
    group = access_group(request.user, group_id, Action.VIEW, audit_action="therapy_group.view")
    return _group_page(request, group)


@login_required
@require_POST
def group_member_add_view(request: HttpRequest, group_id: int) -> HttpResponse:
    group = _facilitated_group(request, group_id)
    form = GroupMemberForm(request.POST, candidates=selectors.group_candidates(user=request.user))  # type: ignore[arg-type]
    if form.is_valid():
        try:
            services.group_member_add(actor=request.user, group=group, patient=form.cleaned_data["patient"],  # type: ignore[arg-type]
                                      now=timezone.now())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Member added."))
            return redirect(reverse("courses:group", args=[group.pk]) + "#members")
    return _group_page(request, group, member_form=form)


@login_required
@require_POST
def group_activate_view(request: HttpRequest, group_id: int) -> HttpResponse:
    group = _facilitated_group(request, group_id)
    try:
        services.group_activate(actor=request.user, group=group, now=timezone.now())  # type: ignore[arg-type]
    except ValidationError as exc:
        return _group_page(request, group, activate_errors=exc.messages)
    messages.success(request, _("The group has started."))
    return redirect("courses:group", group_id=group.pk)


@login_required
@require_POST
def group_schedule_view(request: HttpRequest, group_id: int) -> HttpResponse:
    group = _facilitated_group(request, group_id)
    form = SessionTimeForm(request.POST)
    if form.is_valid():
        try:
            services.group_sessions_schedule(actor=request.user, group=group, first_day=form.cleaned_data["start_date"],  # type: ignore[arg-type]
                                             at=form.cleaned_data["start_time"], zone=_zone(request),
                                             now=timezone.now())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Group sessions scheduled for every member."))
            return redirect(reverse("courses:group", args=[group.pk]) + "#sessions")
    return _group_page(request, group, schedule_form=form)


@login_required
@require_POST
def group_plan_settings_view(request: HttpRequest, group_id: int) -> HttpResponse:
    group = _facilitated_group(request, group_id)
    form = _settings_change(request, group)
    if form.errors:
        return _group_page(request, group, settings_form=form)
    return redirect(reverse("courses:group", args=[group.pk]) + "#plan")


@login_required
@require_POST
def group_plan_session_view(request: HttpRequest, group_id: int, number: int) -> HttpResponse:
    group = _facilitated_group(request, group_id)
    form = _session_edit(request, group, number)
    if form.errors:
        return _group_page(request, group, session_form=form)
    return redirect(reverse("courses:group", args=[group.pk]) + f"#session-{number}")


def _attendance_page(request: HttpRequest, group_session: GroupSession, form: GroupAttendanceForm | None = None,
                     reschedule_form: SessionTimeForm | None = None) -> HttpResponse:
    group = group_session.group
    members = list(selectors.group_session_members(group_session))
    planned = selectors.planned_session(selectors.plan_latest(group), group_session.number)
    agenda = list(planned["agenda"]) if planned else []
    form = form or GroupAttendanceForm(members=members, agenda=agenda,
                                       initial={"agenda_done": group_session.agenda_done})
    context = {"group": group, "group_session": group_session, "form": form, "planned": planned,
               "agenda": [display.exercise_title(code) for code in agenda],
               "reschedule_form": reschedule_form or SessionTimeForm(),
               "can_edit": request.user.pk == group.facilitator_id}
    return render(request, "courses/group_attendance.html", context, status=_status(form, reschedule_form))


@login_required
@require_http_methods(["GET", "POST"])
def group_attendance_view(request: HttpRequest, group_id: int, session_id: int) -> HttpResponse:
    if request.method == "GET":
        group_session = access_group_session(request.user, group_id, session_id, Action.VIEW,
                                             audit_action="group_session.view")
        return _attendance_page(request, group_session)
    _facilitated_group(request, group_id)
    group_session = access_group_session(request.user, group_id, session_id, Action.EDIT,
                                         audit_action="group_session.edit")
    members = list(selectors.group_session_members(group_session))
    planned = selectors.planned_session(selectors.plan_latest(group_session.group), group_session.number)
    form = GroupAttendanceForm(request.POST, members=members, agenda=list(planned["agenda"]) if planned else [])
    if form.is_valid():
        try:
            services.group_attendance_take(actor=request.user, group_session=group_session,  # type: ignore[arg-type]
                                           statuses=form.statuses(), agenda_done=form.cleaned_data["agenda_done"],
                                           now=timezone.now())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Attendance recorded for every member."))
            return redirect(reverse("courses:group", args=[group_id]) + "#sessions")
    return _attendance_page(request, group_session, form)


@login_required
@require_POST
def group_session_reschedule_view(request: HttpRequest, group_id: int, session_id: int) -> HttpResponse:
    _facilitated_group(request, group_id)
    group_session = access_group_session(request.user, group_id, session_id, Action.EDIT,
                                         audit_action="group_session.edit")
    form = SessionTimeForm(request.POST)
    if form.is_valid():
        try:
            services.group_session_reschedule(actor=request.user, group_session=group_session,  # type: ignore[arg-type]
                                              day=form.cleaned_data["start_date"], at=form.cleaned_data["start_time"],
                                              zone=_zone(request), now=timezone.now())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Group session moved for every member."))
            return redirect(reverse("courses:group", args=[group_id]) + "#sessions")
    return _attendance_page(request, group_session, reschedule_form=form)


@login_required
def group_calendar_view(request: HttpRequest, group_id: int) -> HttpResponse:
    group = access_group(request.user, group_id, Action.VIEW, audit_action="therapy_group.calendar")
    events = _session_events(group.sessions.all(), url_for=lambda session: reverse(
        "courses:group_attendance", args=[group.pk, session.pk]))
    return _ics(events, "group-sessions.ics")
