from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "solace.audit"
    label = "audit"
