"""Input and output serializers for the sources API (unique names: drf-spectacular
names schema components after them)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

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
    class Meta:
        model = Feed
        fields = ["source", "url", "active"]

    def validate_url(self, value: str) -> str:
        # Same rules as article URLs (http/https, no credentials); the address itself is
        # checked at every poll, since DNS answers change.
        try:
            canonicalize_url(value)
        except InvalidURLError as exc:
            raise serializers.ValidationError(str(exc)) from None
        return value.strip()


class SourceOutputSerializer(serializers.ModelSerializer):
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
    class Meta:
        model = Source
        fields = ["name", "homepage", "language", "country", "active", "poll_interval_minutes"]


class ArticleListOutputSerializer(serializers.ModelSerializer):
    status_url = serializers.HyperlinkedIdentityField(view_name="api-v1:article-detail")

    class Meta:
        model = Article
        fields = [
            "id",
            "status_url",
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


class ArticleDetailOutputSerializer(ArticleListOutputSerializer):
    class Meta(ArticleListOutputSerializer.Meta):
        fields = [*ArticleListOutputSerializer.Meta.fields, "text", "content_hash"]
        read_only_fields = fields


class ArticleCreateInputSerializer(serializers.Serializer):
    """Either ``url`` (fetched by a worker) or ``text`` (plain text or HTML)."""

    url = serializers.CharField(required=False, allow_blank=True, max_length=2048)
    text = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    title = serializers.CharField(required=False, allow_blank=True, max_length=1000)
    # "source" shadows Field.source in the type stubs only; DRF allows the name.
    source = serializers.PrimaryKeyRelatedField(  # type: ignore[assignment]
        queryset=Source.objects.all(), required=False, allow_null=True
    )

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
