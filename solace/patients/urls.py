from django.urls import path

from solace.patients import views

app_name = "patients"

urlpatterns = [
    path("new/", views.patient_create_view, name="create"),
    path("<uuid:patient_id>/", views.patient_detail_view, name="detail"),
    path("<uuid:patient_id>/edit/", views.patient_edit_view, name="edit"),
    path("<uuid:patient_id>/invite/", views.patient_invite_view, name="invite"),
    path("<uuid:patient_id>/care-team/", views.care_team_add_view, name="care_team_add"),
]
