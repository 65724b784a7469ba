"""Input and output serializers for the sources API (unique names: drf-spectacular
names schema components after them)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from claimtrack.api.fields import DetailLinkField, link_base
from sources.models import Article, Feed, Source
from sources.urls import InvalidURLError, canonicalize_url


class FeedOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Feed
        fields = [
            "id",
            "source",
            "url",
            "title",
            "active",
            "last_polled_at",
            "last_error",
            "created_at",
        ]
        read_only_fields = fields


class FeedInputSerializer(serializers.ModelSerializer):
    url = serializers.CharField(
        max_length=2000, help_text="The feed's http(s) address (stored in canonical form)"
    )

    class Meta:
        model = Feed
        fields = ["source", "url", "active"]

    def validate_url(self, value: str) -> str:
        # Same rules as article URLs (http/https, no credentials); the canonical form is what
        # is stored, so two spellings of one feed are one feed. The address itself is checked
        # at every poll, since DNS answers change.
        try:
            canonical = canonicalize_url(value)
        except InvalidURLError as exc:
            raise serializers.ValidationError(str(exc)) from None
        taken = Feed.objects.filter(url=canonical)
        if self.instance is not None:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise serializers.ValidationError(f"This feed is already registered: {canonical}")
        return canonical


class SourceOutputSerializer(serializers.ModelSerializer):
    homepage = serializers.CharField(read_only=True, help_text="The outlet's home page (may be empty)")
    feeds = FeedOutputSerializer(many=True, read_only=True)
    article_counts = serializers.SerializerMethodField()

    class Meta:
        model = Source
        fields = [
            "id",
            "name",
            "homepage",
            "language",
            "country",
            "active",
            "poll_interval_minutes",
            "last_polled_at",
            "last_error",
            "feeds",
            "article_counts",
        ]
        read_only_fields = fields

    def get_article_counts(self, obj: Source) -> dict[str, int]:
        return {status: getattr(obj, f"n_{status}", 0) for status in Article.Status.values}


class SourceInputSerializer(serializers.ModelSerializer):
    homepage = serializers.CharField(
        max_length=500, allow_blank=True, required=False, help_text="http(s) home page (may be empty)"
    )
    poll_interval_minutes = serializers.IntegerField(
        min_value=1,
        max_value=7 * 24 * 60,
        required=False,
        help_text="Minutes between feed polls (1 to 10080)",
    )

    class Meta:
        model = Source
        fields = ["name", "homepage", "language", "country", "active", "poll_interval_minutes"]

    def validate_name(self, value: str) -> str:
        if not value.strip():
            raise serializers.ValidationError("The name cannot be empty.")
        return value.strip()

    def validate_homepage(self, value: str) -> str:
        value = value.strip()
        if not value:
            return ""
        try:
            canonicalize_url(value)
        except InvalidURLError as exc:
            raise serializers.ValidationError(str(exc)) from None
        return value


class ArticleListOutputSerializer(serializers.ModelSerializer):
    status_url = DetailLinkField("api-v1:article-list")
    quotes_url = serializers.SerializerMethodField(help_text="The quotes found in this article")

    class Meta:
        model = Article
        fields = [
            "id",
            "status_url",
            "quotes_url",
            "url",
            "title",
            "byline",
            "published_at",
            "source",
            "feed",
            "origin",
            "language",
            "status",
            "error",
            "attempts",
            "duplicate_of",
            "extractor_version",
            "fetched_at",
            "extracted_at",
            "created_at",
        ]
        read_only_fields = fields

    def get_quotes_url(self, obj: Article) -> str:
        return f"{link_base(self.context, 'api-v1:quote-list')}?article={obj.pk}"


class ArticleDetailOutputSerializer(ArticleListOutputSerializer):
    class Meta(ArticleListOutputSerializer.Meta):
        fields = [*ArticleListOutputSerializer.Meta.fields, "text", "content_hash"]
        read_only_fields = fields


class ArticleCreateInputSerializer(serializers.Serializer):
    """Either ``url`` (fetched by a worker) or ``text`` (plain text or HTML)."""

    url = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    text = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    title = serializers.CharField(required=False, allow_blank=True, max_length=1000)
    # "source" shadows Field.source in the type stubs only; DRF allows the name.
    source = serializers.PrimaryKeyRelatedField(  # type: ignore[assignment]
        queryset=Source.objects.all(), required=False, allow_null=True
    )

    def validate_url(self, value: str) -> str:
        if value.strip():
            try:
                canonicalize_url(value)
            except InvalidURLError as exc:
                raise serializers.ValidationError(str(exc)) from None
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        has_url = bool(attrs.get("url", "").strip())
        has_text = bool(attrs.get("text", "").strip())
        if has_url == has_text:
            raise serializers.ValidationError("Give either a url or a text, not both.")
        return attrs


class ArticleCreateOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    status_url = serializers.URLField()
    created = serializers.BooleanField()
