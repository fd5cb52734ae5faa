"""Notes on a session: the progress note, its signing and addenda, and the author's private note."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from solace.accounts.requests import AuthenticatedHttpRequest
from solace.courses import selectors, services
from solace.courses.access import access_therapy_session
from solace.courses.forms import AddendumForm, ProgressNoteForm, PsychotherapyNoteForm
from solace.courses.models import TherapySession
from solace.courses.views.therapy_sessions import _session_page, _session_post, _session_url
from solace.kernel.permissions import Action


def _agenda_of(session: TherapySession) -> list[str]:
    planned = selectors.planned_session(selectors.session_plan(session.course), session.number)
    return list(planned["agenda"]) if planned else []


@login_required
@require_POST
def note_save_view(request: AuthenticatedHttpRequest, patient_id: str, session_id: int) -> HttpResponse:
    return _session_post(
        request, patient_id, session_id, "note_form",
        lambda s: ProgressNoteForm(request.POST, agenda=_agenda_of(s)),
        lambda s, data: services.progress_note_save(actor=request.user, session=s, now=timezone.now(), **data),
        _("Progress note saved."), "#note")


@login_required
@require_POST
def note_sign_view(request: AuthenticatedHttpRequest, patient_id: str, session_id: int) -> HttpResponse:
    session = access_therapy_session(request.user, patient_id, session_id, Action.CLINICAL_WRITE,
                                     audit_action="therapy_session.edit")
    note = getattr(session, "progress_note", None)
    try:
        if note is None:
            raise ValidationError(_("Write the progress note before signing it."))
        services.progress_note_sign(actor=request.user, note=note, now=timezone.now())
    except ValidationError as exc:
        return _session_page(request, session, sign_errors=exc.messages)
    messages.success(request, _("Progress note signed. It is now read only; add an addendum to amend it."))
    return redirect(_session_url(session, "#note"))


@login_required
@require_POST
def note_addendum_view(request: AuthenticatedHttpRequest, patient_id: str, session_id: int) -> HttpResponse:
    def write(session: TherapySession, data: dict[str, Any]) -> Any:
        note = getattr(session, "progress_note", None)
        if note is None:
            raise ValidationError({"addendum": _("Addenda are for signed notes: edit the note itself instead.")})
        return services.progress_note_addendum_add(actor=request.user, note=note, text=data["addendum"],
                                                   now=timezone.now())

    return _session_post(request, patient_id, session_id, "addendum_form", lambda s: AddendumForm(request.POST),
                         write, _("Addendum added."), "#note")


@login_required
@require_POST
def psychotherapy_note_view(request: AuthenticatedHttpRequest, patient_id: str, session_id: int) -> HttpResponse:
    return _session_post(
        request, patient_id, session_id, "private_form", lambda s: PsychotherapyNoteForm(request.POST),
        lambda s, data: services.psychotherapy_note_save(actor=request.user, session=s, text=data["private_text"],
                                                         now=timezone.now()),
        _("Private note saved."), "#private")
