"""The claim admin: every form and button saved through the test client, on PostgreSQL."""

import json
import re

import pytest
from django.urls import reverse

from quotes.models import Claim, ClaimCorrection, ReviewDecision
from tests.factories import ArticleFactory, ClaimEvidenceFactory, ClaimFactory, QuoteFactory, RatingFactory

pytestmark = pytest.mark.django_db


def _form(claim=None, evidence=(), **fields):
    """The POST the claim page sends: the fields plus the evidence inline's management form."""
    existing = list(claim.evidence.all()) if claim else []
    data = {
        "statement": fields.pop("statement", claim.statement if claim else "A statement."),
        "claimant": fields.pop("claimant", claim.claimant_id if claim and claim.claimant_id else ""),
        "rating": fields.pop("rating", claim.rating_id if claim and claim.rating_id else ""),
        "ruling": fields.pop("ruling", claim.ruling if claim else ""),
        "appearances": fields.pop("appearances", [q.pk for q in claim.appearances.all()] if claim else []),
        "evidence-TOTAL_FORMS": str(len(existing) + len(evidence)),
        "evidence-INITIAL_FORMS": str(len(existing)),
        "evidence-MIN_NUM_FORMS": "0",
        "evidence-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(existing):
        data.update(
            {
                f"evidence-{i}-id": row.pk,
                f"evidence-{i}-claim": claim.pk,
                f"evidence-{i}-url": row.url,
                f"evidence-{i}-title": row.title,
            }
        )
    for j, (url, title) in enumerate(evidence, start=len(existing)):
        data.update({f"evidence-{j}-url": url, f"evidence-{j}-title": title})
    data.update(fields)
    return data


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def _client(client, user):
    client.force_login(user)
    return client


def test_editor_adds_a_claim_with_rating_and_evidence(client, editor) -> None:
    rating = RatingFactory()
    quote = QuoteFactory()
    response = _client(client, editor).post(
        reverse("admin:quotes_claim_add"),
        _form(
            statement="Prices fell.",
            rating=rating.pk,
            appearances=[quote.pk],
            evidence=[("https://stats.example/cpi", "CPI")],
            _save="Save",
        ),
    )
    assert response.status_code == 302
    claim = Claim.objects.get()
    assert (claim.statement, claim.rating, claim.status, claim.checker) == (
        "Prices fell.",
        rating,
        "draft",
        editor,
    )
    assert [(e.url, e.title) for e in claim.evidence.all()] == [("https://stats.example/cpi", "CPI")]
    assert list(claim.appearances.all()) == [quote]
    assert ReviewDecision.objects.filter(claim=claim, action="create_claim", actor=editor).exists()


def test_evidence_must_be_an_http_link_and_the_form_says_so(client, editor) -> None:
    response = _client(client, editor).post(
        reverse("admin:quotes_claim_add"), _form(evidence=[("javascript:alert(1)", "bad")], _save="Save")
    )
    assert response.status_code == 200  # the form again, with the error, nothing lost
    assert "Enter a valid URL." in response.content.decode()
    assert "A statement." in response.content.decode()
    assert not Claim.objects.exists()


def test_reviewer_changes_a_draft_and_submits_it_for_review(client, reviewer) -> None:
    claim = ClaimFactory(statement="Old words.")
    ClaimEvidenceFactory(claim=claim, url="https://a.example/1", title="One")
    response = _client(client, reviewer).post(
        reverse("admin:quotes_claim_change", args=[claim.pk]),
        _form(
            claim, statement="New words.", evidence=[("https://b.example/2", "Two")], _submit_review="Submit"
        ),
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.statement, claim.status) == ("New words.", "in_review")
    assert [e.url for e in claim.evidence.all()] == ["https://a.example/1", "https://b.example/2"]
    actions = list(ReviewDecision.objects.filter(claim=claim).order_by("id").values_list("action", flat=True))
    assert actions == ["update", "submit"]


def test_removing_an_evidence_row(client, reviewer) -> None:
    claim = ClaimFactory()
    ClaimEvidenceFactory(claim=claim, url="https://a.example/1")
    data = _form(claim, _save="Save")
    data["evidence-0-DELETE"] = "on"
    assert (
        _client(client, reviewer)
        .post(reverse("admin:quotes_claim_change", args=[claim.pk]), data)
        .status_code
        == 302
    )
    assert not claim.evidence.exists()


def test_publish_needs_a_ruling_and_says_so_without_losing_the_edit(client, editor) -> None:
    claim = ClaimFactory(status="in_review")
    rating = RatingFactory()
    response = _client(client, editor).post(
        reverse("admin:quotes_claim_change", args=[claim.pk]),
        _form(claim, rating=rating.pk, ruling="", _publish="Publish"),
        follow=True,
    )
    assert response.status_code == 200
    assert any("needs a ruling" in m for m in _messages(response))
    claim.refresh_from_db()
    assert (claim.status, claim.rating) == ("in_review", rating)  # the edit was kept


def test_editor_publishes_and_sees_the_claimreview_preview(client, editor) -> None:
    article = ArticleFactory(
        title="<img src=x onerror=alert(1)>", text='"We will leave," Nikol Pashinyan said.'
    )
    quote = QuoteFactory(article=article, start=0, end=16, text='"We will leave,"')
    claim = ClaimFactory(
        statement="Armenia will leave the CSTO </script><script>alert(1)</script>", status="in_review"
    )
    claim.appearances.set([quote])
    rating = RatingFactory(label="Mostly wrong")
    response = _client(client, editor).post(
        reverse("admin:quotes_claim_change", args=[claim.pk]),
        _form(claim, rating=rating.pk, ruling="It has not left.", _publish="Publish"),
        follow=True,
    )
    claim.refresh_from_db()
    assert claim.status == "published" and claim.published_at is not None
    html = response.content.decode()
    assert "Published." in " ".join(_messages(response))
    preview = re.search(r'<pre class="desk-jsonld" id="claimreview-jsonld">(.*?)</pre>', html, re.S)
    assert preview, "no ClaimReview preview on the claim page"
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    import html as htmllib

    data = json.loads(htmllib.unescape(preview.group(1)))
    assert data["@type"] == "ClaimReview"
    assert data["reviewRating"]["alternateName"] == "Mostly wrong"
    assert data["itemReviewed"]["appearance"][0]["headline"] == "<img src=x onerror=alert(1)>"
    assert 'name="_correct"' in html and 'name="_unpublish"' in html
    assert 'name="_publish"' not in html


def test_a_draft_shows_what_publishing_would_produce(client, editor) -> None:
    claim = ClaimFactory(rating=RatingFactory(), ruling="r")
    html = _client(client, editor).get(reverse("admin:quotes_claim_change", args=[claim.pk])).content.decode()
    assert "publishing now would produce" in html
    claim.refresh_from_db()
    assert claim.status == "draft"


def test_reviewer_sees_no_publish_button_and_a_forced_publish_is_refused(client, reviewer) -> None:
    claim = ClaimFactory(status="in_review", rating=RatingFactory(), ruling="Ruling.")
    url = reverse("admin:quotes_claim_change", args=[claim.pk])
    html = _client(client, reviewer).get(url).content.decode()
    assert 'name="_publish"' not in html
    assert 'name="_submit_review"' not in html  # in review already
    response = client.post(url, _form(claim, _publish="Publish"), follow=True)
    assert response.status_code == 200
    assert any("You do not have permission to publish" in m for m in _messages(response))
    claim.refresh_from_db()
    assert claim.status == "in_review"


def _published(**kw) -> Claim:
    from django.utils import timezone

    return ClaimFactory(
        status="published", rating=RatingFactory(), ruling="Ruling.", published_at=timezone.now(), **kw
    )


def test_published_claim_is_read_only_for_a_reviewer(client, reviewer) -> None:
    claim = _published(statement="Fixed words.")
    url = reverse("admin:quotes_claim_change", args=[claim.pk])
    html = _client(client, reviewer).get(url).content.decode()
    assert "Only an Editor can correct or unpublish it." in html
    assert 'name="statement"' not in html
    client.post(url, _form(claim, statement="Changed!", _save="Save"))
    claim.refresh_from_db()
    assert claim.statement == "Fixed words."


def test_correcting_a_published_claim_needs_a_note_which_is_recorded_and_published(client, editor) -> None:
    claim = _published(statement="Before.")
    url = reverse("admin:quotes_claim_change", args=[claim.pk])
    _client(client, editor)
    response = client.post(url, _form(claim, statement="After.", _correct="Save as correction"))
    assert response.status_code == 200 and "write the correction note" in response.content.decode()
    claim.refresh_from_db()
    assert claim.statement == "Before."
    response = client.post(
        url,
        _form(claim, statement="After.", correction_note="Wording fixed.", _correct="Save as correction"),
        follow=True,
    )
    claim.refresh_from_db()
    assert (claim.statement, claim.status) == ("After.", "published")
    correction = ClaimCorrection.objects.get(claim=claim)
    assert (correction.kind, correction.note, correction.actor) == ("correction", "Wording fixed.", editor)
    html = response.content.decode()
    assert "Wording fixed." in html  # on the claim page, and in its ClaimReview
    assert '"CorrectionComment"' in html.replace("&quot;", '"')


def test_unpublishing_needs_a_note_and_returns_the_claim_to_review(client, editor) -> None:
    claim = _published()
    url = reverse("admin:quotes_claim_change", args=[claim.pk])
    _client(client, editor).post(
        url, _form(claim, correction_note="Source retracted.", _unpublish="Unpublish")
    )
    claim.refresh_from_db()
    assert claim.status == "in_review"
    assert ClaimCorrection.objects.get(claim=claim).kind == "unpublication"
    assert ReviewDecision.objects.filter(claim=claim, action="unpublish", note="Source retracted.").exists()


def test_claim_history_page_lists_the_versions(client, editor) -> None:
    claim = ClaimFactory(statement="v1")
    _client(client, editor).post(
        reverse("admin:quotes_claim_change", args=[claim.pk]), _form(claim, statement="v2", _save="Save")
    )
    response = client.get(reverse("admin:quotes_claim_history", args=[claim.pk]))
    assert response.status_code == 200
    assert claim.history.count() >= 2
    assert "editor" in response.content.decode()


def test_a_rejected_quote_cannot_carry_a_claim_and_the_form_says_so(client, editor) -> None:
    from django.utils import timezone

    quote = QuoteFactory(status="rejected", reviewed_at=timezone.now())
    response = _client(client, editor).post(
        reverse("admin:quotes_claim_add"), _form(appearances=[quote.pk], _save="Save")
    )
    assert response.status_code == 200
    assert "A rejected quote cannot carry a claim" in response.content.decode()


def test_rating_add_and_change(admin_client) -> None:
    response = admin_client.post(
        reverse("admin:quotes_rating_add"), {"label": "Partly right", "value": 42, "description": ""}
    )
    assert response.status_code == 302
    from quotes.models import Rating

    rating = Rating.objects.get(label="Partly right")
    admin_client.post(
        reverse("admin:quotes_rating_change", args=[rating.pk]),
        {"label": "Partly right (revised)", "value": 42, "description": "d"},
    )
    rating.refresh_from_db()
    assert rating.label == "Partly right (revised)"


def test_a_past_version_is_shown_but_never_restored_around_the_services(client, editor) -> None:
    claim = ClaimFactory(statement="v1")
    _client(client, editor).post(
        reverse("admin:quotes_claim_change", args=[claim.pk]), _form(claim, statement="v2", _save="Save")
    )
    first = claim.history.earliest("history_date")
    url = reverse("admin:quotes_claim_simple_history", args=[claim.pk, first.history_id])
    assert client.get(url).status_code == 200
    response = client.post(url, _form(claim, statement="v1", appearances=[QuoteFactory().pk], _save="Save"))
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.statement == "v2" and not claim.appearances.exists()
