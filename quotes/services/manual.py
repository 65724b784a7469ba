"""Quotes a reviewer adds by hand (the engine missed them): the span is read from the article."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from claimtrack.errors import ApplicationError
from quotes.models import Quote, ReviewDecision, Speaker
from quotes.services.decisions import decision_record
from quotes.services.permissions import PERM_REVIEW_QUOTE, permission_require
from sources.models import Article

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@transaction.atomic
def quote_create_by_hand(
    *,
    article: Article,
    actor: User | None,
    start: int,
    end: int,
    speaker: Speaker | None = None,
    speaker_mention: str = "",
    kind: str = Quote.Kind.DIRECT,
    cue: str = "",
    note: str = "",
) -> Quote:
    """A pending quote at ``start:end`` of the article; its text is the article's own words."""
    permission_require(actor, PERM_REVIEW_QUOTE)
    text = article.text
    if not 0 <= start < end <= len(text):
        raise ApplicationError(f"The span must lie inside the article (0 to {len(text)}), start before end.")
    if Quote.objects.filter(article=article, start=start, end=end).exists():
        raise ApplicationError("This article already has a quote with exactly this span.")
    quote = Quote(
        article=article,
        start=start,
        end=end,
        spans=[[start, end]],
        text=text[start:end],
        speaker=speaker,
        speaker_mention=speaker_mention.strip() or (speaker.name if speaker else ""),
        kind=kind,
        cue=cue.strip(),
        confidence=1.0,
        note=note,
        extractor_version="",
    )
    quote.full_clean()
    quote.save()
    decision_record(
        actor=actor,
        action=ReviewDecision.Action.UPDATE,
        obj=quote,
        changes={"created_by_hand": [None, [start, end]]},
        note="Added by hand",
    )
    return quote
