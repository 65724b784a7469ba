"""Writes for speakers, quotes and claims. Every review decision is recorded."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from rapidfuzz import fuzz, process

from claimtrack.errors import ApplicationError
from quotes.extraction import ENGINE_VERSION, ExtractedQuote, extract_quotes
from quotes.models import Claim, Quote, ReviewDecision, Speaker, SpeakerAlias
from quotes.names import normalise_name
from quotes.selectors import known_speakers
from sources.models import Article

if TYPE_CHECKING:
    from django.contrib.auth.models import User


# --- review decisions -----------------------------------------------------------------------


def _decision_record(
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


def _json_value(value: Any) -> Any:
    if isinstance(value, Speaker | Article):
        return value.pk
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


# --- speakers -------------------------------------------------------------------------------


@transaction.atomic
def speaker_alias_add(*, speaker: Speaker, alias: str) -> SpeakerAlias:
    """Add an alias; an alias that already names another speaker is refused."""
    normalised = normalise_name(alias)
    if not normalised:
        raise ApplicationError("An alias needs at least one letter or digit.")
    existing = SpeakerAlias.objects.filter(normalised=normalised).first()
    if existing is not None:
        if existing.speaker_id != speaker.pk:
            raise ApplicationError(f"The alias {alias!r} already belongs to {existing.speaker}.")
        return existing
    obj = SpeakerAlias(speaker=speaker, alias=alias.strip()[:300], normalised=normalised)
    obj.full_clean(exclude=["normalised"])
    obj.save()
    return obj


@transaction.atomic
def speaker_create(
    *,
    name: str,
    kind: str = Speaker.Kind.PERSON,
    title: str = "",
    affiliation: str = "",
    country: str = "",
    wikidata_id: str = "",
    description: str = "",
    aliases: Sequence[str] = (),
    possible_duplicate_of: Speaker | None = None,
) -> Speaker:
    speaker = Speaker(
        name=name.strip()[:300],
        kind=kind,
        title=title[:300],
        affiliation=affiliation,
        country=country,
        wikidata_id=wikidata_id,
        description=description,
        possible_duplicate_of=possible_duplicate_of,
    )
    speaker.full_clean()
    speaker.save()
    for alias in (speaker.name, *aliases):
        speaker_alias_add(speaker=speaker, alias=alias)
    return speaker


@dataclass
class SpeakerResolution:
    speaker: Speaker | None
    method: str  # "alias", "fuzzy", "created", "proposed" or "none"
    score: float = 0.0
    candidate: Speaker | None = None


def _fuzzy_candidates() -> dict[int, tuple[str, int]]:
    """alias id -> (normalised alias, speaker id)."""
    return {
        pk: (normalised, speaker_id)
        for pk, normalised, speaker_id in SpeakerAlias.objects.values_list("pk", "normalised", "speaker_id")
    }


def speaker_resolve(*, name: str, title: str = "", create: bool = True) -> SpeakerResolution:
    """Find the speaker a name refers to: exact normalised alias first, then a fuzzy match.

    A fuzzy match at or above SPEAKER_FUZZY_AUTO whose surname also matches links to the
    existing speaker (Mikahil Galuzin -> Mikhail Galuzin). A weaker match proposes rather
    than merges: a new speaker is created and flagged ``possible_duplicate_of`` for review.
    """
    normalised = normalise_name(name)
    if not normalised:
        return SpeakerResolution(speaker=None, method="none")
    alias = SpeakerAlias.objects.select_related("speaker").filter(normalised=normalised).first()
    if alias is not None:
        return SpeakerResolution(speaker=alias.speaker, method="alias", score=100.0)
    candidates = _fuzzy_candidates()
    best = process.extractOne(
        normalised,
        {pk: value[0] for pk, value in candidates.items()},
        scorer=fuzz.ratio,
        score_cutoff=settings.SPEAKER_FUZZY_PROPOSE,
    )
    candidate: Speaker | None = None
    score = 0.0
    if best is not None:
        matched, score, alias_pk = best
        candidate = Speaker.objects.get(pk=candidates[alias_pk][1])
        tokens, other = normalised.split(), matched.split()
        surname_score = fuzz.ratio(tokens[-1], other[-1])
        if (
            score >= settings.SPEAKER_FUZZY_AUTO
            and len(tokens) > 1
            and len(other) > 1
            and surname_score >= 85
        ):
            return SpeakerResolution(speaker=candidate, method="fuzzy", score=score)
    if not create:
        return SpeakerResolution(speaker=None, method="none", score=score, candidate=candidate)
    speaker = speaker_create(name=name, title=title, possible_duplicate_of=candidate)
    method = "proposed" if candidate is not None else "created"
    return SpeakerResolution(speaker=speaker, method=method, score=score, candidate=candidate)


@transaction.atomic
def speaker_merge(*, target: Speaker, others: Sequence[Speaker], actor: User | None) -> Speaker:
    """Merge ``others`` into ``target``: their quotes, claims and aliases move, they go."""
    for other in others:
        if other.pk == target.pk:
            continue
        moved_quotes = Quote.objects.filter(speaker=other).update(speaker=target)
        moved_claims = Claim.objects.filter(claimant=other).update(claimant=target)
        moved_aliases = SpeakerAlias.objects.filter(speaker=other).update(speaker=target)
        Speaker.objects.filter(possible_duplicate_of=other).update(possible_duplicate_of=target)
        _decision_record(
            actor=actor,
            action=ReviewDecision.Action.MERGE,
            obj=target,
            changes={
                "merged_speaker": {"id": other.pk, "name": other.name},
                "quotes_moved": moved_quotes,
                "claims_moved": moved_claims,
                "aliases_moved": moved_aliases,
            },
        )
        other.delete()
    if (
        target.possible_duplicate_of_id
        and not Speaker.objects.filter(pk=target.possible_duplicate_of_id).exists()
    ):
        target.possible_duplicate_of = None
    if target.possible_duplicate_of_id in {o.pk for o in others}:
        target.possible_duplicate_of = None
    target.save(update_fields=["possible_duplicate_of", "updated_at"])
    return target


# --- quote candidates from the engine -------------------------------------------------------


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
        )
        quote.full_clean(exclude=["article", "speaker"], validate_unique=False)
        new.append(quote)
    Quote.objects.bulk_create(new)
    result.created = len(new)
    return result


@transaction.atomic
def article_quotes_extract(*, article_id: int) -> CandidatesResult:
    """Run the engine on an article's text and store the candidates; mark it extracted."""
    article = Article.objects.get(pk=article_id)
    extracted = extract_quotes(article.text, known_speakers())
    result = quote_candidates_replace(article=article, candidates=extracted, engine_version=ENGINE_VERSION)
    now = timezone.now()
    Article.objects.filter(pk=article_id).update(
        status=Article.Status.EXTRACTED,
        extractor_version=ENGINE_VERSION,
        extracted_at=now,
        error="",
        updated_at=now,
    )
    return result


# --- review ---------------------------------------------------------------------------------


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
    _decision_record(actor=actor, action=action, obj=quote, changes={"status": [before, status]}, note=note)
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
            changes[field] = [_json_value(before), _json_value(value)]
            setattr(quote, field, value)
    if not changes:
        return quote
    quote.reviewer = actor
    quote.reviewed_at = timezone.now()
    quote.full_clean()
    quote.save()
    _decision_record(actor=actor, action=ReviewDecision.Action.UPDATE, obj=quote, changes=changes)
    return quote


# --- claims ---------------------------------------------------------------------------------


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
    _decision_record(
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
        _decision_record(
            actor=actor,
            action=ReviewDecision.Action.UPDATE,
            obj=claim,
            changes={k: [_json_value(a), _json_value(b)] for k, (a, b) in changes.items()},
        )
    return claim
