from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from sources.forms import ArticleSubmitForm
from sources.models import Article, Feed, Source
from sources.selectors import source_list_with_counts
from sources.services import (
    ArticleDuplicateError,
    ArticleInputError,
    article_requeue,
    article_submit,
    feed_enqueue_poll,
)


class FeedInline(admin.TabularInline):
    model = Feed
    extra = 0
    fields = ("url", "title", "active", "last_polled_at", "last_error")
    readonly_fields = ("last_polled_at", "last_error")


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("name", "active", "language", "article_counts", "last_polled_at", "short_error")
    list_filter = ("active", "language", "country")
    search_fields = ("name", "homepage")
    readonly_fields = ("last_polled_at", "last_error", "created_at", "updated_at")
    inlines = [FeedInline]
    actions = ["poll_now"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Source]:
        return source_list_with_counts()

    @admin.display(description="articles by status")
    def article_counts(self, obj: Source) -> str:
        counts = [(value, getattr(obj, f"n_{value}", 0)) for value in Article.Status.values]
        shown = [(value, n) for value, n in counts if n]
        if not shown:
            return "-"
        base = reverse("admin:sources_article_changelist")
        return format_html_join(
            " · ",
            '<a href="{}?source__id__exact={}&status__exact={}">{} {}</a>',
            ((base, obj.pk, value, n, value) for value, n in shown),
        )

    @admin.display(description="last error")
    def short_error(self, obj: Source) -> str:
        return obj.last_error[:80]

    @admin.action(description="Poll the feeds of the selected sources now", permissions=["change"])
    def poll_now(self, request: HttpRequest, queryset: QuerySet[Source]) -> None:
        feeds = Feed.objects.filter(source__in=queryset, active=True)
        for feed in feeds:
            feed_enqueue_poll(feed=feed)
        self.message_user(request, f"Queued a poll of {len(feeds)} feed(s).", messages.SUCCESS)


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

    actions = ["poll_now"]

    @admin.display(description="last error")
    def short_error(self, obj: Feed) -> str:
        return obj.last_error[:80]

    @admin.action(description="Poll the selected feeds now", permissions=["change"])
    def poll_now(self, request: HttpRequest, queryset: QuerySet[Feed]) -> None:
        for feed in queryset:
            feed_enqueue_poll(feed=feed)
        self.message_user(request, f"Queued a poll of {queryset.count()} feed(s).", messages.SUCCESS)


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
    actions = ["requeue_extraction", "requeue_failed_or_stuck"]

    def add_view(
        self, request: HttpRequest, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """Add an article by URL or pasted text/HTML, through the services (not a bare
        model form: the text must be cleaned, deduplicated and queued)."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ArticleSubmitForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                submission = article_submit(
                    url=data["url"], content=data["content"], title=data["title"], source=data["source"]
                )
                article = submission.article
                if submission.by_url:
                    note = "queued" if submission.queued else "already known (same URL)"
                else:
                    note = "queued for quote extraction"
            except ArticleDuplicateError as exc:
                self.message_user(request, exc.message, messages.WARNING)
                return HttpResponseRedirect(reverse("admin:sources_article_change", args=[exc.original.pk]))
            except ArticleInputError as exc:
                form.add_error(None, exc.message)
            else:
                self.message_user(request, f"Article #{article.pk}: {note}.", messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:sources_article_change", args=[article.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Add article",
            "form": form,
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/sources/article/submit.html", context)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        qs = super().get_queryset(request).annotate(quote_count=Count("quotes"))
        match = request.resolver_match
        if match and match.url_name and match.url_name.endswith("changelist"):
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
        done = sum(bool(article_requeue(article=a, rerun_extracted=True)) for a in queryset)
        skipped = queryset.count() - done
        self.message_user(request, f"Queued {done} article(s) for extraction.", messages.SUCCESS)
        if skipped:
            self.message_user(
                request,
                f"Skipped {skipped} article(s) that are busy or have no text.",
                messages.WARNING,
            )

    @admin.action(description="Re-queue failed or stuck articles (fetch or extract)", permissions=["change"])
    def requeue_failed_or_stuck(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        steps = [article_requeue(article=a) for a in queryset]
        self.message_user(
            request,
            f"Re-queued {steps.count('fetch')} for fetching and {steps.count('extract')} for extraction.",
            messages.SUCCESS,
        )
        if steps.count(""):
            self.message_user(
                request,
                f"Skipped {steps.count('')} article(s) that are busy, done or duplicates.",
                messages.WARNING,
            )
