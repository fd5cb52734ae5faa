"""Planning: treatment-course generation and the exercise library (pure domain).

    plan = plan_course(PlanRequest(decision="suitable_with_adaptations", format="group",
                                   adaptations=("grounding_first",)))
    plan.to_dict()                         # format, weeks, session_minutes, stages, sessions, homework, ...
    get_exercise("compassionate_self").patient.title
    exercise_list()

Raises PlanRefused for `not_suitable`/`defer` decisions and PlanInputError(field, message) for invalid choices.
Sources: the seed document and clinical-reference.md §1 and §4.3 (cited in plan.py, content.py, adaptations.py
and per exercise). Adding an exercise: docs/dev/adding-a-practice-type.md.
"""

from solace.domain.planning.errors import ExerciseDefinitionError, PlanInputError, PlanRefused, UnknownExercise
from solace.domain.planning.exercises import (
    EXERCISES,
    FEARS_OF_COMPASSION,
    HOMEWORK_MINUTES,
    Caution,
    Exercise,
    HomeworkForm,
    PatientVersion,
    exercise_list,
    get_exercise,
    imagery_codes,
)
from solace.domain.planning.model import (
    AppliedAdaptation,
    CoursePlan,
    HomeworkAssignment,
    PlannedMeasure,
    PlannedSession,
    PlanRequest,
    StagePlan,
)
from solace.domain.planning.plan import PLANNER_VERSION, default_measures, plan_course
from solace.domain.planning.vocabulary import (
    ANY_STAGE,
    STAGE_NAMES,
    Adaptation,
    Concern,
    CourseFormat,
    Decision,
    ExerciseKind,
    HomeworkKind,
    Stage,
)

__all__ = [
    "ANY_STAGE",
    "EXERCISES",
    "FEARS_OF_COMPASSION",
    "HOMEWORK_MINUTES",
    "PLANNER_VERSION",
    "STAGE_NAMES",
    "Adaptation",
    "AppliedAdaptation",
    "Caution",
    "Concern",
    "CourseFormat",
    "CoursePlan",
    "Decision",
    "Exercise",
    "ExerciseDefinitionError",
    "ExerciseKind",
    "HomeworkAssignment",
    "HomeworkForm",
    "HomeworkKind",
    "PatientVersion",
    "PlanInputError",
    "PlanRefused",
    "PlanRequest",
    "PlannedMeasure",
    "PlannedSession",
    "Stage",
    "StagePlan",
    "UnknownExercise",
    "default_measures",
    "exercise_list",
    "get_exercise",
    "imagery_codes",
    "plan_course",
]
