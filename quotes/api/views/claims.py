"""Claims: drafts by Reviewers, publication by Editors, ClaimReview JSON-LD for everyone."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from claimtrack.api.permissions import PublicReadOrModelPermissions, PublishPermissions, acting_user
from claimtrack.api.renderers import JSONLDRenderer, JSONRenderer
from claimtrack.api.response_cache import CachedReadsMixin
from quotes.api.claim_serializers import (
    ClaimCorrectInputSerializer,
    ClaimInputSerializer,
    ClaimOutputSerializer,
    ClaimUnpublishInputSerializer,
)
from quotes.api.filters import ClaimFilter
from quotes.claimreview import claimreview_build, rating_scale
from quotes.models import Claim
from quotes.selectors.api import api_claim_list
from quotes.selectors.claimreview import reviewed_claim
from quotes.services import (
    claim_correct,
    claim_create,
    claim_publish,
    claim_submit,
    claim_unpublish,
    claim_update,
)

CLAIM_EXAMPLE = OpenApiExample(
    "A draft from one quote",
    value={"statement": "Armenia will not return to the CSTO.", "claimant": 12, "appearances": [345]},
    request_only=True,
)
CLAIMREVIEW_RESPONSE = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description="schema.org ClaimReview (JSON-LD)",
    examples=[
        OpenApiExample(
            "ClaimReview",
            value={
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "url": "https://example.org/claims/7/",
                "claimReviewed": "Armenia will not return to the CSTO.",
                "datePublished": "2026-12-01T10:00:00+00:00",
                "author": {
                    "@type": "Organization",
                    "name": "claimtrack demo desk",
                    "url": "https://example.org/",
                },
                "reviewRating": {
                    "@type": "Rating",
                    "ratingValue": 5,
                    "bestRating": 5,
                    "worstRating": 1,
                    "alternateName": "True",
                },
                "itemReviewed": {
                    "@type": "Claim",
                    "author": {"@type": "Person", "name": "Nikol Pashinyan"},
                    "appearance": [{"@type": "CreativeWork", "url": "https://news.example/a"}],
                },
            },
        )
    ],
)


@extend_schema_view(
    list=extend_schema(
        summary="List claims",
        description="Checkable statements with their verdict (rating and ruling), the quotes that carry "
        "them, evidence and corrections. Without credentials (or without `view_claim`) only published "
        "claims are listed.",
    ),
    retrieve=extend_schema(
        summary="Get a claim", description="One claim with appearances, evidence and corrections."
    ),
    create=extend_schema(
        summary="Create a draft claim",
        description="A new draft (Reviewers): a statement, optionally the claimant (speaker id), the quotes "
        "that carry it, a rating, a ruling and evidence links.",
        request=ClaimInputSerializer,
        responses={201: ClaimOutputSerializer},
        examples=[CLAIM_EXAMPLE],
    ),
    partial_update=extend_schema(
        summary="Edit a claim",
        description="Change a draft or in-review claim (Reviewers). A published claim changes only "
        "through `correct` (answers 400 here).",
        request=ClaimInputSerializer,
        responses={200: ClaimOutputSerializer},
    ),
)
class ClaimViewSet(
    CachedReadsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [PublicReadOrModelPermissions]
    permission_model = Claim
    cached_actions = ("list", "retrieve", "claimreview")
    serializer_class = ClaimOutputSerializer
    filterset_class = ClaimFilter
    search_fields = ["statement", "ruling", "claimant__name"]
    ordering_fields = ["created_at", "published_at", "first_seen"]
    ordering = ["-created_at", "-id"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        # Filters, search and ordering belong to the list; a detail or an action finds its row by id.
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def get_queryset(self) -> QuerySet[Claim]:
        return api_claim_list(published_only=not self.request.user.has_perm("quotes.view_claim"))

    def _output(self, claim: Claim, code: int = status.HTTP_200_OK) -> Response:
        fresh = api_claim_list().get(pk=claim.pk)
        return Response(ClaimOutputSerializer(fresh, context=self.get_serializer_context()).data, status=code)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = ClaimInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        claim = claim_create(actor=acting_user(request), **serializer.service_data())
        return self._output(claim, status.HTTP_201_CREATED)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        claim = self.get_object()
        serializer = ClaimInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        return self._output(
            claim_update(claim=claim, actor=acting_user(request), data=serializer.service_data())
        )

    @extend_schema(
        summary="Submit a claim for review",
        description="Draft → in review: ask an editor to look at it (Reviewers).",
        request=None,
        responses={200: ClaimOutputSerializer},
    )
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        return self._output(claim_submit(claim=self.get_object(), actor=acting_user(request)))

    @extend_schema(
        summary="Publish a claim",
        description="Editors only. The claim needs a rating and a ruling; its ClaimReview appears in the feed.",
        request=None,
        responses={200: ClaimOutputSerializer},
    )
    @action(detail=True, methods=["post"], permission_classes=[PublishPermissions])
    def publish(self, request: Request, pk: str | None = None) -> Response:
        return self._output(claim_publish(claim=self.get_object(), actor=acting_user(request)))

    @extend_schema(
        summary="Unpublish a claim",
        description="Editors only. Published → in review, with a note readers see in its history.",
        request=ClaimUnpublishInputSerializer,
        responses={200: ClaimOutputSerializer},
    )
    @action(detail=True, methods=["post"], permission_classes=[PublishPermissions])
    def unpublish(self, request: Request, pk: str | None = None) -> Response:
        claim = self.get_object()
        serializer = ClaimUnpublishInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._output(
            claim_unpublish(claim=claim, actor=acting_user(request), note=serializer.validated_data["note"])
        )

    @extend_schema(
        summary="Correct a published claim",
        description="Editors only. Change a published claim in place (any of the claim's fields); the "
        "required note is shown with the claim and in its ClaimReview.",
        request=ClaimCorrectInputSerializer,
        responses={200: ClaimOutputSerializer},
    )
    @action(detail=True, methods=["post"], permission_classes=[PublishPermissions])
    def correct(self, request: Request, pk: str | None = None) -> Response:
        claim = self.get_object()
        serializer = ClaimCorrectInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.service_data()
        note = data.pop("note")
        claim_correct(claim=claim, actor=acting_user(request), note=note, data=data)
        return self._output(claim)

    @extend_schema(
        summary="ClaimReview of a claim",
        description="The schema.org ClaimReview JSON-LD (`application/ld+json`) of a published claim, "
        "the markup fact-check aggregators read. Readable without credentials unless the desk turned it off.",
        responses={200: CLAIMREVIEW_RESPONSE},
        filters=False,
    )
    @action(detail=True, methods=["get"], renderer_classes=[JSONLDRenderer, JSONRenderer], filter_backends=[])
    def claimreview(self, request: Request, pk: str | None = None) -> Response:
        claim = reviewed_claim(self.get_object().pk)
        if claim is None:
            raise NotFound("This claim is not published: it has no ClaimReview.")
        return Response(claimreview_build(claim=claim, scale=rating_scale()))
