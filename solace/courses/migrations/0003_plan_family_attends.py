"""Plans made before planner version 2 said that family members attend a session only in a note. Give every
planned session of every stored plan version the `family_attends` flag, set from that note, so the course pages
read the flag and never search text. Nothing else in a stored version changes (its notes stay as they were)."""

from __future__ import annotations

from typing import Any

from django.db import migrations

FAMILY_ATTENDS_NOTE = "Family members attend this session."
"""The sentence planner version 1 wrote; frozen here, whatever the planning domain says later."""


def _with_flag(plan: dict[str, Any]) -> dict[str, Any] | None:
    sessions = plan.get("sessions") or []
    if all("family_attends" in session for session in sessions):
        return None
    flagged = [{**session, "family_attends": session.get("family_attends",
                                                          FAMILY_ATTENDS_NOTE in session.get("notes", []))}
               for session in sessions]
    return {**plan, "sessions": flagged}


def add_family_attends(apps: Any, schema_editor: Any) -> None:
    versions = apps.get_model("courses", "CoursePlanVersion")
    for version in versions.objects.only("pk", "plan").iterator():
        plan = _with_flag(version.plan)
        if plan is not None:
            versions.objects.filter(pk=version.pk).update(plan=plan)


class Migration(migrations.Migration):
    dependencies = [("courses", "0002_plans_groups_notes_family")]

    operations = [migrations.RunPython(add_family_attends, migrations.RunPython.noop)]
