"""Claims from draft to published: create, edit, submit, publish, unpublish, correct.

Reviewers draft and submit; Editors (``quotes.publish_claim``) publish, unpublish and
correct. Every step checks its precondition and its permission, and is recorded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from claimtrack.errors import ApplicationError
from quotes.models import Claim, ClaimCorrection, ClaimEvidence, Quote, Rating, ReviewDecision, Speaker
from quotes.services.decisions import decision_record, json_value
from quotes.services.permissions import (
    PERM_ADD_CLAIM,
    PERM_CHANGE_CLAIM,
    PERM_PUBLISH_CLAIM,
    permission_require,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User


# One evidence link as given by a form or the API: {"url": ..., "title": ...}.
EvidenceItem = Mapping[str, str]


CLAIM_EDITABLE_FIELDS = ("statement", "claimant", "rating", "ruling", "appearances", "evidence")


def _evidence_set(*, claim: Claim, evidence: Sequence[EvidenceItem]) -> None:
    rows = []
    for position, item in enumerate(evidence):
        row = ClaimEvidence(
            claim=claim,
            url=str(item.get("url", "")).strip(),
            title=str(item.get("title", "")).strip()[:300],
            position=position,
        )
        row.full_clean()
        rows.append(row)
    claim.evidence.all().delete()
    ClaimEvidence.objects.bulk_create(rows)


def _evidence_of(claim: Claim) -> list[dict[str, str]]:
    return [{"url": e.url, "title": e.title} for e in claim.evidence.all()]


def _appearances_check(quotes: Iterable[Quote]) -> list[Quote]:
    quotes = list(quotes)
    rejected = [q.pk for q in quotes if q.status == Quote.Status.REJECTED]
    if rejected:
        raise ApplicationError(f"A rejected quote cannot carry a claim: #{', #'.join(map(str, rejected))}.")
    return quotes


def _first_seen(quotes: Sequence[Quote]) -> Any:
    dates = [q.article.published_at or q.article.created_at for q in quotes]
    return min(dates) if dates else None


@transaction.atomic
def claim_create(
    *,
    statement: str,
    actor: User | None,
    claimant: Speaker | None = None,
    appearances: Sequence[Quote] = (),
    rating: Rating | None = None,
    ruling: str = "",
    evidence: Sequence[EvidenceItem] = (),
) -> Claim:
    """A new draft claim. Its first sighting is the earliest article among its appearances."""
    permission_require(actor, PERM_ADD_CLAIM)
    quotes = _appearances_check(
        Quote.objects.select_related("article").filter(pk__in=[q.pk for q in appearances])
    )
    claim = Claim(
        statement=statement.strip(),
        claimant=claimant,
        status=Claim.Status.DRAFT,
        rating=rating,
        ruling=ruling.strip(),
        first_seen=_first_seen(quotes),
        checker=actor,
    )
    claim.full_clean()
    claim.save()
    claim.appearances.set(quotes)
    _evidence_set(claim=claim, evidence=evidence)
    decision_record(
        actor=actor,
        action=ReviewDecision.Action.CREATE_CLAIM,
        obj=claim,
        changes={"statement": claim.statement, "appearances": [q.pk for q in quotes]},
    )
    return claim


@transaction.atomic
def claim_create_from_quotes(*, quotes: Sequence[Quote], actor: User | None, statement: str = "") -> Claim:
    """Start a draft claim from one or several quotes: the first one's words and speaker."""
    if not quotes:
        raise ApplicationError("Choose at least one quote.")
    ordered = sorted(quotes, key=lambda q: (q.article_id, q.start))
    first = ordered[0]
    speakers = {q.speaker_id for q in ordered if q.speaker_id}
    claimant = first.speaker if len(speakers) <= 1 else None
    return claim_create(
        statement=statement or first.text,
        actor=actor,
        claimant=claimant,
        appearances=ordered,
    )


def claim_create_from_quote(*, quote: Quote, actor: User | None, statement: str = "") -> Claim:
    return claim_create_from_quotes(quotes=[quote], actor=actor, statement=statement)


def _claim_locked(claim: Claim) -> Claim:
    return Claim.objects.select_for_update(of=("self",)).get(pk=claim.pk)


def _apply(*, claim: Claim, data: dict[str, Any]) -> dict[str, list[Any]]:
    """Set the given fields; return what changed as ``field: [before, after]``."""
    unknown = set(data) - set(CLAIM_EDITABLE_FIELDS)
    if unknown:
        raise ApplicationError(f"These fields cannot be edited: {', '.join(sorted(unknown))}.")
    changes: dict[str, list[Any]] = {}
    for field in ("statement", "ruling"):
        if field in data and (data[field] or "").strip() != getattr(claim, field):
            changes[field] = [getattr(claim, field), (data[field] or "").strip()]
            setattr(claim, field, (data[field] or "").strip())
    for field in ("claimant", "rating"):
        if field in data and getattr(claim, field) != data[field]:
            changes[field] = [json_value(getattr(claim, field)), json_value(data[field])]
            setattr(claim, field, data[field])
    claim.full_clean()
    claim.save()
    if "appearances" in data:
        before = sorted(claim.appearances.values_list("pk", flat=True))
        quotes = _appearances_check(
            Quote.objects.select_related("article").filter(pk__in=[q.pk for q in data["appearances"]])
        )
        after = sorted(q.pk for q in quotes)
        if before != after:
            claim.appearances.set(quotes)
            changes["appearances"] = [before, after]
            if quotes:
                claim.first_seen = _first_seen(quotes)
                claim.save(update_fields=["first_seen"])
    if "evidence" in data:
        before_ev = _evidence_of(claim)
        _evidence_set(claim=claim, evidence=data["evidence"])
        after_ev = _evidence_of(claim)
        if before_ev != after_ev:
            changes["evidence"] = [before_ev, after_ev]
    return changes


@transaction.atomic
def claim_update(*, claim: Claim, actor: User | None, data: dict[str, Any]) -> Claim:
    """Edit a draft or in-review claim. A published claim changes only through a correction."""
    permission_require(actor, PERM_CHANGE_CLAIM)
    claim = _claim_locked(claim)
    if claim.status == Claim.Status.PUBLISHED:
        raise ApplicationError("This claim is published: change it with a correction (a note is required).")
    changes = _apply(claim=claim, data=data)
    if changes:
        decision_record(actor=actor, action=ReviewDecision.Action.UPDATE, obj=claim, changes=changes)
    return claim


def _transition(*, claim: Claim, actor: User | None, to: str, action: str, note: str = "") -> Claim:
    before = claim.status
    claim.status = to
    claim.full_clean()
    claim.save()
    decision_record(actor=actor, action=action, obj=claim, changes={"status": [before, to]}, note=note)
    return claim


@transaction.atomic
def claim_submit(*, claim: Claim, actor: User | None) -> Claim:
    """Draft → in review: the checker asks an editor to look at it."""
    permission_require(actor, PERM_CHANGE_CLAIM)
    claim = _claim_locked(claim)
    if claim.status != Claim.Status.DRAFT:
        raise ApplicationError(
            f"Only a draft can be submitted for review (this claim is {claim.get_status_display().lower()})."
        )
    return _transition(
        claim=claim, actor=actor, to=Claim.Status.IN_REVIEW, action=ReviewDecision.Action.SUBMIT
    )


@transaction.atomic
def claim_publish(*, claim: Claim, actor: User | None) -> Claim:
    """Draft or in review → published. Needs a rating and a ruling; stamps ``published_at``."""
    permission_require(actor, PERM_PUBLISH_CLAIM)
    claim = _claim_locked(claim)
    if claim.status == Claim.Status.PUBLISHED:
        raise ApplicationError("This claim is already published.")
    missing = [
        name
        for name, value in (("a rating", claim.rating_id), ("a ruling", claim.ruling.strip()))
        if not value
    ]
    if missing:
        raise ApplicationError(f"A claim needs {' and '.join(missing)} before it can be published.")
    if claim.published_at is None:
        claim.published_at = timezone.now()
    if claim.checker_id is None and actor is not None:
        claim.checker = actor
    return _transition(
        claim=claim, actor=actor, to=Claim.Status.PUBLISHED, action=ReviewDecision.Action.PUBLISH
    )


def _note_required(note: str, what: str) -> str:
    note = note.strip()
    if not note:
        raise ApplicationError(f"{what} needs a note that readers will see.")
    return note


@transaction.atomic
def claim_unpublish(*, claim: Claim, actor: User | None, note: str) -> Claim:
    """Published → in review, with a note kept and shown with the claim's history."""
    permission_require(actor, PERM_PUBLISH_CLAIM)
    note = _note_required(note, "Unpublishing")
    claim = _claim_locked(claim)
    if claim.status != Claim.Status.PUBLISHED:
        raise ApplicationError("Only a published claim can be unpublished.")
    ClaimCorrection.objects.create(
        claim=claim, kind=ClaimCorrection.Kind.UNPUBLICATION, note=note, actor=actor
    )
    return _transition(
        claim=claim, actor=actor, to=Claim.Status.IN_REVIEW, action=ReviewDecision.Action.UNPUBLISH, note=note
    )


@transaction.atomic
def claim_correct(
    *, claim: Claim, actor: User | None, note: str, data: dict[str, Any] | None = None
) -> ClaimCorrection:
    """Change a published claim in place; the note is shown wherever the claim is published."""
    permission_require(actor, PERM_PUBLISH_CLAIM)
    note = _note_required(note, "A correction")
    claim = _claim_locked(claim)
    if claim.status != Claim.Status.PUBLISHED:
        raise ApplicationError("Only a published claim can be corrected; edit a draft directly.")
    changes = _apply(claim=claim, data=data or {})
    if not claim.rating_id or not claim.ruling.strip():
        raise ApplicationError("A published claim keeps a rating and a ruling.")
    correction = ClaimCorrection.objects.create(
        claim=claim, kind=ClaimCorrection.Kind.CORRECTION, note=note, actor=actor
    )
    Claim.objects.filter(pk=claim.pk).update(updated_at=timezone.now())
    decision_record(actor=actor, action=ReviewDecision.Action.CORRECT, obj=claim, changes=changes, note=note)
    return correction
