"""The audit trail: every review decision is recorded through here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from quotes.models import Claim, Quote, ReviewDecision, Speaker
from sources.models import Article

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def decision_record(
    *,
    actor: User | None,
    action: str,
    obj: Quote | Claim | Speaker,
    changes: dict[str, Any],
    note: str = "",
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
    )


def json_value(value: Any) -> Any:
    if isinstance(value, Speaker | Article):
        return value.pk
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
