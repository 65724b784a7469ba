"""Output and input serializers for claims."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers
from rest_framework.reverse import reverse

from claimtrack.api.fields import DetailLinkField
from quotes.api.serializers import SpeakerBriefSerializer
from quotes.models import Claim, ClaimCorrection, ClaimEvidence, Quote, Rating, Speaker
from sources.urls import InvalidURLError, canonicalize_url


class RatingBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Rating
        fields = ["id", "label", "value"]
        read_only_fields = fields


class ClaimAppearanceSerializer(serializers.ModelSerializer):
    url = DetailLinkField("api-v1:quote-list")
    article_url = serializers.CharField(
        source="article.url",
        read_only=True,
        allow_null=True,
        help_text="Where the article was published (null for pasted text)",
    )
    article_title = serializers.CharField(source="article.title", read_only=True)
    said_at = serializers.DateTimeField(source="article.published_at", read_only=True, allow_null=True)

    class Meta:
        model = Quote
        fields = ["id", "url", "text", "status", "article", "article_url", "article_title", "said_at"]
        read_only_fields = fields


class ClaimEvidenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = ClaimEvidence
        fields = ["url", "title"]
        read_only_fields = fields


class ClaimCorrectionSerializer(serializers.ModelSerializer):
    actor: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )

    class Meta:
        model = ClaimCorrection
        fields = ["kind", "note", "actor", "created_at"]
        read_only_fields = fields


class ClaimOutputSerializer(serializers.ModelSerializer):
    url = DetailLinkField("api-v1:claim-list")
    claimant = SpeakerBriefSerializer(read_only=True, allow_null=True)
    rating = RatingBriefSerializer(read_only=True, allow_null=True)
    checker: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    appearances = ClaimAppearanceSerializer(
        many=True, read_only=True, help_text="The quotes that carry the claim"
    )
    evidence = ClaimEvidenceSerializer(many=True, read_only=True)
    corrections = ClaimCorrectionSerializer(
        many=True, read_only=True, help_text="Corrections and unpublications, oldest first"
    )
    claimreview_url = serializers.SerializerMethodField(
        help_text="ClaimReview JSON-LD (published claims only)"
    )

    class Meta:
        model = Claim
        fields = [
            "id",
            "url",
            "statement",
            "claimant",
            "status",
            "rating",
            "ruling",
            "appearances",
            "evidence",
            "corrections",
            "first_seen",
            "published_at",
            "checker",
            "claimreview_url",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_claimreview_url(self, obj: Claim) -> str | None:
        if obj.status != Claim.Status.PUBLISHED:
            return None
        return reverse("api-v1:claim-claimreview", args=[obj.pk], request=self.context.get("request"))


class ClaimEvidenceInputSerializer(serializers.Serializer):
    url = serializers.URLField(max_length=2000, help_text="http or https link to the source")
    title = serializers.CharField(max_length=300, allow_blank=True, required=False, default="")

    def validate_url(self, value: str) -> str:
        try:
            canonicalize_url(value)
        except InvalidURLError as exc:
            raise serializers.ValidationError(str(exc)) from None
        return value.strip()


class ClaimInputSerializer(serializers.Serializer):
    statement = serializers.CharField(
        max_length=10_000, help_text="The checkable statement, in the checker's words"
    )
    claimant = serializers.PrimaryKeyRelatedField(
        queryset=Speaker.objects.all(), allow_null=True, required=False, help_text="Speaker id"
    )
    appearances = serializers.PrimaryKeyRelatedField(
        queryset=Quote.objects.select_related("article"), many=True, required=False, help_text="Quote ids"
    )
    rating = serializers.PrimaryKeyRelatedField(
        queryset=Rating.objects.all(), allow_null=True, required=False, help_text="Rating id"
    )
    ruling = serializers.CharField(allow_blank=True, max_length=100_000, required=False)
    evidence = ClaimEvidenceInputSerializer(many=True, required=False, max_length=100)  # type: ignore[call-arg]

    def validate_statement(self, value: str) -> str:
        if not value.strip():
            raise serializers.ValidationError("The statement cannot be empty.")
        return value

    def validate_appearances(self, value: list[Quote]) -> list[Quote]:
        rejected = [q.pk for q in value if q.status == Quote.Status.REJECTED]
        if rejected:
            raise serializers.ValidationError(f"A rejected quote cannot carry a claim: {rejected}.")
        return value

    def service_data(self) -> dict[str, Any]:
        data = dict(self.validated_data)
        if "evidence" in data:
            data["evidence"] = [dict(item) for item in data["evidence"]]
        return data


class ClaimCorrectInputSerializer(ClaimInputSerializer):
    statement = serializers.CharField(max_length=10_000, required=False, help_text="The corrected statement")
    note = serializers.CharField(max_length=10_000, help_text="What changed and why; readers see it")

    def validate_note(self, value: str) -> str:
        if not value.strip():
            raise serializers.ValidationError("A correction needs a note that readers will see.")
        return value


class ClaimUnpublishInputSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=10_000, help_text="Why the claim is withdrawn; readers see it")

    def validate_note(self, value: str) -> str:
        if not value.strip():
            raise serializers.ValidationError("Unpublishing needs a note that readers will see.")
        return value
