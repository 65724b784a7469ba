"""Ratings, the ClaimReview DataFeed and the API root."""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import HttpResponse
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from claimtrack.api.permissions import IsAuthenticatedUser, ModelPermissions, public_claims_enabled
from claimtrack.api.renderers import JSONLDRenderer, JSONRenderer
from claimtrack.api.response_cache import CachedReadsMixin
from quotes.api.serializers import RatingOutputSerializer
from quotes.claimreview import claimreview_feed, rating_scale
from quotes.models import Claim, Rating
from quotes.selectors.api import api_rating_list
from quotes.selectors.claimreview import published_claims, reviewed_claims


@extend_schema_view(
    list=extend_schema(
        summary="List ratings",
        description="The verdict scale, worst first; `value` is the ClaimReview ratingValue.",
    ),
    retrieve=extend_schema(summary="Get a rating", description="One step of the verdict scale."),
)
class RatingViewSet(CachedReadsMixin, viewsets.ReadOnlyModelViewSet):
    permission_classes = [ModelPermissions]
    permission_model = Rating
    serializer_class = RatingOutputSerializer
    pagination_class = None
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Rating]:
        return api_rating_list()


FEED_PAGE_SIZE = 100
FEED_MAX_PAGE_SIZE = 1000


class ClaimReviewFeedPageInputSerializer(serializers.Serializer):
    page = serializers.IntegerField(
        min_value=1,
        max_value=1_000_000,
        required=False,
        help_text=f"Page number, 1 first (pages of {FEED_PAGE_SIZE} unless page_size says otherwise). "
        "Without page and page_size the answer is the whole feed.",
    )
    page_size = serializers.IntegerField(
        min_value=1,
        max_value=FEED_MAX_PAGE_SIZE,
        required=False,
        help_text=f"Items per page (at most {FEED_MAX_PAGE_SIZE}); with it alone, page 1",
    )


class ClaimReviewFeedView(CachedReadsMixin, APIView):
    """The DataFeed of every published claim's ClaimReview: whole by default, or in pages."""

    renderer_classes = [JSONLDRenderer, JSONRenderer]
    permission_model = Claim

    def get_permissions(self) -> list[Any]:
        return [AllowAny()] if public_claims_enabled() else [ModelPermissions()]

    def get_queryset(self) -> QuerySet:
        return published_claims()

    @extend_schema(
        summary="ClaimReview DataFeed",
        description="A schema.org DataFeed of the ClaimReview of every published claim (each item with "
        "`dateCreated` and `dateModified`), the shape fact-check aggregators import, newest publication "
        "first. Without parameters it is the whole feed in one answer; with `page` and/or `page_size` it "
        f"is one page (default {FEED_PAGE_SIZE} items) and the `Link` header points to the `next` and "
        "`prev` pages (RFC 8288). Every answer has an `ETag` (send it as `If-None-Match`: an unchanged "
        "feed answers 304). Readable without credentials unless the desk turned it off.",
        parameters=[ClaimReviewFeedPageInputSerializer],
        responses={
            200: OpenApiResponse(OpenApiTypes.OBJECT, description="schema.org DataFeed (JSON-LD), one page"),
            304: OpenApiResponse(description="Not modified: the page is the one named by If-None-Match"),
        },
        operation_id="claimreview_feed",
    )
    def get(self, request: Request) -> HttpResponse:
        # Served from the response cache while the database is unchanged (CachedReadsMixin),
        # with an ETag (a 304 to If-None-Match) either way.
        params = ClaimReviewFeedPageInputSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        page: int | None = params.validated_data.get("page")
        page_size: int | None = params.validated_data.get("page_size")
        paged = page is not None or page_size is not None
        page = page or 1
        page_size = page_size or (FEED_PAGE_SIZE if paged else None)
        renderer = request.accepted_renderer
        if page_size is None:
            claims = reviewed_claims()
            has_next = False
        else:
            offset = (page - 1) * page_size
            claims = reviewed_claims(offset=offset, limit=page_size + 1)
            has_next = len(claims) > page_size
            claims = claims[:page_size]
        feed = claimreview_feed(claims=claims, scale=rating_scale())
        body = renderer.render(feed, renderer_context=self.get_renderer_context())
        links = []
        if has_next and page_size is not None:
            links.append(f'<{_page_url(request, page + 1, page_size)}>; rel="next"')
        if page > 1 and page_size is not None:
            links.append(f'<{_page_url(request, page - 1, page_size)}>; rel="prev"')
        headers = {"Vary": "Accept"}
        if links:
            headers["Link"] = ", ".join(links)
        return HttpResponse(body, content_type=renderer.media_type, headers=headers)


def _page_url(request: Request, page: int, page_size: int) -> str:
    query = {"page": page} if page_size == FEED_PAGE_SIZE else {"page": page, "page_size": page_size}
    return request.build_absolute_uri(f"{request.path}?{urlencode(query)}")


# Resources listed by the API root, in order; a resource whose URL is not mounted (the weekly
# reports, the claim matcher, before they land) is left out.
ROOT_RESOURCES = [
    ("speakers", "api-v1:speaker-list"),
    ("quotes", "api-v1:quote-list"),
    ("claims", "api-v1:claim-list"),
    ("ratings", "api-v1:rating-list"),
    ("claimreview", "api-v1:claimreview-feed"),
    ("sources", "api-v1:source-list"),
    ("feeds", "api-v1:feed-list"),
    ("articles", "api-v1:article-list"),
    ("reports", "api-v1:reports"),
    ("reports", "api-v1:report-list"),
    ("claims_match", "api-v1:claim-match"),
    ("schema", "api-v1:schema"),
    ("docs", "api-v1:docs"),
    ("redoc", "api-v1:redoc"),
]


@lru_cache(maxsize=8)
def _root_paths(urlconf: str | None, script_prefix: str) -> tuple[tuple[str, str], ...]:
    """The mounted resources and their paths (reversed once per URLconf, not per request)."""
    paths: dict[str, str] = {}
    for name, url_name in ROOT_RESOURCES:
        if name in paths:
            continue
        try:
            paths[name] = django_reverse(url_name, urlconf=urlconf)
        except NoReverseMatch:
            continue
    return tuple(paths.items())


class ApiRootView(CachedReadsMixin, APIView):
    permission_classes = [IsAuthenticatedUser]

    @extend_schema(
        summary="API root",
        description="Links to every resource of the API.",
        responses={200: OpenApiResponse(OpenApiTypes.OBJECT, description="resource name → URL")},
        operation_id="api_root",
    )
    def get(self, request: Request) -> Response:
        paths = _root_paths(get_urlconf(), get_script_prefix())
        return Response({name: request.build_absolute_uri(path) for name, path in paths})
