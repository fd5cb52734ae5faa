"""Templates and views show clinical decisions; they never make them (issue 8, STYLE.md "one meaning per
concept"). The stage a course may move to, whether a change is reliable or clinically significant, and which
sessions family members attend are decided in solace.domain (or a display.py that calls it); a template only shows
the result and a view only passes it on.

The checks are text and `ast` scans, no database: `{% if %}`/`{% elif %}` conditions in every template under
solace/, and comparisons in every views module. Each pattern below is one the code used to contain (the
`CAUGHT_BEFORE` cases), so a check that stops catching it fails too.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SOLACE = Path(__file__).resolve().parents[2]
CONDITION = re.compile(r"{%-?\s*(?:el)?if\s+(.*?)\s*-?%}", re.DOTALL)
FAMILY_SENTENCE = "Family members attend"

DECIDING_CONDITIONS = {
    "clinical significance": re.compile(r"significant", re.IGNORECASE),
    "reliable change": re.compile(r"reliable", re.IGNORECASE),
    "a change category": re.compile(r"\bcategory\s*(?:==|!=|\bin\b)"),
    "a change method": re.compile(r"\bmethod\s*(?:==|!=)"),
    "a stage compared with a code": re.compile(r"stage\s*(?:==|!=)\s*[\"']|[\"']\s*(?:==|!=)\s*\S*stage\b"),
    "whether a next stage exists": re.compile(r"\bnext_stage\b"),
    "family attendance from notes": re.compile(rf"{FAMILY_SENTENCE}|\bin\s+\S*notes\b", re.IGNORECASE),
}

KNOWN_EXCEPTIONS: dict[tuple[str, str], str] = {}
"""Left on purpose, each with its reason and owner; remove an entry when its template is fixed."""

DECIDED_VALUES = {"Stage", "CourseStage", "ChangeCategory", "ClinicalSignificance"}
STAGE_AND_CATEGORY_CODES = {
    "not_started", "recognise", "build", "apply", "completed",
    "recovered", "improved", "unchanged", "deteriorated", "not_applicable",
}

CAUGHT_BEFORE = [
    # solace/measures/templates/measures/instrument_results.html
    '{% if change.clinically_significant_change_assessed %}{% if change.category == "recovered" %}',
    '{% if change and change.reliable_change_threshold %}',
    '{% if change.method == "jacobson_truax" %}',
    # solace/courses/templates/courses/course.html
    '{% if course.status == "active" and criteria.next_stage %}',
    # the caseload (solace/patients/templates/patients/partials/_caseload.html at HEAD)
    '{% if patient.stage == "recognise" %}',
    '{% if "Family members attend this session." in item.notes %}',
]
ALLOWED = [
    "{% if significance %}", "{% if criterion %}", "{% if may_move_on %}", "{% if family %}",
    "{% if practice.stage == step.stage %}", "{% if row.item.stage == stage.number %}",
    "{% if view.stage %}", "{% if course.status == \"planned\" %}", "{% if row.category %}",
]


def template_findings(text: str) -> list[str]:
    findings = []
    for condition in CONDITION.findall(text):
        findings += [name for name, pattern in DECIDING_CONDITIONS.items() if pattern.search(condition)]
    return findings


def view_findings(source: str) -> list[str]:
    """Comparisons against stage or change-category members or codes, and the family sentence, in a views module."""
    findings = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            for side in (node.left, *node.comparators):
                if isinstance(side, ast.Attribute) and isinstance(side.value, ast.Name) \
                        and side.value.id in DECIDED_VALUES:
                    findings.append(f"compares with {side.value.id}.{side.attr} (line {node.lineno})")
                if isinstance(side, ast.Constant) and side.value in STAGE_AND_CATEGORY_CODES:
                    findings.append(f"compares with {side.value!r} (line {node.lineno})")
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and FAMILY_SENTENCE in node.value:
            findings.append(f"searches for the family sentence (line {node.lineno})")
        name = node.id if isinstance(node, ast.Name) else node.name if isinstance(node, ast.alias) else ""
        if "FAMILY_ATTENDS" in name:
            findings.append("uses the family note FAMILY_ATTENDS")
    return findings


def templates() -> list[Path]:
    return sorted(SOLACE.rglob("templates/**/*.html"))


def views_modules() -> list[Path]:
    return sorted({*SOLACE.glob("*/views.py"), *SOLACE.glob("*/views/*.py")})


@pytest.mark.parametrize("snippet", CAUGHT_BEFORE)
def test_the_old_patterns_are_caught(snippet: str) -> None:
    assert template_findings(snippet)


@pytest.mark.parametrize("snippet", ALLOWED)
def test_display_conditionals_are_allowed(snippet: str) -> None:
    assert template_findings(snippet) == []


@pytest.mark.parametrize("source", [
    "if course.stage == Stage.BUILD:\n    pass",
    "shown = change.category == ChangeCategory.RECOVERED",
    "late = stage != 'apply'",
    "family = {s['number'] for s in sessions if 'Family members attend this session.' in s['notes']}",
    "from solace.domain.planning.content import FAMILY_ATTENDS",
])
def test_the_old_view_patterns_are_caught(source: str) -> None:
    assert view_findings(source)


def test_no_template_decides_stage_significance_or_family_attendance() -> None:
    assert templates(), "no templates found: the scan looks in the wrong place"
    found = []
    for path in templates():
        relative = path.relative_to(SOLACE).as_posix()
        found += [f"{relative}: decides {name}" for name in template_findings(path.read_text(encoding="utf-8"))
                  if (relative, name) not in KNOWN_EXCEPTIONS]
    advice = "compute the decision in solace.domain or the app's display.py and show it:\n"
    assert found == [], advice + "\n".join(found)


def test_no_view_decides_stage_significance_or_family_attendance() -> None:
    assert views_modules(), "no views found: the scan looks in the wrong place"
    found = [f"{path.relative_to(SOLACE).as_posix()}: {finding}" for path in views_modules()
             for finding in view_findings(path.read_text(encoding="utf-8"))]
    assert found == [], "\n".join(found)


def test_every_known_exception_still_exists() -> None:
    for relative, name in KNOWN_EXCEPTIONS:
        assert name in template_findings((SOLACE / relative).read_text(encoding="utf-8")), (
            f"{relative} no longer decides {name}: remove it from KNOWN_EXCEPTIONS")


def family_note_findings(source: str) -> list[str]:
    return [finding for finding in view_findings(source) if "family" in finding]


def test_family_attendance_is_read_from_the_flag_never_from_the_note() -> None:
    """Only the planning domain writes the note; the migration that set the flag on old plans froze its own copy."""
    outside = [path for path in SOLACE.rglob("*.py")
               if "domain/planning" not in path.as_posix() and "/migrations/" not in path.as_posix()
               and "/tests/" not in path.as_posix()]
    found = [f"{path.relative_to(SOLACE).as_posix()}: {finding}" for path in outside
             for finding in family_note_findings(path.read_text(encoding="utf-8"))]
    assert found == [], "\n".join(found)
