"""REST API for claim matching: ``POST /api/v1/claims/match/`` and the match fields of quotes.

Mount with ``path("", include("quotes.matching.urls"))`` in ``claimtrack.urls.api_v1_patterns``,
before any router whose ``claims/<pk>/`` route would take ``claims/match/``.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from quotes.matching.models import QuoteClaimMatch
from quotes.matching.selectors import MAX_MATCHES, claim_match_text
from quotes.models import Claim

MAX_TEXT = 10_000


class CanViewClaims(BasePermission):
    def has_permission(self, request: Request, view: APIView) -> bool:
        return bool(request.user and request.user.has_perm("quotes.view_claim"))


class ClaimMatchInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=MAX_TEXT, trim_whitespace=True)
    limit = serializers.IntegerField(min_value=1, max_value=MAX_MATCHES, default=MAX_MATCHES)


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

    @extend_schema(request=ClaimMatchInputSerializer, responses={200: ClaimMatchListOutputSerializer})
    def post(self, request: Request) -> Response:
        data = ClaimMatchInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        payload = claim_match_payload(text=data.validated_data["text"], limit=data.validated_data["limit"])
        return Response(ClaimMatchListOutputSerializer(payload).data, status=status.HTTP_200_OK)
