from __future__ import annotations

from django import template

from solace.courses.choices import STAGE_LABELS
from solace.domain.planning.progression import CourseStage

register = template.Library()


@register.filter
def stage_label(code: str | None) -> str:
    """The course stage's label for a stage code from a query (no course yet: not started)."""
    return str(STAGE_LABELS[CourseStage(code or CourseStage.NOT_STARTED)])
