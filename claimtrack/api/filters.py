"""django-filter's backend, skipped when the request names none of the view's filters."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.request import Request


class FilterBackend(DjangoFilterBackend):
    """Building and validating a FilterSet (a deep copy of every filter, a form) costs more
    than the rest of a small answer; without any of its parameters it filters nothing, so it is
    not built. A parameter counts when its name starts with a filter's (widgets such as ranges
    add suffixes)."""

    def filter_queryset(self, request: Request, queryset: QuerySet, view: Any) -> QuerySet:
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None:
            return queryset
        names = tuple(filterset_class.base_filters)
        if not any(key.startswith(names) for key in request.query_params):
            return queryset
        return super().filter_queryset(request, queryset, view)
