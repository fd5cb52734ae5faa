from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    name = "solace.measures"
    label = "measures"
