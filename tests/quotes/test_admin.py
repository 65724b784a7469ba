"""Smoke tests for every admin page and action of the review workflow."""

import pytest
from django.urls import reverse

from quotes.models import Claim, Quote, ReviewDecision, Speaker
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    FeedFactory,
    QuoteFactory,
    ReviewDecisionFactory,
    SpeakerFactory,
)

pytestmark = pytest.mark.django_db

MODELS = [
    ("quotes", "speaker", SpeakerFactory),
    ("quotes", "quote", QuoteFactory),
    ("quotes", "claim", ClaimFactory),
    ("quotes", "rating", None),
    ("quotes", "reviewdecision", ReviewDecisionFactory),
    ("sources", "source", None),
    ("sources", "feed", FeedFactory),
    ("sources", "article", ArticleFactory),
]


@pytest.mark.parametrize("app,model,factory", MODELS)
def test_changelist_search_and_change_pages_render(admin_client, app, model, factory) -> None:
    obj = factory() if factory else None
    changelist = reverse(f"admin:{app}_{model}_changelist")
    assert admin_client.get(changelist).status_code == 200
    assert admin_client.get(changelist, {"q": "anything"}).status_code == 200
    if obj is not None:
        assert admin_client.get(reverse(f"admin:{app}_{model}_change", args=[obj.pk])).status_code == 200
    if model != "reviewdecision":
        assert admin_client.get(reverse(f"admin:{app}_{model}_add")).status_code == 200


def test_quote_list_filters_by_status(admin_client) -> None:
    QuoteFactory(text="pending words")
    response = admin_client.get(reverse("admin:quotes_quote_changelist"), {"status__exact": "pending"})
    assert response.status_code == 200
    assert "pending words" in response.content.decode()


def test_quote_page_shows_the_quote_in_context_escaped(admin_client) -> None:
    article = ArticleFactory(text='Before <script>alert(1)</script> "We will leave," she said. After.')
    quote = QuoteFactory(article=article, start=34, end=49, text='"We will leave,"')
    html = admin_client.get(reverse("admin:quotes_quote_change", args=[quote.pk])).content.decode()
    assert "<mark" in html and "We will leave," in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def _action(admin_client, model: str, action: str, pks) -> None:
    response = admin_client.post(
        reverse(f"admin:quotes_{model}_changelist"),
        {"action": action, "_selected_action": [str(pk) for pk in pks]},
        follow=True,
    )
    assert response.status_code == 200


def test_approve_and_reject_actions_call_the_services(admin_client, admin_user) -> None:
    a, b = QuoteFactory(), QuoteFactory()
    _action(admin_client, "quote", "approve", [a.pk])
    _action(admin_client, "quote", "reject", [b.pk])
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, a.reviewer) == (Quote.Status.APPROVED, admin_user)
    assert (b.status, b.reviewer) == (Quote.Status.REJECTED, admin_user)
    assert ReviewDecision.objects.count() == 2


def test_approving_an_approved_quote_is_skipped_with_a_message(admin_client) -> None:
    quote = QuoteFactory()
    _action(admin_client, "quote", "approve", [quote.pk])
    response = admin_client.post(
        reverse("admin:quotes_quote_changelist"),
        {"action": "approve", "_selected_action": [str(quote.pk)]},
        follow=True,
    )
    assert "already approved" in response.content.decode()
    assert ReviewDecision.objects.count() == 1


def test_create_claim_action(admin_client) -> None:
    quote = QuoteFactory()
    _action(admin_client, "quote", "create_claims", [quote.pk])
    claim = Claim.objects.get()
    assert claim.claimant == quote.speaker
    assert list(claim.appearances.all()) == [quote]


def test_merge_speakers_action_asks_which_one_to_keep_first(admin_client) -> None:
    keep, drop = SpeakerFactory(name="Mikhail Galuzin"), SpeakerFactory(name="Mikahil Galuzin")
    QuoteFactory(speaker=keep)
    QuoteFactory(speaker=keep)
    moved = QuoteFactory(speaker=drop)
    _action(admin_client, "speaker", "merge_speakers", [keep.pk, drop.pk])
    assert Speaker.objects.count() == 2  # only the confirmation page so far
    admin_client.post(
        reverse("admin:quotes_speaker_changelist"),
        {
            "action": "merge_speakers",
            "_selected_action": [keep.pk, drop.pk],
            "confirm": "yes",
            "target": keep.pk,
        },
    )
    assert list(Speaker.objects.all()) == [keep]
    moved.refresh_from_db()
    assert moved.speaker == keep


def test_editing_a_quote_goes_through_the_service(admin_client, admin_user) -> None:
    quote = QuoteFactory()
    other = SpeakerFactory(name="Right Person")
    url = reverse("admin:quotes_quote_change", args=[quote.pk])
    response = admin_client.post(
        url,
        {
            "text": quote.text,
            "speaker": other.pk,
            "speaker_mention": quote.speaker_mention,
            "kind": "indirect",
            "note": "speaker fixed",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    quote.refresh_from_db()
    assert (quote.speaker, quote.kind, quote.note) == (other, "indirect", "speaker fixed")
    decision = ReviewDecision.objects.get(action="update")
    assert decision.actor == admin_user
    assert set(decision.changes) == {"speaker", "kind", "note"}


def test_speaker_alias_inline_normalises_and_refuses_clashes(admin_client) -> None:
    SpeakerFactory(name="Jane Doe")
    response = admin_client.post(
        reverse("admin:quotes_speaker_add"),
        {
            "name": "John Roe",
            "kind": "person",
            "aliases-TOTAL_FORMS": "1",
            "aliases-INITIAL_FORMS": "0",
            "aliases-0-alias": "JANE  DOE",
        },
    )
    assert response.status_code == 200
    assert "already belongs to Jane Doe" in response.content.decode()
    assert not Speaker.objects.filter(name="John Roe").exists()


def test_article_requeue_action(admin_client) -> None:
    article = ArticleFactory(status="failed", error="boom")
    response = admin_client.post(
        reverse("admin:sources_article_changelist"),
        {"action": "requeue_extraction", "_selected_action": [str(article.pk)]},
        follow=True,
    )
    assert response.status_code == 200
    assert "Queued 1 article" in response.content.decode()


def test_save_and_approve_moves_on_to_the_next_pending_quote(admin_client, admin_user) -> None:
    article = ArticleFactory()
    first = QuoteFactory(article=article, start=0, end=10)
    second = QuoteFactory(article=article, start=20, end=30)
    response = admin_client.post(
        reverse("admin:quotes_quote_change", args=[first.pk]),
        {
            "text": first.text,
            "speaker": first.speaker_id,
            "speaker_mention": first.speaker_mention,
            "kind": first.kind,
            "note": "",
            "_approve": "1",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:quotes_quote_change", args=[second.pk])
    first.refresh_from_db()
    assert (first.status, first.reviewer) == (Quote.Status.APPROVED, admin_user)


def test_save_and_reject_on_the_last_pending_quote_returns_to_the_list(admin_client) -> None:
    quote = QuoteFactory()
    change_url = reverse("admin:quotes_quote_change", args=[quote.pk])
    assert "Save and reject" in admin_client.get(change_url).content.decode()
    response = admin_client.post(
        change_url,
        {
            "text": quote.text,
            "speaker": quote.speaker_id,
            "speaker_mention": quote.speaker_mention,
            "kind": quote.kind,
            "note": "not a quote",
            "_reject": "1",
        },
    )
    assert response["Location"].endswith("?status__exact=pending")
    quote.refresh_from_db()
    assert (quote.status, quote.note) == (Quote.Status.REJECTED, "not a quote")


def test_editor_saves_a_rated_claim_with_evidence_through_the_add_form(client, editor) -> None:
    from quotes.models import Claim, Rating

    client.force_login(editor)
    rating = Rating.objects.get(value=1)
    response = client.post(
        "/admin/quotes/claim/add/",
        {
            "statement": "CSTO members helped Azerbaijan prepare for the 2020 war.",
            "rating": rating.pk,
            "ruling": "",
            "evidence-TOTAL_FORMS": "1",
            "evidence-INITIAL_FORMS": "0",
            "evidence-MIN_NUM_FORMS": "0",
            "evidence-MAX_NUM_FORMS": "1000",
            "evidence-0-url": "https://records.example/treaty",
            "evidence-0-title": "Treaty text",
            "_continue": "1",
        },
    )
    claim = Claim.objects.get()
    assert response.status_code == 302 and f"/{claim.pk}/change/" in response["Location"]
    assert claim.rating == rating and claim.status == Claim.Status.DRAFT
    assert [(e.url, e.title) for e in claim.evidence.all()] == [
        ("https://records.example/treaty", "Treaty text")
    ]


def test_a_quote_whose_speaker_is_written_he_shows_where_they_were_named(admin_client) -> None:
    named = "Nikol Pashinyan spoke in Yerevan on Monday."
    filler = "\n\n" + " ".join(["The talks went on for hours and nobody left the hall early."] * 12)
    article = ArticleFactory(text=named + filler + "\n\nHe said the bloc had failed.")
    speaker = SpeakerFactory(name="Nikol Pashinyan")
    start = article.text.index("the bloc")
    quote = QuoteFactory(
        article=article, start=start, end=len(article.text) - 1, speaker=speaker, speaker_mention="He"
    )
    html = admin_client.get(reverse("admin:quotes_quote_change", args=[quote.pk])).content.decode()
    assert 'title="Where the speaker was last named"' in html
    assert "Yerevan on Monday" in html
    # Written by name: no extra line.
    quote.speaker_mention = "Nikol Pashinyan"
    quote.save()
    html = admin_client.get(reverse("admin:quotes_quote_change", args=[quote.pk])).content.decode()
    assert "Where the speaker was last named" not in html
