"""The project's URLs plus the reports API where the lead mounts it (/api/v1/reports/)."""

from django.urls import include, path

from claimtrack.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    path("api/v1/", include(([path("reports/", include("quotes.reports.api"))], "api-v1"))),
    *project_urlpatterns,
]
