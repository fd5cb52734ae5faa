from django.apps import AppConfig


class KernelConfig(AppConfig):
    """The floor every app stands on: errors, form helpers, middleware, typed requests, template tags.

    The kernel imports no Solace app (import-linter's layers contract)."""

    name = "solace.kernel"
    label = "kernel"
    verbose_name = "Solace kernel"
