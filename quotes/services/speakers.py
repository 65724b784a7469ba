"""Speakers: creation, aliases, resolution of names (exact, then fuzzy) and merging."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from rapidfuzz import fuzz, process

from claimtrack.errors import ApplicationError
from quotes.extraction.agreement import classify as classify_name
from quotes.models import Claim, Quote, ReviewDecision, Speaker, SpeakerAlias
from quotes.names import normalise_name
from quotes.services.decisions import decision_record, json_value
from quotes.services.permissions import PERM_CHANGE_SPEAKER, permission_require

if TYPE_CHECKING:
    from django.contrib.auth.models import User


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


# The engine tells an organisation ("Armenian Defense Ministry", "NATO") or a group
# ("Democrats") from a person by the name's words; unsure names stay people, the common case.
_ENGINE_KINDS = {"org": Speaker.Kind.ORGANISATION, "group": Speaker.Kind.ORGANISATION}


def speaker_kind_guess(*, name: str, title: str = "") -> str:
    return _ENGINE_KINDS.get(classify_name(name, title), Speaker.Kind.PERSON)


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
    speaker = speaker_create(
        name=name,
        title=title,
        kind=speaker_kind_guess(name=name, title=title),
        possible_duplicate_of=candidate,
    )
    method = "proposed" if candidate is not None else "created"
    return SpeakerResolution(speaker=speaker, method=method, score=score, candidate=candidate)


def _speaker_summary(speaker: Speaker) -> dict[str, object]:
    """What a merge record keeps of a speaker, before and after."""
    return {
        "id": speaker.pk,
        "name": speaker.name,
        "kind": speaker.kind,
        "title": speaker.title,
        "quotes": Quote.objects.filter(speaker=speaker).count(),
        "claims": Claim.objects.filter(claimant=speaker).count(),
        "aliases": sorted(SpeakerAlias.objects.filter(speaker=speaker).values_list("alias", flat=True)),
    }


@transaction.atomic
def speaker_merge(*, target: Speaker, others: Sequence[Speaker], actor: User | None) -> Speaker:
    """Merge ``others`` into ``target``: their quotes, claims and aliases move, they go."""
    permission_require(actor, PERM_CHANGE_SPEAKER)
    for other in others:
        if other.pk == target.pk:
            continue
        before = {"kept": _speaker_summary(target), "merged": _speaker_summary(other)}
        moved_quotes = Quote.objects.filter(speaker=other).update(speaker=target)
        moved_claims = Claim.objects.filter(claimant=other).update(claimant=target)
        moved_aliases = SpeakerAlias.objects.filter(speaker=other).update(speaker=target)
        Speaker.objects.filter(possible_duplicate_of=other).update(possible_duplicate_of=target)
        decision_record(
            actor=actor,
            action=ReviewDecision.Action.MERGE,
            obj=target,
            changes={
                "merged_speaker": {"id": other.pk, "name": other.name},
                "quotes_moved": moved_quotes,
                "claims_moved": moved_claims,
                "aliases_moved": moved_aliases,
                "speakers": [before, {"kept": _speaker_summary(target)}],
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


SPEAKER_EDITABLE_FIELDS = (
    "name",
    "kind",
    "title",
    "affiliation",
    "country",
    "wikidata_id",
    "description",
    "possible_duplicate_of",
)


@transaction.atomic
def speaker_update(*, speaker: Speaker, actor: User | None, data: dict[str, object]) -> Speaker:
    """Change a speaker's own fields, recording what changed (before and after).

    A new name becomes one of the speaker's aliases too, so the engine's name resolution
    still finds the speaker by the name it is now shown under (the old name stays an alias:
    articles already written use it).
    """
    permission_require(actor, PERM_CHANGE_SPEAKER)
    unknown = set(data) - set(SPEAKER_EDITABLE_FIELDS)
    if unknown:
        raise ApplicationError(f"These speaker fields cannot be changed: {', '.join(sorted(unknown))}.")
    speaker = Speaker.objects.select_for_update().get(pk=speaker.pk)
    changes: dict[str, list[object]] = {}
    for field, value in data.items():
        if isinstance(value, str):
            value = value.strip()
        before = getattr(speaker, field)
        if before != value:
            changes[field] = [json_value(before), json_value(value)]
            setattr(speaker, field, value)
    if not changes:
        return speaker
    if speaker.possible_duplicate_of_id == speaker.pk:
        raise ApplicationError("A speaker cannot be a possible duplicate of itself.")
    speaker.full_clean()
    speaker.save()
    if "name" in changes:
        speaker_alias_add(speaker=speaker, alias=speaker.name)
    decision_record(actor=actor, action=ReviewDecision.Action.UPDATE, obj=speaker, changes=changes)
    return speaker
