"""The keyboard review queue at /admin/quotes/quote/review/.

One HTML page, then small JSON endpoints the page's script calls: each decision is saved at
once by the services and the answer carries the next candidate as an HTML fragment, so the
reviewer never waits for a full page load. Views only read selectors and call services.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_GET, require_POST

from claimtrack.errors import ActionNotPermitted, DecisionConflict
from quotes.admin.common import SERVICE_ERRORS, actor_of, error_text
from quotes.models import Quote, ReviewDecision, ReviewQueuePreference, Speaker
from quotes.selectors.queue import (
    QueueFilters,
    queue_filter_choices,
    queue_last_undoable,
    queue_next,
    queue_preference_get,
    queue_quote,
    queue_recent_decisions,
)
from quotes.services import (
    claim_create_from_quote,
    quote_approve,
    quote_decision_undo,
    quote_reject,
    quote_update,
    speaker_create,
)
from quotes.services.permissions import PERM_REVIEW_QUOTE
from quotes.services.queue import queue_preference_set

SKIPPED_KEY = "desk_review_skipped"
PREFS_KEY = "desk_review_preferences"
_MAX_SKIPPED = 1000
_FILTER_PARAMS = ("source", "speaker", "kind", "band", "engine", "boilerplate")


def _skipped(request: HttpRequest) -> list[int]:
    return list(request.session.get(SKIPPED_KEY, []))


def _set_skipped(request: HttpRequest, ids: list[int]) -> None:
    request.session[SKIPPED_KEY] = ids[-_MAX_SKIPPED:]


def _preferences(request: HttpRequest, *, fresh: bool = False) -> tuple[str, QueueFilters]:
    """The reviewer's order and filters: read from the database when the page loads, then kept
    in the session so that each decision spares a query."""
    cached = request.session.get(PREFS_KEY)
    if cached is None or fresh:
        order, filters = queue_preference_get(user=request.user)
        request.session[PREFS_KEY] = {"order": order, "filters": filters.as_dict()}
        return order, filters
    return cached["order"], QueueFilters.from_mapping(cached["filters"])


def _seconds(request: HttpRequest) -> float | None:
    try:
        value = float(request.POST.get("seconds", ""))
    except ValueError:
        return None
    return round(value, 2) if 0 <= value < 86_400 else None


def _candidate_context(quote: Quote | None) -> dict[str, Any]:
    from quotes.admin.quotes import quote_in_context  # the quote page renders context the same way

    if quote is None:
        return {"quote": None}
    return {
        "quote": quote,
        "context_html": quote_in_context(quote),
        "article": quote.article,
        "speaker": quote.speaker,
        "kinds": Quote.Kind.choices,
        "confidence_pct": f"{quote.confidence:.0%}",
    }


def _state(
    request: HttpRequest,
    *,
    message: str = "",
    level: str = "info",
    quote: Quote | None = None,
    decided: Quote | None = None,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """What the page shows after any step: the candidate, the count, the recent decisions.

    ``decided``: the quote just decided; its decision is the newest of the recent ones.
    """
    order, filters = _preferences(request)
    skipped = _skipped(request)
    current, remaining = queue_next(filters=filters, order=order, skipped=skipped)
    current = quote or current
    recent = queue_recent_decisions(user=request.user)
    decision = recent[0] if decided is not None and recent and recent[0].quote_id == decided.pk else None
    return {
        "ok": level != "error",
        "message": message,
        "level": level,
        "quote_id": current.pk if current else None,
        "remaining": remaining,
        "skipped": len(skipped),
        "decision_id": decision.pk if decision else None,
        "html": render_to_string(
            "admin/quotes/quote/review_candidate.html",
            {**_candidate_context(current), "remaining": remaining, "skipped": len(skipped)},
            request=request,
        ),
        "recent_html": render_to_string(
            "admin/quotes/quote/review_recent.html", {"recent": recent}, request=request
        ),
        **(extra or {}),
    }


def _json(started: float, payload: dict[str, Any], status: int = 200) -> JsonResponse:
    ms = (time.perf_counter() - started) * 1000
    payload["server_ms"] = round(ms, 1)
    response = JsonResponse(payload, status=status)
    response["Server-Timing"] = f"app;dur={ms:.1f}"
    return response


def _level_of(exc: Exception) -> str:
    return "warning" if isinstance(exc, DecisionConflict) else "error"


def _require_reviewer(request: HttpRequest) -> None:
    if not request.user.has_perm(PERM_REVIEW_QUOTE):
        raise PermissionDenied("You do not have permission to review quotes.")


# --- views ------------------------------------------------------------------------------------


def review_page(request: HttpRequest, admin_site: admin.AdminSite) -> HttpResponse:
    _require_reviewer(request)
    if request.GET.get("apply"):
        order = request.GET.get("order", ReviewQueuePreference.Order.SUREST)
        filters = QueueFilters.from_mapping(request.GET)
        try:
            queue_preference_set(user=request.user, order=order, filters=filters)  # type: ignore[arg-type]
        except SERVICE_ERRORS:
            queue_preference_set(user=request.user, order="surest", filters=filters)  # type: ignore[arg-type]
        _preferences(request, fresh=True)
        _set_skipped(request, [])
        return HttpResponseRedirect(reverse("admin:quotes_quote_review"))
    if request.GET.get("restart"):
        _set_skipped(request, [])
        return HttpResponseRedirect(reverse("admin:quotes_quote_review"))
    order, filters = _preferences(request, fresh=True)
    state = _state(request)
    context = {
        **admin_site.each_context(request),
        "title": "Review queue",
        "opts": Quote._meta,
        "state": state,
        "order": order,
        "filters": filters,
        "choices": queue_filter_choices(),
        "reasons": list(enumerate(settings.REVIEW_REJECT_REASONS, start=1)),
        "can_add_speaker": request.user.has_perm("quotes.add_speaker"),
    }
    return TemplateResponse(request, "admin/quotes/quote/review.html", context)


@require_GET
def review_current(request: HttpRequest) -> JsonResponse:
    started = time.perf_counter()
    _require_reviewer(request)
    return _json(started, _state(request))


@require_POST
def review_decide(request: HttpRequest, pk: int) -> JsonResponse:
    """approve / reject (optionally with a reason by number) / skip, then the next candidate."""
    started = time.perf_counter()
    _require_reviewer(request)
    quote = Quote(pk=pk)  # the services read and lock the row themselves
    action = request.POST.get("action", "")
    actor = actor_of(request)
    if action == "skip":
        _set_skipped(request, [*_skipped(request), quote.pk])
        return _json(started, _state(request, message="Skipped.", extra={"skipped_id": quote.pk}))
    try:
        if action == "approve":
            decision_quote = quote_approve(quote=quote, actor=actor, seconds_spent=_seconds(request))
            message = "Approved."
        elif action == "reject":
            reason = _reason(request.POST.get("reason", ""))
            decision_quote = quote_reject(
                quote=quote, actor=actor, reason=reason, seconds_spent=_seconds(request)
            )
            message = f"Rejected: {reason}." if reason else "Rejected."
        else:
            return _json(started, _state(request, message=f"Unknown action {action!r}.", level="error"), 400)
    except Quote.DoesNotExist:
        return _json(started, _state(request, message=f"Quote #{pk} no longer exists.", level="warning"))
    except SERVICE_ERRORS as exc:
        # Someone else decided it first (or the step was refused): say so and move on.
        suffix = " Showing the next candidate." if isinstance(exc, DecisionConflict) else ""
        return _json(started, _state(request, message=error_text(exc) + suffix, level=_level_of(exc)))
    return _json(started, _state(request, message=message, level="success", decided=decision_quote))


def _reason(raw: str) -> str:
    """A reject reason by its number in REVIEW_REJECT_REASONS (1-based), or by its text."""
    reasons = list(settings.REVIEW_REJECT_REASONS)
    raw = raw.strip()
    if raw.isdigit() and 1 <= int(raw) <= len(reasons):
        return reasons[int(raw) - 1]
    return raw


@require_POST
def review_undo(request: HttpRequest) -> JsonResponse:
    """Undo a decision (the given one, or this reviewer's last), or bring back a skipped one."""
    started = time.perf_counter()
    _require_reviewer(request)
    skipped_id = request.POST.get("skip", "")
    if skipped_id.isdigit():
        _set_skipped(request, [i for i in _skipped(request) if i != int(skipped_id)])
        quote = queue_quote(pk=int(skipped_id))
        shown = quote if quote is not None and quote.status == Quote.Status.PENDING else None
        return _json(started, _state(request, message="Skip undone.", quote=shown))
    raw = request.POST.get("decision", "")
    if raw.isdigit():
        decision = ReviewDecision.objects.filter(pk=int(raw), actor_id=request.user.pk).first()
    else:
        decision = queue_last_undoable(user=request.user)
    if decision is None:
        return _json(started, _state(request, message="Nothing of yours to undo.", level="warning"))
    try:
        quote = quote_decision_undo(decision=decision, actor=actor_of(request))
    except SERVICE_ERRORS as exc:
        return _json(started, _state(request, message=error_text(exc), level=_level_of(exc)))
    verb = decision.get_action_display().lower()
    return _json(
        started,
        _state(
            request,
            message=f"Undone: {verb} of quote #{quote.pk}.",
            level="success",
            quote=queue_quote(pk=quote.pk),
        ),
    )


@require_POST
def review_edit(request: HttpRequest, pk: int) -> JsonResponse:
    """Edit speaker, kind, wording or span of the candidate shown (it stays in the queue)."""
    started = time.perf_counter()
    _require_reviewer(request)
    quote = get_object_or_404(Quote.objects.select_related("article", "speaker"), pk=pk)
    post = request.POST
    data: dict[str, Any] = {}
    try:
        new_name = post.get("new_speaker", "").strip()
        if new_name:
            if not request.user.has_perm("quotes.add_speaker"):
                raise ActionNotPermitted("You do not have permission to create speakers.")
            kind = post.get("new_speaker_kind", Speaker.Kind.PERSON)
            data["speaker"] = speaker_create(
                name=new_name, kind=kind, title=post.get("new_speaker_title", "")
            )
        elif post.get("speaker", "").isdigit():
            data["speaker"] = get_object_or_404(Speaker, pk=int(post["speaker"]))
        elif "speaker" in post and post["speaker"] == "":
            data["speaker"] = None
        if post.get("kind") in Quote.Kind.values:
            data["kind"] = post["kind"]
        for field in ("start", "end"):
            if post.get(field, "").strip():
                data[field] = int(post[field])
        if "text" in post and post["text"].strip() and post["text"] != quote.text:
            data["text"] = post["text"]
        if "speaker_mention" in post:
            data["speaker_mention"] = post["speaker_mention"].strip()
        data = {k: v for k, v in data.items() if getattr(quote, k) != v}
        updated = quote_update(quote=quote, actor=actor_of(request), data=data) if data else quote
    except ValueError:
        return _json(
            started,
            _state(request, message="Start and end must be whole numbers.", level="error", quote=quote),
        )
    except SERVICE_ERRORS as exc:
        return _json(started, _state(request, message=error_text(exc), level="error", quote=quote))
    message = f"Saved: {', '.join(sorted(data))}." if data else "Nothing changed."
    return _json(started, _state(request, message=message, level="success", quote=queue_quote(pk=updated.pk)))


@require_POST
def review_claim(request: HttpRequest, pk: int) -> JsonResponse:
    """A draft claim from the candidate shown; the candidate stays up for its decision."""
    started = time.perf_counter()
    _require_reviewer(request)
    quote = get_object_or_404(Quote.objects.select_related("article", "speaker"), pk=pk)
    try:
        claim = claim_create_from_quote(quote=quote, actor=actor_of(request))
    except SERVICE_ERRORS as exc:
        return _json(started, _state(request, message=error_text(exc), level="error", quote=quote))
    url = reverse("admin:quotes_claim_change", args=[claim.pk])
    return _json(
        started,
        _state(
            request,
            message=f"Draft claim #{claim.pk} created.",
            level="success",
            quote=queue_quote(pk=quote.pk) if quote.status == Quote.Status.PENDING else None,
            extra={"claim_url": url, "claim_id": claim.pk},
        ),
    )


def urls(admin_site: admin.AdminSite) -> list[URLPattern]:
    def wrap(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        return admin_site.admin_view(view)

    return [
        path("review/", wrap(lambda request: review_page(request, admin_site)), name="quotes_quote_review"),
        path("review/current/", wrap(review_current), name="quotes_quote_review_current"),
        path("review/undo/", wrap(review_undo), name="quotes_quote_review_undo"),
        path("review/<int:pk>/decide/", wrap(review_decide), name="quotes_quote_review_decide"),
        path("review/<int:pk>/edit/", wrap(review_edit), name="quotes_quote_review_edit"),
        path("review/<int:pk>/claim/", wrap(review_claim), name="quotes_quote_review_claim"),
    ]
