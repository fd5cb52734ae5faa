"""`solace plan INTAKE.json`: the screened intake's plan as JSON; exit 2 with the reason when screening does not
allow a course, and exit 2 naming the field for invalid input."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from solace.domain.planning import PlanRequest, plan_course
from solace.domain.screening import screen
from solace.screening.testing import BLOCKED_INTAKE, CALM_INTAKE

ADAPTED_INTAKE: dict[str, Any] = {
    "age": 30, "presenting_concerns": ["ptsd", "self_criticism"],
    "clinical_flags": {"ptsd_diagnosis": True, "severe_anxiety": True},
    "responses": {"phq9": [1, 1, 1, 1, 1, 0, 1, 0, 0]},
}


def _write(tmp_path: Path, data: object) -> str:
    path = tmp_path / "intake.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def _plan(*args: str) -> dict[str, Any]:
    out = StringIO()
    call_command("plan", *args, stdout=out)
    return json.loads(out.getvalue())  # type: ignore[no-any-return]


def test_prints_the_plan_of_the_screened_intake(tmp_path: Path) -> None:
    printed = _plan(_write(tmp_path, ADAPTED_INTAKE))
    result = screen(ADAPTED_INTAKE)
    assert result.decision.value == "suitable_with_adaptations" and result.adaptations
    expected = plan_course(PlanRequest(decision=result.decision.value,
                                       adaptations=tuple(a.value for a in result.adaptations),
                                       concerns=("ptsd", "self_criticism")))
    assert printed == expected.to_dict()
    assert {a["code"] for a in printed["adaptations"]} == {a.value for a in result.adaptations}
    assert set(printed) == {"format", "weeks", "session_minutes", "stages", "sessions", "homework", "measures",
                            "adaptations"}


def test_group_format_and_weeks(tmp_path: Path) -> None:
    printed = _plan(_write(tmp_path, CALM_INTAKE), "--format", "group", "--weeks", "14", "--minutes", "75")
    assert (printed["format"], printed["weeks"], printed["session_minutes"]) == ("group", 14, 75)
    assert len(printed["sessions"]) == 14 and all(s["minutes"] == 75 for s in printed["sessions"])


@pytest.mark.parametrize(
    ("intake", "args", "message"),
    [
        (BLOCKED_INTAKE, (), "no course: screening decision not_suitable: Screening found CFT not suitable"),
        ({"age": 29, "clinical_flags": {"acute_crisis": True}, "responses": {"phq9": [0] * 9}}, (),
         "no course: screening decision defer"),
        (CALM_INTAKE, ("--weeks", "30"), "invalid weeks: 30 is outside 12-20"),
        (CALM_INTAKE, ("--minutes", "45"), "invalid minutes: 45 is outside 60-90"),
        (CALM_INTAKE, ("--format", "online"), "invalid format: unknown code 'online'"),
        ({"age": "old"}, (), "invalid intake: age"),
    ],
)
def test_refusals_and_bad_input_exit_2_with_the_reason(tmp_path: Path, intake: object, args: tuple[str, ...],
                                                        message: str) -> None:
    with pytest.raises(CommandError, match=re.escape(message)) as error:
        _plan(_write(tmp_path, intake), *args)
    assert error.value.returncode == 2


def test_exit_status_from_the_real_cli(tmp_path: Path) -> None:
    path = _write(tmp_path, BLOCKED_INTAKE)
    result = subprocess.run([sys.executable, "-m", "solace.cli", "plan", path], capture_output=True, text=True,
                            check=False, timeout=60)
    assert result.returncode == 2 and result.stdout == ""
    assert "not_suitable" in result.stderr and "no course is planned" in result.stderr
    ok = subprocess.run([sys.executable, "-m", "solace.cli", "plan", _write(tmp_path, CALM_INTAKE)],
                        capture_output=True, text=True, check=False, timeout=60)
    assert ok.returncode == 0 and json.loads(ok.stdout)["format"] == "individual"
