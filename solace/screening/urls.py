from django.urls import path

from solace.screening import views

app_name = "screening"

urlpatterns = [
    path("settings/", views.thresholds_view, name="settings"),
    path("preparation/", views.preparation_view, name="preparation"),
    path("patients/<uuid:patient_id>/", views.overview_view, name="overview"),
    path("patients/<uuid:patient_id>/new/", views.intake_view, name="intake"),
    path("patients/<uuid:patient_id>/<int:screening_id>/", views.result_view, name="result"),
    path("patients/<uuid:patient_id>/<int:screening_id>/sign/", views.sign_view, name="sign"),
    path("patients/<uuid:patient_id>/<int:screening_id>/cosign/", views.cosign_view, name="cosign"),
]
