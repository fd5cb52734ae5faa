from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The top of the house: home pages, navigation, the demo clinic, backup/restore and the serve commands.

    The site may import every app; no app imports the site (import-linter's layers contract)."""

    name = "solace.site"
    label = "site"
    verbose_name = "Solace site"
