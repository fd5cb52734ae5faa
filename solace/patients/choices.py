from django.db import models
from django.utils.translation import gettext_lazy as _


class CareTeamRole(models.TextChoices):
    PRIMARY = "primary", _("Primary clinician")
    CO_CLINICIAN = "co_clinician", _("Co-clinician")
    SUPERVISOR = "supervisor", _("Supervisor")


class ConsentKind(models.TextChoices):
    TREATMENT = "treatment", _("Consent to treatment")
    DATA_USE = "data_use", _("Consent to the use of my data")


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    CHINESE = "zh-hans", _("Simplified Chinese")
