from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "solace.core"
    label = "core"
    verbose_name = "Solace core"
