from django.apps import AppConfig


class PatientsConfig(AppConfig):
    name = "solace.patients"
    label = "patients"
