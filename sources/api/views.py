"""REST API for sources, feeds and articles under /api/v1/.

Reads go through selectors; article submission and re-queueing call services.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.serializers import BaseSerializer

from claimtrack.api.permissions import ChangePermissions, ModelPermissions
from sources.api.serializers import (
    ArticleCreateInputSerializer,
    ArticleCreateOutputSerializer,
    ArticleDetailOutputSerializer,
    ArticleListOutputSerializer,
    FeedInputSerializer,
    FeedOutputSerializer,
    SourceInputSerializer,
    SourceOutputSerializer,
)
from sources.filters import ArticleFilter, FeedFilter, SourceFilter
from sources.models import Article, Feed, Source
from sources.selectors import article_list, feed_list, source_list_with_counts
from sources.services import (
    ArticleDuplicateError,
    ArticleInputError,
    article_requeue,
    article_submit,
)


class _InputOutputViewSet(viewsets.ModelViewSet):
    # Separate input and output serializers (internal note: not shown in the API docs).

    input_serializer_class: type[BaseSerializer]
    output_serializer_class: type[BaseSerializer]

    def get_serializer_class(self) -> type[BaseSerializer]:
        if self.action in ("create", "update", "partial_update"):
            return self.input_serializer_class
        return self.output_serializer_class

    def _output(self, instance: Any, status_code: int) -> Response:
        instance = self.get_queryset().get(pk=instance.pk)
        data = self.output_serializer_class(instance, context=self.get_serializer_context()).data
        return Response(data, status=status_code)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._output(serializer.save(), status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        partial = kwargs.pop("partial", False)
        serializer = self.get_serializer(self.get_object(), data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        return self._output(serializer.save(), status.HTTP_200_OK)


def _crud_docs(noun: str, plural: str, about: str, output: type[BaseSerializer]) -> Any:
    return extend_schema_view(
        list=extend_schema(summary=f"List {plural}", description=about, responses=output(many=True)),
        retrieve=extend_schema(summary=f"Get a {noun}", description=about, responses=output),
        create=extend_schema(summary=f"Add a {noun}", description=about, responses={201: output}),
        update=extend_schema(summary=f"Replace a {noun}", description=about, responses=output),
        partial_update=extend_schema(summary=f"Edit a {noun}", description=about, responses=output),
        destroy=extend_schema(summary=f"Delete a {noun}", description=about),
    )


@_crud_docs(
    "source",
    "sources",
    "Outlets the desk follows, with their feeds and how many of their articles are in each state.",
    SourceOutputSerializer,
)
class SourceViewSet(_InputOutputViewSet):
    permission_classes = [ModelPermissions]
    filterset_class = SourceFilter
    search_fields = ["name", "homepage"]
    ordering_fields = ["name", "last_polled_at"]
    input_serializer_class = SourceInputSerializer
    output_serializer_class = SourceOutputSerializer

    def get_queryset(self) -> QuerySet[Source]:
        return source_list_with_counts()


@_crud_docs(
    "feed",
    "feeds",
    "RSS/Atom feeds of the sources, polled for new articles. URLs are stored in canonical form.",
    FeedOutputSerializer,
)
class FeedViewSet(_InputOutputViewSet):
    permission_classes = [ModelPermissions]
    filterset_class = FeedFilter
    search_fields = ["url", "title"]
    ordering_fields = ["url", "last_polled_at"]
    input_serializer_class = FeedInputSerializer
    output_serializer_class = FeedOutputSerializer

    def get_queryset(self) -> QuerySet[Feed]:
        return feed_list()


@extend_schema_view(
    list=extend_schema(
        summary="List articles",
        description="Articles pushed or fetched, newest first, with their processing status "
        "(queued, fetching, fetched, extracting, extracted, failed, duplicate).",
    ),
    retrieve=extend_schema(
        summary="Get an article (its status)",
        description="One article with its text; poll this after submitting until `status` is "
        "`extracted` (or `failed`, with `error`). `quotes_url` lists its quotes.",
    ),
)
class ArticleViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [ModelPermissions]
    filterset_class = ArticleFilter
    search_fields = ["title", "url", "byline"]
    ordering_fields = ["created_at", "published_at", "status"]

    def get_queryset(self) -> QuerySet[Article]:
        qs = article_list()
        if self.action == "retrieve":
            return qs.defer(None).defer("raw_html")
        return qs.defer("raw_html", "text")

    def get_serializer_class(self) -> type[BaseSerializer]:
        if self.action == "retrieve":
            return ArticleDetailOutputSerializer
        return ArticleListOutputSerializer

    def _submitted(self, article: Article, *, created: bool) -> Response:
        status_url = reverse("api-v1:article-detail", args=[article.pk], request=self.request)
        body = ArticleCreateOutputSerializer(
            {"id": article.pk, "status": article.status, "status_url": status_url, "created": created}
        ).data
        code = status.HTTP_202_ACCEPTED if created else status.HTTP_200_OK
        return Response(body, status=code, headers={"Location": status_url})

    @extend_schema(
        summary="Submit an article",
        description="Push an article by `url` (fetched by a worker) or by `text` (plain text or HTML). "
        "Answers 202 with `status_url`: poll it until `status` is `extracted` (or `failed`, with "
        "`error`). A known URL answers 200 (a failed one is queued again: 202); the same text as an "
        "existing article answers 409 with that article.",
        request=ArticleCreateInputSerializer,
        responses={
            202: OpenApiResponse(ArticleCreateOutputSerializer, "Accepted: queued for processing"),
            200: OpenApiResponse(
                ArticleCreateOutputSerializer, "This URL is already known (a failed one is queued again: 202)"
            ),
            409: OpenApiResponse(ArticleCreateOutputSerializer, "Same text as an existing article"),
        },
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = ArticleCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            submission = article_submit(
                url=data.get("url", ""),
                content=data.get("text", ""),
                title=data.get("title", ""),
                source=data.get("source"),
                origin="api",
            )
        except ArticleDuplicateError as exc:
            response = self._submitted(exc.original, created=False)
            response.status_code = status.HTTP_409_CONFLICT
            response.data = {**response.data, "detail": exc.message}
            return response
        except ArticleInputError as exc:
            raise ValidationError({"detail": exc.message}) from None
        return self._submitted(submission.article, created=submission.queued)

    @extend_schema(
        summary="Re-queue an article",
        description="Queue a failed or stuck article again (fetch or extraction, as it needs); answers "
        "202 with its `status_url`, or 400 when there is nothing to re-queue.",
        request=None,
        responses={202: ArticleCreateOutputSerializer},
    )
    @action(detail=True, methods=["post"], permission_classes=[ChangePermissions])
    def requeue(self, request: Request, pk: str | None = None) -> Response:
        article = self.get_object()
        step = article_requeue(article=article)
        if not step:
            raise ValidationError({"detail": f"article is {article.status}; nothing to re-queue"})
        article.refresh_from_db(fields=["status"])
        return self._submitted(article, created=True)
