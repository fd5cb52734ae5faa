from django.urls import path

from solace.site import views

app_name = "site"

urlpatterns = [
    path("", views.home_view, name="home"),
    path("patients/", views.caseload_view, name="caseload"),
    path("help/crisis/", views.crisis_view, name="crisis"),
    path("healthz", views.health_view, name="health"),
]
