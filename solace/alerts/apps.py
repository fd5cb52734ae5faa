from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "solace.alerts"
    label = "alerts"
