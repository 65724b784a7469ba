"""The fact-checker's admin site: the desk's dashboard on the index, fact-checking sections
before the system ones, and speaker autocomplete results that show kind and title.

This module is imported while the app registry loads (``DeskAdminConfig`` is named in
INSTALLED_APPS in place of ``django.contrib.admin``), so it imports no models at module level.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.http import HttpRequest, HttpResponseBase
from django.template.response import TemplateResponse

# Sections a fact-checker works in, in this order; everything else (tokens, periodic tasks,
# users, groups) follows.
_APP_ORDER = ("quotes", "sources")
_MODEL_ORDER = (
    "Quote",
    "Claim",
    "Speaker",
    "Rating",
    "ReviewDecision",
    "Article",
    "Source",
    "Feed",
)


class DeskAutocompleteJsonView(AutocompleteJsonView):
    def serialize_result(self, obj: Any, to_field_name: str) -> dict[str, Any]:
        result = super().serialize_result(obj, to_field_name)
        kind = getattr(obj, "get_kind_display", None)
        if obj._meta.label == "quotes.Speaker" and kind is not None:
            extra = ", ".join(part for part in (kind(), obj.title) if part)
            result["text"] = f"{obj.name} ({extra})" if extra else obj.name
        return result


class DeskAdminSite(admin.AdminSite):
    site_header = "claimtrack: the fact-checking desk"
    site_title = "claimtrack"
    index_title = "Fact-checking desk"
    index_template = "admin/desk_index.html"

    def get_app_list(self, request: HttpRequest, app_label: str | None = None) -> list[Any]:
        apps = super().get_app_list(request, app_label)

        def app_key(app: dict[str, Any]) -> tuple[int, str]:
            label = app["app_label"]
            return (_APP_ORDER.index(label) if label in _APP_ORDER else len(_APP_ORDER), app["name"])

        def model_key(model: dict[str, Any]) -> tuple[int, str]:
            name = model["object_name"]
            return (_MODEL_ORDER.index(name) if name in _MODEL_ORDER else len(_MODEL_ORDER), model["name"])

        for app in apps:
            app["models"].sort(key=model_key)
        return sorted(apps, key=app_key)

    def index(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> TemplateResponse:
        from quotes.selectors.dashboard import dashboard_summary

        context = {"desk": dashboard_summary(user=request.user), **(extra_context or {})}
        return super().index(request, extra_context=context)

    def autocomplete_view(self, request: HttpRequest) -> HttpResponseBase:  # type: ignore[override]
        return DeskAutocompleteJsonView.as_view(admin_site=self)(request)


class DeskAdminConfig(AdminConfig):
    default_site = "quotes.admin_site.DeskAdminSite"
