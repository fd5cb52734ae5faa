from django.urls import path

from solace.core import views

app_name = "core"

urlpatterns = [
    path("", views.home_view, name="home"),
    path("help/crisis/", views.crisis_view, name="crisis"),
    path("healthz", views.health_view, name="health"),
]
