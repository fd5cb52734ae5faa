"""Writes for screening: store an evaluation, sign or override it, co-sign an override, the patient's preparation
and a clinic's thresholds. Each runs in one transaction with its audit entry (codes and ids only)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from solace.accounts.models import User
from solace.audit.services import audit_record
from solace.domain.instruments import get_instrument
from solace.domain.screening import (
    MINIMUM_PLAN_LENGTH,
    RULESET_VERSION,
    Decision,
    Intake,
    ThresholdError,
    co_treatment_plan_missing,
    co_treatment_plan_required,
    evaluate,
    parse_intake,
    thresholds_from_overrides,
)
from solace.kernel.permissions import Action, user_may
from solace.measures.choices import ResponseOrigin
from solace.measures.selectors import latest_answers_in_order
from solace.measures.services import response_submit
from solace.patients.models import Patient
from solace.screening.choices import SignatureKind
from solace.screening.models import (
    ClinicScreeningSettings,
    Preparation,
    RiskAssessment,
    Screening,
    ScreeningSignature,
)
from solace.screening.selectors import clinic_thresholds

MINIMUM_REASON_LENGTH = 10
PREPARATION_FIELDS = ("self_criticism_moments", "anxiety_helpers", "goals", "preferred_format")


def screening_record(*, actor: User, patient: Patient, data: object, now: datetime) -> Screening:
    """Evaluate intake JSON with the clinic's thresholds and store it, with the clinician's risk assessment (signed
    by `actor`) and the questionnaire answers as submitted measure responses (critical answers raise their safety
    events there). Raises IntakeError (naming the field) before anything is written; a ValidationError from the
    measures service (keyed by item code) leaves nothing written either."""
    thresholds = clinic_thresholds(patient.clinic)
    intake = parse_intake(data)
    result = evaluate(intake, thresholds)
    with transaction.atomic():
        screening = Screening.objects.create(
            patient=patient, intake=intake.to_dict(), result=result.to_dict(), decision=result.decision.value,
            thresholds=thresholds.to_dict(), ruleset_version=RULESET_VERSION, evaluated_by=actor, evaluated_at=now,
        )
        audit_record(actor=actor, action="screening.evaluate", object_type="screening", object_id=screening.pk,
                     patient_id=patient.pk, clinic_id=patient.clinic_id,
                     detail={"ruleset_version": RULESET_VERSION})
        _risk_assessment_sign(actor=actor, screening=screening, intake=intake, now=now)
        _answers_submit(actor=actor, patient=patient, intake=intake, now=now)
    return screening


def _risk_assessment_sign(*, actor: User, screening: Screening, intake: Intake, now: datetime) -> None:
    assessment = intake.risk_assessment
    if assessment is None:
        return
    stored = RiskAssessment.objects.create(
        patient=screening.patient, screening=screening, level=assessment.level.value,
        protective_factors=assessment.protective_factors, safety_plan_in_place=assessment.safety_plan_in_place,
        assessed_on=assessment.assessed_on, signed_by=actor, signed_at=now,
    )
    audit_record(actor=actor, action="risk_assessment.sign", object_type="risk_assessment", object_id=stored.pk,
                 patient_id=screening.patient_id, clinic_id=screening.patient.clinic_id,
                 detail={"screening": screening.pk, "level": assessment.level.value})


def _answers_submit(*, actor: User, patient: Patient, intake: Intake, now: datetime) -> None:
    """Each questionnaire of the intake as a submitted response, unless it repeats the patient's latest response
    to that questionnaire answer for answer (the intake was pre-filled from it): a Solace design choice, so a
    questionnaire the patient completed is not counted twice."""
    latest = latest_answers_in_order(patient=patient, codes=tuple(intake.scores))
    for code, result in intake.scores.items():
        answers = {item: result.answers[item] for item in get_instrument(code).item_codes}
        if code in latest and latest[code][0] == list(answers.values()):
            continue
        response_submit(actor=actor, patient=patient, instrument_code=code, answers=answers, now=now,
                        origin=ResponseOrigin.SCREENING_INTAKE)


def screening_sign(
    *, actor: User, screening: Screening, kind: str, now: datetime, decision: str = "", reason: str = "",
    co_treatment_plan: str = "",
) -> ScreeningSignature:
    """Sign the screening's decision, or override it with a written reason. Overriding a not_suitable screening
    leaves the signature awaiting a supervisor's co-signature. When a co-treatment is not recommended alongside
    CFT (REBT), the signature needs the clinician's written plan for it (`co_treatment_plan`)."""
    reason, co_treatment_plan = reason.strip(), co_treatment_plan.strip()
    verdicts = [treatment["verdict"] for treatment in screening.result.get("co_treatments", [])]
    if co_treatment_plan_missing(verdicts, co_treatment_plan):
        raise ValidationError({"co_treatment_plan": _(
            "Write your plan for the treatment that is not recommended alongside CFT (at least %(count)d "
            "characters).") % {"count": MINIMUM_PLAN_LENGTH}})
    if not co_treatment_plan_required(verdicts):
        co_treatment_plan = ""
    if kind == SignatureKind.ACCEPT:
        decision = screening.decision
    elif kind == SignatureKind.OVERRIDE:
        _check_override(screening, decision, reason)
    else:
        raise ValidationError({"kind": _("Choose whether to accept or override the decision.")})
    needs_cosignature = kind == SignatureKind.OVERRIDE and screening.decision == Decision.NOT_SUITABLE
    with transaction.atomic():
        Screening.objects.select_for_update().filter(pk=screening.pk).first()  # one signer at a time
        if ScreeningSignature.objects.filter(screening=screening).exists():
            raise ValidationError(_("This screening is already signed. Screen the patient again to sign anew."))
        signature = ScreeningSignature.objects.create(
            screening=screening, kind=kind, decision=decision, reason=reason, signed_by=actor, signed_at=now,
            needs_cosignature=needs_cosignature, co_treatment_plan=co_treatment_plan,
        )
        audit_record(
            actor=actor, action="screening.override" if kind == SignatureKind.OVERRIDE else "screening.sign",
            object_type="screening", object_id=screening.pk, patient_id=screening.patient_id,
            clinic_id=screening.patient.clinic_id,
            detail={"kind": kind, "needs_cosignature": needs_cosignature,
                    "co_treatment_acknowledged": bool(co_treatment_plan)},
        )
    return signature


def _check_override(screening: Screening, decision: str, reason: str) -> None:
    errors: dict[str, str] = {}
    if decision not in Decision.__members__.values():
        errors["decision"] = _("Choose the decision you sign instead.")
    elif decision == screening.decision:
        errors["decision"] = _("An override must sign a different decision from the screening's.")
    if len(reason) < MINIMUM_REASON_LENGTH:
        errors["reason"] = _("Write the reason for the override (at least %(count)d characters).") % {
            "count": MINIMUM_REASON_LENGTH}
    if errors:
        raise ValidationError(errors)


def screening_cosign(*, actor: User, screening: Screening, now: datetime) -> ScreeningSignature:
    """A supervisor's co-signature on an override of a not_suitable screening (never the person who signed)."""
    with transaction.atomic():
        signature = ScreeningSignature.objects.select_for_update().filter(screening=screening).first()
        if not user_may(actor, Action.SCREENING_COSIGN):
            raise ValidationError(_("Only a supervisor can co-sign an override."))
        if signature is None or not signature.awaiting_cosignature:
            raise ValidationError(_("There is no override awaiting a co-signature on this screening."))
        if signature.signed_by_id == actor.pk:
            raise ValidationError(_("The co-signature must come from another person than the one who signed."))
        signature.cosigned_by, signature.cosigned_at = actor, now
        signature.save(update_fields=["cosigned_by", "cosigned_at"])
        audit_record(actor=actor, action="screening.cosign", object_type="screening", object_id=screening.pk,
                     patient_id=screening.patient_id, clinic_id=screening.patient.clinic_id,
                     detail={"signed_by": signature.signed_by_id})
    return signature


def preparation_save(*, actor: User, patient: Patient, data: dict[str, Any], now: datetime) -> Preparation:
    """The patient's preparation for the first session (one per patient, updated in place)."""
    with transaction.atomic():
        preparation, _created = Preparation.objects.update_or_create(
            patient=patient, defaults={**{f: data.get(f, "") for f in PREPARATION_FIELDS}, "updated_at": now},
        )
        audit_record(actor=actor, action="preparation.update", object_type="preparation", object_id=preparation.pk,
                     patient_id=patient.pk, clinic_id=patient.clinic_id)
    return preparation


def clinic_thresholds_save(*, actor: User, overrides: dict[str, object], now: datetime) -> ClinicScreeningSettings:
    """Store the actor's clinic's threshold overrides (clinic administrators and supervisors)."""
    if not user_may(actor, Action.SCREENING_SETTINGS):
        raise ValidationError(_("Only a clinic administrator or a supervisor can change screening thresholds."))
    try:
        thresholds = thresholds_from_overrides(overrides)
    except ThresholdError as exc:
        raise ValidationError({exc.name: exc.message}) from exc
    with transaction.atomic():
        stored, _created = ClinicScreeningSettings.objects.update_or_create(
            clinic=actor.clinic, defaults={"overrides": thresholds.overrides(), "updated_at": now, "updated_by": actor},
        )
        audit_record(actor=actor, action="screening.thresholds_update", object_type="clinic_screening_settings",
                     object_id=stored.pk, detail={"changed": sorted(thresholds.overrides())})
    return stored
