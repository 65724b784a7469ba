"""The audit trail of review decisions: read-only, in words a fact-checker uses."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from quotes.admin.common import excerpt
from quotes.models import ReviewDecision


class AboutFilter(admin.SimpleListFilter):
    title = "about"
    parameter_name = "about"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(value, f"{label.lower()}s") for value, label in ReviewDecision.ObjectKind.choices]

    def queryset(self, request: HttpRequest, queryset: QuerySet[ReviewDecision]) -> QuerySet[ReviewDecision]:
        return queryset.filter(object_kind=self.value()) if self.value() else queryset


class ByFilter(admin.RelatedFieldListFilter):
    title = "by"


@admin.register(ReviewDecision)
class ReviewDecisionAdmin(admin.ModelAdmin):
    list_display = ("created_at", "action", "about", "by", "note_short", "seconds")
    list_filter = ("action", AboutFilter, ("actor", ByFilter), "created_at")
    search_fields = ("object_repr", "note")
    list_select_related = ("actor",)
    date_hierarchy = "created_at"
    fields = ("created_at", "by", "action", "about", "what_changed", "note", "seconds", "undone")
    readonly_fields = fields

    @admin.display(description="by", ordering="actor__username")
    def by(self, obj: ReviewDecision) -> str:
        return obj.actor.get_username() if obj.actor else "system"

    @admin.display(description="about")
    def about(self, obj: ReviewDecision) -> str:
        kind = obj.get_object_kind_display()
        label = f"{kind} #{obj.object_id}: {excerpt(obj.object_repr, 90)}"
        target = {"quote": obj.quote_id, "claim": obj.claim_id, "speaker": obj.speaker_id}.get(
            obj.object_kind
        )
        if target is None:
            return label  # the row is gone (merged or deleted); the text is what it was
        url = reverse(f"admin:quotes_{obj.object_kind}_change", args=[target])
        return format_html('<a href="{}">{}</a>', url, label)

    @admin.display(description="note")
    def note_short(self, obj: ReviewDecision) -> str:
        return excerpt(obj.note, 80)

    @admin.display(description="seconds spent", ordering="seconds_spent")
    def seconds(self, obj: ReviewDecision) -> str:
        return "" if obj.seconds_spent is None else f"{obj.seconds_spent:.1f}"

    @admin.display(description="what changed (before → after)")
    def what_changed(self, obj: ReviewDecision) -> str:
        lines = []
        for field, value in (obj.changes or {}).items():
            if isinstance(value, list) and len(value) == 2:
                before, after = (json.dumps(v, ensure_ascii=False) for v in value)
                lines.append(f"{field}: {before} → {after}")
            else:
                lines.append(f"{field}: {json.dumps(value, ensure_ascii=False)}")
        return format_html("<pre>{}</pre>", "\n".join(lines)) if lines else "-"

    @admin.display(description="undone")
    def undone(self, obj: ReviewDecision) -> str:
        return f"yes (decision #{obj.undone_by_id})" if obj.undone_by_id else "no"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
