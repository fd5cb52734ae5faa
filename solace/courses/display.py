"""Words for the course pages: what each stage is for, in plain language for patients and family, and labels for
the planning domain's codes. The stage descriptions restate the seed's three stages (recognise, establish new
patterns, apply) and clinical-reference.md §1.4."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from solace.courses.choices import Stage
from solace.domain.monitoring import ChangeCategory
from solace.domain.planning import UnknownExercise, get_exercise
from solace.domain.planning.progression import COURSE_STAGE_ORDER, PLAN_STAGES, CourseStage
from solace.measures.display import CATEGORY_NAMES
from solace.screening.choices import ADAPTATION_LABELS

STAGE_FOR_PATIENTS = {
    Stage.NOT_STARTED: _("Your course has not started yet. Your clinician will agree the first session with you."),
    Stage.RECOGNISE: _("Understanding your patterns: how your mind and body react to threat, where self-criticism "
                       "comes from, and why none of this is your fault, though it is yours to work with."),
    Stage.BUILD: _("Building new skills: calming breathing, kind imagery and your compassionate self, practised "
                   "until they start to feel natural."),
    Stage.APPLY: _("Using the skills in daily life: meeting your inner critic, shame and hard situations with "
                   "compassion, and planning how to keep going after the course."),
    Stage.COMPLETED: _("You have finished the course. Keep up a short daily practice; your clinician will arrange "
                       "follow-up."),
}

FAMILY_PRACTICE_TITLE = _("Being kind when things are hard")
FAMILY_PRACTICE = _(
    "About 10 minutes a day. Notice a moment when your relative is struggling or hard on themselves. Listen first, "
    "without fixing or criticising. Then say something warm and true, as a kind friend would. Support their daily "
    "practice by being interested, not by checking up on it."
)



def category_label(code: str | None) -> str:
    """The measures app's name for a reliable-change category (None: fewer than two results)."""
    return str(CATEGORY_NAMES[ChangeCategory(code)]) if code else str(_("Needs two results"))


def stage_steps(current: str) -> list[dict[str, Any]]:
    """The three stages in order, each with its plain-language purpose and whether it is done, now or later."""
    position = COURSE_STAGE_ORDER.index(CourseStage(current))
    return [{"stage": Stage(stage), "label": Stage(stage).label, "purpose": STAGE_FOR_PATIENTS[Stage(stage)],
             "state": "done" if COURSE_STAGE_ORDER.index(stage) < position else "now" if stage == current else "later"}
            for stage in PLAN_STAGES]


def exercise_title(code: str) -> str:
    try:
        return get_exercise(code).title
    except UnknownExercise:
        return code


def adaptation_labels(plan: Any) -> list[str]:
    """The screening's names of the adaptations in a stored plan version."""
    if plan is None:
        return []
    return [str(ADAPTATION_LABELS.get(item["code"], item["code"])) for item in plan.plan["adaptations"]]
