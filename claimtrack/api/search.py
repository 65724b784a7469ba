"""Filter backends for ``?search=``: full-text and trigram on PostgreSQL (quotes.selectors.search)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework.filters import BaseFilterBackend, OrderingFilter
from rest_framework.request import Request

from quotes.selectors.search import quote_search, search_is_full_text, speaker_search

SEARCH_PARAM = "search"
MAX_QUERY_LENGTH = 200


def _query(request: Request) -> str:
    return request.query_params.get(SEARCH_PARAM, "")[:MAX_QUERY_LENGTH].strip()


class _SearchBackend(BaseFilterBackend):
    description = ""

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            {
                "name": SEARCH_PARAM,
                "required": False,
                "in": "query",
                "description": self.description,
                "schema": {"type": "string", "maxLength": MAX_QUERY_LENGTH},
            }
        ]


class SpeakerSearchFilter(_SearchBackend):
    description = (
        "Words of a speaker's name, title, affiliation or an alias; misspellings tolerated "
        "(trigram similarity). Best match first unless `ordering` is given."
    )

    def filter_queryset(self, request: Request, queryset: QuerySet, view: Any) -> QuerySet:
        query = _query(request)
        if not query:
            return queryset
        ranked = speaker_search(queryset, query=query)
        if request.query_params.get("ordering"):
            return ranked.order_by(*queryset.query.order_by)
        return ranked


class QuoteSearchFilter(_SearchBackend):
    description = (
        "Full-text search over the quote's words and its speaker's name, web-search syntax: "
        '`"exact phrase"`, `or`, `-word`. Best match first unless `ordering` is given.'
    )

    def filter_queryset(self, request: Request, queryset: QuerySet, view: Any) -> QuerySet:
        query = _query(request)
        return quote_search(queryset, query=query) if query else queryset


class QuoteOrderingFilter(OrderingFilter):
    """Ordering for the quote list; with a search (on PostgreSQL), best match first.

    The cursor paginator reads the ordering from here, so it pages through ranked results too.
    """

    def get_ordering(self, request: Request, queryset: QuerySet, view: Any) -> Any:
        explicit = request.query_params.get(self.ordering_param)
        if _query(request) and not explicit and search_is_full_text():
            return ["-search_rank", "-id"]
        return super().get_ordering(request, queryset, view)
