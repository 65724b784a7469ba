from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpRequest, JsonResponse
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView


def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


# Apps add their API routes to this list (e.g. path("", include("sources.api.urls"))).
api_v1_patterns: list = [
    path("", include("sources.api.urls")),
    path("schema/", staff_member_required(SpectacularAPIView.as_view()), name="schema"),
    path(
        "docs/",
        staff_member_required(SpectacularSwaggerView.as_view(url_name="api-v1:schema")),
        name="docs",
    ),
]

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("api/v1/", include((api_v1_patterns, "api-v1"))),
]
