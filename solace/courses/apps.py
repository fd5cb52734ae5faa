from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "solace.courses"
    label = "courses"
