"""Output and input serializers for speakers, quotes and ratings (unique names: drf-spectacular
names schema components after them)."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from django.conf import settings
from rest_framework import ISO_8601, serializers
from rest_framework.settings import api_settings

from claimtrack.api.fields import DetailLinkField, context_timezone, link_base
from quotes.models import Quote, Rating, Speaker


class SpeakerBriefSerializer(serializers.ModelSerializer):
    url = DetailLinkField("api-v1:speaker-list")

    class Meta:
        model = Speaker
        fields = ["id", "url", "name", "kind"]
        read_only_fields = fields


class SpeakerOutputSerializer(serializers.ModelSerializer):
    url = DetailLinkField("api-v1:speaker-list")
    aliases = serializers.SerializerMethodField(help_text="Other ways the speaker is written")
    wikidata_url = serializers.SerializerMethodField()
    quote_count = serializers.IntegerField(read_only=True)
    claim_count = serializers.IntegerField(read_only=True)
    quotes_url = serializers.HyperlinkedIdentityField(view_name="api-v1:speaker-quotes")
    claims_url = serializers.HyperlinkedIdentityField(view_name="api-v1:speaker-claims")

    class Meta:
        model = Speaker
        fields = [
            "id",
            "url",
            "name",
            "kind",
            "title",
            "affiliation",
            "country",
            "wikidata_id",
            "wikidata_url",
            "description",
            "aliases",
            "possible_duplicate_of",
            "quote_count",
            "claim_count",
            "quotes_url",
            "claims_url",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_aliases(self, obj: Speaker) -> list[str]:
        aliases = getattr(obj, "alias_list", None)  # prefetched by api_speaker_list
        if aliases is None:
            aliases = list(obj.aliases.all())
        return [a.alias for a in aliases if a.alias != obj.name]

    # The same dict as DRF's field-by-field representation (``field_by_field``; compared in
    # tests/api/test_speakers_ratings.py), with the links from one reversed prefix per request
    # (the router's shape: <list URL><pk>/, <list URL><pk>/quotes/, <list URL><pk>/claims/).
    def to_representation(self, instance: Speaker) -> dict[str, Any]:
        base = link_base(self.context, "api-v1:speaker-list")
        tz = context_timezone(self.context)
        pk = instance.pk
        return {
            "id": pk,
            "url": f"{base}{pk}/",
            "name": instance.name,
            "kind": instance.kind,
            "title": instance.title,
            "affiliation": instance.affiliation,
            "country": instance.country,
            "wikidata_id": instance.wikidata_id,
            "wikidata_url": self.get_wikidata_url(instance),
            "description": instance.description,
            "aliases": self.get_aliases(instance),
            "possible_duplicate_of": instance.possible_duplicate_of_id,
            "quote_count": instance.quote_count,  # type: ignore[attr-defined]
            "claim_count": instance.claim_count,  # type: ignore[attr-defined]
            "quotes_url": f"{base}{pk}/quotes/",
            "claims_url": f"{base}{pk}/claims/",
            "created_at": _datetime(instance.created_at, tz),
            "updated_at": _datetime(instance.updated_at, tz),
        }

    def field_by_field(self, instance: Speaker) -> dict[str, Any]:
        """DRF's generic representation, which ``to_representation`` must equal."""
        return dict(super().to_representation(instance))

    def get_wikidata_url(self, obj: Speaker) -> str | None:
        return f"https://www.wikidata.org/wiki/{obj.wikidata_id}" if obj.wikidata_id else None


class QuoteOutputSerializer(serializers.ModelSerializer):
    url = DetailLinkField("api-v1:quote-list")
    article_url = DetailLinkField("api-v1:article-list", source="article_id")
    article_title = serializers.CharField(source="article.title", read_only=True)
    source = serializers.IntegerField(source="article.source_id", read_only=True, allow_null=True)  # type: ignore[assignment]
    said_at = serializers.DateTimeField(
        source="article.published_at",
        read_only=True,
        allow_null=True,
        help_text="The article's publication time",
    )
    speaker = SpeakerBriefSerializer(read_only=True, allow_null=True)
    spans = serializers.ListField(
        child=serializers.ListField(child=serializers.IntegerField(), min_length=2, max_length=2),
        read_only=True,
        help_text="[start, end] offsets of each part of the quote in the article text",
    )
    reviewer: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    claims: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True, help_text="Ids of the claims it carries"
    )

    class Meta:
        model = Quote
        fields = [
            "id",
            "url",
            "article",
            "article_url",
            "article_title",
            "source",
            "said_at",
            "text",
            "kind",
            "start",
            "end",
            "spans",
            "speaker",
            "speaker_mention",
            "speaker_start",
            "speaker_end",
            "cue",
            "cue_start",
            "cue_end",
            "confidence",
            "status",
            "reviewer",
            "reviewed_at",
            "reject_reason",
            "note",
            "in_boilerplate",
            "extractor_version",
            "claims",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    # The quote list is the API's big table: its rows come from ``api_quote_rows`` (plain dicts,
    # no model instances) and this builds the same dict as DRF's field-by-field representation
    # of the model (``field_by_field``; tests/api/test_quotes.py compares them) in a fraction
    # of the time: links from a prefix reversed once per request, dates formatted directly.
    def to_representation(self, instance: dict[str, Any]) -> dict[str, Any]:
        row = instance
        quote_base = link_base(self.context, "api-v1:quote-list")
        article_base = link_base(self.context, "api-v1:article-list")
        speaker_base = link_base(self.context, "api-v1:speaker-list")
        tz = context_timezone(self.context)

        def dt(value: datetime | None) -> str | None:
            return _datetime(value, tz)

        speaker_id = row["speaker_id"]
        return {
            "id": row["id"],
            "url": f"{quote_base}{row['id']}/",
            "article": row["article_id"],
            "article_url": f"{article_base}{row['article_id']}/",
            "article_title": row["article__title"],
            "source": row["article__source_id"],
            "said_at": dt(row["article__published_at"]),
            "text": row["text"],
            "kind": row["kind"],
            "start": row["start"],
            "end": row["end"],
            "spans": [[int(a), int(b)] for a, b in row["spans"]],
            "speaker": None
            if speaker_id is None
            else {
                "id": speaker_id,
                "url": f"{speaker_base}{speaker_id}/",
                "name": row["speaker__name"],
                "kind": row["speaker__kind"],
            },
            "speaker_mention": row["speaker_mention"],
            "speaker_start": row["speaker_start"],
            "speaker_end": row["speaker_end"],
            "cue": row["cue"],
            "cue_start": row["cue_start"],
            "cue_end": row["cue_end"],
            "confidence": float(row["confidence"]),
            "status": row["status"],
            "reviewer": row["reviewer__username"],
            "reviewed_at": dt(row["reviewed_at"]),
            "reject_reason": row["reject_reason"],
            "note": row["note"],
            "in_boilerplate": row["in_boilerplate"],
            "extractor_version": row["extractor_version"],
            "claims": list(row["claim_ids"]),
            "created_at": dt(row["created_at"]),
            "updated_at": dt(row["updated_at"]),
        }

    def field_by_field(self, instance: Quote) -> dict[str, Any]:
        """DRF's generic representation of a Quote, which ``to_representation`` of its row must equal."""
        return dict(super().to_representation(instance))


_DATETIME = serializers.DateTimeField()


def _datetime(value: datetime | None, tz: tzinfo) -> str | None:
    """DRF's DateTimeField output (ISO 8601 in the current time zone ``tz``, "Z" for UTC),
    without the field's machinery per value."""
    if value is None:
        return None
    if api_settings.DATETIME_FORMAT != ISO_8601 or value.tzinfo is None:
        return _DATETIME.to_representation(value)
    text = value.astimezone(tz).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


class QuoteUpdateInputSerializer(serializers.Serializer):
    speaker = serializers.PrimaryKeyRelatedField(
        queryset=Speaker.objects.all(),
        allow_null=True,
        required=False,
        help_text="Speaker id (null: unknown)",
    )
    speaker_mention = serializers.CharField(max_length=300, allow_blank=True, required=False)
    kind = serializers.ChoiceField(choices=Quote.Kind.choices, required=False)
    text = serializers.CharField(min_length=1, max_length=100_000, required=False, trim_whitespace=False)
    note = serializers.CharField(allow_blank=True, max_length=10_000, required=False)

    def validate_text(self, value: str) -> str:
        if not value.strip():
            raise serializers.ValidationError("The wording cannot be empty.")
        return value


class QuoteApproveInputSerializer(serializers.Serializer):
    note = serializers.CharField(allow_blank=True, max_length=10_000, required=False, default="")


class QuoteRejectInputSerializer(serializers.Serializer):
    reason = serializers.CharField(
        allow_blank=True,
        required=False,
        default="",
        max_length=100,
        help_text="One of the desk's reject reasons (REVIEW_REJECT_REASONS), e.g. 'Not a quote'",
    )
    note = serializers.CharField(allow_blank=True, max_length=10_000, required=False, default="")

    def validate_reason(self, value: str) -> str:
        value = value.strip()
        if value and value not in settings.REVIEW_REJECT_REASONS:
            raise serializers.ValidationError(f"Choose one of: {', '.join(settings.REVIEW_REJECT_REASONS)}.")
        return value


class RatingOutputSerializer(serializers.ModelSerializer):
    claim_count = serializers.IntegerField(read_only=True, help_text="Published claims with this rating")

    class Meta:
        model = Rating
        fields = ["id", "label", "value", "description", "claim_count"]
        read_only_fields = fields
