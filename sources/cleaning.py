"""Main text and metadata out of article HTML (the content hash that spots
syndicated copies lives in sources.content).

Pure Python (trafilatura + lxml), no Django import. Nothing here raises on bad
input: markup from the web is untrusted, and a page that yields nothing gives
an empty text that the caller records as a failure.

Text convention (quotes point into it by offsets, so it must be stable):
paragraphs separated by a single newline, no blank lines, no trailing spaces.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

import lxml.html
import trafilatura
from lxml import etree

from claimtrack.budget import TimeBudgetExceeded, time_budget

__all__ = [
    "CLEAN_BUDGET_SECONDS",
    "CleanedArticle",
    "CleaningTooSlowError",
    "clean_html",
    "clean_pasted",
    "looks_like_html",
    "normalize_text",
]

logger = logging.getLogger(__name__)

# Seconds main-text extraction may take on one page (services pass ARTICLE_CLEAN_BUDGET_SECONDS).
CLEAN_BUDGET_SECONDS = 30.0
_BOILERPLATE_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_HTML_HINT = re.compile(
    r"<\s*(html|body|head|p|div|article|section|span|br|h[1-6]|title|meta)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class CleanedArticle:
    text: str
    title: str = ""
    byline: str = ""
    published_at: datetime | None = None
    language: str = ""
    extractor: str = "trafilatura"  # "trafilatura", "fallback" or "plain"


def normalize_text(text: str) -> str:
    """One paragraph per line, single newlines, spaces collapsed.

    >>> normalize_text("  A  b\\r\\n\\r\\n\\n c\\t ")
    'A b\\nc'
    """
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub("", text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def looks_like_html(content: str) -> bool:
    return bool(_HTML_HINT.search(content[:5000]))


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = datetime.combine(date.fromisoformat(value[:10]), time())
        except ValueError:
            return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _meta(tree: lxml.html.HtmlElement, *names: str) -> str:
    for name in names:
        for attribute in ("name", "property", "itemprop"):
            values = tree.xpath(f'//meta[@{attribute}="{name}"]/@content')
            if values and str(values[0]).strip():
                return str(values[0]).strip()
    return ""


def _parse_tree(html: str) -> lxml.html.HtmlElement | None:
    if not html.strip():
        return None
    try:
        # lxml refuses str input that carries an XML encoding declaration.
        return lxml.html.document_fromstring(html.encode("utf-8", errors="replace"))
    except (etree.ParserError, ValueError, etree.XMLSyntaxError):
        return None


def _fallback(tree: lxml.html.HtmlElement) -> tuple[str, str]:
    """Title and text when trafilatura finds no main content: the <p>
    paragraphs outside boilerplate, else every text line of the body."""
    title = _meta(tree, "og:title") or " ".join(tree.xpath("string(//title)").split())
    for bad in tree.xpath("|".join(f"//{tag}" for tag in _BOILERPLATE_TAGS)):
        bad.drop_tree()
    paragraphs = [p.text_content() for p in tree.xpath("//p")]
    text = normalize_text("\n".join(paragraphs))
    if not text:
        bodies = tree.xpath("//body")
        text = normalize_text(bodies[0].text_content() if bodies else tree.text_content())
    return title, text


_WARM_UP_PAGE = (
    "<html><head><title>Warm-up</title></head><body><article><h1>Warm-up</h1>"
    "<p>The finance minister defended the plan on Tuesday in a long session of parliament.</p>"
    "<p>Critics said the figures did not add up, and asked for the full budget.</p>"
    "</article></body></html>"
)


def warm_up() -> None:
    """Load what main-text extraction loads on first use (trafilatura's and its helpers'
    tables), so that a worker pays it when it starts, not on its first article."""
    clean_html(_WARM_UP_PAGE, url="https://news.example/warm-up")


class CleaningTooSlowError(ValueError):
    """Main-text extraction ran past its time budget (a huge or pathological page)."""


def clean_html(
    html: str, *, url: str | None = None, budget: float | None = CLEAN_BUDGET_SECONDS
) -> CleanedArticle:
    """Main text, title, byline, date and language of an article page.

    Raises CleaningTooSlowError past ``budget`` seconds: trafilatura needs over a minute
    for 10 MB of paragraphs, which must not hold a worker (or a web request) that long.
    """
    try:
        with time_budget(budget, what="extracting the main text of the page"):
            return _clean_html(html, url=url)
    except TimeBudgetExceeded as exc:
        raise CleaningTooSlowError(str(exc)) from None


def _clean_html(html: str, *, url: str | None) -> CleanedArticle:
    tree = _parse_tree(html)
    if tree is None:
        return CleanedArticle(text="", extractor="fallback")
    document = None
    try:
        document = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
        )
    except Exception:  # noqa: BLE001 - hostile markup must not crash a worker
        logger.warning("trafilatura failed on %s", url, exc_info=True)

    lang = str(tree.get("lang") or "").split("-")[0].lower()[:8]
    byline = _meta(tree, "author", "article:author", "byl", "parsely-author")
    published = _parse_date(_meta(tree, "article:published_time", "datePublished", "date", "pubdate"))
    if not isinstance(document, trafilatura.settings.Document):
        document = None  # only a dict when as_dict=True, which is not asked for
    text = normalize_text(document.text or "") if document is not None else ""
    if text and document is not None:
        return CleanedArticle(
            text=text,
            title=normalize_text(document.title or "") or _meta(tree, "og:title"),
            byline=normalize_text(document.author or "") or byline,
            published_at=published or _parse_date(document.date),
            language=(document.language or lang or "")[:8],
            extractor="trafilatura",
        )
    title, text = _fallback(tree)
    return CleanedArticle(
        text=text,
        title=normalize_text(title),
        byline=byline,
        published_at=published,
        language=lang,
        extractor="fallback",
    )


def clean_pasted(
    content: str, *, url: str | None = None, budget: float | None = CLEAN_BUDGET_SECONDS
) -> CleanedArticle:
    """Pasted input from an editor: HTML goes through clean_html, plain text
    is only normalised (its first line is not guessed as a title)."""
    if looks_like_html(content):
        return clean_html(content, url=url, budget=budget)
    return CleanedArticle(text=normalize_text(content), extractor="plain")
