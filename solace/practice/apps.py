from django.apps import AppConfig


class PracticeConfig(AppConfig):
    """The patient's practice between sessions: the daily dose, guided practices, self-dialogue, the journal,
    three-systems check-ins and habits."""

    name = "solace.practice"
    label = "practice"
