from django.db import models
from django.utils.translation import gettext_lazy as _


class SafetyKind(models.TextChoices):
    SUICIDALITY_ITEM = "suicidality_item", _("Suicidality item answered")
    CRISIS = "crisis", _("Crisis reported")
    DETERIORATION = "deterioration", _("Severe deterioration")


# Most urgent first: the order of the alerts page and of the API list.
KIND_URGENCY = (SafetyKind.CRISIS, SafetyKind.SUICIDALITY_ITEM, SafetyKind.DETERIORATION)


class SafetyStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    RESOLVED = "resolved", _("Resolved")


class DeliveryLevel(models.TextChoices):
    CARE_TEAM = "care_team", _("Care team")
    ESCALATION = "escalation", _("Escalation")


class DeliveryChannel(models.TextChoices):
    # In-app notice needs no row: the alerts page and the banner read the events themselves.
    EMAIL = "email", _("E-mail")


class SkipReason(models.TextChoices):
    ACKNOWLEDGED_BEFORE_DUE = "acknowledged_before_due", _("Acknowledged before it was due")
    ACKNOWLEDGED_BEFORE_SENT = "acknowledged_before_sent", _("Acknowledged before it could be sent")
    RECIPIENT_INACTIVE = "recipient_inactive", _("The recipient's account is closed")
    RECIPIENT_OUT_OF_SCOPE = "recipient_out_of_scope", _("The recipient no longer cares for this patient")
