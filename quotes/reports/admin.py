"""The Report admin: list, downloads, and a *Generate now* form for a chosen week."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.template.defaultfilters import pluralize
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html, format_html_join

from claimtrack.errors import ApplicationError
from quotes.reports.downloads import FORMATS, report_file_response
from quotes.reports.models import Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    change_list_template = "admin/quotes/report/change_list.html"
    list_display = ("iso_week", "week_start", "claims_published", "corrections", "generated_at", "downloads")
    search_fields = ("iso_week",)
    list_select_related = ("generated_by",)
    readonly_fields = (
        "iso_week",
        "week_start",
        "time_zone",
        "claims_published",
        "corrections",
        "generated_at",
        "generated_by",
        "emailed_to",
        "emailed_at",
        "downloads",
    )
    exclude = ("csv_file", "json_file", "html_file")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description="files")
    def downloads(self, obj: Report) -> str:
        links = [
            (reverse("admin:quotes_report_download", args=[obj.pk, fmt]), fmt.upper())
            for fmt in FORMATS
            if getattr(obj, f"{fmt}_file")
        ]
        return format_html_join(" · ", '<a href="{}">{}</a>', links) or "—"

    def get_urls(self) -> list[URLPattern]:
        extra = [
            path(
                "generate/",
                self.admin_site.admin_view(self.generate_view),
                name="quotes_report_generate",
            ),
            path(
                "<int:pk>/download/<str:fmt>/",
                self.admin_site.admin_view(self.download_view),
                name="quotes_report_download",
            ),
        ]
        return extra + super().get_urls()

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        from django.utils import timezone

        from quotes.reports.builder import report_time_zone
        from quotes.reports.weeks import week_containing

        context = {
            **(extra_context or {}),
            "can_generate": request.user.has_perm("quotes.generate_report"),
            "this_week": week_containing(timezone.now(), tz=report_time_zone()).iso,
            "time_zone": str(report_time_zone()),
        }
        return super().changelist_view(request, extra_context=context)

    def download_view(self, request: HttpRequest, pk: int, fmt: str) -> HttpResponseBase:
        if not self.has_view_permission(request):
            raise PermissionDenied
        report = Report.objects.filter(pk=pk).first()
        if report is None:
            raise Http404("No such report.")
        return report_file_response(report=report, fmt=fmt)

    def generate_view(self, request: HttpRequest) -> HttpResponse:
        from quotes.reports.builder import report_time_zone
        from quotes.reports.storage import report_generate
        from quotes.reports.weeks import WeekError, week_parse

        changelist = reverse("admin:quotes_report_changelist")
        if request.method != "POST":
            return HttpResponseRedirect(changelist)
        try:
            week = week_parse(request.POST.get("week", ""), tz=report_time_zone())
            report = report_generate(week=week, actor=request.user)
        except (WeekError, ApplicationError) as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return HttpResponseRedirect(changelist)
        n = report.claims_published
        what = f"{n} claim{pluralize(n)} published" if n else "an empty week"
        self.message_user(
            request,
            format_html(
                'Report {} generated ({}). <a href="{}">Open the HTML</a>',
                report.iso_week,
                what,
                reverse("admin:quotes_report_download", args=[report.pk, "html"]),
            ),
            messages.SUCCESS,
        )
        return HttpResponseRedirect(changelist)
