"""The review workflow: approve, reject, edit quotes; claims from quotes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from claimtrack.errors import ApplicationError
from quotes.models import Claim, Quote, ReviewDecision
from quotes.services.decisions import decision_record, json_value

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _locked(quote: Quote) -> Quote:
    return Quote.objects.select_for_update(of=("self",)).select_related("article", "speaker").get(pk=quote.pk)


def _quote_decide(*, quote: Quote, actor: User | None, status: str, action: str, note: str) -> Quote:
    quote = _locked(quote)
    if quote.status == status:
        raise ApplicationError(f"The quote is already {quote.get_status_display().lower()}.")
    before = quote.status
    quote.status = status
    quote.reviewer = actor
    quote.reviewed_at = timezone.now()
    if note:
        quote.note = note
    quote.full_clean()
    quote.save()
    decision_record(actor=actor, action=action, obj=quote, changes={"status": [before, status]}, note=note)
    return quote


@transaction.atomic
def quote_approve(*, quote: Quote, actor: User | None, note: str = "") -> Quote:
    return _quote_decide(
        quote=quote,
        actor=actor,
        status=Quote.Status.APPROVED,
        action=ReviewDecision.Action.APPROVE,
        note=note,
    )


@transaction.atomic
def quote_reject(*, quote: Quote, actor: User | None, note: str = "") -> Quote:
    return _quote_decide(
        quote=quote,
        actor=actor,
        status=Quote.Status.REJECTED,
        action=ReviewDecision.Action.REJECT,
        note=note,
    )


QUOTE_EDITABLE_FIELDS = ("speaker", "speaker_mention", "kind", "note", "text")


@transaction.atomic
def quote_update(*, quote: Quote, actor: User | None, data: dict[str, Any]) -> Quote:
    """Edit a quote's reviewable fields. An edited quote counts as reviewed (never replaced)."""
    unknown = set(data) - set(QUOTE_EDITABLE_FIELDS)
    if unknown:
        raise ApplicationError(f"These fields cannot be edited: {', '.join(sorted(unknown))}.")
    quote = _locked(quote)
    changes = {}
    for field, value in data.items():
        before = getattr(quote, field)
        if before != value:
            changes[field] = [json_value(before), json_value(value)]
            setattr(quote, field, value)
    if not changes:
        return quote
    quote.reviewer = actor
    quote.reviewed_at = timezone.now()
    quote.full_clean()
    quote.save()
    decision_record(actor=actor, action=ReviewDecision.Action.UPDATE, obj=quote, changes=changes)
    return quote


@transaction.atomic
def claim_create_from_quote(*, quote: Quote, actor: User | None, statement: str = "") -> Claim:
    """Start a draft claim from a quote: its words, its speaker, the article's date."""
    quote = _locked(quote)
    if quote.status == Quote.Status.REJECTED:
        raise ApplicationError("A rejected quote cannot become a claim.")
    claim = Claim(
        statement=(statement or quote.text).strip(),
        claimant=quote.speaker,
        status=Claim.Status.DRAFT,
        first_seen=quote.article.published_at or quote.article.created_at,
        checker=actor,
    )
    claim.full_clean()
    claim.save()
    claim.appearances.add(quote)
    decision_record(
        actor=actor,
        action=ReviewDecision.Action.CREATE_CLAIM,
        obj=claim,
        changes={"from_quote": quote.pk, "statement": claim.statement},
    )
    return claim


@transaction.atomic
def claim_save(*, claim: Claim, actor: User | None, changes: dict[str, Any]) -> Claim:
    """Save a claim edited in a form and record what changed.

    Publishing stamps ``published_at`` when it is missing; the database refuses a published
    claim without a rating.
    """
    creating = claim.pk is None
    if claim.status == Claim.Status.PUBLISHED and claim.published_at is None:
        claim.published_at = timezone.now()
    if creating and claim.checker_id is None and actor is not None:
        claim.checker = actor
    claim.full_clean()
    claim.save()
    if changes:
        decision_record(
            actor=actor,
            action=ReviewDecision.Action.UPDATE,
            obj=claim,
            changes={k: [json_value(a), json_value(b)] for k, (a, b) in changes.items()},
        )
    return claim
