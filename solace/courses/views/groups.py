"""Groups: list, create, one group (members, shared plan and schedule), attendance for everyone at once."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from solace.accounts.requests import AuthenticatedHttpRequest
from solace.audit.access import access_clinic
from solace.courses import display, selectors, services
from solace.courses.access import access_group, access_group_session, groups_in_scope, may_facilitate
from solace.courses.choices import OPEN_COURSE_STATUSES
from solace.courses.forms import GroupAttendanceForm, GroupForm, GroupMemberForm, SessionTimeForm
from solace.courses.models import GroupSession, TherapyGroup
from solace.courses.views._shared import _status, _zone
from solace.courses.views.plans import _plan_context, _session_edit, _settings_change, _version_or_404
from solace.courses.views.therapy_sessions import _ics, _session_events
from solace.kernel.forms import form_post, saved
from solace.kernel.permissions import Action


@login_required
def group_list_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    access_clinic(request.user, Action.GROUP_READ, audit_action="therapy_group.list")
    groups = groups_in_scope(request.user, Action.GROUP_READ)
    return render(request, "courses/groups.html", {"groups": groups})


@login_required
@require_http_methods(["GET", "POST"])
def group_create_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    access_clinic(request.user, Action.GROUP_CREATE, audit_action="therapy_group.create")
    return form_post(
        GroupForm(request.POST or None),
        save=lambda data: services.group_create(actor=request.user, now=timezone.now(), **data),
        success=saved(request, _("Group created with its shared plan. Now add its members."),
                      lambda group: reverse("courses:group", args=[group.pk])),
        page=lambda form: render(request, "courses/group_form.html", {"form": form}))


def _group_url(group_id: int, anchor: str = "") -> str:
    return reverse("courses:group", args=[group_id]) + anchor


def _group_plan_urls(group: TherapyGroup) -> dict[str, Any]:
    return {"settings": reverse("courses:group_plan_settings", args=[group.pk]),
            "page": reverse("courses:group", args=[group.pk]),
            "session": lambda number: reverse("courses:group_plan_session", args=[group.pk, number]),
            "back": reverse("courses:group", args=[group.pk])}


def _group_page(request: AuthenticatedHttpRequest, group: TherapyGroup, **forms: Any) -> HttpResponse:
    plan_forms = {key: forms.pop(key) for key in ("settings_form", "session_form") if key in forms}
    editable = group.status in OPEN_COURSE_STATUSES and may_facilitate(request.user, group)
    context = _plan_context(group, _version_or_404(group, request), editable=editable, urls=_group_plan_urls(group),
                            **plan_forms)
    members = list(selectors.group_members(group))
    context.update({
        "group": group, "members": members, "can_edit": editable,
        "member_rows": [(course, display.adaptation_labels(selectors.plan_latest(course))) for course in members],
        "sessions": group.sessions.all(), "low": TherapyGroup.MIN_MEMBERS, "high": TherapyGroup.MAX_MEMBERS,
        "member_form": forms.get("member_form") or GroupMemberForm(
            candidates=selectors.group_candidates(user=request.user)),
        "schedule_form": forms.get("schedule_form") or SessionTimeForm(),
        "activate_errors": forms.get("activate_errors", []),
    })
    status = 422 if context["activate_errors"] else _status(*forms.values(), *plan_forms.values())
    return render(request, "courses/group.html", context, status=status)


def _facilitated_group(request: AuthenticatedHttpRequest, group_id: int) -> TherapyGroup:
    """Changes to a group are its facilitator's; supervisors see it read-only (a 404 like any other refusal)."""
    return access_group(request.user, group_id, Action.GROUP_FACILITATE, audit_action="therapy_group.edit")


@login_required
def group_view(request: AuthenticatedHttpRequest, group_id: int) -> HttpResponse:
    group = access_group(request.user, group_id, Action.GROUP_READ, audit_action="therapy_group.view")
    return _group_page(request, group)


@login_required
@require_POST
def group_member_add_view(request: AuthenticatedHttpRequest, group_id: int) -> HttpResponse:
    group = _facilitated_group(request, group_id)
    return form_post(
        GroupMemberForm(request.POST, candidates=selectors.group_candidates(user=request.user)),
        save=lambda data: services.group_member_add(actor=request.user, group=group, patient=data["patient"],
                                                    now=timezone.now()),
        success=saved(request, _("Member added."), _group_url(group.pk, "#members")),
        page=lambda form: _group_page(request, group, member_form=form))


@login_required
@require_POST
def group_activate_view(request: AuthenticatedHttpRequest, group_id: int) -> HttpResponse:
    group = _facilitated_group(request, group_id)
    try:
        services.group_activate(actor=request.user, group=group, now=timezone.now())
    except ValidationError as exc:
        return _group_page(request, group, activate_errors=exc.messages)
    messages.success(request, _("The group has started."))
    return redirect("courses:group", group_id=group.pk)


@login_required
@require_POST
def group_schedule_view(request: AuthenticatedHttpRequest, group_id: int) -> HttpResponse:
    group = _facilitated_group(request, group_id)
    return form_post(
        SessionTimeForm(request.POST),
        save=lambda data: services.group_sessions_schedule(
            actor=request.user, group=group, first_day=data["start_date"], at=data["start_time"], zone=_zone(request),
            now=timezone.now()),
        success=saved(request, _("Group sessions scheduled for every member."), _group_url(group.pk, "#sessions")),
        page=lambda form: _group_page(request, group, schedule_form=form))


@login_required
@require_POST
def group_plan_settings_view(request: AuthenticatedHttpRequest, group_id: int) -> HttpResponse:
    group = _facilitated_group(request, group_id)
    return _settings_change(request, group, to=_group_url(group.pk, "#plan"),
                            page=lambda form: _group_page(request, group, settings_form=form))


@login_required
@require_POST
def group_plan_session_view(request: AuthenticatedHttpRequest, group_id: int, number: int) -> HttpResponse:
    group = _facilitated_group(request, group_id)
    return _session_edit(request, group, number, to=_group_url(group.pk, f"#session-{number}"),
                         page=lambda form: _group_page(request, group, session_form=form))


def _attendance_page(request: AuthenticatedHttpRequest, group_session: GroupSession,
                     form: GroupAttendanceForm | None = None,
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
               "can_edit": may_facilitate(request.user, group)}
    return render(request, "courses/group_attendance.html", context, status=_status(form, reschedule_form))


@login_required
@require_http_methods(["GET", "POST"])
def group_attendance_view(request: AuthenticatedHttpRequest, group_id: int, session_id: int) -> HttpResponse:
    if request.method == "GET":
        group_session = access_group_session(request.user, group_id, session_id, Action.GROUP_READ,
                                             audit_action="group_session.view")
        return _attendance_page(request, group_session)
    _facilitated_group(request, group_id)
    group_session = access_group_session(request.user, group_id, session_id, Action.GROUP_FACILITATE,
                                         audit_action="group_session.edit")
    members = list(selectors.group_session_members(group_session))
    planned = selectors.planned_session(selectors.plan_latest(group_session.group), group_session.number)
    form = GroupAttendanceForm(request.POST, members=members, agenda=list(planned["agenda"]) if planned else [])
    return form_post(
        form,
        save=lambda data: services.group_attendance_take(actor=request.user, group_session=group_session,
                                                         statuses=form.statuses(), agenda_done=data["agenda_done"],
                                                         now=timezone.now()),
        success=saved(request, _("Attendance recorded for every member."), _group_url(group_id, "#sessions")),
        page=lambda form: _attendance_page(request, group_session, form))


@login_required
@require_POST
def group_session_reschedule_view(request: AuthenticatedHttpRequest, group_id: int, session_id: int) -> HttpResponse:
    _facilitated_group(request, group_id)
    group_session = access_group_session(request.user, group_id, session_id, Action.GROUP_FACILITATE,
                                         audit_action="group_session.edit")
    return form_post(
        SessionTimeForm(request.POST),
        save=lambda data: services.group_session_reschedule(actor=request.user, group_session=group_session,
                                                            day=data["start_date"], at=data["start_time"],
                                                            zone=_zone(request), now=timezone.now()),
        success=saved(request, _("Group session moved for every member."), _group_url(group_id, "#sessions")),
        page=lambda form: _attendance_page(request, group_session, reschedule_form=form))


@login_required
def group_calendar_view(request: AuthenticatedHttpRequest, group_id: int) -> HttpResponse:
    group = access_group(request.user, group_id, Action.GROUP_READ, audit_action="therapy_group.calendar")
    events = _session_events(group.sessions.all(), url_for=lambda session: reverse(
        "courses:group_attendance", args=[group.pk, session.pk]))
    return _ics(events, "group-sessions.ics")
