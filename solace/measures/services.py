"""Writes for measurement-based care: schedules, drafts, submissions (with their safety events), re-scoring and a
clinic's licensed item wording. Scoring itself is always the domain's (`solace.domain.instruments`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from solace.accounts.models import User
from solace.alerts.models import SafetyEvent
from solace.alerts.selectors import phq9_item9_urgent_from
from solace.alerts.services import safety_event_raise
from solace.audit.services import audit_record
from solace.domain.instruments import AnswerError, Instrument, UnknownInstrument, get_instrument, score_items
from solace.domain.instruments.answers import parse_answer, skipped_item_codes
from solace.domain.instruments.triage import triage
from solace.domain.monitoring.schedule import DEFAULT_COURSE_SCHEDULE, ScheduleError, ScheduleRule
from solace.domain.monitoring.schedule import Cadence as DomainCadence
from solace.domain.monitoring.schedule import Milestone as DomainMilestone
from solace.measures.choices import Cadence, Milestone, ResponseOrigin, ResponseStatus
from solace.measures.models import ClinicItemWording, MeasureAssignment, MeasureResponse, ScoreRevision
from solace.measures.selectors import current_episode, wording_complete
from solace.patients.models import Patient


def instrument_or_error(code: str, *, field_name: str = "instrument_code") -> Instrument:
    try:
        return get_instrument(code)
    except UnknownInstrument:
        raise ValidationError({field_name: _("Unknown questionnaire %(code)s.") % {"code": code}}) from None


# --- schedules ---------------------------------------------------------------------------------------------------


def _schedule_rule(instrument: Instrument, cadence: str, interval_weeks: int | None,
                   milestones: Iterable[str], now: datetime) -> ScheduleRule:
    """Check the rule with the domain, so the web form, the API and the defaults accept exactly the same rules."""
    milestones = tuple(milestones)
    if cadence not in Cadence.values:
        raise ValidationError({"cadence": _("Choose how often the questionnaire is asked for.")})
    if any(milestone not in Milestone.values for milestone in milestones):
        raise ValidationError({"milestones": _("Choose milestones from the list.")})
    try:
        return ScheduleRule(key="new", instrument=instrument.code, cadence=DomainCadence(cadence), assigned_at=now,
                            interval_weeks=interval_weeks,
                            milestones=tuple(DomainMilestone(m) for m in milestones))
    except ScheduleError as exc:
        if cadence == Cadence.EVERY_N_WEEKS or interval_weeks is not None:
            raise ValidationError({"interval_weeks": _(
                "Give a number of weeks (1 or more) for 'every few weeks', and only for that.")}) from exc
        raise ValidationError({"milestones": _(
            "Choose at least one milestone for 'at course milestones', and only for that.")}) from exc


def assignment_add(
    *, actor: User, patient: Patient, instrument_code: str, cadence: str, now: datetime,
    interval_weeks: int | None = None, milestones: Iterable[str] = (),
) -> MeasureAssignment:
    """Assign one instrument to a patient. One active assignment per instrument and cadence."""
    instrument = instrument_or_error(instrument_code)
    if not wording_complete(clinic_id=patient.clinic_id, instrument=instrument):
        raise ValidationError({"instrument_code": _(
            "%(title)s cannot be assigned yet: Solace may not ship its wording and this clinic has not supplied "
            "the wording of every item, so the patient could not read it. A clinic administrator can add it "
            "under Questionnaire wording.") % {"title": instrument.title}})
    rule = _schedule_rule(instrument, cadence, interval_weeks, milestones, now)
    episode = current_episode(patient)
    if episode is None and cadence in (Cadence.EVERY_SESSION, Cadence.MILESTONES):
        raise ValidationError({"cadence": _("Sessions and milestones need a treatment course; this patient has "
                                            "none yet. Choose 'once' or 'every few weeks'.")})
    duplicate = ValidationError({"instrument_code": _("%(title)s is already assigned %(cadence)s.") % {
        "title": instrument.title, "cadence": str(Cadence(cadence).label).lower()}})
    try:
        with transaction.atomic():
            if MeasureAssignment.objects.filter(patient=patient, instrument_code=instrument.code, cadence=cadence,
                                                removed_at__isnull=True).exists():
                raise duplicate
            assignment = MeasureAssignment.objects.create(
                patient=patient, course_id=episode.course_id if episode else None, instrument_code=instrument.code,
                cadence=cadence,
                interval_weeks=rule.interval_weeks, milestones=[str(m) for m in rule.milestones], created_at=now,
                created_by=actor,
            )
            audit_record(actor=actor, action="measure_assignment.add", object_type="measure_assignment",
                         object_id=assignment.pk, patient_id=patient.pk, clinic_id=patient.clinic_id,
                         detail={"instrument": instrument.code, "cadence": cadence})
    except IntegrityError as exc:  # the same assignment added at the same moment by someone else
        raise duplicate from exc
    return assignment


def assignment_remove(*, actor: User, assignment: MeasureAssignment, now: datetime) -> MeasureAssignment:
    """End an assignment (kept, with who ended it and when). Ending an ended one changes nothing."""
    if assignment.removed_at is not None:
        return assignment
    with transaction.atomic():
        assignment.removed_at, assignment.removed_by = now, actor
        assignment.save(update_fields=["removed_at", "removed_by"])
        audit_record(actor=actor, action="measure_assignment.remove", object_type="measure_assignment",
                     object_id=assignment.pk, patient_id=assignment.patient_id,
                     detail={"instrument": assignment.instrument_code, "cadence": assignment.cadence})
    return assignment


def schedule_defaults_apply(*, actor: User, patient: Patient, course_id: int,
                            now: datetime | None = None) -> list[MeasureAssignment]:
    """Assign the default measures of a treatment course (DEFAULT_COURSE_SCHEDULE in the domain). Rules the
    patient already has (same instrument and cadence) are left as they are; an instrument whose wording the
    clinic has not supplied is skipped, and the audit entry records why (`skipped`). Returns the assignments
    created."""
    now = now or timezone.now()
    created = []
    skipped: dict[str, str] = {}
    with transaction.atomic():
        active = set(
            MeasureAssignment.objects.select_for_update()
            .filter(patient=patient, removed_at__isnull=True)
            .values_list("instrument_code", "cadence")
        )
        for template in DEFAULT_COURSE_SCHEDULE:
            if (template.instrument, template.cadence.value) in active:
                continue
            if not wording_complete(clinic_id=patient.clinic_id, instrument=get_instrument(template.instrument)):
                skipped[template.instrument] = "no_clinic_wording"
                continue
            created.append(MeasureAssignment.objects.create(
                patient=patient, course_id=course_id, instrument_code=template.instrument,
                cadence=template.cadence.value,
                interval_weeks=template.interval_weeks, milestones=[m.value for m in template.milestones],
                created_at=now, created_by=actor,
            ))
        audit_record(actor=actor, action="measure_schedule.apply_defaults", object_type="treatment_course",
                     object_id=course_id, patient_id=patient.pk, clinic_id=patient.clinic_id,
                     detail={"created": [a.instrument_code for a in created], "skipped": skipped})
    return created


# --- answering ---------------------------------------------------------------------------------------------------


def _item_label(instrument: Instrument, item_code: str | None) -> str:
    if item_code and item_code in instrument.item_codes:
        return _("Item %(number)s") % {"number": instrument.item(item_code).shown_number}
    return _("Answers")


def answers_parse(instrument: Instrument, raw: Mapping[str, object]) -> dict[str, int | None]:
    """Every item's answer as a whole number or None, reading only this instrument's item codes. Every bad value
    is reported at once, keyed by item code, with a message naming the item."""
    errors: dict[str, str] = {}
    parsed: dict[str, int | None] = {}
    for item in instrument.items:
        try:
            parsed[item.code] = parse_answer(item, raw.get(item.code))
        except AnswerError:
            errors[item.code] = _("%(item)s: choose one of the answers shown.") % {
                "item": _item_label(instrument, item.code)}
    if errors:
        raise ValidationError(errors)
    return parsed


def unanswered_required(instrument: Instrument, answers: Mapping[str, int | None]) -> list[str]:
    """Item codes still to answer before sending: every item that is asked (skip rules aside) when the
    instrument scores only complete forms. Instruments that tolerate missing items leave it to the domain."""
    if instrument.missing_items.max_imputed_items:
        return []
    skipped = skipped_item_codes(instrument, answers)
    return [item.code for item in instrument.items if answers.get(item.code) is None and item.code not in skipped]


def _draft_for_update(patient: Patient, instrument: Instrument) -> MeasureResponse | None:
    return (
        MeasureResponse.objects.select_for_update()
        .filter(patient=patient, instrument_code=instrument.code, status=ResponseStatus.DRAFT)
        .first()
    )


def response_draft_save(*, actor: User, patient: Patient, instrument_code: str, answers: Mapping[str, object],
                        now: datetime) -> MeasureResponse:
    """Save a half-finished questionnaire to resume later (one draft per patient and instrument)."""
    instrument = instrument_or_error(instrument_code)
    parsed = answers_parse(instrument, answers)
    with transaction.atomic():
        draft = _draft_for_update(patient, instrument) or MeasureResponse(
            patient=patient, instrument_code=instrument.code, started_at=now, entered_by=actor)
        draft.answers = {code: value for code, value in parsed.items() if value is not None}
        draft.instrument_version, draft.updated_at, draft.entered_by = instrument.version, now, actor
        draft.save()
        audit_record(actor=actor, action="measure_response.save_draft", object_type="measure_response",
                     object_id=draft.pk, patient_id=patient.pk, clinic_id=patient.clinic_id,
                     detail={"instrument": instrument.code, "answered": len(draft.answers)})
    return draft


def response_submit(*, actor: User, patient: Patient, instrument_code: str, answers: Mapping[str, object],
                    now: datetime, origin: str = ResponseOrigin.QUESTIONNAIRE) -> MeasureResponse:
    """Score and store a completed questionnaire; a critical answer raises a SafetyEvent in the same transaction.

    Answers entered at a screening intake (`origin`) are a response of their own: the patient's draft stays theirs.
    Raises ValidationError keyed by item code (nothing saved) when an answer is missing or not allowed.
    """
    instrument = instrument_or_error(instrument_code)
    parsed = answers_parse(instrument, answers)
    missing = unanswered_required(instrument, parsed)
    if missing:
        raise ValidationError({code: _("%(item)s: please choose an answer.") % {
            "item": _item_label(instrument, code)} for code in missing})
    try:
        result = score_items(instrument, parsed)
    except AnswerError as exc:
        raise ValidationError({exc.item_code or "answers": f"{_item_label(instrument, exc.item_code)}: "
                                                           f"{exc.message}"}) from exc
    with transaction.atomic():
        draft = _draft_for_update(patient, instrument) if origin == ResponseOrigin.QUESTIONNAIRE else None
        response = draft or MeasureResponse(patient=patient, instrument_code=instrument.code, started_at=now)
        score = result.to_dict()
        response.answers = dict(result.answers)
        response.instrument_version, response.scoring_version = result.version, result.scoring_version
        response.status, response.score, response.band = ResponseStatus.SUBMITTED, score, result.band or ""
        response.total = float(result.total) if result.total is not None else None
        response.updated_at = response.submitted_at = now
        response.entered_by, response.origin = actor, origin
        response.save()
        if result.critical_items:
            _safety_events_raise(actor=actor, response=response, answers=result.answers, now=now)
        audit_record(actor=actor, action="measure_response.submit", object_type="measure_response",
                     object_id=response.pk, patient_id=patient.pk, clinic_id=patient.clinic_id,
                     detail={"instrument": instrument.code, "version": result.version, "origin": origin,
                             "scoring_version": result.scoring_version,
                             "critical_items": list(result.critical_items)})
    return response


def _safety_events_raise(*, actor: User, response: MeasureResponse, answers: Mapping[str, int | None],
                         now: datetime) -> list[SafetyEvent]:
    """One event per finding of the triage (`domain.instruments.triage`: kind and severity, with the clinic's
    PHQ-9 item 9 setting), each with its deliveries and audit entry (solace.alerts), most severe first."""
    findings = triage(response.instrument_code, answers,
                      phq9_urgent_from=phq9_item9_urgent_from(response.patient.clinic_id))
    return [
        safety_event_raise(
            actor=actor, patient=response.patient, kind=finding.kind.value, severity=finding.severity.value,
            severity_basis=finding.basis.value, source_type="measure_response", source_id=str(response.pk),
            reason=f"{response.instrument_code}:{','.join(finding.reasons)}", now=now,
        )
        for finding in findings
    ]


# --- re-scoring --------------------------------------------------------------------------------------------------


@dataclass
class RescoreReport:
    instrument: str
    scoring_version: str
    checked: int = 0
    changed: list[str] = field(default_factory=list)
    skipped_other_version: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)

    @property
    def unchanged(self) -> int:
        return self.checked - len(self.changed) - len(self.skipped_other_version) - len(self.failed)

    def to_dict(self) -> dict[str, Any]:
        return {"instrument": self.instrument, "scoring_version": self.scoring_version, "checked": self.checked,
                "changed": len(self.changed), "unchanged": self.unchanged,
                "skipped_other_version": len(self.skipped_other_version), "failed": len(self.failed),
                "changed_ids": self.changed, "failed_ids": self.failed}


def responses_rescore(*, instrument_code: str, now: datetime, actor: User | None = None,
                      dry_run: bool = False) -> RescoreReport:
    """Score every submitted response of an instrument again with the current scoring. A changed score replaces
    the stored one, and the old score is kept as a ScoreRevision and in the audit trail. Responses to another
    form version of the instrument are skipped: their answers belong to a different item set."""
    instrument = instrument_or_error(instrument_code)
    report = RescoreReport(instrument=instrument.code, scoring_version=instrument.scoring_version)
    responses = MeasureResponse.objects.filter(instrument_code=instrument.code, status=ResponseStatus.SUBMITTED)
    for response in responses.order_by("submitted_at").iterator():
        report.checked += 1
        if response.instrument_version != instrument.version:
            report.skipped_other_version.append(str(response.pk))
            continue
        try:
            result = score_items(instrument, response.answers)
        except AnswerError as exc:
            report.failed[str(response.pk)] = exc.message
            continue
        if result.to_dict() != response.score or result.scoring_version != response.scoring_version:
            report.changed.append(str(response.pk))
            if not dry_run:
                _score_replace(response, result.to_dict(), result.scoring_version, actor=actor, now=now)
    return report


def _score_replace(response: MeasureResponse, score: dict[str, Any], scoring_version: str, *,
                   actor: User | None, now: datetime) -> None:
    with transaction.atomic():
        ScoreRevision.objects.create(response=response, scoring_version=response.scoring_version,
                                     score=response.score, replaced_at=now, replaced_by_scoring_version=scoring_version)
        old = {"scoring_version": response.scoring_version, "total": response.score_total, "band": response.band}
        response.score, response.scoring_version, response.band = score, scoring_version, score.get("band") or ""
        total = score.get("total")
        response.total = float(total) if total is not None else None
        response.save(update_fields=["score", "scoring_version", "band", "total"])
        audit_record(actor=actor, action="measure_response.rescore", object_type="measure_response",
                     object_id=response.pk, patient_id=response.patient_id,
                     detail={"instrument": response.instrument_code, "old": old,
                             "new": {"scoring_version": scoring_version, "total": total, "band": score.get("band")}})


# --- a clinic's licensed wording ---------------------------------------------------------------------------------


def clinic_wording_save(*, actor: User, instrument_code: str, texts: Mapping[str, str], now: datetime) -> int:
    """Store the actor's clinic's wording for the items of an instrument Solace may not reproduce. An empty text
    removes the item's wording. Returns how many items now have wording."""
    instrument = instrument_or_error(instrument_code)
    if instrument.licence.wording_reproducible:
        raise ValidationError({"instrument_code": _("Solace already ships the wording of this questionnaire.")})
    clinic = actor.clinic
    with transaction.atomic():
        for item in instrument.items:
            text = (texts.get(item.code) or "").strip()
            if text:
                ClinicItemWording.objects.update_or_create(
                    clinic=clinic, item_code=item.code,
                    defaults={"instrument_code": instrument.code, "text": text, "updated_at": now,
                              "updated_by": actor})
            else:
                ClinicItemWording.objects.filter(clinic=clinic, item_code=item.code).delete()
        count = ClinicItemWording.objects.filter(clinic=clinic, instrument_code=instrument.code).count()
        audit_record(actor=actor, action="item_wording.save", object_type="instrument", object_id=instrument.code,
                     detail={"items_with_wording": count})
    return count
