from django.contrib import admin
from django.http import HttpRequest, JsonResponse
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from quotes.api.views.public import ApiRootView


def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


# Apps add their API routes to this list (e.g. path("", include("sources.api.urls"))).
# The schema and docs are readable by any signed-in user or token (SPECTACULAR_SETTINGS).
# Mount fixed paths under a resource (e.g. path("claims/match/", ..., name="claim-match")) BEFORE
# the routers: the claims router would take "match" for a claim id. The API root lists
# "reports" and "claims_match" once their URL names exist (quotes/api/views/public.py).
api_v1_patterns: list = [
    path("", ApiRootView.as_view(), name="root"),
    path("reports/", include("quotes.reports.api")),
    path("", include("quotes.matching.urls")),
    path("", include("quotes.api.urls")),
    path("", include("sources.api.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-v1:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api-v1:schema"), name="redoc"),
]

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("api/v1/", include((api_v1_patterns, "api-v1"))),
]
