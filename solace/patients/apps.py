from django.apps import AppConfig


class PatientsConfig(AppConfig):
    name = "solace.patients"
    label = "patients"

    def ready(self) -> None:
        from solace.patients import hooks  # this app's own module: its models are loaded only now

        hooks.register()
