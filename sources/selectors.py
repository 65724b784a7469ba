from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from sources.models import Article, Feed, Source


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


def source_list_with_counts() -> QuerySet[Source]:
    """Sources with their feeds and one article count per status (n_<status>)."""
    counts = {
        f"n_{value}": Count("articles", filter=Q(articles__status=value)) for value in Article.Status.values
    }
    return Source.objects.prefetch_related("feeds").annotate(**counts).order_by("name")


def feed_list() -> QuerySet[Feed]:
    return Feed.objects.select_related("source").order_by("source__name", "url")


def feed_is_due(*, feed: Feed, now: datetime) -> bool:
    if not (feed.active and feed.source.active):
        return False
    if feed.last_polled_at is None:
        return True
    return feed.last_polled_at <= now - timedelta(minutes=feed.source.poll_interval_minutes)


def feed_list_due(*, now: datetime) -> list[Feed]:
    """Active feeds of active sources whose poll interval has passed."""
    feeds = feed_list().filter(active=True, source__active=True)
    return [feed for feed in feeds if feed_is_due(feed=feed, now=now)]


def article_list_requeueable(*, failed: bool = True, stuck: bool = True) -> QuerySet[Article]:
    """Failed articles and stuck ones: a claim older than the lease (its worker died),
    or queued/fetched for longer than ARTICLE_STUCK_AFTER_SECONDS (its message was lost,
    e.g. the broker was down when the row was committed)."""
    now = timezone.now()
    lease = now - timedelta(seconds=settings.ARTICLE_CLAIM_LEASE_SECONDS)
    waited = now - timedelta(seconds=settings.ARTICLE_STUCK_AFTER_SECONDS)
    condition = Q(pk__in=[])
    if failed:
        condition |= Q(status=Article.Status.FAILED)
    if stuck:
        condition |= Q(status__in=[Article.Status.FETCHING, Article.Status.EXTRACTING], updated_at__lt=lease)
        condition |= Q(status__in=[Article.Status.QUEUED, Article.Status.FETCHED], updated_at__lt=waited)
    return Article.objects.filter(condition).defer("raw_html", "text").order_by("id")
