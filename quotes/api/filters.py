"""Filters for the quotes API (django-filter): an invalid value answers 400, never ignored."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet

from quotes.models import Claim, Quote, Rating, Speaker
from sources.models import Article, Source


class SpeakerFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        choices=Speaker.Kind.choices, help_text="person, organisation or place"
    )
    country = django_filters.CharFilter(help_text="ISO 3166-1 alpha-2 code, e.g. AM")
    wikidata_id = django_filters.CharFilter(help_text="Wikidata id, e.g. Q123")
    has_wikidata = django_filters.BooleanFilter(
        method="_has_wikidata",
        help_text="Only speakers with (true) or without (false) a Wikidata id",
    )

    class Meta:
        model = Speaker
        fields = ["kind", "country", "wikidata_id"]

    def _has_wikidata(self, queryset: QuerySet[Speaker], name: str, value: bool) -> QuerySet[Speaker]:
        return queryset.exclude(wikidata_id="") if value else queryset.filter(wikidata_id="")


class QuoteFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=Quote.Status.choices, help_text="pending, approved or rejected"
    )
    kind = django_filters.ChoiceFilter(choices=Quote.Kind.choices, help_text="direct, indirect or mixed")
    speaker = django_filters.ModelChoiceFilter(queryset=Speaker.objects.all(), help_text="Speaker id")
    article = django_filters.ModelChoiceFilter(queryset=Article.objects.all(), help_text="Article id")
    source = django_filters.ModelChoiceFilter(
        field_name="article__source", queryset=Source.objects.all(), help_text="Source (outlet) id"
    )
    said_after = django_filters.IsoDateTimeFilter(
        field_name="article__published_at",
        lookup_expr="gte",
        help_text="Said on or after (the article's publication time, ISO 8601)",
    )
    said_before = django_filters.IsoDateTimeFilter(
        field_name="article__published_at",
        lookup_expr="lt",
        help_text="Said before (the article's publication time, ISO 8601)",
    )
    reviewed_after = django_filters.IsoDateTimeFilter(
        field_name="reviewed_at", lookup_expr="gte", help_text="Reviewed on or after (ISO 8601)"
    )
    reviewed_before = django_filters.IsoDateTimeFilter(
        field_name="reviewed_at", lookup_expr="lt", help_text="Reviewed before (ISO 8601)"
    )
    min_confidence = django_filters.NumberFilter(
        field_name="confidence",
        lookup_expr="gte",
        min_value=0,
        max_value=1,
        help_text="Only candidates the engine scored at least this (0 to 1)",
    )
    in_boilerplate = django_filters.BooleanFilter(
        help_text="Quotes found in teaser blocks (Related, Top stories)"
    )

    class Meta:
        model = Quote
        fields = ["status", "kind", "speaker", "article", "source", "in_boilerplate"]


class ClaimFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=Claim.Status.choices, help_text="draft, in_review or published"
    )
    rating = django_filters.ModelChoiceFilter(queryset=Rating.objects.all(), help_text="Rating id")
    claimant = django_filters.ModelChoiceFilter(queryset=Speaker.objects.all(), help_text="Speaker id")
    published_after = django_filters.IsoDateTimeFilter(
        field_name="published_at", lookup_expr="gte", help_text="Published on or after (ISO 8601)"
    )
    published_before = django_filters.IsoDateTimeFilter(
        field_name="published_at", lookup_expr="lt", help_text="Published before (ISO 8601)"
    )
    quote = django_filters.ModelChoiceFilter(
        field_name="appearances", queryset=Quote.objects.all(), help_text="Claims carried by this quote id"
    )

    class Meta:
        model = Claim
        fields = ["status", "rating", "claimant"]
