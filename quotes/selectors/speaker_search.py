"""Finding speakers: ranked name search (the autocomplete) and likely duplicates."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When
from rapidfuzz import fuzz, process

from quotes.models import Speaker, SpeakerAlias
from quotes.names import normalise_name


def speaker_ranked(queryset: QuerySet[Speaker], term: str) -> QuerySet[Speaker]:
    """Speakers matching ``term``, best first: exact name or alias, then a name or alias that
    starts with it, then one with a word that starts with it, then any other match.

    So "Ian" + Enter picks "Ian Borg", not "Armenian Defense Ministry".
    """
    norm = normalise_name(term)
    if not norm:
        return queryset
    aliases = SpeakerAlias.objects.filter(speaker=OuterRef("pk"))
    exact = Q(name__iexact=term.strip()) | Exists(aliases.filter(normalised=norm))
    prefix = Q(name__istartswith=term.strip()) | Exists(aliases.filter(normalised__startswith=norm))
    word = Q(name__icontains=" " + term.strip()) | Exists(aliases.filter(normalised__contains=" " + norm))
    anywhere = (
        Q(name__icontains=term.strip())
        | Q(title__icontains=term.strip())
        | Exists(aliases.filter(normalised__contains=norm))
    )
    return (
        queryset.filter(anywhere)
        .annotate(
            match_rank=Case(
                When(exact, then=Value(0)),
                When(prefix, then=Value(1)),
                When(word, then=Value(2)),
                default=Value(3),
                output_field=IntegerField(),
            )
        )
        .order_by("match_rank", "name", "id")
    )


@dataclass(frozen=True)
class DuplicatePair:
    first: Speaker
    second: Speaker
    score: float
    flagged: bool  # the resolver flagged it (possible_duplicate_of) rather than the name test


# Above this many speakers the name comparison (all pairs) is left to the resolver's flags.
_MAX_COMPARED = 5000


def speaker_duplicate_pairs(*, limit: int = 200) -> list[DuplicatePair]:
    """Pairs of speakers that are probably one person or body: those the resolver flagged,
    then names that are nearly the same (rapidfuzz ratio >= SPEAKER_FUZZY_PROPOSE), best first."""
    speakers = {s.pk: s for s in Speaker.objects.annotate(quote_count=Count("quotes"))}
    pairs: dict[tuple[int, int], DuplicatePair] = {}
    for s in speakers.values():
        other = speakers.get(s.possible_duplicate_of_id or 0)
        if other is not None:
            key = (min(s.pk, other.pk), max(s.pk, other.pk))
            score = fuzz.ratio(normalise_name(s.name), normalise_name(other.name))
            pairs[key] = DuplicatePair(speakers[key[0]], speakers[key[1]], score, True)
    if len(speakers) <= _MAX_COMPARED:
        names = {pk: normalise_name(s.name) for pk, s in speakers.items()}
        for pk, name in names.items():
            matches = process.extract(
                name, names, scorer=fuzz.ratio, score_cutoff=settings.SPEAKER_FUZZY_PROPOSE, limit=6
            )
            for _match, score, other_pk in matches:
                key = (min(pk, other_pk), max(pk, other_pk))
                if other_pk != pk and key not in pairs:
                    pairs[key] = DuplicatePair(speakers[key[0]], speakers[key[1]], score, False)
    ordered = sorted(pairs.values(), key=lambda p: (not p.flagged, -p.score, p.first.name))
    return ordered[:limit]
