"""`solace score`, `solace instruments`, `solace rescore` and `solace fhir-export`: output and exit status."""

from __future__ import annotations

import json
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from solace.domain.instruments import instrument_list, score
from solace.measures.models import MeasureResponse, ScoreRevision
from solace.measures.testing import response_create


def _run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_score_prints_the_domain_result_as_json():
    printed = json.loads(_run("score", "phq9", "--answers", "1,0,2,1,0,0,1,0,1"))
    assert printed == score("phq9", [1, 0, 2, 1, 0, 0, 1, 0, 1]).to_dict()
    assert printed["total"] == 6 and printed["band"] == "mild" and printed["critical_items"] == ["phq9_q9"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("phq9", "--answers", "1,0,2"), "phq9_q4 (item 4) has none"),
        (("phq9", "--answers", "1,0,2,1,0,0,1,0,1,3"), "expected 9 answers"),
        (("phq9", "--answers", "1,0,5,1,0,0,1,0,1"), "phq9_q3 (item 3): 5 is out of range"),
        (("phq9", "--answers", "1,0,x,1,0,0,1,0,1"), "phq9_q3 (item 3): 'x' is not a number"),
        (("phq9", "--answers", "1,0,,1,0,0,1,0,1"), "phq9_q3 (item 3): no answer"),
        (("nope", "--answers", "1"), "unknown instrument 'nope'"),
    ],
)
def test_score_exits_2_naming_the_item(arguments, message):
    with pytest.raises(CommandError, match=re.escape(message)) as error:
        _run("score", *arguments)
    assert error.value.returncode == 2


def test_score_exit_status_from_the_real_cli():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "solace.cli", "score", "phq9", "--answers", "1,0"],
                            capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 2 and "phq9_q3 (item 3)" in result.stderr and result.stdout == ""


def test_instruments_lists_the_library():
    table = _run("instruments")
    assert table.splitlines()[0].split() == ["code", "version", "title", "items", "wording", "licence"]
    phq9_line = next(line for line in table.splitlines() if line.startswith("phq9 "))
    assert "2001" in phq9_line and " 9 " in phq9_line and "shipped" in phq9_line
    assert "clinic-supplied" in next(line for line in table.splitlines() if line.startswith("fscrs "))
    listed = json.loads(_run("instruments", "--json"))
    assert [entry["code"] for entry in listed] == [i.code for i in instrument_list()]


@pytest.mark.django_db
def test_rescore_reports_and_keeps_the_old_score(cast):
    stale = response_create(cast.patient, "phq9", [2] * 9, actor=cast.patient_user)
    response_create(cast.patient, "phq9", [0] * 9, actor=cast.patient_user)
    assert stale.score is not None
    MeasureResponse.objects.filter(pk=stale.pk).update(score={**stale.score, "total": 1}, scoring_version="0")
    dry = _run("rescore", "phq9", "--dry-run")
    assert "2 submitted responses, 1 would change, 1 unchanged" in dry and not ScoreRevision.objects.exists()
    report = json.loads(_run("rescore", "phq9", "--json"))
    assert (report["checked"], report["changed"], report["unchanged"]) == (2, 1, 1)
    assert report["changed_ids"] == [str(stale.pk)]
    assert ScoreRevision.objects.get().score["total"] == 1
    assert "0 changed" in _run("rescore", "phq9")


@pytest.mark.django_db
def test_rescore_unknown_instrument_exits_2():
    with pytest.raises(CommandError) as error:
        _run("rescore", "nope")
    assert error.value.returncode == 2


def test_fhir_export():
    questionnaire = json.loads(_run("fhir_export", "gad7"))
    assert questionnaire["resourceType"] == "Questionnaire" and questionnaire["code"][0]["code"] == "69737-5"
    bundle = json.loads(_run("fhir_export", "--all"))
    assert len(bundle["entry"]) == len(instrument_list())
    with pytest.raises(CommandError) as error:
        _run("fhir_export", "nope")
    assert error.value.returncode == 2


def test_now_is_not_needed_for_scoring():
    assert timezone.now()  # the scoring commands run without a database
