"""REST API for claim matching: ``POST /api/v1/claims/match/``, the match and variant fields of
quotes, and ``GET /api/v1/speakers/{id}/timeline/``.

Mount with ``path("", include("quotes.matching.urls"))`` in ``claimtrack.urls.api_v1_patterns``,
before any router whose ``claims/<pk>/`` route would take ``claims/match/``.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from quotes.matching.models import QuoteClaimMatch, QuoteVariant
from quotes.matching.selectors import MAX_MATCHES, claim_match_text
from quotes.matching.timeline import speaker_timeline
from quotes.models import Claim, Speaker

MAX_TEXT = 10_000


class CanViewClaims(BasePermission):
    def has_permission(self, request: Request, view: APIView) -> bool:
        return bool(request.user and request.user.has_perm("quotes.view_claim"))


class ClaimMatchInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=MAX_TEXT, trim_whitespace=True)
    limit = serializers.IntegerField(min_value=1, max_value=MAX_MATCHES, default=MAX_MATCHES)


# A text in the query string stays short enough for any server's URL limit (each character can
# take 12 bytes percent-encoded); longer texts go in a POST body.
MAX_QUERY_TEXT = 1_000


class ClaimMatchQueryInputSerializer(ClaimMatchInputSerializer):
    text = serializers.CharField(max_length=MAX_QUERY_TEXT, trim_whitespace=True)


class ClaimMatchOutputSerializer(serializers.Serializer):
    """One ranked match: the claim, its verdict, and why."""

    claim = serializers.IntegerField()
    statement = serializers.CharField()
    status = serializers.CharField()
    rating = serializers.CharField(allow_null=True)
    score = serializers.FloatField()
    level = serializers.ChoiceField(choices=["same", "related"])
    reasons = serializers.ListField(child=serializers.CharField())
    matched_text = serializers.CharField()


class ClaimMatchListOutputSerializer(serializers.Serializer):
    text = serializers.CharField()
    matches = ClaimMatchOutputSerializer(many=True)


class QuoteClaimMatchOutputSerializer(serializers.ModelSerializer):
    """The stored matches of a quote, for a ``matches`` field on the quote serializers."""

    statement = serializers.CharField(source="claim.statement")
    rating = serializers.CharField(source="claim.rating.label", default=None)

    class Meta:
        model = QuoteClaimMatch
        fields = ("claim", "statement", "rating", "score", "level", "reasons", "matched_text")


def claim_match_payload(*, text: str, limit: int = MAX_MATCHES) -> dict:
    """Ranked matches of ``text`` with the claims' status and rating, for the serializer."""
    matches = claim_match_text(text=text, limit=limit)
    claims = Claim.objects.select_related("rating").in_bulk([m.claim for m in matches])
    rows = []
    for m in matches:
        claim = claims.get(m.claim)
        if claim is None:
            continue
        rows.append(
            {
                "claim": claim.pk,
                "statement": claim.statement,
                "status": claim.status,
                "rating": claim.rating.label if claim.rating else None,
                "score": m.score,
                "level": m.level.value,
                "reasons": m.reasons,
                "matched_text": m.text,
            }
        )
    return {"text": text, "matches": rows}


class ClaimMatchApi(APIView):
    """Text in; the existing claims it repeats (*same*) or may concern (*related*) out."""

    permission_classes = [IsAuthenticated, CanViewClaims]

    @extend_schema(
        summary="Match a text against the claims",
        description="The claims already checked that the text repeats (`same`) or may concern "
        "(`related`), best first, each with its verdict and the reasons for the match.",
        request=ClaimMatchInputSerializer,
        responses={200: ClaimMatchListOutputSerializer},
    )
    def post(self, request: Request) -> Response:
        return self._matches(ClaimMatchInputSerializer(data=request.data))

    @extend_schema(
        summary="Match a text against the claims (query string)",
        description="The same as the POST, for a short text in the query string (`?text=...`, at "
        f"most {MAX_QUERY_TEXT} characters): handy for a chat bot or a browser; longer texts go in a "
        "POST body.",
        parameters=[ClaimMatchQueryInputSerializer],
        responses={200: ClaimMatchListOutputSerializer},
        operation_id="claims_match_get",
    )
    def get(self, request: Request) -> Response:
        return self._matches(ClaimMatchQueryInputSerializer(data=request.query_params))

    def _matches(self, data: ClaimMatchInputSerializer) -> Response:
        data.is_valid(raise_exception=True)
        payload = claim_match_payload(text=data.validated_data["text"], limit=data.validated_data["limit"])
        return Response(ClaimMatchListOutputSerializer(payload).data, status=status.HTTP_200_OK)


class QuoteVariantOutputSerializer(serializers.ModelSerializer):
    """For a ``variant_of`` field on quotes: the first report and the word diff against it."""

    possible_misquote = serializers.BooleanField(read_only=True)

    class Meta:
        model = QuoteVariant
        fields = ("canonical", "similarity", "same_words", "possible_misquote", "diff")


class SpeakerTimelineEntryOutputSerializer(serializers.Serializer):
    when = serializers.DateTimeField()
    kind = serializers.ChoiceField(choices=["quote", "claim"])
    id = serializers.IntegerField()
    text = serializers.CharField()
    status = serializers.CharField()
    rating = serializers.CharField(allow_null=True)
    claims = serializers.ListField(child=serializers.IntegerField())
    article = serializers.IntegerField(allow_null=True)
    article_title = serializers.CharField()


class SpeakerTimelineOutputSerializer(serializers.Serializer):
    speaker = serializers.IntegerField()
    name = serializers.CharField()
    entries = SpeakerTimelineEntryOutputSerializer(many=True)


class CanViewQuotes(BasePermission):
    def has_permission(self, request: Request, view: APIView) -> bool:
        return bool(request.user and request.user.has_perm("quotes.view_quote"))


class SpeakerTimelineApi(APIView):
    """A speaker's quotes and claims over time, with ratings, newest first."""

    permission_classes = [IsAuthenticated, CanViewQuotes]

    @extend_schema(responses={200: SpeakerTimelineOutputSerializer})
    def get(self, request: Request, pk: int) -> Response:
        speaker = get_object_or_404(Speaker, pk=pk)
        payload = {"speaker": speaker.pk, "name": speaker.name, "entries": speaker_timeline(speaker=speaker)}
        return Response(SpeakerTimelineOutputSerializer(payload).data)
