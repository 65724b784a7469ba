"""Claims from draft to published, in the admin: every save and every workflow button goes
through the claim services; their refusals are messages on the page, never a 500."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import construct_change_message
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from quotes.admin.common import SERVICE_ERRORS, ServiceErrorsAsMessages, actor_of, error_text, excerpt
from quotes.claimreview import claimreview_build, rating_scale
from quotes.models import Claim, ClaimEvidence, Quote, Rating, ReviewDecision
from quotes.selectors.claimreview import reviewed_claim, reviewed_claim_if_published_now
from quotes.services import (
    claim_correct,
    claim_create,
    claim_publish,
    claim_submit,
    claim_unpublish,
    claim_update,
)
from quotes.services.permissions import PERM_PUBLISH_CLAIM

# The workflow buttons on the claim page (name in the POST -> what it does).
BUTTON_SUBMIT = "_submit_review"
BUTTON_PUBLISH = "_publish"
BUTTON_UNPUBLISH = "_unpublish"
BUTTON_CORRECT = "_correct"
_DATA_FIELDS = ("statement", "claimant", "rating", "ruling", "appearances")


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
    verbose_name = "evidence link"
    verbose_name_plural = "evidence (links the ruling rests on; http or https)"

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if (
            obj is not None
            and obj.status == Claim.Status.PUBLISHED
            and not request.user.has_perm(PERM_PUBLISH_CLAIM)
        ):
            return False
        return super().has_change_permission(request, obj)

    has_add_permission = has_change_permission
    has_delete_permission = has_change_permission


class ClaimForm(forms.ModelForm):
    correction_note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Required to correct or unpublish: readers see it wherever the claim is published.",
    )

    class Meta:
        model = Claim
        fields = ("statement", "claimant", "appearances", "rating", "ruling")

    def clean_appearances(self) -> Any:
        quotes = self.cleaned_data.get("appearances")
        rejected = [q for q in quotes or [] if q.status == Quote.Status.REJECTED]
        if rejected:
            raise forms.ValidationError(
                "A rejected quote cannot carry a claim: " + ", ".join(f"#{q.pk}" for q in rejected)
            )
        return quotes

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        instance = self.instance
        if instance.pk and instance.status == Claim.Status.PUBLISHED and "correction_note" in self.fields:
            steps = BUTTON_UNPUBLISH in self.data or BUTTON_CORRECT in self.data
            edited = any(f in _DATA_FIELDS for f in self.changed_data)
            if (steps or edited) and not (cleaned.get("correction_note") or "").strip():
                self.add_error(
                    "correction_note",
                    "A published claim changes only with a note that readers will see: write the correction note.",
                )
        return cleaned


@admin.register(Claim)
class ClaimAdmin(ServiceErrorsAsMessages, SimpleHistoryAdmin):
    form = ClaimForm
    list_display = (
        "short_statement",
        "status",
        "claimant",
        "rating",
        "first_seen",
        "published_at",
        "checker",
    )
    list_filter = ("status", "rating", "checker")
    search_fields = ("statement", "claimant__name", "ruling")
    list_select_related = ("claimant", "rating", "checker")
    autocomplete_fields = ("claimant", "appearances")
    inlines = [ClaimEvidenceInline]
    date_hierarchy = "created_at"
    save_on_top = True
    change_form_template = "admin/quotes/claim/change_form.html"
    history_list_display = ("status", "rating")
    readonly_fields = (
        "workflow",
        "status",
        "first_seen",
        "published_at",
        "checker",
        "corrections_shown",
        "claimreview_preview",
        "decision_log",
        "created_at",
        "updated_at",
    )

    def get_fieldsets(self, request: HttpRequest, obj: Claim | None = None) -> Any:
        main: tuple[str, ...] = ("statement", "claimant", "appearances", "rating", "ruling")
        if obj is None:
            return ((None, {"fields": main}),)
        if obj.status == Claim.Status.PUBLISHED and request.user.has_perm(PERM_PUBLISH_CLAIM):
            main = (*main, "correction_note")
        return (
            ("Workflow", {"fields": ("workflow", "status", "published_at", "checker", "first_seen")}),
            (None, {"fields": main}),
            ("Corrections", {"fields": ("corrections_shown",)}),
            ("ClaimReview JSON-LD (schema.org), as published", {"fields": ("claimreview_preview",)}),
            ("Decisions", {"classes": ("collapse",), "fields": ("decision_log", "created_at", "updated_at")}),
        )

    def get_readonly_fields(self, request: HttpRequest, obj: Claim | None = None) -> Any:
        ro = tuple(self.readonly_fields)
        if (
            obj is not None
            and obj.status == Claim.Status.PUBLISHED
            and not request.user.has_perm(PERM_PUBLISH_CLAIM)
        ):
            # A published claim changes only by a correction, which only an Editor may make.
            ro = (*ro, *_DATA_FIELDS)
        return ro

    @admin.display(description="statement", ordering="statement")
    def short_statement(self, obj: Claim) -> str:
        return excerpt(obj.statement)

    # --- read-only panels -----------------------------------------------------------------

    @admin.display(description="next step")
    def workflow(self, obj: Claim) -> str:
        hints: dict[str, str] = {
            Claim.Status.DRAFT: "Draft: edit it, then press “Submit for review”. An Editor publishes it.",
            Claim.Status.IN_REVIEW: "In review: an Editor publishes it once it has a rating and a ruling.",
            Claim.Status.PUBLISHED: "Published: change it only with “Save as correction” or “Unpublish”, each with a note.",
        }
        return hints.get(obj.status, "")

    @admin.display(description="corrections and unpublications")
    def corrections_shown(self, obj: Claim) -> str:
        rows = list(obj.corrections.select_related("actor"))
        if not rows:
            return "None."
        return format_html(
            "<ul class='desk-corrections'>{}</ul>",
            format_html_join(
                "",
                "<li><strong>{}</strong> {} by {}: {}</li>",
                (
                    (
                        c.get_kind_display(),
                        timezone.localtime(c.created_at).strftime("%Y-%m-%d %H:%M"),
                        c.actor or "system",
                        c.note,
                    )
                    for c in rows
                ),
            ),
        )

    @admin.display(description="preview")
    def claimreview_preview(self, obj: Claim) -> str:
        if obj.pk is None:
            return "-"
        claim = reviewed_claim(obj.pk)
        heading = "As published:"
        if claim is None:
            # Not published yet: show what publishing it now would produce (nothing is saved).
            claim = reviewed_claim_if_published_now(obj.pk)
            if claim is None:
                return "A ClaimReview needs a rating: choose one to see the preview."
            heading = "Not published yet; publishing now would produce:"
        data = claimreview_build(claim=claim, scale=rating_scale())
        return format_html(
            '<p>{}</p><pre class="desk-jsonld" id="claimreview-jsonld">{}</pre>',
            heading,
            json.dumps(data, indent=2, ensure_ascii=False),
        )

    @admin.display(description="workflow decisions")
    def decision_log(self, obj: Claim) -> str:
        rows = ReviewDecision.objects.filter(claim=obj).select_related("actor").order_by("created_at", "id")
        return (
            format_html_join(
                "",
                "<div>{} · {} · {} {}</div>",
                (
                    (
                        timezone.localtime(d.created_at).strftime("%Y-%m-%d %H:%M"),
                        d.get_action_display(),
                        d.actor or "system",
                        d.note,
                    )
                    for d in rows
                ),
            )
            or "None."
        )

    # --- history: past versions are shown, never restored behind the services' back --------

    def revert_disabled(self, request: HttpRequest, obj: Any = None) -> bool:
        return True

    def history_form_view(
        self,
        request: HttpRequest,
        object_id: str,
        version_id: str,
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        if request.method == "POST":
            self.message_user(
                request,
                "A past version is shown, not restored: copy what you need into the claim and save it (or correct it, if published).",
                messages.WARNING,
            )
            return HttpResponseRedirect(reverse("admin:quotes_claim_change", args=[object_id]))
        return super().history_form_view(request, object_id, version_id, extra_context)

    # --- the page and its buttons ------------------------------------------------------------

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Claim | None = None,
    ) -> HttpResponse:
        context.update(
            {
                "claim_status": obj.status if obj else None,
                "can_publish": request.user.has_perm(PERM_PUBLISH_CLAIM),
                "button_submit": BUTTON_SUBMIT,
                "button_publish": BUTTON_PUBLISH,
                "button_unpublish": BUTTON_UNPUBLISH,
                "button_correct": BUTTON_CORRECT,
            }
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def construct_change_message(
        self, request: HttpRequest, form: Any, formsets: Any, add: bool = False
    ) -> Any:
        # The inline rows are written by the services (not formset.save()); the services record them.
        return construct_change_message(form, [], add)

    def save_model(self, request: HttpRequest, obj: Claim, form: Any, change: bool) -> None:
        pass  # saved by the services in save_related, once the evidence rows are known

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        actor = actor_of(request)
        data: dict[str, Any] = {f: form.cleaned_data.get(f) for f in _DATA_FIELDS if f in form.cleaned_data}
        if "appearances" in data:
            data["appearances"] = list(data["appearances"] or [])
        evidence = [
            {"url": f.cleaned_data["url"], "title": f.cleaned_data.get("title", "")}
            for formset in formsets
            for f in formset.forms
            if f.cleaned_data.get("url") and not f.cleaned_data.get("DELETE")
        ]
        if not change or any(fs.has_changed() for fs in formsets):
            data["evidence"] = evidence
        if not change:
            claim = claim_create(
                statement=data["statement"],
                actor=actor,
                claimant=data.get("claimant"),
                appearances=data.get("appearances") or [],
                rating=data.get("rating"),
                ruling=data.get("ruling") or "",
                evidence=evidence,
            )
        else:
            claim = self._save_change(request, form.instance, form, data)
        # The admin logs and redirects with the object it passed to save_model: give it the row.
        form.instance.pk = claim.pk
        form.instance.refresh_from_db()

    def _save_change(self, request: HttpRequest, claim: Claim, form: Any, data: dict[str, Any]) -> Claim:
        actor = actor_of(request)
        current = Claim.objects.get(pk=claim.pk)
        note = form.cleaned_data.get("correction_note", "")
        changed = {k: v for k, v in data.items() if k == "evidence" or k in form.changed_data}
        if current.status != Claim.Status.PUBLISHED:
            return claim_update(claim=current, actor=actor, data=changed)
        if BUTTON_UNPUBLISH in request.POST:
            claim_unpublish(claim=current, actor=actor, note=note)
            return claim_update(claim=current, actor=actor, data=changed) if changed else current
        if BUTTON_CORRECT in request.POST or changed:
            claim_correct(claim=current, actor=actor, note=note, data=changed)
        return current

    def _workflow_step(self, request: HttpRequest, obj: Claim) -> bool:
        """Run the button's step after the save; False when the service refused it."""
        actor = actor_of(request)
        try:
            if BUTTON_SUBMIT in request.POST:
                claim_submit(claim=obj, actor=actor)
                self.message_user(
                    request, "Submitted for review: an Editor can publish it now.", messages.SUCCESS
                )
            elif BUTTON_PUBLISH in request.POST:
                claim_publish(claim=obj, actor=actor)
                self.message_user(request, "Published. Its ClaimReview is below.", messages.SUCCESS)
            elif BUTTON_UNPUBLISH in request.POST:
                self.message_user(
                    request, "Unpublished: the claim is back in review; the note is kept.", messages.SUCCESS
                )
            elif BUTTON_CORRECT in request.POST:
                self.message_user(
                    request, "Correction saved and shown with the published claim.", messages.SUCCESS
                )
            else:
                return True
        except SERVICE_ERRORS as exc:
            self.message_user(request, error_text(exc), messages.ERROR)
            return False
        return False  # a step ran: stay on the claim page to see the result

    def response_add(
        self, request: HttpRequest, obj: Claim, post_url_continue: str | None = None
    ) -> HttpResponse:
        if any(b in request.POST for b in (BUTTON_SUBMIT, BUTTON_PUBLISH)):
            self.message_user(request, f"Draft claim #{obj.pk} saved.", messages.SUCCESS)
            self._workflow_step(request, obj)
            return HttpResponseRedirect(reverse("admin:quotes_claim_change", args=[obj.pk]))
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request: HttpRequest, obj: Claim) -> HttpResponse:
        if any(b in request.POST for b in (BUTTON_SUBMIT, BUTTON_PUBLISH, BUTTON_UNPUBLISH, BUTTON_CORRECT)):
            self._workflow_step(request, obj)
            return HttpResponseRedirect(reverse("admin:quotes_claim_change", args=[obj.pk]))
        return super().response_change(request, obj)
