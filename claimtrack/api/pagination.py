"""Pagination: limit/offset for the smaller tables, a cursor for quotes (the big one)."""

from rest_framework.pagination import CursorPagination, LimitOffsetPagination


class ApiLimitOffsetPagination(LimitOffsetPagination):
    default_limit = 50
    max_limit = 200


class QuoteCursorPagination(CursorPagination):
    """Stable, constant-time pages however deep: follow ``next`` (an opaque cursor)."""

    ordering = "-id"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
