from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "solace.screening"
    label = "screening"
