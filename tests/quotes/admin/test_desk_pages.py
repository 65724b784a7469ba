"""The dashboard, the audit trail's labels, the article page and quotes added by hand."""

import pytest
from django.urls import reverse
from django.utils import timezone

from quotes.models import Quote, ReviewDecision
from quotes.services import quote_approve, quote_reject
from sources.models import Article
from tests.factories import ArticleFactory, ClaimFactory, QuoteFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_index_shows_the_desk_first_with_counts(client, reviewer) -> None:
    source = SourceFactory(name="Armenpress")
    QuoteFactory(article=ArticleFactory(source=source))
    QuoteFactory(article=ArticleFactory(source=source))
    QuoteFactory(article=ArticleFactory(source=source), in_boilerplate=True)
    quote_approve(quote=QuoteFactory(), actor=reviewer)
    quote_reject(quote=QuoteFactory(), actor=reviewer)
    ClaimFactory(status="draft")
    client.force_login(reviewer)
    html = client.get(reverse("admin:index")).content.decode()
    assert "Armenpress</a></th><td>2</td>" in html
    assert "<tr><th>reviewer</th><td>2</td><td>2</td><td>1 / 1</td></tr>" in html
    assert '?status__exact=draft">Draft</a></th><td>1</td>' in html


def test_system_sections_come_after_the_fact_checking_ones(admin_client) -> None:
    html = admin_client.get(reverse("admin:index")).content.decode()
    desk = [html.index(f'class="app-{label} module') for label in ("quotes", "sources")]
    system = [html.index(f'class="app-{label} module') for label in ("knox", "django_celery_beat", "auth")]
    assert desk == sorted(desk) and max(desk) < min(system)


def test_audit_trail_speaks_a_fact_checkers_words(admin_client, admin_user) -> None:
    quote = QuoteFactory(text="We will leave")
    quote_approve(quote=quote, actor=admin_user, seconds_spent=2.5)
    html = admin_client.get(reverse("admin:quotes_reviewdecision_changelist")).content.decode()
    assert "Object repr" not in html and "Object kind" not in html and "object kind" not in html
    assert f"Quote #{quote.pk}: " in html and "2.5" in html
    decision = ReviewDecision.objects.get()
    page = admin_client.get(
        reverse("admin:quotes_reviewdecision_change", args=[decision.pk])
    ).content.decode()
    assert "Object repr" not in page and "&quot;pending&quot; → &quot;approved&quot;" in page


def test_article_text_url_and_hash_are_read_only_and_quotes_highlighted_escaped(admin_client) -> None:
    text = 'He said <script>alert(1)</script>: "We will leave," and <img src=x onerror=alert(2)>.'
    article = ArticleFactory(text=text)
    start = text.index('"We')
    QuoteFactory(article=article, start=start, end=start + 16, status="pending")
    QuoteFactory(article=article, start=0, end=7, status="approved", reviewed_at=timezone.now())
    url = reverse("admin:sources_article_change", args=[article.pk])
    html = admin_client.get(url).content.decode()
    assert '<mark class="desk-q-pending"' in html and '<mark class="desk-q-approved"' in html
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert 'name="text"' not in html and 'name="url"' not in html and 'name="content_hash"' not in html
    before = (article.text, article.url, article.content_hash)
    admin_client.post(
        url,
        {
            "text": "changed",
            "url": "https://evil.example/",
            "content_hash": "x",
            "title": "New title",
            "source": article.source_id,
            "feed": "",
            "original_url": "",
            "origin": "",
            "byline": "",
            "published_at_0": "",
            "published_at_1": "",
            "language": "en",
        },
    )
    article = Article.objects.get(pk=article.pk)
    assert (article.text, article.url, article.content_hash) == before
    assert article.title == "New title"


def test_a_quote_added_by_hand_reads_its_words_from_the_article(admin_client, admin_user) -> None:
    article = ArticleFactory(text="Intro. The minister said we will stay. End.")
    response = admin_client.post(
        reverse("admin:quotes_quote_add"),
        {
            "article": article.pk,
            "start": 25,
            "end": 37,
            "speaker": "",
            "speaker_mention": "the minister",
            "kind": "indirect",
            "cue": "said",
            "note": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    quote = Quote.objects.get()
    assert (quote.text, quote.extractor_version, quote.status) == ("we will stay", "", "pending")
    assert ReviewDecision.objects.get(quote=quote).actor == admin_user


def test_a_hand_added_span_outside_the_article_is_refused_on_the_form(admin_client) -> None:
    article = ArticleFactory(text="Short.")
    response = admin_client.post(
        reverse("admin:quotes_quote_add"),
        {
            "article": article.pk,
            "start": 2,
            "end": 999,
            "speaker": "",
            "speaker_mention": "",
            "kind": "direct",
            "cue": "",
            "note": "",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "inside the article" in response.content.decode()
    assert not Quote.objects.exists()


def test_one_claim_from_several_selected_quotes(admin_client) -> None:
    a, b = QuoteFactory(), QuoteFactory()
    response = admin_client.post(
        reverse("admin:quotes_quote_changelist"),
        {"action": "create_one_claim", "_selected_action": [a.pk, b.pk]},
    )
    from quotes.models import Claim

    claim = Claim.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "admin:quotes_claim_change", args=[claim.pk]
    )
    assert set(claim.appearances.all()) == {a, b}


def test_saving_a_quote_page_untouched_changes_nothing(admin_client) -> None:
    article = ArticleFactory(text='Intro.\n "We will leave,\nand soon" she said. ')
    quote = QuoteFactory(article=article, start=7, end=34, text=article.text[7:34])
    response = admin_client.post(
        reverse("admin:quotes_quote_change", args=[quote.pk]),
        {
            "text": quote.text.replace("\n", "\r\n"),
            "speaker": quote.speaker_id,
            "speaker_mention": quote.speaker_mention,
            "kind": quote.kind,
            "note": "",
        },
    )
    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.text == article.text[7:34]
    assert not ReviewDecision.objects.exists()
