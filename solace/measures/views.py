"""Pages of measurement-based care.

Patients: their questionnaires (`mine`), one page per questionnaire (`complete`, with save-and-resume), the
acknowledgement (`response`) and their own charts (`instrument`). Clinicians: a patient's measures (summary,
what is due, the schedule), one instrument's trajectory, one response. Clinic administrators: item wording.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from solace.accounts.requests import AuthenticatedHttpRequest
from solace.alerts.models import SafetyEvent
from solace.audit.access import access_clinic
from solace.domain.instruments import Instrument, Item, UnknownInstrument, get_instrument, instrument_list
from solace.domain.instruments.answers import parse_answer
from solace.domain.instruments.errors import AnswerError
from solace.kernel.forms import add_service_errors
from solace.kernel.permissions import Action, user_may
from solace.measures import display, selectors, services
from solace.measures.access import access_measure_response
from solace.measures.charts import Chart, trajectory_chart
from solace.measures.forms import AssignmentForm, ItemWordingForm
from solace.patients.access import access_patient, own_patient
from solace.patients.models import Patient


def _instrument_or_404(code: str) -> Instrument:
    try:
        return get_instrument(code)
    except UnknownInstrument:
        raise Http404("No such questionnaire.") from None


# --- the questionnaire form --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    item: Item
    text: str | None
    options: list[dict[str, Any]]
    error: str

    @property
    def answered(self) -> bool:
        return any(option["checked"] for option in self.options)


def _questions(instrument: Instrument, answers: dict[str, Any], errors: dict[str, str],
               wording: dict[str, str]) -> list[Question]:
    questions = []
    for item in instrument.items:
        selected = answers.get(item.code)
        options = [{"value": option.value, "label": option.label, "checked": str(option.value) == str(selected),
                    "id": f"{item.code}-{option.value}"} for option in item.options]
        questions.append(Question(item=item, text=item.text or wording.get(item.code), options=options,
                                  error=errors.get(item.code, "")))
    return questions


def _answered_count(instrument: Instrument, raw: dict[str, Any]) -> int:
    count = 0
    for item in instrument.items:
        try:
            count += parse_answer(item, raw.get(item.code)) is not None
        except AnswerError:
            continue
    return count


def _assigned_instrument(patient: Patient, code: str) -> Instrument:
    """Patients answer only what their clinician assigned; anything else is a missing page."""
    instrument = _instrument_or_404(code)
    if instrument.code not in selectors.assigned_instrument_codes(patient=patient):
        raise Http404("This questionnaire is not assigned to you.")
    return instrument


@login_required
def my_measures_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    patient = own_patient(request.user, Action.OWN_READ, audit_action="measures.mine")
    now = timezone.now()
    results = [_patient_summary(result) for result in selectors.results_by_instrument(patient=patient)]
    context = {"patient": patient, "due": selectors.due_list(patient=patient, now=now), "results": results}
    return render(request, "measures/mine.html", context)


def _patient_summary(result: selectors.InstrumentResults) -> dict[str, Any]:
    return {
        "instrument": result.instrument,
        "latest": result.latest,
        "sentence": display.patient_change_sentence(result.instrument, result.change, result.baseline.score_total,
                                                    result.latest.score_total),
    }


@login_required
@require_http_methods(["GET", "POST"])
def complete_view(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    patient = own_patient(request.user, Action.OWN_WRITE, audit_action="measure_response.open")
    instrument = _assigned_instrument(patient, code)
    draft = selectors.draft_get(patient=patient, instrument=instrument)
    answers: dict[str, Any] = dict(draft.answers) if draft else {}
    errors: dict[str, str] = {}
    if request.method == "POST":
        raw = {item.code: request.POST.get(item.code) for item in instrument.items}
        saving = request.POST.get("action") == "save"
        service = services.response_draft_save if saving else services.response_submit
        try:
            response = service(actor=request.user, patient=patient, instrument_code=instrument.code,
                               answers=raw, now=timezone.now())
        except ValidationError as exc:
            errors = {key: messages_[0] for key, messages_ in exc.message_dict.items()}
            answers = {key: value for key, value in raw.items() if value}
        else:
            if saving:
                messages.success(request, _("Saved. You can finish it later from your home page."))
                return redirect("site:home")
            return redirect("measures:response", patient_id=patient.pk, response_id=response.pk)
    context = _form_context(patient, instrument, answers, errors, resumed=draft is not None)
    return render(request, "measures/complete.html", context)


def _form_context(patient: Patient, instrument: Instrument, answers: dict[str, Any], errors: dict[str, str],
                  *, resumed: bool) -> dict[str, Any]:
    wording = selectors.clinic_wording(clinic_id=patient.clinic_id, instrument=instrument)
    questions = _questions(instrument, answers, errors, wording)
    return {
        "patient": patient, "instrument": instrument, "questions": questions, "errors": errors,
        "answered": _answered_count(instrument, answers), "total_items": len(instrument.items),
        "resumed": resumed and not errors,
        "wording_missing": not instrument.licence.wording_reproducible and len(wording) < len(instrument.items),
    }


@login_required
@require_POST
def progress_view(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """htmx: "3 of 9 answered" for what is ticked now. Reads only the posted form; nothing is saved."""
    if not user_may(request.user, Action.OWN_WRITE):  # reads only the posted form: nothing to audit
        raise Http404
    instrument = _instrument_or_404(code)
    raw = {item.code: request.POST.get(item.code) for item in instrument.items}
    context = {"answered": _answered_count(instrument, raw), "total_items": len(instrument.items)}
    return render(request, "measures/partials/_progress.html", context)


# --- a response --------------------------------------------------------------------------------------------------


@login_required
def response_view(request: AuthenticatedHttpRequest, patient_id: str, response_id: str) -> HttpResponse:
    """The patient's acknowledgement (with crisis resources after a critical answer), or the clinician's view."""
    response = access_measure_response(request.user, response_id, Action.READ, patient_id=patient_id)
    instrument = get_instrument(response.instrument_code)
    patient = response.patient
    if patient.user_id == request.user.pk:  # the patient reading their own answers
        context = {"response": response, "instrument": instrument, "patient": patient,
                   "critical": bool(response.critical_items), "clinic": patient.clinic}
        return render(request, "measures/acknowledgement.html", context)
    wording = selectors.clinic_wording(clinic_id=patient.clinic_id, instrument=instrument)
    context = {
        "response": response, "instrument": instrument, "patient": patient,
        "rows": [{"item": item, "text": item.text or wording.get(item.code), "answer": response.answers.get(item.code),
                  "critical": item.code in response.critical_items} for item in instrument.items],
        "band_label": display.band_label(instrument, response.band),
        "safety_events": SafetyEvent.objects.filter(source_type="measure_response", source_id=str(response.pk)),
        "revisions": response.score_revisions.all(),
    }
    return render(request, "measures/response_detail.html", context)


# --- clinicians: a patient's measures ----------------------------------------------------------------------------


def _summary_row(result: selectors.InstrumentResults) -> dict[str, Any]:
    change = result.change
    latest = result.latest
    return {
        "instrument": result.instrument, "count": len(result.responses), "baseline": result.baseline,
        "latest": latest, "latest_band": display.band_label(result.instrument, latest.band),
        "change": change, "category": display.category_name(change) if latest.score_total is not None else "",
        "subscales": [(s.title, display.shown(latest.score.get("subscales", {}).get(s.code)))  # type: ignore[union-attr]
                      for s in result.instrument.subscales] if latest.score_total is None else [],
    }


def _schedule_context(patient: Patient, form: AssignmentForm | None = None) -> dict[str, Any]:
    assignments = list(selectors.assignment_list(patient=patient))
    titles = {instrument.code: instrument.title for instrument in instrument_list()}
    return {
        "patient": patient, "course": selectors.current_episode(patient), "assignment_form": form or AssignmentForm(),
        "assignments": [{"assignment": a, "title": titles.get(a.instrument_code, a.instrument_code),
                         "milestones": ", ".join(display.milestone_name(m) for m in a.milestones)}
                        for a in assignments],
        "without_wording": selectors.default_schedule_without_wording(clinic_id=patient.clinic_id),
    }


@login_required
def patient_measures_view(request: AuthenticatedHttpRequest, patient_id: str) -> HttpResponse:
    patient = access_patient(request.user, patient_id, Action.CLINICAL_READ, audit_action="measures.view")
    return _patient_measures_page(request, patient)


def _patient_measures_page(request: AuthenticatedHttpRequest, patient: Patient,
                           form: AssignmentForm | None = None) -> HttpResponse:
    results = selectors.results_by_instrument(patient=patient)
    context = {
        **_schedule_context(patient, form),
        "rows": [_summary_row(result) for result in results],
        "due": [(item, display.occasion_label(item.due.occasion))
                for item in selectors.due_list(patient=patient, now=timezone.now())],
    }
    return render(request, "measures/patient_measures.html", context)


def _schedule_response(request: AuthenticatedHttpRequest, patient: Patient, form: AssignmentForm | None = None, *,
                       notice: str = "", problem: bool = False) -> HttpResponse:
    """htmx swaps the schedule section (422 with the errors); without htmx, the page again or a redirect to it."""
    if request.htmx:
        status = 422 if form is not None and form.errors else 200
        context = {**_schedule_context(patient, form), "notice": notice, "problem": problem}
        return render(request, "measures/partials/_schedule.html", context, status=status)
    if form is not None and form.errors:
        return _patient_measures_page(request, patient, form)
    if notice:
        (messages.error if problem else messages.success)(request, notice)
    return redirect(reverse("measures:patient", args=[patient.pk]) + "#schedule")


@login_required
@require_POST
def schedule_defaults_view(request: AuthenticatedHttpRequest, patient_id: str) -> HttpResponse:
    patient = access_patient(request.user, patient_id, Action.CLINICAL_WRITE, audit_action="measure_schedule.edit")
    episode = selectors.current_episode(patient)
    if episode is None:
        notice = _("This patient has no treatment course yet, so there is no default schedule.")
        return _schedule_response(request, patient, notice=notice, problem=True)
    created = services.schedule_defaults_apply(actor=request.user, patient=patient, course_id=episode.course_id)
    notice = (_("Added %(count)s questionnaires to the schedule.") % {"count": len(created)} if created
              else _("The default schedule was already in place."))
    missing = selectors.default_schedule_without_wording(clinic_id=patient.clinic_id)
    if missing:
        notice = _("%(notice)s Not assigned, because the clinic has not supplied their wording: %(titles)s.") % {
            "notice": notice, "titles": ", ".join(i.title for i in missing)}
    return _schedule_response(request, patient, notice=notice)


@login_required
@require_POST
def assignment_add_view(request: AuthenticatedHttpRequest, patient_id: str) -> HttpResponse:
    patient = access_patient(request.user, patient_id, Action.CLINICAL_WRITE, audit_action="measure_schedule.edit")
    form = AssignmentForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.assignment_add(actor=request.user, patient=patient, instrument_code=data["instrument_code"],
                                    cadence=data["cadence"], interval_weeks=data["interval_weeks"],
                                    milestones=data["milestones"], now=timezone.now())
        except ValidationError as exc:
            add_service_errors(form, exc)
    if form.errors:
        return _schedule_response(request, patient, form)
    return _schedule_response(request, patient)


@login_required
@require_POST
def assignment_remove_view(request: AuthenticatedHttpRequest, patient_id: str, assignment_id: int) -> HttpResponse:
    patient = access_patient(request.user, patient_id, Action.CLINICAL_WRITE, audit_action="measure_schedule.edit")
    assignment = patient.measure_assignments.filter(pk=assignment_id).first()
    if assignment is None:
        raise Http404
    services.assignment_remove(actor=request.user, assignment=assignment, now=timezone.now())
    return _schedule_response(request, patient)


# --- one instrument's trajectory ---------------------------------------------------------------------------------


def _when(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "j M Y")


def _charts(result: selectors.InstrumentResults) -> list[Chart]:
    instrument = result.instrument
    responses = [r for r in result.responses if r.submitted_at is not None]

    def chart(key: str, series_title: str, value_range: Any, values: list[Any], with_bands: bool) -> Chart:
        series = [(r.submitted_at, value) for r, value in zip(responses, values, strict=True) if value is not None]
        return trajectory_chart(
            key=key, instrument=instrument, title=f"{instrument.title}: {series_title}", value_range=value_range,
            series=series, label_for=_when, with_bands=with_bands,  # type: ignore[arg-type]
            band_name=lambda band: display.band_label(instrument, band.code),
            describe=lambda points: display.chart_description(instrument.title, series_title, points),
        )

    if instrument.total_range is not None:
        return [chart("total", _("total score"), instrument.total_range, [r.score_total for r in responses], True)]
    return [
        chart(subscale.code, subscale.title, instrument.subscale_range(subscale.code),
              [(r.score or {}).get("subscales", {}).get(subscale.code) for r in responses], False)
        for subscale in instrument.subscales
    ]


@login_required
def instrument_results_view(request: AuthenticatedHttpRequest, patient_id: str, code: str) -> HttpResponse:
    patient = access_patient(request.user, patient_id, Action.READ, audit_action="measures.results")
    instrument = _instrument_or_404(code)
    result = selectors.results_for(patient=patient, instrument=instrument)
    is_patient = patient.user_id == request.user.pk  # the patient reading their own results
    context: dict[str, Any] = {"patient": patient, "instrument": instrument, "result": result,
                               "is_patient": is_patient, "charts": _charts(result) if result else []}
    if result is not None:
        context["change"] = result.change
        context["sentence"] = display.patient_change_sentence(
            instrument, result.change, result.baseline.score_total, result.latest.score_total)
        context["category"] = display.category_name(result.change)
        context["criterion"] = display.criterion_name(result.change)
        context["significance"] = display.significance_name(result.change)
        context["bands_note"] = display.bands_note(instrument)
    return render(request, "measures/instrument_results.html", context)


# --- clinic administrators: licensed wording ---------------------------------------------------------------------


def _wording_instruments() -> list[Instrument]:
    return [i for i in instrument_list() if not i.licence.wording_reproducible]


@login_required
def wording_list_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    clinic_id = access_clinic(request.user, Action.WORDING_MANAGE, audit_action="wording.view").pk
    rows = [(i, len(selectors.clinic_wording(clinic_id=clinic_id, instrument=i))) for i in _wording_instruments()]
    missing = selectors.default_schedule_without_wording(clinic_id=clinic_id)
    return render(request, "measures/wording_list.html", {"rows": rows, "without_wording": missing,
                                                          "missing_codes": {i.code for i in missing}})


@login_required
@require_http_methods(["GET", "POST"])
def wording_edit_view(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    clinic_id = access_clinic(request.user, Action.WORDING_MANAGE, audit_action="wording.edit").pk
    instrument = _instrument_or_404(code)
    if instrument.licence.wording_reproducible:
        raise Http404
    current = selectors.clinic_wording(clinic_id=clinic_id, instrument=instrument)
    form = ItemWordingForm(request.POST or None, instrument=instrument, initial_texts=current)
    if request.method == "POST" and form.is_valid():
        count = services.clinic_wording_save(actor=request.user, instrument_code=instrument.code,
                                             texts=form.cleaned_data, now=timezone.now())
        messages.success(request, _("Saved the wording of %(count)s items.") % {"count": count})
        return redirect("measures:wording_list")
    context = {"instrument": instrument, "form": form, "licence_text": display.without_tags(instrument.licence.text)}
    return render(request, "measures/wording_edit.html", context)
