from django.urls import path

from solace.measures import views

app_name = "measures"

urlpatterns = [
    path("", views.my_measures_view, name="mine"),
    path("complete/<slug:code>/", views.complete_view, name="complete"),
    path("complete/<slug:code>/progress/", views.progress_view, name="progress"),
    path("patients/<uuid:patient_id>/", views.patient_measures_view, name="patient"),
    path("patients/<uuid:patient_id>/instruments/<slug:code>/", views.instrument_results_view, name="instrument"),
    path("patients/<uuid:patient_id>/responses/<uuid:response_id>/", views.response_view, name="response"),
    path("patients/<uuid:patient_id>/schedule/", views.assignment_add_view, name="assignment_add"),
    path("patients/<uuid:patient_id>/schedule/defaults/", views.schedule_defaults_view, name="schedule_defaults"),
    path("patients/<uuid:patient_id>/schedule/<int:assignment_id>/remove/", views.assignment_remove_view,
         name="assignment_remove"),
    path("wording/", views.wording_list_view, name="wording_list"),
    path("wording/<slug:code>/", views.wording_edit_view, name="wording_edit"),
]
