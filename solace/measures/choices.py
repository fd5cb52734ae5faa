from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from solace.domain.monitoring.schedule import Cadence as DomainCadence
from solace.domain.monitoring.schedule import Milestone as DomainMilestone


class Cadence(models.TextChoices):
    """How often an assigned instrument is asked for (the values of the domain's schedule Cadence)."""

    ONCE = DomainCadence.ONCE.value, _("Once")
    EVERY_SESSION = DomainCadence.EVERY_SESSION.value, _("Before every session")
    EVERY_N_WEEKS = DomainCadence.EVERY_N_WEEKS.value, _("Every few weeks")
    MILESTONES = DomainCadence.MILESTONES.value, _("At course milestones")


class Milestone(models.TextChoices):
    BASELINE = DomainMilestone.BASELINE.value, _("Baseline")
    MID = DomainMilestone.MID.value, _("Mid-point")
    END = DomainMilestone.END.value, _("End")
    FOLLOW_UP = DomainMilestone.FOLLOW_UP.value, _("Follow-up")


class ResponseStatus(models.TextChoices):
    DRAFT = "draft", _("Started, not sent")
    SUBMITTED = "submitted", _("Submitted")


class ResponseOrigin(models.TextChoices):
    """How a response came in: the questionnaire itself (the patient, or a clinician for them), or answers the
    clinician entered at a screening intake."""

    QUESTIONNAIRE = "questionnaire", _("Questionnaire")
    SCREENING_INTAKE = "screening_intake", _("Entered by the clinician at the screening intake")
