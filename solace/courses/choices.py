from django.db import models
from django.utils.translation import gettext_lazy as _

from solace.domain.planning.progression import CourseStage


class CourseFormat(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    GROUP = "group", _("Group")
    FAMILY = "family", _("Family")


STAGE_LABELS = {
    CourseStage.NOT_STARTED: _("Not started"),
    CourseStage.RECOGNISE: _("Stage 1: recognising patterns"),
    CourseStage.BUILD: _("Stage 2: building new patterns"),
    CourseStage.APPLY: _("Stage 3: applying them in daily life"),
    CourseStage.COMPLETED: _("Completed"),
}

Stage = models.TextChoices(  # type: ignore[misc]
    "Stage", [(stage.name, (stage.value, STAGE_LABELS[stage])) for stage in CourseStage])
"""The domain's course stages (solace.domain.planning.progression.CourseStage, in their order) as Django choices;
only the labels are added here."""


class CourseStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    ENDED_EARLY = "ended_early", _("Ended early")


OPEN_COURSE_STATUSES = (CourseStatus.PLANNED, CourseStatus.ACTIVE)
"""A course or group with one of these statuses is open: planned or running. A patient has at most one open course."""


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    ATTENDED = "attended", _("Attended")
    MISSED = "missed", _("Missed")
    CANCELLED = "cancelled", _("Cancelled")


class FamilyRelationship(models.TextChoices):
    PARENT = "parent", _("Parent")
    PARTNER = "partner", _("Partner")
    SIBLING = "sibling", _("Brother or sister")
    CHILD = "child", _("Son or daughter")
    OTHER = "other", _("Other family member")


RECORDABLE_ATTENDANCE = (SessionStatus.ATTENDED, SessionStatus.MISSED, SessionStatus.CANCELLED)
