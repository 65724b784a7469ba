"""HTML for the admin: "repeats claim #12 (rated False)" with a link and the reasons."""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from quotes.matching.selectors import quote_matches
from quotes.models import Quote

_VERB = {"same": "repeats", "related": "may relate to"}


def quote_matches_html(*, quote: Quote) -> SafeString | str:
    """One line per stored match, best first; every text escaped."""
    if not quote.pk:
        return "-"
    rows = []
    for m in quote_matches(quote=quote):
        claim = m.claim
        rating = (
            f"rated {claim.rating.label}"
            if claim.rating
            else f"not rated yet, {claim.get_status_display().lower()}"
        )
        url = reverse("admin:quotes_claim_change", args=[claim.pk])
        reasons = format_html_join("", "<li>{}</li>", ((r,) for r in m.reasons))
        rows.append(
            format_html(
                '<div class="claim-match claim-match-{}" style="margin-bottom:.6em">'
                '<strong>{} <a href="{}">claim #{}</a> ({})</strong> &middot; score {} &middot; {}'
                '<div style="color:#555">"{}"</div><ul style="margin:.2em 0 0 1.2em">{}</ul></div>',
                m.level,
                _VERB.get(m.level, m.level).capitalize(),
                url,
                claim.pk,
                rating,
                f"{m.score:.2f}",
                m.get_level_display(),
                claim.statement,
                reasons,
            )
        )
    if not rows:
        return "No existing claim matches this quote."
    return format_html_join("", "{}", ((r,) for r in rows))
