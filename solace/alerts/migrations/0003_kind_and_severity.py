"""Alert triage: every safety event gets a kind of its own and a severity, and a clinic chooses from which PHQ-9
item 9 answer an alert is urgent.

Existing events: `suicidality_item` becomes suicidal behaviour when the C-SSRS behaviour item raised it, else
suicidal thoughts. The severity comes from the reason where the codes say enough (C-SSRS items: the Columbia
triage levels; FSCRS item 9: routine); otherwise urgent, the level whose schedule (care team at once, supervisors
after the clinic's delay) is the one every event had before, and which sorts it above routine ones.
"""

from django.db import migrations, models

CSSRS_EMERGENCY = {"cssrs_screener_q4", "cssrs_screener_q5", "cssrs_screener_q6"}


def _kind_and_severity(kind: str, reason: str) -> tuple[str, str, str]:
    instrument, _sep, items = reason.partition(":")
    codes = set(filter(None, items.split(",")))
    if kind == "crisis":
        return "crisis", "urgent", "recorded_before_triage"
    if kind == "deterioration":
        return "deterioration", "urgent", "recorded_before_triage"
    if instrument == "cssrs_screener" and codes:
        behaviour = "cssrs_screener_q6" in codes
        severity = "emergency" if codes & CSSRS_EMERGENCY else "urgent" if "cssrs_screener_q3" in codes else "routine"
        return ("suicidal_behaviour" if behaviour else "suicidal_ideation"), severity, "columbia_triage"
    if instrument == "fscrs":
        return "self_attack", "routine", "solace_design"
    return "suicidal_ideation", "urgent", "recorded_before_triage"


def forwards(apps, schema_editor):
    SafetyEvent = apps.get_model("alerts", "SafetyEvent")
    for event in SafetyEvent.objects.only("pk", "kind", "reason").iterator():
        kind, severity, basis = _kind_and_severity(event.kind, event.reason)
        SafetyEvent.objects.filter(pk=event.pk).update(kind=kind, severity=severity, severity_basis=basis)


def backwards(apps, schema_editor):
    SafetyEvent = apps.get_model("alerts", "SafetyEvent")
    SafetyEvent.objects.filter(kind__in=["suicidal_ideation", "suicidal_behaviour", "self_attack"]).update(
        kind="suicidality_item")


class Migration(migrations.Migration):

    dependencies = [
        ("alerts", "0002_deliveries_resolution_settings"),
    ]

    operations = [
        migrations.AddField(
            model_name="safetyevent",
            name="severity",
            field=models.CharField(
                choices=[("emergency", "Emergency: act now"), ("urgent", "Urgent"),
                         ("routine", "Routine: review today")],
                db_index=True, default="urgent", max_length=20,
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="safetyevent",
            name="severity_basis",
            field=models.CharField(
                choices=[
                    ("columbia_triage", "Columbia suicide-risk triage guidelines (Posner and colleagues, 2011)"),
                    ("phq9_clinic_setting", "PHQ-9 item 9 answer, graded by the clinic's alert settings (any "
                     "positive answer calls for a suicide-risk assessment: Kroenke and colleagues, 2001)"),
                    ("solace_design", "Solace's own rule (not a published one)"),
                    ("recorded_before_triage", "Raised before Solace graded alerts; the severity was set from what "
                     "raised it"),
                ],
                default="recorded_before_triage",
                help_text="Why the event has its severity (a rule and its source).", max_length=40,
            ),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="safetyevent",
            name="kind",
            field=models.CharField(
                choices=[
                    ("suicidal_ideation", "Suicidal thoughts"), ("suicidal_behaviour", "Suicidal behaviour"),
                    ("self_attack", "Wish to hurt oneself (self-attack)"), ("crisis", "Crisis reported"),
                    ("practice_reaction", "Strong reaction to a practice"), ("deterioration", "Severe deterioration"),
                    ("relapse", "Relapse"),
                ],
                max_length=30,
            ),
        ),
        migrations.AddField(
            model_name="clinicalertsettings",
            name="phq9_item9_urgent_from",
            field=models.PositiveSmallIntegerField(
                choices=[(1, "1"), (2, "2"), (3, "3")], default=2,
                help_text="PHQ-9 item 9 answers at or above this are urgent; lower positive answers routine.",
            ),
        ),
        migrations.AlterField(
            model_name="alertdelivery",
            name="level",
            field=models.CharField(
                choices=[("care_team", "Care team"), ("supervisor", "Supervisor, told at once"),
                         ("escalation", "Escalation")],
                max_length=20,
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
