"""The review workflow: fact-checkers approve, reject and edit quote candidates here."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html

from claimtrack.errors import ApplicationError
from quotes.models import Claim, ClaimEvidence, Quote, Rating, ReviewDecision, Speaker, SpeakerAlias
from quotes.names import normalise_name
from quotes.selectors import next_pending_quote, quote_context
from quotes.services import (
    claim_create,
    claim_create_from_quote,
    claim_update,
    quote_approve,
    quote_reject,
    quote_update,
    speaker_merge,
)


def _excerpt(text: str, size: int = 140) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


# --- speakers -------------------------------------------------------------------------------


def _reviewer(request: HttpRequest) -> User | None:
    """The signed-in staff user deciding, for the services' decision records."""
    user = request.user
    return user if isinstance(user, User) else None


class SpeakerAliasForm(forms.ModelForm):
    class Meta:
        model = SpeakerAlias
        fields = ("alias",)

    def clean_alias(self) -> str:
        alias = self.cleaned_data["alias"].strip()
        normalised = normalise_name(alias)
        if not normalised:
            raise ValidationError("An alias needs at least one letter or digit.")
        clash = SpeakerAlias.objects.filter(normalised=normalised).exclude(pk=self.instance.pk).first()
        if clash is not None:
            raise ValidationError(f"This alias already belongs to {clash.speaker}.")
        self.instance.normalised = normalised
        return alias


class SpeakerAliasInline(admin.TabularInline):
    model = SpeakerAlias
    form = SpeakerAliasForm
    extra = 1
    fields = ("alias",)


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "kind",
        "title",
        "affiliation",
        "country",
        "quote_count",
        "possible_duplicate",
    )
    list_filter = ("kind", ("possible_duplicate_of", admin.EmptyFieldListFilter), "country")
    search_fields = ("name", "aliases__alias", "title", "affiliation", "wikidata_id")
    list_select_related = ("possible_duplicate_of",)
    readonly_fields = ("timeline", "created_at", "updated_at")
    autocomplete_fields = ("possible_duplicate_of",)
    inlines = [SpeakerAliasInline]
    actions = ["merge_speakers"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Speaker]:
        return super().get_queryset(request).annotate(quote_count=Count("quotes", distinct=True))

    @admin.display(description="quotes", ordering="quote_count")
    def quote_count(self, obj: Speaker) -> int:
        return obj.quote_count  # type: ignore[attr-defined]

    @admin.display(description="timeline")
    def timeline(self, obj: Speaker) -> str:
        # quotes/matching: the speaker's quotes and claims over time, with ratings.
        from quotes.matching.display import speaker_timeline_html

        return speaker_timeline_html(speaker=obj)

    @admin.display(description="possible duplicate of")
    def possible_duplicate(self, obj: Speaker) -> str:
        other = obj.possible_duplicate_of
        if other is None:
            return ""
        url = reverse("admin:quotes_speaker_changelist") + f"?q={other.name}"
        return format_html('<a href="{}">{}</a>', url, other.name)

    @admin.action(
        description="Merge selected speakers into the one with the most quotes",
        permissions=["change"],
    )
    def merge_speakers(self, request: HttpRequest, queryset: QuerySet[Speaker]) -> None:
        speakers = sorted(queryset, key=lambda s: (-s.quote_count, s.pk))  # type: ignore[attr-defined]
        if len(speakers) < 2:
            self.message_user(request, "Select at least two speakers to merge.", messages.WARNING)
            return
        target, others = speakers[0], speakers[1:]
        names = ", ".join(s.name for s in others)
        speaker_merge(target=target, others=others, actor=_reviewer(request))
        self.message_user(request, f"Merged {names} into {target.name}.", messages.SUCCESS)

    def save_formset(self, request: Any, form: Any, formset: Any, change: bool) -> None:
        for alias_form in formset.forms:
            alias = alias_form.cleaned_data.get("alias") if alias_form.is_valid() else None
            if alias:
                alias_form.instance.normalised = normalise_name(alias)
        super().save_formset(request, form, formset, change)

    def save_related(self, request: Any, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        # Every speaker's own name is one of its aliases, so that resolution finds it.
        speaker = form.instance
        normalised = normalise_name(speaker.name)
        if normalised and not SpeakerAlias.objects.filter(normalised=normalised).exists():
            SpeakerAlias.objects.create(speaker=speaker, alias=speaker.name, normalised=normalised)


# --- quotes ---------------------------------------------------------------------------------


# What the engine wrote: shown for context, never edited by hand.
_EXTRACTION_FIELDS = (
    "start",
    "end",
    "spans",
    "cue",
    "cue_start",
    "cue_end",
    "speaker_start",
    "speaker_end",
    "confidence",
    "extractor_version",
    "created_at",
    "updated_at",
)


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    list_display = (
        "short_text",
        "status",
        "speaker",
        "speaker_mention",
        "kind",
        "confidence_pct",
        "article_link",
    )
    list_display_links = ("short_text",)
    list_filter = ("status", "kind", "article__source", "extractor_version")
    search_fields = ("text", "speaker__name", "speaker_mention", "article__title", "cue")
    list_select_related = ("speaker", "article", "reviewer")
    list_per_page = 50
    ordering = ("-article_id", "start")  # newest article first, its quotes in reading order
    autocomplete_fields = ("speaker",)
    raw_id_fields = ("article",)
    readonly_fields = (
        "in_context",
        "claim_matches",
        "status",
        "reviewer",
        "reviewed_at",
        *_EXTRACTION_FIELDS,
    )
    fieldsets = (
        (
            None,
            {"fields": ("in_context", "claim_matches", "text", "speaker", "speaker_mention", "kind", "note")},
        ),
        ("Review", {"fields": ("status", "reviewer", "reviewed_at")}),
        (
            "Extraction",
            {"fields": ("article", *_EXTRACTION_FIELDS)},
        ),
    )
    actions = ["approve", "reject", "create_claims"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Quote]:
        return super().get_queryset(request).defer("article__raw_html")

    def get_fieldsets(self, request: HttpRequest, obj: Quote | None = None) -> Any:
        if obj is None:  # adding a quote by hand
            return (
                (
                    None,
                    {
                        "fields": (
                            "article",
                            "text",
                            "start",
                            "end",
                            "speaker",
                            "speaker_mention",
                            "kind",
                            "cue",
                            "confidence",
                            "note",
                        )
                    },
                ),
            )
        return self.fieldsets

    def get_readonly_fields(self, request: HttpRequest, obj: Quote | None = None) -> Any:
        if obj is None:  # adding a quote by hand: offsets and article are needed
            return ()
        return (*self.readonly_fields, "article")

    @admin.display(description="quote", ordering="text")
    def short_text(self, obj: Quote) -> str:
        return _excerpt(obj.text)

    @admin.display(description="confidence", ordering="confidence")
    def confidence_pct(self, obj: Quote) -> str:
        return f"{obj.confidence:.0%}"

    @admin.display(description="article", ordering="article__title")
    def article_link(self, obj: Quote) -> str:
        url = reverse("admin:sources_article_change", args=[obj.article_id])
        return format_html('<a href="{}">{}</a>', url, _excerpt(str(obj.article), 60))

    @admin.display(description="matching")
    def claim_matches(self, obj: Quote) -> str:
        # quotes/matching: "repeats claim #12 (rated False)" with reasons; other reports, misquotes.
        from quotes.matching.display import quote_matching_html

        return quote_matching_html(quote=obj)

    @admin.display(description="in context")
    def in_context(self, obj: Quote) -> str:
        if not obj.pk:
            return "-"
        before, quote, after = quote_context(quote=obj)
        return format_html(
            '<div style="max-width:60em;white-space:pre-wrap;line-height:1.5">…{}'
            '<mark style="background:#ffe27a;padding:0 2px">{}</mark>{}…</div>',
            before,
            quote,
            after,
        )

    def _decide(self, request: HttpRequest, queryset: QuerySet[Quote], service: Any) -> None:
        done, errors = 0, []
        for quote in queryset:
            try:
                service(quote=quote, actor=_reviewer(request))
                done += 1
            except (ApplicationError, ValidationError) as exc:
                errors.append(f"#{quote.pk}: {getattr(exc, 'message', exc)}")
        verb = "Approved" if service is quote_approve else "Rejected"
        self.message_user(request, f"{verb} {done} quote(s).", messages.SUCCESS)
        if errors:
            self.message_user(request, "Skipped " + "; ".join(errors[:10]), messages.WARNING)

    @admin.action(description="Approve selected quotes", permissions=["change"])
    def approve(self, request: HttpRequest, queryset: QuerySet[Quote]) -> None:
        self._decide(request, queryset, quote_approve)

    @admin.action(description="Reject selected quotes", permissions=["change"])
    def reject(self, request: HttpRequest, queryset: QuerySet[Quote]) -> None:
        self._decide(request, queryset, quote_reject)

    @admin.action(description="Create a draft claim from each selected quote", permissions=["change"])
    def create_claims(self, request: HttpRequest, queryset: QuerySet[Quote]) -> None:
        created, errors = 0, []
        for quote in queryset:
            try:
                claim_create_from_quote(quote=quote, actor=_reviewer(request))
                created += 1
            except (ApplicationError, ValidationError) as exc:
                errors.append(f"#{quote.pk}: {getattr(exc, 'message', exc)}")
        url = reverse("admin:quotes_claim_changelist") + "?status__exact=draft"
        self.message_user(
            request,
            format_html('Created {} draft claim(s). <a href="{}">Open the drafts</a>', created, url),
            messages.SUCCESS,
        )
        if errors:
            self.message_user(request, "Skipped " + "; ".join(errors[:10]), messages.WARNING)

    def response_change(self, request: HttpRequest, obj: Quote) -> Any:
        """ "Save and approve/reject" buttons: decide, then go on to the next pending quote."""
        decision = {"_approve": quote_approve, "_reject": quote_reject}
        service = next((decision[k] for k in decision if k in request.POST), None)
        if service is None:
            return super().response_change(request, obj)
        try:
            service(quote=obj, actor=_reviewer(request))
            verb = "Approved" if service is quote_approve else "Rejected"
            self.message_user(request, f"{verb}: {obj}", messages.SUCCESS)
        except (ApplicationError, ValidationError) as exc:
            self.message_user(request, str(getattr(exc, "message", exc)), messages.WARNING)
        following = next_pending_quote(after=obj)
        if following is None:
            self.message_user(request, "No more pending quotes.", messages.INFO)
            url = reverse("admin:quotes_quote_changelist") + "?status__exact=pending"
        else:
            url = reverse("admin:quotes_quote_change", args=[following.pk])
        return HttpResponseRedirect(url)

    def save_model(self, request: HttpRequest, obj: Quote, form: Any, change: bool) -> None:
        if not change:
            obj.extractor_version = ""
            super().save_model(request, obj, form, change)
            return
        data = {f: form.cleaned_data[f] for f in form.changed_data if f in form.cleaned_data}
        original = Quote.objects.get(pk=obj.pk)
        try:
            quote_update(quote=original, actor=_reviewer(request), data=data)
        except (ApplicationError, ValidationError) as exc:
            self.message_user(request, str(getattr(exc, "message", exc)), messages.ERROR)


# --- ratings and claims ---------------------------------------------------------------------


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ("value", "label", "description")
    list_display_links = ("value", "label")
    search_fields = ("label",)
    ordering = ("value",)


class ClaimEvidenceInline(admin.TabularInline):
    model = ClaimEvidence
    extra = 1
    fields = ("url", "title")


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ("short_statement", "status", "claimant", "rating", "first_seen", "published_at")
    list_filter = ("status", "rating")
    search_fields = ("statement", "claimant__name", "ruling")
    list_select_related = ("claimant", "rating", "checker")
    autocomplete_fields = ("claimant", "appearances")
    fields = (
        "statement",
        "claimant",
        "appearances",
        "rating",
        "ruling",
        "status",
        "first_seen",
        "published_at",
        "checker",
    )
    readonly_fields = ("status", "first_seen", "published_at", "checker", "created_at", "updated_at")
    inlines = [ClaimEvidenceInline]
    date_hierarchy = "created_at"

    @admin.display(description="statement", ordering="statement")
    def short_statement(self, obj: Claim) -> str:
        return _excerpt(obj.statement)

    def save_model(self, request: HttpRequest, obj: Claim, form: Any, change: bool) -> None:
        # Fields are saved by the services in save_related, once the evidence rows are known.
        pass

    def save_related(self, request: Any, form: Any, formsets: Any, change: bool) -> None:
        data = {
            f: form.cleaned_data.get(f) for f in ("statement", "claimant", "rating", "ruling", "appearances")
        }
        evidence = [
            {"url": f.cleaned_data["url"], "title": f.cleaned_data.get("title", "")}
            for formset in formsets
            for f in formset.forms
            if f.is_valid() and f.cleaned_data.get("url") and not f.cleaned_data.get("DELETE")
        ]
        if change:
            claim = claim_update(
                claim=form.instance, actor=_reviewer(request), data={**data, "evidence": evidence}
            )
        else:
            claim = claim_create(
                statement=data["statement"],
                actor=_reviewer(request),
                claimant=data["claimant"],
                appearances=list(data["appearances"] or []),
                rating=data["rating"],
                ruling=data["ruling"] or "",
                evidence=evidence,
            )
        for formset in formsets:  # saved by the service; the admin's change message reads these
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        # The admin logs and redirects with the object it passed to save_model: give it the row.
        form.instance.pk = claim.pk
        form.instance.refresh_from_db()


@admin.register(ReviewDecision)
class ReviewDecisionAdmin(admin.ModelAdmin):
    """The audit trail: read-only."""

    list_display = ("created_at", "action", "object_kind", "object_repr", "actor")
    list_filter = ("action", "object_kind", "actor")
    search_fields = ("object_repr", "note")
    list_select_related = ("actor",)
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
