from django.apps import AppConfig


class RemindersConfig(AppConfig):
    """Practice reminders the patient chooses: one database row per reminder, sent by the worker."""

    name = "solace.reminders"
    label = "reminders"
