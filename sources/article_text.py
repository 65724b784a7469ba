"""An article's text with its candidate and approved quotes highlighted (escaped), for the admin."""

from __future__ import annotations

from django.utils.safestring import SafeString

from sources.models import Article

# Rejected candidates are not marked: they are what the desk decided is not a quote.
_SHOWN = {"pending": "desk-q-pending", "approved": "desk-q-approved"}


def article_text_highlighted(*, article: Article) -> SafeString:
    from quotes.admin.highlight import Mark, highlight  # the admin's one highlighter

    marks = []
    rows = article.quotes.filter(status__in=list(_SHOWN)).values_list(
        "start", "end", "spans", "status", "speaker_mention"
    )
    for start, end, spans, status, mention in rows:
        title = f"{status}: {mention}" if mention else status
        for a, b in spans or [[start, end]]:
            marks.append(Mark(int(a), int(b), _SHOWN[status], title))
    return highlight(article.text, marks)
