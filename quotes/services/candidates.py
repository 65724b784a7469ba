"""Engine output to rows: pending quote candidates for an article."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction

from quotes.extraction import ExtractedQuote
from quotes.models import Quote, Speaker
from quotes.names import normalise_name
from quotes.selectors import speakers_by_alias
from quotes.services.speakers import speaker_resolve
from sources.models import Article


@dataclass
class CandidatesResult:
    created: int = 0
    kept: int = 0
    removed: int = 0
    invalid: int = 0
    # The quotes written, for what runs after the write (matching); not part of as_dict().
    new_quotes: list[Quote] = field(default_factory=list, repr=False, compare=False)

    def as_dict(self) -> dict[str, int]:
        return {"created": self.created, "kept": self.kept, "removed": self.removed, "invalid": self.invalid}


def _valid_candidates(text: str, candidates: Sequence[ExtractedQuote]) -> tuple[list, int]:
    """Drop candidates with impossible offsets; of two with the same span keep the surer."""
    by_span: dict[tuple[int, int], ExtractedQuote] = {}
    invalid = 0
    for c in candidates:
        if not (0 <= c.start < c.end <= len(text)):
            invalid += 1
            continue
        key = (c.start, c.end)
        if key not in by_span or c.confidence > by_span[key].confidence:
            by_span[key] = c
    return list(by_span.values()), invalid


def _offset(value: int | None, text_length: int) -> int | None:
    return value if value is not None and 0 <= value <= text_length else None


def _speakers_resolve_batch(titles: dict[str, str]) -> dict[str, Speaker | None]:
    """Resolve the speaker names of one article, full names first.

    A bare surname ("Pashinyan") that matches the last name of exactly one full name in the
    same article ("Nikol Pashinyan") is that person, even in a headline above the first
    full mention.
    """
    resolved: dict[str, Speaker | None] = {}
    by_surname: dict[str, set[str]] = {}
    # Names that are a known alias exactly, in one query (speaker_resolve's first step); the
    # others go through speaker_resolve itself (fuzzy match, or a new speaker).
    known = speakers_by_alias(names=titles)
    for name in sorted(titles, key=lambda n: (-len(n.split()), n)):
        normalised = normalise_name(name)
        tokens = normalised.split()
        if len(tokens) == 1 and len(by_surname.get(tokens[0], ())) == 1:
            resolved[name] = resolved[next(iter(by_surname[tokens[0]]))]
            continue
        speaker = known.get(normalised)
        resolved[name] = speaker or speaker_resolve(name=name, title=titles[name]).speaker
        if len(tokens) > 1:
            by_surname.setdefault(tokens[-1], set()).add(name)
    return resolved


def quote_candidates_replace(
    *,
    article: Article,
    candidates: Sequence[ExtractedQuote],
    engine_version: str,
    match: bool = True,
    article_locked: bool = False,
) -> CandidatesResult:
    """Write the engine's output for an article as pending quotes.

    Replaces only pending, never-reviewed candidates written by another engine version;
    approved, rejected, edited and hand-made quotes are never touched. Running it twice with
    the same output changes nothing. ``match=False`` leaves matching the new quotes
    (``quotes_after_extraction``) to the caller, after its transaction: the extraction
    service does so, to keep the article's row locked only for the write.
    ``article_locked``: the caller already holds the article's row lock, in this
    transaction, on the ``article`` given (fresh from the database); the write is then part
    of the caller's transaction, without a savepoint of its own (an error rolls it all back).
    """
    # Atomic, and a savepoint only where a caller could catch an error and go on.
    with transaction.atomic(savepoint=not article_locked):
        return _candidates_replace(
            article=article if article_locked else Article.objects.select_for_update().get(pk=article.pk),
            candidates=candidates,
            engine_version=engine_version,
            match=match,
        )


def _candidates_replace(
    *, article: Article, candidates: Sequence[ExtractedQuote], engine_version: str, match: bool
) -> CandidatesResult:
    text = article.text
    existing = Quote.objects.filter(article=article).values_list(
        "pk", "start", "end", "status", "reviewed_at", "extractor_version"
    )
    stale_ids, taken = [], set()
    for pk, start, end, status, reviewed_at, version in existing:
        # Pending, never reviewed, from another engine version (not hand-made): replaced.
        if status == Quote.Status.PENDING and reviewed_at is None and version not in ("", engine_version):
            stale_ids.append(pk)
        else:
            taken.add((start, end))
    removed = Quote.objects.filter(pk__in=stale_ids).delete()[0] if stale_ids else 0
    valid, invalid = _valid_candidates(text, candidates)
    result = CandidatesResult(removed=removed, invalid=invalid)
    resolved = _speakers_resolve_batch({c.speaker: c.speaker_title for c in valid if c.speaker})
    new: list[Quote] = []
    for c in sorted(valid, key=lambda c: (c.start, c.end)):
        if (c.start, c.end) in taken:
            result.kept += 1
            continue
        speaker_start = _offset(c.speaker_start, len(text))
        speaker_end = _offset(c.speaker_end, len(text))
        mention = (
            text[speaker_start:speaker_end] if speaker_start is not None and speaker_end is not None else ""
        ) or (c.speaker or "")
        quote = Quote(
            article=article,
            speaker=resolved.get(c.speaker) if c.speaker else None,
            speaker_mention=mention[:300],
            speaker_start=speaker_start,
            speaker_end=speaker_end,
            text=c.text or text[c.start : c.end],
            kind=c.kind if c.kind in Quote.Kind.values else Quote.Kind.DIRECT,
            start=c.start,
            end=c.end,
            spans=[list(span) for span in c.spans] or [[c.start, c.end]],
            cue=(c.cue or "")[:100],
            cue_start=_offset(c.cue_start, len(text)),
            cue_end=_offset(c.cue_end, len(text)),
            confidence=min(1.0, max(0.0, float(c.confidence))),
            extractor_version=engine_version,
            in_boilerplate=bool(c.boilerplate),
        )
        # Field validation only: each CheckConstraint checked in Python costs a query per
        # quote (most of an article's write time); the database enforces the same
        # constraints on the bulk insert below, inside this transaction.
        quote.full_clean(exclude=["article", "speaker"], validate_unique=False, validate_constraints=False)
        new.append(quote)
    Quote.objects.bulk_create(new)
    result.created = len(new)
    result.new_quotes = new
    if match:
        # Matching (quotes/matching): earlier reports of the same quotes, checked claims repeated.
        from quotes.matching.services import quotes_after_extraction

        quotes_after_extraction(quotes=new)
    return result
