"""The review queue's page and JSON endpoints, through the test client on PostgreSQL."""

import pytest
from django.urls import reverse
from django.utils import timezone

from quotes.models import Claim, Quote, ReviewDecision, ReviewQueuePreference
from tests.factories import ArticleFactory, QuoteFactory, SourceFactory, SpeakerFactory, UserFactory

pytestmark = pytest.mark.django_db

HOSTILE = 'Intro <script>alert("x")</script> text. "We will leave," Nikol Pashinyan said. <img src=x onerror=alert(1)> End.'


def _decide(client, quote, action, **extra):
    response = client.post(
        reverse("admin:quotes_quote_review_decide", args=[quote.pk]), {"action": action, **extra}
    )
    assert response.status_code == 200, response.content[:500]
    return response.json()


@pytest.fixture
def reviewing(client, reviewer):
    client.force_login(reviewer)
    return client


def test_the_page_shows_the_surest_candidate_escaped_with_highlights(reviewing) -> None:
    article = ArticleFactory(text=HOSTILE, title="<b>Armenia</b> & the CSTO")
    start = HOSTILE.index('"We')
    sure = QuoteFactory(
        article=article,
        start=start,
        end=start + 16,
        confidence=0.95,
        speaker_start=HOSTILE.index("Nikol"),
        speaker_end=HOSTILE.index(" said"),
        cue_start=HOSTILE.index("said"),
        cue_end=HOSTILE.index("said") + 4,
    )
    QuoteFactory(article=article, start=0, end=5, confidence=0.4)
    response = reviewing.get(reverse("admin:quotes_quote_review"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'data-quote-id="{sure.pk}"' in html
    assert '<mark class="desk-quote" title="quote">&quot;We will leave,&quot;</mark>' in html
    assert '<mark class="desk-speaker" title="speaker">Nikol Pashinyan</mark>' in html
    assert '<mark class="desk-cue" title="cue">said</mark>' in html
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>Armenia" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "95%" in html and sure.speaker.name in html


def test_approve_saves_time_spent_and_answers_with_the_next_candidate(reviewing, reviewer) -> None:
    first, second = QuoteFactory(confidence=0.9), QuoteFactory(confidence=0.7)
    state = _decide(reviewing, first, "approve", seconds="3.5")
    first.refresh_from_db()
    assert (first.status, first.reviewer, first.review_seconds) == ("approved", reviewer, 3.5)
    decision = ReviewDecision.objects.get(pk=state["decision_id"])
    assert (decision.action, decision.seconds_spent, decision.actor) == ("approve", 3.5, reviewer)
    assert state["quote_id"] == second.pk and state["remaining"] == 1
    assert f'data-quote-id="{second.pk}"' in state["html"]
    assert "approve" in state["recent_html"] and state["server_ms"] > 0


def test_reject_with_a_reason_by_number(reviewing, settings) -> None:
    settings.REVIEW_REJECT_REASONS = ["Not a quote", "Wrong speaker"]
    quote = QuoteFactory()
    _decide(reviewing, quote, "reject", reason="2")
    quote.refresh_from_db()
    assert (quote.status, quote.reject_reason) == ("rejected", "Wrong speaker")


def test_skip_records_nothing_and_shows_the_next_then_undo_brings_it_back(reviewing) -> None:
    first, second = QuoteFactory(confidence=0.9), QuoteFactory(confidence=0.7)
    state = _decide(reviewing, first, "skip")
    assert state["quote_id"] == second.pk and state["skipped"] == 1
    assert not ReviewDecision.objects.exists()
    state = reviewing.post(reverse("admin:quotes_quote_review_undo"), {"skip": first.pk}).json()
    assert state["quote_id"] == first.pk and state["skipped"] == 0


def test_skipping_everything_ends_the_queue_with_a_way_back(reviewing) -> None:
    quote = QuoteFactory()
    state = _decide(reviewing, quote, "skip")
    assert state["quote_id"] is None
    assert "Queue cleared" in state["html"] and "restart=1" in state["html"]
    reviewing.get(reverse("admin:quotes_quote_review") + "?restart=1")
    assert reviewing.get(reverse("admin:quotes_quote_review_current")).json()["quote_id"] == quote.pk


def test_undo_without_an_id_undoes_my_last_decision_and_shows_that_quote(reviewing) -> None:
    a, b = QuoteFactory(confidence=0.9), QuoteFactory(confidence=0.8)
    QuoteFactory(confidence=0.7)
    _decide(reviewing, a, "approve")
    _decide(reviewing, b, "reject")
    state = reviewing.post(reverse("admin:quotes_quote_review_undo")).json()
    b.refresh_from_db()
    assert b.status == "pending" and state["quote_id"] == b.pk
    assert ReviewDecision.objects.get(action="reject").undone_by is not None
    assert Quote.objects.get(pk=a.pk).status == "approved"


def test_undo_of_an_older_decision_from_the_list(reviewing) -> None:
    a, b = QuoteFactory(confidence=0.9), QuoteFactory(confidence=0.8)
    first = _decide(reviewing, a, "approve")["decision_id"]
    _decide(reviewing, b, "approve")
    state = reviewing.post(reverse("admin:quotes_quote_review_undo"), {"decision": first}).json()
    assert state["level"] == "success" and state["quote_id"] == a.pk
    assert Quote.objects.get(pk=a.pk).status == "pending" and Quote.objects.get(pk=b.pk).status == "approved"
    again = reviewing.post(reverse("admin:quotes_quote_review_undo"), {"decision": first}).json()
    assert again["level"] == "warning" and "already undone" in again["message"]


def test_someone_else_decided_first_is_a_clear_message_and_the_queue_moves_on(reviewing) -> None:
    other = UserFactory(username="colleague")
    taken, nxt = QuoteFactory(confidence=0.9), QuoteFactory(confidence=0.8)
    Quote.objects.filter(pk=taken.pk).update(status="approved", reviewer=other, reviewed_at=timezone.now())
    state = _decide(reviewing, taken, "reject")
    assert state["level"] == "warning"
    assert "already approved by colleague" in state["message"]
    assert state["quote_id"] == nxt.pk
    assert Quote.objects.get(pk=taken.pk).status == "approved"
    assert not ReviewDecision.objects.exists()


def test_teaser_candidates_are_left_out_unless_asked_for(reviewing) -> None:
    teaser = QuoteFactory(in_boilerplate=True, confidence=0.99)
    real = QuoteFactory(confidence=0.5)
    assert reviewing.get(reverse("admin:quotes_quote_review_current")).json()["quote_id"] == real.pk
    reviewing.get(reverse("admin:quotes_quote_review"), {"apply": 1, "boilerplate": "1"})
    assert reviewing.get(reverse("admin:quotes_quote_review_current")).json()["quote_id"] == teaser.pk


def test_filters_and_order_are_remembered_per_user(client, reviewer, editor) -> None:
    source = SourceFactory(name="Armenpress")
    old = QuoteFactory(article=ArticleFactory(source=source), confidence=0.2, kind="indirect")
    QuoteFactory(article=ArticleFactory(source=source), confidence=0.9, kind="direct")
    QuoteFactory(confidence=0.95, kind="indirect")
    client.force_login(reviewer)
    client.get(
        reverse("admin:quotes_quote_review"),
        {"apply": 1, "order": "oldest", "source": source.pk, "kind": "indirect", "band": "low"},
    )
    pref = ReviewQueuePreference.objects.get(user=reviewer)
    assert pref.order == "oldest" and pref.filters["source"] == source.pk and pref.filters["band"] == "low"
    assert client.get(reverse("admin:quotes_quote_review_current")).json()["quote_id"] == old.pk
    client.force_login(editor)  # another reviewer keeps the defaults
    assert client.get(reverse("admin:quotes_quote_review_current")).json()["remaining"] == 3


def test_engine_version_and_speaker_filters(reviewing) -> None:
    speaker = SpeakerFactory(name="Ian Borg")
    mine = QuoteFactory(speaker=speaker, extractor_version="engine-2", confidence=0.1)
    QuoteFactory(extractor_version="engine-2", confidence=0.9)
    QuoteFactory(speaker=speaker, extractor_version="engine-1", confidence=0.9)
    reviewing.get(
        reverse("admin:quotes_quote_review"), {"apply": 1, "engine": "engine-2", "speaker": speaker.pk}
    )
    state = reviewing.get(reverse("admin:quotes_quote_review_current")).json()
    assert (state["quote_id"], state["remaining"]) == (mine.pk, 1)


def test_edit_speaker_kind_and_span_through_the_service(reviewing, reviewer) -> None:
    article = ArticleFactory(text="Prime Minister Pashinyan said the talks had failed.")
    quote = QuoteFactory(article=article, start=0, end=5)
    speaker = SpeakerFactory(name="Nikol Pashinyan")
    state = reviewing.post(
        reverse("admin:quotes_quote_review_edit", args=[quote.pk]),
        {
            "speaker": speaker.pk,
            "kind": "indirect",
            "start": 30,
            "end": 50,
            "text": quote.text,
            "speaker_mention": "Pashinyan",
        },
    ).json()
    assert state["level"] == "success", state["message"]
    quote.refresh_from_db()
    assert (quote.speaker, quote.kind, quote.text, quote.status) == (
        speaker,
        "indirect",
        "the talks had failed",
        "pending",
    )
    assert ReviewDecision.objects.get(action="update", actor=reviewer).changes["kind"] == [
        "direct",
        "indirect",
    ]
    assert state["quote_id"] == quote.pk


def test_edit_creates_a_new_speaker_when_asked(reviewing) -> None:
    quote = QuoteFactory()
    reviewing.post(
        reverse("admin:quotes_quote_review_edit", args=[quote.pk]),
        {"new_speaker": "Armenian Defense Ministry", "new_speaker_kind": "organisation"},
    )
    quote.refresh_from_db()
    assert (quote.speaker.name, quote.speaker.kind) == ("Armenian Defense Ministry", "organisation")
    assert quote.speaker.aliases.filter(alias="Armenian Defense Ministry").exists()


def test_a_bad_span_is_a_message_not_a_500(reviewing) -> None:
    quote = QuoteFactory()
    state = reviewing.post(
        reverse("admin:quotes_quote_review_edit", args=[quote.pk]), {"start": 5, "end": 999999}
    ).json()
    assert state["level"] == "error" and "inside the article" in state["message"]
    state = reviewing.post(reverse("admin:quotes_quote_review_edit", args=[quote.pk]), {"start": "x"}).json()
    assert state["level"] == "error"


def test_c_creates_a_draft_claim_from_the_candidate(reviewing, reviewer) -> None:
    quote = QuoteFactory()
    state = reviewing.post(reverse("admin:quotes_quote_review_claim", args=[quote.pk])).json()
    claim = Claim.objects.get()
    assert state["claim_url"] == reverse("admin:quotes_claim_change", args=[claim.pk])
    assert (claim.status, claim.checker, list(claim.appearances.all())) == ("draft", reviewer, [quote])
    assert state["quote_id"] == quote.pk  # still to decide


def test_someone_without_review_permission_is_refused(client) -> None:
    client.force_login(UserFactory(username="visitor", is_staff=True))
    assert client.get(reverse("admin:quotes_quote_review")).status_code == 403
    quote = QuoteFactory()
    assert (
        client.post(
            reverse("admin:quotes_quote_review_decide", args=[quote.pk]), {"action": "approve"}
        ).status_code
        == 403
    )
    assert Quote.objects.get(pk=quote.pk).status == "pending"


def test_the_queue_is_linked_from_the_index_and_the_quote_list(reviewing) -> None:
    url = reverse("admin:quotes_quote_review")
    assert url in reviewing.get(reverse("admin:index")).content.decode()
    assert url in reviewing.get(reverse("admin:quotes_quote_changelist")).content.decode()


def test_a_candidate_deleted_meanwhile_is_a_message(reviewing) -> None:
    quote = QuoteFactory()
    pk = quote.pk
    quote.delete()
    state = _decide(reviewing, Quote(pk=pk), "approve")
    assert state["level"] == "warning" and "no longer exists" in state["message"]
