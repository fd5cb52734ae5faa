from django.db import models
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from solace.domain.planning.progression import PLAN_STAGES, CourseStage


class CourseFormat(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    GROUP = "group", _("Group")
    FAMILY = "family", _("Family")


def _stage_heading(number: int, name: str) -> str:
    # The same words as the plan page's stage headings (courses/partials/_plan.html): one message to translate.
    return gettext("Stage %(number)s: %(name)s") % {"number": number, "name": gettext(name)}


def _plan_stage_label(stage: CourseStage) -> StrOrPromise:
    """'Stage 2: Building compassionate-mind skills': the number and the name the plan gives the stage (the names
    are defined once, in solace.domain.planning.vocabulary.STAGE_NAMES, and translated when shown)."""
    plan_stage = PLAN_STAGES[stage]
    return lazy(_stage_heading, str)(int(plan_stage), plan_stage.title)


STAGE_LABELS: dict[CourseStage, StrOrPromise] = {
    CourseStage.NOT_STARTED: _("Not started"),
    **{stage: _plan_stage_label(stage) for stage in PLAN_STAGES},
    CourseStage.COMPLETED: _("Completed"),
}

# django-stubs types the functional API without labels, hence the ignore.
Stage = models.TextChoices(  # type: ignore[call-overload]
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
