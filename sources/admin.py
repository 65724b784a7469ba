from django.contrib import admin, messages
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from sources.models import Article, Feed, Source
from sources.services import article_requeue_extraction


class FeedInline(admin.TabularInline):
    model = Feed
    extra = 0
    fields = ("url", "title", "active", "last_polled_at", "last_error")
    readonly_fields = ("last_polled_at", "last_error")


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("name", "active", "language", "country", "article_count", "last_polled_at")
    list_filter = ("active", "language", "country")
    search_fields = ("name", "homepage")
    readonly_fields = ("last_polled_at", "last_error", "created_at", "updated_at")
    inlines = [FeedInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Source]:
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(description="articles", ordering="article_count")
    def article_count(self, obj: Source) -> int:
        return obj.article_count  # type: ignore[attr-defined]


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = ("url", "source", "active", "last_polled_at", "short_error")
    list_filter = ("active", "source")
    search_fields = ("url", "title", "source__name")
    list_select_related = ("source",)
    autocomplete_fields = ("source",)
    readonly_fields = (
        "etag",
        "last_modified",
        "last_polled_at",
        "last_error",
        "created_at",
        "updated_at",
    )

    @admin.display(description="last error")
    def short_error(self, obj: Feed) -> str:
        return obj.last_error[:80]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = (
        "id",
        "title_or_origin",
        "status",
        "source",
        "quote_count",
        "published_at",
        "created_at",
    )
    list_display_links = ("id", "title_or_origin")
    list_filter = ("status", "source", "language", "extractor_version")
    search_fields = ("title", "url", "origin", "byline")
    list_select_related = ("source",)
    date_hierarchy = "created_at"
    autocomplete_fields = ("source",)
    raw_id_fields = ("feed", "duplicate_of")
    readonly_fields = (
        "status",
        "error",
        "attempts",
        "content_hash",
        "duplicate_of",
        "extractor_version",
        "fetched_at",
        "extracted_at",
        "created_at",
        "updated_at",
        "quotes_link",
    )
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "title",
                    "source",
                    "feed",
                    "url",
                    "original_url",
                    "origin",
                    "byline",
                    "published_at",
                    "language",
                    "quotes_link",
                )
            },
        ),
        ("Text", {"fields": ("text",)}),
        (
            "Processing",
            {
                "fields": (
                    "status",
                    "error",
                    "attempts",
                    "extractor_version",
                    "content_hash",
                    "duplicate_of",
                    "fetched_at",
                    "extracted_at",
                    "created_at",
                    "updated_at",
                )
            },
        ),
        ("Raw HTML", {"classes": ("collapse",), "fields": ("raw_html",)}),
    )
    actions = ["requeue_extraction"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        qs = super().get_queryset(request).annotate(quote_count=Count("quotes"))
        if request.resolver_match and request.resolver_match.url_name.endswith("changelist"):
            qs = qs.defer("raw_html", "text")
        return qs

    @admin.display(description="title", ordering="title")
    def title_or_origin(self, obj: Article) -> str:
        return str(obj)[:120]

    @admin.display(description="quotes", ordering="quote_count")
    def quote_count(self, obj: Article) -> int:
        return obj.quote_count  # type: ignore[attr-defined]

    @admin.display(description="quote candidates")
    def quotes_link(self, obj: Article) -> str:
        if not obj.pk:
            return "-"
        url = reverse("admin:quotes_quote_changelist") + f"?article__id__exact={obj.pk}"
        return format_html('<a href="{}">Review the quotes of this article</a>', url)

    @admin.action(description="Re-run quote extraction", permissions=["change"])
    def requeue_extraction(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        done = sum(article_requeue_extraction(article=a) for a in queryset)
        skipped = queryset.count() - done
        self.message_user(request, f"Queued {done} article(s) for extraction.", messages.SUCCESS)
        if skipped:
            self.message_user(
                request,
                f"Skipped {skipped} article(s) that are busy or have no text.",
                messages.WARNING,
            )
