"""REST API of the weekly reports: list, detail, and the files by format.

The lead mounts ``urlpatterns`` at ``/api/v1/reports/`` (``path("reports/",
include("quotes.reports.api"))`` in claimtrack/urls.py); authentication and permissions
are the project's DRF defaults.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse
from django.urls import path, reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.views import APIView

from quotes.reports.downloads import FORMATS, report_file_response
from quotes.reports.models import Report
from quotes.selectors.reports import report_list


def _url(request: Request | None, name: str, *args: Any) -> str | None:
    if request is None or request.resolver_match is None:
        return None
    namespace = request.resolver_match.namespace
    return request.build_absolute_uri(reverse(f"{namespace}:{name}" if namespace else name, args=args))


class ReportOutputSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    files = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = [
            "id",
            "url",
            "iso_week",
            "week_start",
            "time_zone",
            "claims_published",
            "corrections",
            "generated_at",
            "files",
        ]

    def get_url(self, obj: Report) -> str | None:
        return _url(self.context.get("request"), "report-detail", obj.pk)

    def get_files(self, obj: Report) -> dict[str, str | None]:
        request = self.context.get("request")
        return {
            fmt: _url(request, "report-download", obj.pk, fmt) if getattr(obj, f"{fmt}_file") else None
            for fmt in FORMATS
        }


@extend_schema(parameters=[OpenApiParameter("week", OpenApiTypes.STR, description="ISO week, e.g. 2026-W47")])
class ReportListApi(generics.ListAPIView):
    serializer_class = ReportOutputSerializer

    def get_queryset(self) -> QuerySet[Report]:
        qs = report_list()
        week = self.request.query_params.get("week")
        return qs.filter(iso_week=week.strip()) if week else qs


class ReportDetailApi(generics.RetrieveAPIView):
    serializer_class = ReportOutputSerializer
    queryset = report_list()


class ReportDownloadApi(APIView):
    @extend_schema(
        operation_id="reports_file_retrieve",
        parameters=[OpenApiParameter("fmt", OpenApiTypes.STR, OpenApiParameter.PATH, enum=list(FORMATS))],
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
        description="The report's file: csv, json or html.",
    )
    def get(self, request: Request, pk: int, fmt: str) -> FileResponse:
        report = generics.get_object_or_404(report_list(), pk=pk)
        return report_file_response(report=report, fmt=fmt)


urlpatterns = [
    path("", ReportListApi.as_view(), name="report-list"),
    path("<int:pk>/", ReportDetailApi.as_view(), name="report-detail"),
    path("<int:pk>/<str:fmt>/", ReportDownloadApi.as_view(), name="report-download"),
]
