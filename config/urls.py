from django.urls import include, path

from config.api import api

urlpatterns = [
    path("", include("solace.site.urls")),
    path("accounts/", include("solace.accounts.urls")),
    path("patients/", include("solace.patients.urls")),
    path("audit/", include("solace.audit.urls")),
    path("measures/", include("solace.measures.urls")),
    path("screening/", include("solace.screening.urls")),
    path("courses/", include("solace.courses.urls")),
    path("alerts/", include("solace.alerts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
]
