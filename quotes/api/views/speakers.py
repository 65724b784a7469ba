"""Speakers: list, detail, and each speaker's quotes and claims."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.filters import OrderingFilter
from rest_framework.request import Request
from rest_framework.response import Response

from claimtrack.api.filters import FilterBackend
from claimtrack.api.pagination import QuoteCursorPagination
from claimtrack.api.permissions import ModelPermissions
from claimtrack.api.response_cache import CachedReadsMixin
from claimtrack.api.search import SpeakerSearchFilter
from quotes.api.claim_serializers import ClaimOutputSerializer
from quotes.api.filters import SpeakerFilter
from quotes.api.serializers import QuoteOutputSerializer, SpeakerOutputSerializer
from quotes.models import Speaker
from quotes.selectors.api import (
    api_claim_list,
    api_quote_list,
    api_quote_rows,
    api_speaker_list,
    quote_rows_with_claims,
)


@extend_schema_view(
    list=extend_schema(
        summary="List speakers",
        description="People, organisations and places quotes are attributed to, with their aliases and "
        "how many quotes and claims they have. `search` matches names, titles, affiliations and aliases, "
        "tolerating misspellings (best match first).",
    ),
    retrieve=extend_schema(summary="Get a speaker", description="One speaker with aliases and counts."),
)
class SpeakerViewSet(CachedReadsMixin, viewsets.ReadOnlyModelViewSet):
    permission_classes = [ModelPermissions]
    permission_model = Speaker
    cached_actions = ("list", "retrieve", "quotes", "claims")
    serializer_class = SpeakerOutputSerializer
    filterset_class = SpeakerFilter
    # Search comes last: it ranks best match first unless ?ordering= is given.
    filter_backends = [FilterBackend, OrderingFilter, SpeakerSearchFilter]
    ordering_fields = ["name", "created_at", "quote_count", "claim_count"]
    ordering = ["name", "id"]

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        # Filters, search and ordering belong to the list; a detail or an action finds its row by id.
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def get_queryset(self) -> QuerySet[Speaker]:
        return api_speaker_list()

    @extend_schema(
        summary="List a speaker's quotes",
        description="The quotes attributed to this speaker, newest first (cursor pages).",
        responses=QuoteOutputSerializer(many=True),
        filters=False,
        parameters=[OpenApiParameter("page_size", int, description="Results per page (at most 200)")],
    )
    @action(detail=True, methods=["get"], pagination_class=QuoteCursorPagination, filter_backends=[])
    def quotes(self, request: Request, pk: str | None = None) -> Response:
        speaker = self.get_object()
        page = self.paginate_queryset(api_quote_rows(api_quote_list().filter(speaker=speaker)))
        rows = quote_rows_with_claims(page or [])
        data = QuoteOutputSerializer(rows, many=True, context=self.get_serializer_context()).data
        return self.get_paginated_response(data)

    @extend_schema(
        summary="List a speaker's claims",
        description="Claims whose claimant is this speaker, newest first. Without `view_claim` permission "
        "only published claims are listed.",
        responses=ClaimOutputSerializer(many=True),
        filters=False,
    )
    @action(detail=True, methods=["get"], filter_backends=[])
    def claims(self, request: Request, pk: str | None = None) -> Response:
        speaker = self.get_object()
        published_only = not request.user.has_perm("quotes.view_claim")
        page = self.paginate_queryset(api_claim_list(published_only=published_only).filter(claimant=speaker))
        data = ClaimOutputSerializer(page, many=True, context=self.get_serializer_context()).data
        return self.get_paginated_response(data)
