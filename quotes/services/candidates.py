"""Engine output to rows: pending quote candidates for an article."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

from django.db import transaction

from quotes.extraction import ExtractedQuote
from quotes.models import Quote, Speaker
from quotes.names import normalise_name
from quotes.services.speakers import speaker_resolve
from sources.models import Article


@dataclass
class CandidatesResult:
    created: int = 0
    kept: int = 0
    removed: int = 0
    invalid: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


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
    for name in sorted(titles, key=lambda n: (-len(n.split()), n)):
        tokens = normalise_name(name).split()
        if len(tokens) == 1 and len(by_surname.get(tokens[0], ())) == 1:
            resolved[name] = resolved[next(iter(by_surname[tokens[0]]))]
            continue
        resolved[name] = speaker_resolve(name=name, title=titles[name]).speaker
        if len(tokens) > 1:
            by_surname.setdefault(tokens[-1], set()).add(name)
    return resolved


@transaction.atomic
def quote_candidates_replace(
    *, article: Article, candidates: Sequence[ExtractedQuote], engine_version: str
) -> CandidatesResult:
    """Write the engine's output for an article as pending quotes.

    Replaces only pending, never-reviewed candidates written by another engine version;
    approved, rejected, edited and hand-made quotes are never touched. Running it twice with
    the same output changes nothing.
    """
    article = Article.objects.select_for_update().get(pk=article.pk)
    text = article.text
    stale = Quote.objects.filter(
        article=article, status=Quote.Status.PENDING, reviewed_at__isnull=True
    ).exclude(extractor_version__in=["", engine_version])
    removed, _ = stale.delete()
    taken = set(Quote.objects.filter(article=article).values_list("start", "end"))
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
        quote.full_clean(exclude=["article", "speaker"], validate_unique=False)
        new.append(quote)
    Quote.objects.bulk_create(new)
    result.created = len(new)
    # Matching (quotes/matching): earlier reports of the same quotes, checked claims repeated.
    from quotes.matching.services import quotes_after_extraction

    quotes_after_extraction(quotes=new)
    return result
