"""Speakers: ranked search (autocomplete), aliases through the services, a merge that asks
which speaker survives, and a list of likely duplicates."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.utils import construct_change_message
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from quotes.admin.common import SERVICE_ERRORS, ServiceErrorsAsMessages, actor_of, error_text
from quotes.models import Claim, Quote, Speaker, SpeakerAlias
from quotes.names import normalise_name
from quotes.selectors.speaker_search import speaker_duplicate_pairs, speaker_ranked
from quotes.services import speaker_alias_add, speaker_create, speaker_merge, speaker_update
from quotes.services.aliases import speaker_alias_remove
from quotes.services.speakers import SPEAKER_EDITABLE_FIELDS


class SpeakerAliasForm(forms.ModelForm):
    class Meta:
        model = SpeakerAlias
        fields = ("alias",)

    def clean_alias(self) -> str:
        alias = self.cleaned_data["alias"].strip()
        normalised = normalise_name(alias)
        if not normalised:
            raise forms.ValidationError("An alias needs at least one letter or digit.")
        clash = SpeakerAlias.objects.filter(normalised=normalised).exclude(pk=self.instance.pk).first()
        if clash is not None and (
            self.instance.speaker_id is None or clash.speaker_id != self.instance.speaker_id
        ):
            raise forms.ValidationError(f"This alias already belongs to {clash.speaker}.")
        return alias

    def validate_unique(self) -> None:
        pass  # the service checks the normalised form, which the form does not set


class SpeakerAliasInline(admin.TabularInline):
    model = SpeakerAlias
    form = SpeakerAliasForm
    extra = 1
    fields = ("alias",)


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(queryset=Speaker.objects.all(), widget=forms.RadioSelect, label="Keep")


@admin.register(Speaker)
class SpeakerAdmin(ServiceErrorsAsMessages):
    list_display = ("name", "kind", "title", "affiliation", "country", "quote_count", "possible_duplicate")
    list_filter = ("kind", ("possible_duplicate_of", admin.EmptyFieldListFilter), "country")
    search_fields = ("name", "aliases__alias", "title", "affiliation", "wikidata_id")
    list_select_related = ("possible_duplicate_of",)
    readonly_fields = ("timeline", "created_at", "updated_at")
    autocomplete_fields = ("possible_duplicate_of",)
    inlines = [SpeakerAliasInline]
    actions = ["merge_speakers"]
    change_list_template = "admin/quotes/speaker/change_list.html"

    def get_urls(self) -> list[Any]:
        view = self.admin_site.admin_view(self.duplicates_view)
        return [path("duplicates/", view, name="quotes_speaker_duplicates"), *super().get_urls()]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Speaker]:
        return super().get_queryset(request).annotate(quote_count=Count("quotes", distinct=True))

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Speaker], search_term: str
    ) -> tuple[QuerySet[Speaker], bool]:
        if not search_term.strip():
            return queryset, False
        return speaker_ranked(queryset, search_term), False

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
        url = reverse("admin:quotes_speaker_changelist") + f"?id__in={obj.pk},{other.pk}"
        return format_html('<a href="{}" title="Show both to merge them">{}</a>', url, other.name)

    # --- saving through the services -------------------------------------------------------

    def save_model(self, request: HttpRequest, obj: Speaker, form: Any, change: bool) -> None:
        if change:
            data = {f: form.cleaned_data[f] for f in form.changed_data if f in SPEAKER_EDITABLE_FIELDS}
            speaker_update(speaker=obj, actor=actor_of(request), data=data)
            obj.refresh_from_db()
            return
        data = form.cleaned_data
        created = speaker_create(
            name=data["name"],
            kind=data.get("kind") or Speaker.Kind.PERSON,
            title=data.get("title") or "",
            affiliation=data.get("affiliation") or "",
            country=data.get("country") or "",
            wikidata_id=data.get("wikidata_id") or "",
            description=data.get("description") or "",
            possible_duplicate_of=data.get("possible_duplicate_of"),
        )
        obj.pk = created.pk
        obj.refresh_from_db()

    def construct_change_message(
        self, request: HttpRequest, form: Any, formsets: Any, add: bool = False
    ) -> Any:
        # The inline rows are written by the services (not formset.save()); the services record them.
        return construct_change_message(form, [], add)

    def save_formset(self, request: Any, form: Any, formset: Any, change: bool) -> None:
        speaker = form.instance
        for alias_form in formset.forms:
            data = getattr(alias_form, "cleaned_data", None) or {}
            instance = alias_form.instance
            if instance.pk and data.get("DELETE"):
                speaker_alias_remove(alias=instance, actor=actor_of(request))
            elif instance.pk and alias_form.has_changed():
                speaker_alias_remove(alias=instance, actor=actor_of(request))
                speaker_alias_add(speaker=speaker, alias=data["alias"])
            elif not instance.pk and data.get("alias") and not data.get("DELETE"):
                speaker_alias_add(speaker=speaker, alias=data["alias"])

    def save_related(self, request: Any, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        # Every speaker's own name is one of its aliases, so that resolution finds it.
        if normalise_name(form.instance.name):
            speaker_alias_add(speaker=form.instance, alias=form.instance.name)

    # --- merge: choose the survivor on a confirmation page ---------------------------------

    @admin.action(description="Merge selected speakers (choose which one to keep)…", permissions=["change"])
    def merge_speakers(self, request: HttpRequest, queryset: QuerySet[Speaker]) -> HttpResponse | None:
        speakers = list(
            queryset.annotate(
                n_claims=Count("claims", distinct=True), n_aliases=Count("aliases", distinct=True)
            ).prefetch_related("aliases")
        )
        if len(speakers) < 2:
            self.message_user(request, "Select at least two speakers to merge.", messages.WARNING)
            return None
        if request.POST.get("confirm") == "yes":
            form = MergeForm(request.POST)
            form.fields["target"].queryset = queryset  # type: ignore[attr-defined]
            if form.is_valid():
                target = form.cleaned_data["target"]
                others = [s for s in speakers if s.pk != target.pk]
                try:
                    speaker_merge(target=target, others=others, actor=actor_of(request))
                except SERVICE_ERRORS as exc:
                    self.message_user(request, error_text(exc), messages.ERROR)
                    return None
                names = ", ".join(s.name for s in others)
                self.message_user(request, f"Merged {names} into {target.name}.", messages.SUCCESS)
                return None
            self.message_user(request, "Choose the speaker to keep.", messages.WARNING)
        suggested = max(speakers, key=lambda s: (s.quote_count, -s.pk))  # type: ignore[attr-defined]
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge speakers: which one is kept?",
            "opts": self.model._meta,
            "speakers": speakers,
            "suggested": suggested,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
            "moves": {
                "quotes": Quote.objects.filter(speaker__in=speakers).count(),
                "claims": Claim.objects.filter(claimant__in=speakers).count(),
            },
        }
        return TemplateResponse(request, "admin/quotes/speaker/merge_confirm.html", context)

    def duplicates_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": "Likely duplicate speakers",
            "opts": self.model._meta,
            "pairs": speaker_duplicate_pairs(),
            "changelist": reverse("admin:quotes_speaker_changelist"),
        }
        return TemplateResponse(request, "admin/quotes/speaker/duplicates.html", context)
