from django.db import models
from django.utils.translation import gettext_lazy as _


class CourseFormat(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    GROUP = "group", _("Group")
    FAMILY = "family", _("Family")


class Stage(models.TextChoices):
    """The three CFT stages of the seed document, plus the states before and after them."""

    NOT_STARTED = "not_started", _("Not started")
    RECOGNISE = "recognise", _("Stage 1: recognising patterns")
    BUILD = "build", _("Stage 2: building new patterns")
    APPLY = "apply", _("Stage 3: applying them in daily life")
    COMPLETED = "completed", _("Completed")


class CourseStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    ENDED_EARLY = "ended_early", _("Ended early")


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    ATTENDED = "attended", _("Attended")
    MISSED = "missed", _("Missed")
    CANCELLED = "cancelled", _("Cancelled")
