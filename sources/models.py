from django.core.validators import URLValidator
from django.db import models
from django.db.models import F, Q


class Source(models.Model):
    """An outlet that fact-checkers follow."""

    name = models.CharField(max_length=200, unique=True)
    homepage = models.URLField(max_length=500, blank=True)
    language = models.CharField(max_length=16, blank=True, help_text="BCP 47 code, e.g. en")
    country = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1 alpha-2")
    active = models.BooleanField(default=True)
    poll_interval_minutes = models.PositiveIntegerField(default=60)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(poll_interval_minutes__gte=1), name="source_poll_interval_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Feed(models.Model):
    """An RSS/Atom feed of a source, polled with conditional GET (ETag / Last-Modified)."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="feeds")
    # The fetcher speaks HTTP(S) only; refuse ftp:// and the like when the feed is saved.
    url = models.URLField(max_length=2000, unique=True, validators=[URLValidator(schemes=["http", "https"])])
    title = models.CharField(max_length=500, blank=True)
    active = models.BooleanField(default=True)
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["source__name", "url"]

    def __str__(self) -> str:
        return self.url


class Article(models.Model):
    """One news article. ``text`` is the clean main text that quotes point into by offsets.

    ``url`` is the canonical URL and is unique; it is NULL for articles that came in as a
    file or pasted text (PostgreSQL and SQLite allow many NULLs under a unique constraint).
    Those are deduplicated by ``content_hash`` instead.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        FETCHING = "fetching", "Fetching"
        FETCHED = "fetched", "Fetched"
        EXTRACTING = "extracting", "Extracting"
        EXTRACTED = "extracted", "Extracted"
        FAILED = "failed", "Failed"
        DUPLICATE = "duplicate", "Duplicate"

    source = models.ForeignKey(
        Source, on_delete=models.SET_NULL, null=True, blank=True, related_name="articles"
    )
    feed = models.ForeignKey(Feed, on_delete=models.SET_NULL, null=True, blank=True, related_name="articles")
    url = models.URLField(max_length=2000, unique=True, null=True, blank=True)
    original_url = models.CharField(max_length=2000, blank=True)
    origin = models.CharField(
        max_length=1000, blank=True, help_text="Where the article came from (file path, paste)."
    )
    title = models.CharField(max_length=1000, blank=True)
    byline = models.CharField(max_length=500, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    text = models.TextField(blank=True)
    raw_html = models.TextField(blank=True)
    content_hash = models.CharField(max_length=64, blank=True, db_index=True)
    duplicate_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="duplicates"
    )
    language = models.CharField(max_length=16, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=0)
    extractor_version = models.CharField(max_length=32, blank=True)
    fetched_at = models.DateTimeField(null=True, blank=True)
    extracted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "updated_at"], name="article_status_updated")]
        constraints = [
            models.CheckConstraint(
                condition=Q(duplicate_of__isnull=True) | ~Q(duplicate_of=F("id")),
                name="article_not_duplicate_of_itself",
            ),
            models.CheckConstraint(
                condition=~Q(status="duplicate") | Q(duplicate_of__isnull=False),
                name="article_duplicate_has_original",
            ),
            # At most one original per text: two syndicated copies fetched at the same
            # moment cannot both become originals (and both be extracted).
            models.UniqueConstraint(
                fields=["content_hash"],
                condition=Q(duplicate_of__isnull=True) & ~Q(content_hash=""),
                name="article_one_original_per_content_hash",
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.url or self.origin or f"Article {self.pk}"
