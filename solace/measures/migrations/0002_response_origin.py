from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("measures", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="measureresponse",
            name="origin",
            field=models.CharField(
                choices=[
                    ("questionnaire", "Questionnaire"),
                    ("screening_intake", "Entered by the clinician at the screening intake"),
                ],
                default="questionnaire",
                max_length=20,
            ),
        ),
    ]
