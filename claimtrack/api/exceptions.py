"""One exception handler for the API: every error is JSON ``{"detail", "code"}``.

Validation errors add ``errors`` (field name → messages, ``non_field_errors`` for the rest);
domain errors from the services map to 400 (ApplicationError), 403 (ActionNotPermitted)
and 409 (DecisionConflict). A row still referenced elsewhere answers 409.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from claimtrack.errors import ActionNotPermitted, ApplicationError, DecisionConflict


class RequestBodyTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "request_too_large"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state of the resource."
    default_code = "conflict"


def _domain_error(exc: ApplicationError) -> exceptions.APIException:
    if isinstance(exc, ActionNotPermitted):
        return exceptions.PermissionDenied(exc.message)
    if isinstance(exc, DecisionConflict):
        return Conflict(exc.message)
    return exceptions.ValidationError({"non_field_errors": [exc.message]})


def _translate(exc: Exception) -> Exception:
    if isinstance(exc, ApplicationError):
        return _domain_error(exc)
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        return exceptions.ValidationError(detail)
    if isinstance(exc, ProtectedError | RestrictedError):
        return Conflict("This row is still in use elsewhere and cannot be deleted.")
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied()
    return exc


def _first_message(detail: Any) -> tuple[str, str]:
    if isinstance(detail, list) and detail:
        return _first_message(detail[0])
    if isinstance(detail, dict) and detail:
        return _first_message(next(iter(detail.values())))
    return str(detail), getattr(detail, "code", "invalid") or "invalid"


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    exc = _translate(exc)
    response = drf_exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return response
    if isinstance(exc, exceptions.ValidationError):
        errors = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        field = next(iter(errors), "") if isinstance(errors, dict) else ""
        message, _ = _first_message(errors)
        if field and field != "non_field_errors":
            message = f"{field}: {message}"
        response.data = {"detail": message, "code": "invalid", "errors": errors}
    else:
        detail = exc.detail
        code = getattr(detail, "code", None) or exc.default_code
        response.data = {"detail": str(detail), "code": str(code)}
    wait = getattr(exc, "wait", None)
    if isinstance(exc, exceptions.Throttled) and wait is not None:
        response["Retry-After"] = str(max(1, int(wait)))
    return response
