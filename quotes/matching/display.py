"""HTML for the admin: "repeats claim #12 (rated False)" with a link and the reasons, and the
other reports of the same quote with a word diff and a possible-misquote flag."""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from quotes.matching.selectors import quote_matches
from quotes.matching.variant_selectors import quote_variants
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


def _diff_html(diff: list[dict]) -> SafeString:
    parts = []
    for d in diff:
        if d["op"] == "equal":
            parts.append(format_html("{}", d["b"]))
        if d["op"] in ("replace", "delete"):
            parts.append(format_html('<del style="background:#fdd">{}</del>', d["a"]))
        if d["op"] in ("replace", "insert"):
            parts.append(format_html('<ins style="background:#dfd">{}</ins>', d["b"]))
    return format_html_join(" ", "{}", ((p,) for p in parts))


def quote_variants_html(*, quote: Quote) -> SafeString | str:
    """The other reports of this quote: outlet, link, and for a different wording the word
    diff against the first report, flagged as a possible misquote."""
    reports = quote_variants(quote=quote) if quote.pk else []
    rows = []
    for report in reports:
        if report.quote.pk == quote.pk:
            continue
        other = report.quote
        url = reverse("admin:quotes_quote_change", args=[other.pk])
        source = other.article.source
        outlet = source.name if source is not None else other.article.title[:60]
        if report.variant is None:
            what: SafeString | str = "first report"
        elif report.variant.same_words:
            what = "same words"
        else:
            what = format_html(
                '<strong style="color:#b00">possible misquote</strong>: {}', _diff_html(report.variant.diff)
            )
        rows.append(format_html('<li><a href="{}">quote #{}</a> in {}: {}</li>', url, other.pk, outlet, what))
    link = next((r.variant for r in reports if r.quote.pk == quote.pk and r.variant), None)
    if link is not None and not link.same_words:
        rows.insert(
            0,
            format_html(
                '<li><strong style="color:#b00">Possible misquote</strong> of the first report: {}</li>',
                _diff_html(link.diff),
            ),
        )
    if not rows:
        return "No other report of this quote."
    return format_html(
        '<ul style="margin:0 0 0 1.2em">{}</ul>', format_html_join("", "{}", ((r,) for r in rows))
    )


def quote_matching_html(*, quote: Quote) -> SafeString:
    """Both, for the one read-only field of the quote admin."""
    return format_html(
        '<div><div style="font-weight:bold;margin-bottom:.3em">Checked claims</div>{}'
        '<div style="font-weight:bold;margin:.6em 0 .3em">Other reports of this quote</div>{}</div>',
        quote_matches_html(quote=quote),
        quote_variants_html(quote=quote),
    )


def speaker_timeline_html(*, speaker: object) -> SafeString | str:
    """The speaker's quotes and claims over time, with ratings and links, for their admin page."""
    from quotes.matching.timeline import speaker_timeline
    from quotes.models import Speaker

    if not isinstance(speaker, Speaker) or not speaker.pk:
        return "-"
    rows = []
    for e in speaker_timeline(speaker=speaker):
        url = reverse(f"admin:quotes_{e.kind}_change", args=[e.id])
        rating = format_html(" <strong>rated {}</strong>", e.rating) if e.rating else ""
        rows.append(
            format_html(
                '<tr><td style="white-space:nowrap">{}</td><td><a href="{}">{} #{}</a></td><td>{}</td><td>{}{}</td></tr>',
                e.when.strftime("%Y-%m-%d"),
                url,
                e.kind,
                e.id,
                e.text if len(e.text) <= 160 else e.text[:159] + "…",
                e.status,
                rating,
            )
        )
    if not rows:
        return "No quotes or claims yet."
    return format_html("<table>{}</table>", format_html_join("", "{}", ((r,) for r in rows)))
