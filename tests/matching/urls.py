"""The project's URLs plus the matching endpoint, until claimtrack.urls mounts it."""

from django.urls import include, path

from claimtrack.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    path("api/v1/", include(("quotes.matching.urls", "matching"))),
    *project_urlpatterns,
]
