"""Helpers every admin module of the desk shares."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from claimtrack.errors import ApplicationError

# Errors a service raises on bad input or a refused step: shown as messages, never a 500.
SERVICE_ERRORS = (ApplicationError, ValidationError)


def actor_of(request: HttpRequest) -> User | None:
    """The signed-in staff user acting, for the services' permission checks and audit records."""
    user = request.user
    return user if isinstance(user, User) else None


def error_text(exc: Exception) -> str:
    """A service error as one readable sentence."""
    if isinstance(exc, ApplicationError):
        return exc.message
    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            return "; ".join(
                f"{field}: {' '.join(str(m) for m in messages)}" if field != "__all__" else " ".join(messages)
                for field, messages in exc.message_dict.items()
            )
        return " ".join(str(m) for m in exc.messages)
    return str(exc)


def excerpt(text: str, size: int = 140) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


class ServiceErrorsAsMessages(admin.ModelAdmin):
    """A refused save shows the service's reason on the same form instead of a server error.

    The admin wraps the whole save in a transaction, so a refused one has changed nothing.
    """

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except SERVICE_ERRORS as exc:
            self.message_user(request, error_text(exc), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())
