"""Helpers every admin module of the desk shares."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import HttpRequest

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
