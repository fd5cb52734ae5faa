from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "solace.alerts"
    label = "alerts"

    def ready(self) -> None:
        from solace.alerts.hooks import register

        register()
