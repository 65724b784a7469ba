"""The quote list and page; the keyboard review queue hangs off this admin's URLs."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html

from quotes.admin import queue
from quotes.admin.common import SERVICE_ERRORS, ServiceErrorsAsMessages, actor_of, error_text, excerpt
from quotes.admin.highlight import Mark, highlight, last_naming, paragraph_window, sentence_around
from quotes.models import Quote
from quotes.selectors import next_pending_quote, speaker_name_forms
from quotes.services import (
    claim_create_from_quote,
    claim_create_from_quotes,
    quote_approve,
    quote_reject,
    quote_update,
)
from quotes.services.manual import quote_create_by_hand

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
    "in_boilerplate",
    "created_at",
    "updated_at",
)
_ADD_FIELDS = ("article", "start", "end", "speaker", "speaker_mention", "kind", "cue", "note")


def quote_marks(quote: Quote) -> list[Mark]:
    """The quote's spans, its speaker mention and its cue, as highlight marks."""
    spans = quote.spans or [[quote.start, quote.end]]
    marks = [Mark(int(a), int(b), "desk-quote", "quote") for a, b in spans]
    if quote.speaker_start is not None and quote.speaker_end is not None:
        marks.append(Mark(quote.speaker_start, quote.speaker_end, "desk-speaker", "speaker"))
    if quote.cue_start is not None and quote.cue_end is not None:
        marks.append(Mark(quote.cue_start, quote.cue_end, "desk-cue", "cue"))
    return marks


def quote_in_context(quote: Quote) -> str:
    """The quote's paragraph(s), highlighted; led by the sentence where the speaker was last
    named when the shown text only calls them "he" or "the minister"."""
    text = quote.article.text
    marks = quote_marks(quote)
    lo = min(m.start for m in marks)
    hi = max(m.end for m in marks)
    a, b = paragraph_window(text, lo, hi)
    shown = highlight(text, marks, start=a, end=b)
    named = _where_speaker_named(quote, text, a, b)
    if named is None:
        return shown
    s, e = sentence_around(text, *named)
    earlier = highlight(text, [Mark(named[0], named[1], "desk-speaker", "speaker named")], start=s, end=e)
    return format_html(
        '<span class="desk-around desk-named" title="Where the speaker was last named">{}{}</span>\n{}',
        earlier,
        " …" if e < a else "",
        shown,
    )


def _where_speaker_named(quote: Quote, text: str, start: int, end: int) -> tuple[int, int] | None:
    speaker = quote.speaker
    if speaker is None or quote.speaker_mention.strip() == speaker.name.strip():
        return None
    return last_naming(text, speaker_name_forms(speaker=speaker), start, end)


class QuoteAddForm(forms.ModelForm):
    """A quote added by hand: the article and the span; the words are read from the article."""

    class Meta:
        model = Quote
        fields = _ADD_FIELDS


class QuoteChangeForm(forms.ModelForm):
    """The quote page's form. The wording is kept exactly as given (no stripping, newlines as
    the article has them), so saving a page without touching it changes nothing."""

    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), strip=False, label="Wording")

    class Meta:
        model = Quote
        fields = ("text", "speaker", "speaker_mention", "kind", "note")

    def clean_text(self) -> str:
        return self.cleaned_data["text"].replace("\r\n", "\n")


@admin.register(Quote)
class QuoteAdmin(ServiceErrorsAsMessages):
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
    list_filter = ("status", "kind", "in_boilerplate", "article__source", "extractor_version")
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
        "reject_reason",
        *_EXTRACTION_FIELDS,
    )
    # claim_matches: the claim-matching work's read-only "repeats claim #N" (quotes/matching).
    fieldsets = (
        (
            None,
            {"fields": ("in_context", "claim_matches", "text", "speaker", "speaker_mention", "kind", "note")},
        ),
        ("Review", {"fields": ("status", "reviewer", "reviewed_at", "reject_reason")}),
        ("Extraction", {"fields": ("article", *_EXTRACTION_FIELDS)}),
    )
    actions = ["approve", "reject", "create_claims", "create_one_claim"]

    def get_urls(self) -> list[Any]:
        return queue.urls(self.admin_site) + super().get_urls()

    def get_queryset(self, request: HttpRequest) -> QuerySet[Quote]:
        return super().get_queryset(request).defer("article__raw_html")

    def get_form(
        self, request: HttpRequest, obj: Quote | None = None, change: bool = False, **kwargs: Any
    ) -> Any:
        kwargs["form"] = QuoteAddForm if obj is None else QuoteChangeForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fieldsets(self, request: HttpRequest, obj: Quote | None = None) -> Any:
        if obj is None:  # adding a quote by hand
            return (
                (
                    None,
                    {
                        "fields": _ADD_FIELDS,
                        "description": "The quote's words are read from the article at start:end.",
                    },
                ),
            )
        return self.fieldsets

    def get_readonly_fields(self, request: HttpRequest, obj: Quote | None = None) -> Any:
        if obj is None:
            return ()
        return (*self.readonly_fields, "article")

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        context = {"review_queue_url": reverse("admin:quotes_quote_review"), **(extra_context or {})}
        return super().changelist_view(request, extra_context=context)

    @admin.display(description="quote", ordering="text")
    def short_text(self, obj: Quote) -> str:
        return excerpt(obj.text)

    @admin.display(description="confidence", ordering="confidence")
    def confidence_pct(self, obj: Quote) -> str:
        return f"{obj.confidence:.0%}"

    @admin.display(description="article", ordering="article__title")
    def article_link(self, obj: Quote) -> str:
        url = reverse("admin:sources_article_change", args=[obj.article_id])
        return format_html('<a href="{}">{}</a>', url, excerpt(str(obj.article), 60))

    @admin.display(description="matching")
    def claim_matches(self, obj: Quote) -> str:
        # quotes/matching: "repeats claim #12 (rated False)" with reasons; other reports, misquotes.
        from quotes.matching.display import quote_matching_html

        return quote_matching_html(quote=obj)

    @admin.display(description="in context")
    def in_context(self, obj: Quote) -> str:
        if not obj.pk:
            return "-"
        return format_html('<div class="desk-context">…{}…</div>', quote_in_context(obj))

    # --- actions --------------------------------------------------------------------------

    def _decide(self, request: HttpRequest, queryset: QuerySet[Quote], service: Any, verb: str) -> None:
        done, errors = 0, []
        for quote in queryset:
            try:
                service(quote=quote, actor=actor_of(request))
                done += 1
            except SERVICE_ERRORS as exc:
                errors.append(f"#{quote.pk}: {error_text(exc)}")
        self.message_user(request, f"{verb} {done} quote(s).", messages.SUCCESS)
        if errors:
            self.message_user(request, "Skipped " + "; ".join(errors[:10]), messages.WARNING)

    @admin.action(description="Approve selected quotes", permissions=["change"])
    def approve(self, request: HttpRequest, queryset: QuerySet[Quote]) -> None:
        self._decide(request, queryset, quote_approve, "Approved")

    @admin.action(description="Reject selected quotes", permissions=["change"])
    def reject(self, request: HttpRequest, queryset: QuerySet[Quote]) -> None:
        self._decide(request, queryset, quote_reject, "Rejected")

    @admin.action(description="Create a draft claim from each selected quote", permissions=["change"])
    def create_claims(self, request: HttpRequest, queryset: QuerySet[Quote]) -> None:
        created, errors = 0, []
        for quote in queryset.select_related("article", "speaker"):
            try:
                claim_create_from_quote(quote=quote, actor=actor_of(request))
                created += 1
            except SERVICE_ERRORS as exc:
                errors.append(f"#{quote.pk}: {error_text(exc)}")
        url = reverse("admin:quotes_claim_changelist") + "?status__exact=draft"
        self.message_user(
            request,
            format_html('Created {} draft claim(s). <a href="{}">Open the drafts</a>', created, url),
            messages.SUCCESS,
        )
        if errors:
            self.message_user(request, "Skipped " + "; ".join(errors[:10]), messages.WARNING)

    @admin.action(description="Create one draft claim carried by all selected quotes", permissions=["change"])
    def create_one_claim(self, request: HttpRequest, queryset: QuerySet[Quote]) -> HttpResponse | None:
        try:
            claim = claim_create_from_quotes(
                quotes=list(queryset.select_related("article", "speaker")), actor=actor_of(request)
            )
        except SERVICE_ERRORS as exc:
            self.message_user(request, error_text(exc), messages.ERROR)
            return None
        self.message_user(
            request, f"Created draft claim #{claim.pk} from {queryset.count()} quote(s).", messages.SUCCESS
        )
        return HttpResponseRedirect(reverse("admin:quotes_claim_change", args=[claim.pk]))

    # --- saving ---------------------------------------------------------------------------

    def response_change(self, request: HttpRequest, obj: Quote) -> HttpResponse:
        """ "Save and approve/reject" buttons: decide, then go on to the next pending quote."""
        decision = {"_approve": (quote_approve, "Approved"), "_reject": (quote_reject, "Rejected")}
        chosen = next((decision[k] for k in decision if k in request.POST), None)
        if chosen is None:
            return super().response_change(request, obj)
        service, verb = chosen
        try:
            service(quote=obj, actor=actor_of(request))
            self.message_user(request, f"{verb}: {obj}", messages.SUCCESS)
        except SERVICE_ERRORS as exc:
            self.message_user(request, error_text(exc), messages.WARNING)
        following = next_pending_quote(after=obj)
        if following is None:
            self.message_user(request, "No more pending quotes.", messages.INFO)
            url = reverse("admin:quotes_quote_changelist") + "?status__exact=pending"
        else:
            url = reverse("admin:quotes_quote_change", args=[following.pk])
        return HttpResponseRedirect(url)

    def save_model(self, request: HttpRequest, obj: Quote, form: Any, change: bool) -> None:
        actor = actor_of(request)
        data = form.cleaned_data
        if not change:
            quote = quote_create_by_hand(
                article=data["article"],
                actor=actor,
                start=data["start"],
                end=data["end"],
                speaker=data.get("speaker"),
                speaker_mention=data.get("speaker_mention") or "",
                kind=data.get("kind") or Quote.Kind.DIRECT,
                cue=data.get("cue") or "",
                note=data.get("note") or "",
            )
            obj.pk = quote.pk
            obj.refresh_from_db()
            return
        changed = {f: data[f] for f in form.changed_data if f in data}
        quote_update(quote=Quote.objects.get(pk=obj.pk), actor=actor, data=changed)
        obj.refresh_from_db()
