"""Filters for custom exports (``--speaker``, ``--source``, ``--rating``): read from text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet

from claimtrack.errors import ApplicationError
from quotes.models import Rating, Speaker
from sources.models import Source


@dataclass(frozen=True)
class ReportFilters:
    speaker: Speaker | None = None
    source: Source | None = None
    rating: Rating | None = None

    @property
    def any(self) -> bool:
        return bool(self.speaker or self.source or self.rating)

    def as_dict(self) -> dict[str, Any]:
        return {
            "speaker": {"id": self.speaker.pk, "name": self.speaker.name} if self.speaker else None,
            "source": {"id": self.source.pk, "name": self.source.name} if self.source else None,
            "rating": {"label": self.rating.label, "value": self.rating.value} if self.rating else None,
        }

    def slug(self) -> str:
        """A file-name suffix: ``-speaker-12-source-3-rating-1``; empty without filters."""
        parts = [("speaker", self.speaker), ("source", self.source)]
        text = "".join(f"-{name}-{obj.pk}" for name, obj in parts if obj)
        return text + (f"-rating-{self.rating.value}" if self.rating else "")


def _one(qs: QuerySet[Any], what: str, value: str) -> Model:
    found = list(qs[:2])
    if not found:
        raise ApplicationError(f"No {what} matches {value!r}.")
    if len(found) > 1:
        raise ApplicationError(f"More than one {what} matches {value!r}; give its id.")
    return found[0]


def report_filters_resolve(
    *, speaker: str | None = None, source: str | None = None, rating: str | None = None
) -> ReportFilters:
    """Speaker and source by id or exact name (any case); rating by value or label."""
    found: dict[str, Any] = {}
    if speaker:
        key = {"pk": int(speaker)} if speaker.isdigit() else {"name__iexact": speaker.strip()}
        found["speaker"] = _one(Speaker.objects.filter(**key), "speaker", speaker)
    if source:
        key = {"pk": int(source)} if source.isdigit() else {"name__iexact": source.strip()}
        found["source"] = _one(Source.objects.filter(**key), "source", source)
    if rating:
        text = rating.strip()
        is_number = text.lstrip("-").isdigit()
        key = {"value": int(text)} if is_number else {"label__iexact": text}
        found["rating"] = _one(Rating.objects.filter(**key), "rating", rating)
    return ReportFilters(**found)
