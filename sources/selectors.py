from django.db.models import Count, QuerySet

from sources.models import Article


def article_list(*, status: str | None = None) -> QuerySet[Article]:
    """Articles for lists: the heavy raw HTML is deferred."""
    qs = Article.objects.select_related("source", "feed").defer("raw_html")
    if status:
        qs = qs.filter(status=status)
    return qs


def article_original_by_content_hash(*, content_hash: str) -> Article | None:
    """The first article (not itself a duplicate) with this content hash, if any."""
    return (
        Article.objects.filter(content_hash=content_hash, duplicate_of__isnull=True)
        .exclude(status=Article.Status.DUPLICATE)
        .order_by("id")
        .only("id", "title", "url", "origin")
        .first()
    )


def article_status_counts() -> dict[str, int]:
    rows = Article.objects.values("status").annotate(n=Count("id")).order_by()
    return {row["status"]: row["n"] for row in rows}
