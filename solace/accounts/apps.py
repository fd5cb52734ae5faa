from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "solace.accounts"
    label = "accounts"
