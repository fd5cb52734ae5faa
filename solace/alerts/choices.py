from django.db import models
from django.utils.translation import gettext_lazy as _

from solace.domain.instruments.triage import SEVERITY_ORDER, AlertKind, AlertSeverity, TriageBasis


class SafetyKind(models.TextChoices):
    """What an event is about (solace.domain.instruments.triage.AlertKind). Practice reaction, deterioration and
    relapse are reserved for the rules still to come."""

    SUICIDAL_IDEATION = AlertKind.SUICIDAL_IDEATION.value, _("Suicidal thoughts")
    SUICIDAL_BEHAVIOUR = AlertKind.SUICIDAL_BEHAVIOUR.value, _("Suicidal behaviour")
    SELF_ATTACK = AlertKind.SELF_ATTACK.value, _("Wish to hurt oneself (self-attack)")
    CRISIS = AlertKind.CRISIS.value, _("Crisis reported")
    PRACTICE_REACTION = AlertKind.PRACTICE_REACTION.value, _("Strong reaction to a practice")
    DETERIORATION = AlertKind.DETERIORATION.value, _("Severe deterioration")
    RELAPSE = AlertKind.RELAPSE.value, _("Relapse")


class Severity(models.TextChoices):
    """How fast an event needs a clinician (solace.domain.instruments.triage.AlertSeverity)."""

    EMERGENCY = AlertSeverity.EMERGENCY.value, _("Emergency: act now")
    URGENT = AlertSeverity.URGENT.value, _("Urgent")
    ROUTINE = AlertSeverity.ROUTINE.value, _("Routine: review today")


# Most severe first: the order of the alerts page, the caseload and the API list.
SEVERITY_RANK = tuple(Severity(severity.value) for severity in SEVERITY_ORDER)


class SeverityBasis(models.TextChoices):
    """Why an event has its severity, in words with the source (solace.domain.instruments.triage.TriageBasis)."""

    COLUMBIA_TRIAGE = TriageBasis.COLUMBIA_TRIAGE.value, _(
        "Columbia suicide-risk triage guidelines (Posner and colleagues, 2011)")
    PHQ9_CLINIC_SETTING = TriageBasis.PHQ9_CLINIC_SETTING.value, _(
        "PHQ-9 item 9 answer, graded by the clinic's alert settings (any positive answer calls for a suicide-risk "
        "assessment: Kroenke and colleagues, 2001)")
    SOLACE_DESIGN = TriageBasis.SOLACE_DESIGN.value, _("Solace's own rule (not a published one)")
    RECORDED_BEFORE_TRIAGE = TriageBasis.RECORDED_BEFORE_TRIAGE.value, _(
        "Raised before Solace graded alerts; the severity was set from what raised it")


class SafetyStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    RESOLVED = "resolved", _("Resolved")


class DeliveryLevel(models.TextChoices):
    CARE_TEAM = "care_team", _("Care team")
    SUPERVISOR = "supervisor", _("Supervisor, told at once")
    ESCALATION = "escalation", _("Escalation")


class DeliveryChannel(models.TextChoices):
    # In-app notice needs no row: the alerts page and the banner read the events themselves.
    EMAIL = "email", _("E-mail")


class SkipReason(models.TextChoices):
    ACKNOWLEDGED_BEFORE_DUE = "acknowledged_before_due", _("Acknowledged before it was due")
    ACKNOWLEDGED_BEFORE_SENT = "acknowledged_before_sent", _("Acknowledged before it could be sent")
    RECIPIENT_INACTIVE = "recipient_inactive", _("The recipient's account is closed")
    RECIPIENT_OUT_OF_SCOPE = "recipient_out_of_scope", _("The recipient no longer cares for this patient")
