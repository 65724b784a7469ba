"""The review workflow on quote candidates: approve, reject, edit, undo.

Two reviewers never decide the same candidate twice: a decision is a conditional update of a
*pending* row, and whoever comes second gets a ``DecisionConflict`` naming who got there first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from claimtrack.errors import ApplicationError, DecisionConflict
from quotes.models import Quote, ReviewDecision
from quotes.services.decisions import decision_record, json_value
from quotes.services.permissions import PERM_REVIEW_QUOTE, permission_require

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _locked(quote: Quote) -> Quote:
    return Quote.objects.select_for_update(of=("self",)).select_related("article", "speaker").get(pk=quote.pk)


def _already_decided(quote: Quote) -> DecisionConflict:
    who = quote.reviewer.get_username() if quote.reviewer else "someone"
    when = timezone.localtime(quote.reviewed_at).strftime("%Y-%m-%d %H:%M") if quote.reviewed_at else ""
    return DecisionConflict(
        f"This quote was already {quote.get_status_display().lower()} by {who}"
        + (f" at {when}" if when else "")
        + ".",
        extra={"status": quote.status, "reviewer": who},
    )


def _quote_decide(
    *,
    quote: Quote,
    actor: User | None,
    status: str,
    action: str,
    note: str,
    reason: str = "",
    seconds_spent: float | None = None,
) -> Quote:
    permission_require(actor, PERM_REVIEW_QUOTE)
    now = timezone.now()
    # The conditional update is the lock: only one reviewer turns a pending row into a decision.
    won = Quote.objects.filter(pk=quote.pk, status=Quote.Status.PENDING).update(
        status=status,
        reviewer=actor,
        reviewed_at=now,
        reject_reason=reason,
        review_seconds=seconds_spent,
        updated_at=now,
    )
    quote = _locked(quote)
    if not won:
        raise _already_decided(quote)
    if note:
        quote.note = note
        quote.full_clean()
        quote.save(update_fields=["note", "updated_at"])
    changes: dict[str, Any] = {"status": [Quote.Status.PENDING, status]}
    if reason:
        changes["reject_reason"] = ["", reason]
    decision_record(
        actor=actor, action=action, obj=quote, changes=changes, note=note, seconds_spent=seconds_spent
    )
    return quote


@transaction.atomic
def quote_approve(
    *, quote: Quote, actor: User | None, note: str = "", seconds_spent: float | None = None
) -> Quote:
    return _quote_decide(
        quote=quote,
        actor=actor,
        status=Quote.Status.APPROVED,
        action=ReviewDecision.Action.APPROVE,
        note=note,
        seconds_spent=seconds_spent,
    )


@transaction.atomic
def quote_reject(
    *,
    quote: Quote,
    actor: User | None,
    note: str = "",
    reason: str = "",
    seconds_spent: float | None = None,
) -> Quote:
    reason = reason.strip()
    if reason and reason not in settings.REVIEW_REJECT_REASONS:
        raise ApplicationError(
            f"Unknown reason {reason!r}; choose one of: {', '.join(settings.REVIEW_REJECT_REASONS)}."
        )
    return _quote_decide(
        quote=quote,
        actor=actor,
        status=Quote.Status.REJECTED,
        action=ReviewDecision.Action.REJECT,
        note=note,
        reason=reason,
        seconds_spent=seconds_spent,
    )


@transaction.atomic
def quote_decision_undo(*, decision: ReviewDecision, actor: User | None) -> Quote:
    """Put a decided quote back to pending, if nothing was decided on it since."""
    permission_require(actor, PERM_REVIEW_QUOTE)
    decision = ReviewDecision.objects.select_for_update().get(pk=decision.pk)
    if decision.action not in (ReviewDecision.Action.APPROVE, ReviewDecision.Action.REJECT):
        raise ApplicationError("Only an approval or a rejection can be undone.")
    if decision.undone_by_id is not None or decision.quote_id is None:
        raise DecisionConflict("This decision was already undone.")
    quote = _locked(Quote(pk=decision.quote_id))
    latest = (
        ReviewDecision.objects.filter(
            quote=quote, action__in=(ReviewDecision.Action.APPROVE, ReviewDecision.Action.REJECT)
        )
        .order_by("-created_at", "-id")
        .first()
    )
    decided = decision.changes.get("status", [None, None])[1]
    if latest is None or latest.pk != decision.pk or quote.status != decided:
        raise DecisionConflict("The quote was decided again since; this decision can no longer be undone.")
    before = quote.status
    quote.status = Quote.Status.PENDING
    quote.reviewer = None
    quote.reviewed_at = None
    quote.reject_reason = ""
    quote.review_seconds = None
    quote.full_clean()
    quote.save()
    undo = decision_record(
        actor=actor,
        action=ReviewDecision.Action.UNDO,
        obj=quote,
        changes={"status": [before, Quote.Status.PENDING]},
        note=f"Undid decision #{decision.pk}",
    )
    decision.undone_by = undo
    decision.save(update_fields=["undone_by"])
    return quote


QUOTE_EDITABLE_FIELDS = ("speaker", "speaker_mention", "kind", "note", "text", "start", "end")


@transaction.atomic
def quote_update(*, quote: Quote, actor: User | None, data: dict[str, Any]) -> Quote:
    """Edit a quote's reviewable fields. An edited quote counts as reviewed (never replaced).

    A new span (``start``/``end``) must lie inside the article; the text is then re-read from
    the article unless new wording is given too.
    """
    permission_require(actor, PERM_REVIEW_QUOTE)
    unknown = set(data) - set(QUOTE_EDITABLE_FIELDS)
    if unknown:
        raise ApplicationError(f"These fields cannot be edited: {', '.join(sorted(unknown))}.")
    quote = _locked(quote)
    if "start" in data or "end" in data:
        start, end = int(data.get("start", quote.start)), int(data.get("end", quote.end))
        if not 0 <= start < end <= len(quote.article.text):
            raise ApplicationError(
                f"The span must lie inside the article (0 to {len(quote.article.text)}), start before end."
            )
        if "text" not in data:
            data = {**data, "text": quote.article.text[start:end]}
        quote.spans = [[start, end]]
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
