from django.urls import path

from solace.alerts import views

app_name = "alerts"

urlpatterns = [
    path("", views.alert_list_view, name="list"),
    path("settings/", views.alert_settings_view, name="settings"),
    path("<int:event_id>/", views.alert_detail_view, name="detail"),
    path("<int:event_id>/acknowledge/", views.alert_acknowledge_view, name="acknowledge"),
    path("<int:event_id>/resolve/", views.alert_resolve_view, name="resolve"),
]
