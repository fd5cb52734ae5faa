from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "solace.courses"
    label = "courses"

    def ready(self) -> None:
        from solace.courses import hooks  # this app's own module: its models are loaded only now

        hooks.register()
