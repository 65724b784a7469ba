"""Quotes: the big table (cursor pages), edited and decided through the review services."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response

from claimtrack.api.filters import FilterBackend
from claimtrack.api.pagination import QuoteCursorPagination
from claimtrack.api.permissions import ChangePermissions, ModelPermissions, acting_user
from claimtrack.api.response_cache import CachedReadsMixin
from claimtrack.api.search import QuoteOrderingFilter, QuoteSearchFilter
from quotes.api.filters import QuoteFilter
from quotes.api.serializers import (
    QuoteApproveInputSerializer,
    QuoteOutputSerializer,
    QuoteRejectInputSerializer,
    QuoteUpdateInputSerializer,
)
from quotes.models import Quote
from quotes.selectors.api import api_quote_list, api_quote_rows, quote_rows_with_claims
from quotes.services import quote_approve, quote_reject, quote_update


@extend_schema_view(
    list=extend_schema(
        summary="List quotes",
        description="Attributed quotes found in articles, newest first, in cursor pages: follow `next` "
        "(the cursor is opaque). Filter by review status, kind, speaker, article, source, when it was said "
        "(the article's publication time), when it was reviewed and the engine's confidence.",
    ),
    retrieve=extend_schema(
        summary="Get a quote",
        description="One quote: its words, offsets (`start`, `end`, `spans`) into the article text, "
        "the cue word, the speaker, the review state and the claims it carries.",
    ),
    partial_update=extend_schema(
        summary="Edit a quote",
        description="Correct the speaker, the kind or the wording (Reviewers). The edit is recorded "
        "in the audit trail and the quote counts as reviewed.",
        request=QuoteUpdateInputSerializer,
        responses={200: QuoteOutputSerializer},
    ),
)
class QuoteViewSet(
    CachedReadsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [ModelPermissions]
    permission_model = Quote
    serializer_class = QuoteOutputSerializer
    pagination_class = QuoteCursorPagination
    filterset_class = QuoteFilter
    filter_backends = [FilterBackend, QuoteSearchFilter, QuoteOrderingFilter]
    ordering_fields = ["id", "created_at", "confidence", "start"]
    ordering = ["-id"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        # Filters, search and ordering belong to the list; a detail or an action finds its row by id.
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def get_queryset(self) -> QuerySet[Quote]:
        return api_quote_list()

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        rows = api_quote_rows(self.filter_queryset(self.get_queryset()))
        page = quote_rows_with_claims(self.paginate_queryset(rows) or [])
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # DRF's get_object_or_404: a malformed id is a 404 too, as for every other detail.
        row: dict[str, Any] = get_object_or_404(api_quote_rows(self.get_queryset()), pk=kwargs["pk"])  # type: ignore[type-var,assignment]
        self.check_object_permissions(request, row)
        return Response(self.get_serializer(quote_rows_with_claims([row])[0]).data)

    def _output(self, quote: Quote) -> Response:
        row = api_quote_rows(api_quote_list().filter(pk=quote.pk)).get()
        return Response(self.get_serializer(quote_rows_with_claims([row])[0]).data)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        quote = self.get_object()
        serializer = QuoteUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._output(
            quote_update(quote=quote, actor=acting_user(request), data=dict(serializer.validated_data))
        )

    @extend_schema(
        summary="Approve a quote",
        description="Mark a pending candidate as a correct quote (Reviewers). A quote someone already "
        "decided answers 409 with who decided it and when.",
        request=QuoteApproveInputSerializer,
        responses={200: QuoteOutputSerializer},
    )
    @action(detail=True, methods=["post"], permission_classes=[ChangePermissions])
    def approve(self, request: Request, pk: str | None = None) -> Response:
        quote = self.get_object()
        serializer = QuoteApproveInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._output(
            quote_approve(quote=quote, actor=acting_user(request), note=serializer.validated_data["note"])
        )

    @extend_schema(
        summary="Reject a quote",
        description="Mark a pending candidate as wrong (Reviewers), with an optional reason from the "
        "desk's list. A quote someone already decided answers 409.",
        request=QuoteRejectInputSerializer,
        responses={200: QuoteOutputSerializer},
    )
    @action(detail=True, methods=["post"], permission_classes=[ChangePermissions])
    def reject(self, request: Request, pk: str | None = None) -> Response:
        quote = self.get_object()
        serializer = QuoteRejectInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        return self._output(
            quote_reject(quote=quote, actor=acting_user(request), note=data["note"], reason=data["reason"])
        )
