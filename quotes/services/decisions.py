"""The audit trail: every review decision is recorded through here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

from quotes.models import Claim, Quote, ReviewDecision, Speaker

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def decision_record(
    *,
    actor: User | None,
    action: str,
    obj: Quote | Claim | Speaker,
    changes: dict[str, Any],
    note: str = "",
    seconds_spent: float | None = None,
) -> ReviewDecision:
    kind = {Quote: "quote", Claim: "claim", Speaker: "speaker"}[type(obj)]
    return ReviewDecision.objects.create(
        actor=actor,
        action=action,
        object_kind=kind,
        object_id=obj.pk,
        object_repr=str(obj)[:300],
        quote=obj if isinstance(obj, Quote) else None,
        claim=obj if isinstance(obj, Claim) else None,
        speaker=obj if isinstance(obj, Speaker) else None,
        changes=changes,
        note=note,
        seconds_spent=seconds_spent,
    )


def json_value(value: Any) -> Any:
    """A value as the audit trail stores it: rows by id, dates as ISO text, lists item by item."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple | set | models.QuerySet):
        return [json_value(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, str | int | float | bool | dict) or value is None:
        return value
    return str(value)
