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


STAGE_ORDER = (Stage.NOT_STARTED, Stage.RECOGNISE, Stage.BUILD, Stage.APPLY, Stage.COMPLETED)
"""The order a course moves through; the clinician moves it one step at a time."""

PLAN_STAGE_NUMBERS = {Stage.RECOGNISE: 1, Stage.BUILD: 2, Stage.APPLY: 3}
"""Stage codes here and the stage numbers of the planning domain (solace.domain.planning.Stage)."""


class FamilyRelationship(models.TextChoices):
    PARENT = "parent", _("Parent")
    PARTNER = "partner", _("Partner")
    SIBLING = "sibling", _("Brother or sister")
    CHILD = "child", _("Son or daughter")
    OTHER = "other", _("Other family member")


RECORDABLE_ATTENDANCE = (SessionStatus.ATTENDED, SessionStatus.MISSED, SessionStatus.CANCELLED)
