"""Guards in front of the API: oversized bodies (413) and NUL bytes in the query (400) are
refused before any view runs, and every error under /api/ is JSON, even Django's own
404/405/500 pages."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    413: "request_too_large",
    415: "unsupported_media_type",
    500: "server_error",
}


_KEPT_HEADERS = ("WWW-Authenticate", "Retry-After", "Allow", "Vary")


def _json_error(status: int, detail: str) -> JsonResponse:
    return JsonResponse({"detail": detail, "code": _CODES.get(status, "error")}, status=status)


class ApiGuardMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith("/api/"):
            return self.get_response(request)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return _json_error(400, "Content-Length is not a number.")
        if length > settings.API_MAX_BODY_BYTES:
            return _json_error(413, f"The request body is larger than {settings.API_MAX_BODY_BYTES} bytes.")
        if "\x00" in request.META.get("QUERY_STRING", "") or any(
            "\x00" in value for values in request.GET.lists() for value in values[1]
        ):
            return _json_error(400, "The query string holds a NUL character.")
        response = self.get_response(request)
        content_type = response.get("Content-Type", "")
        if response.status_code < 400 or content_type.startswith(("application/json", "application/ld+json")):
            return response
        # An error rendered as HTML or YAML (Django's pages, the docs views): the same as JSON.
        data = getattr(response, "data", None)
        if isinstance(data, dict) and "detail" in data:
            replacement = JsonResponse(data, status=response.status_code)
        else:
            replacement = _json_error(response.status_code, response.reason_phrase)
        for header in _KEPT_HEADERS:
            if header in response:
                replacement[header] = response[header]
        return replacement
