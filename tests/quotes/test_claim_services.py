"""The claim workflow: draft → in review → published → unpublished or corrected, by role."""

import pytest

from claimtrack.errors import ActionNotPermitted, ApplicationError, DecisionConflict
from quotes.models import Claim, ClaimCorrection, Quote, Rating, ReviewDecision
from quotes.services import (
    claim_correct,
    claim_create,
    claim_create_from_quotes,
    claim_publish,
    claim_submit,
    claim_unpublish,
    claim_update,
    quote_approve,
    quote_decision_undo,
    quote_reject,
)
from tests.factories import ArticleFactory, QuoteFactory, SpeakerFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def false_rating() -> Rating:
    return Rating.objects.get(value=1)


def _draft(actor, **kwargs) -> Claim:
    quote = QuoteFactory()
    return claim_create(
        statement="Inflation is at 2%.", actor=actor, claimant=quote.speaker, appearances=[quote], **kwargs
    )


def test_reviewer_creates_a_draft_with_evidence_in_order(reviewer) -> None:
    claim = _draft(
        reviewer,
        evidence=[{"url": "https://stats.example/b", "title": "B"}, {"url": "https://stats.example/a"}],
    )
    assert claim.status == Claim.Status.DRAFT and claim.checker == reviewer
    assert [e.url for e in claim.evidence.all()] == ["https://stats.example/b", "https://stats.example/a"]
    assert ReviewDecision.objects.filter(claim=claim, action="create_claim", actor=reviewer).exists()


def test_claim_from_several_quotes_keeps_the_earliest_sighting(reviewer) -> None:
    import datetime as dt

    early = ArticleFactory(published_at=dt.datetime(2024, 1, 2, tzinfo=dt.UTC))
    late = ArticleFactory(published_at=dt.datetime(2024, 3, 4, tzinfo=dt.UTC))
    speaker = SpeakerFactory()
    quotes = [QuoteFactory(article=late, speaker=speaker), QuoteFactory(article=early, speaker=speaker)]
    claim = claim_create_from_quotes(quotes=quotes, actor=reviewer)
    assert claim.first_seen == early.published_at
    assert claim.claimant == speaker
    assert set(claim.appearances.all()) == set(quotes)


def test_a_plain_user_cannot_create_a_claim() -> None:
    with pytest.raises(ActionNotPermitted, match="create claims"):
        _draft(UserFactory(is_staff=True))
    assert not Claim.objects.exists()


def test_bad_evidence_url_is_refused_and_nothing_is_saved(reviewer) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        _draft(reviewer, evidence=[{"url": "javascript:alert(1)"}])
    assert not Claim.objects.exists()


def test_submit_then_reviewer_cannot_publish(reviewer, false_rating) -> None:
    claim = _draft(reviewer, rating=false_rating, ruling="The figure is 4%.")
    claim_submit(claim=claim, actor=reviewer)
    with pytest.raises(ActionNotPermitted, match="Editors only"):
        claim_publish(claim=claim, actor=reviewer)
    claim.refresh_from_db()
    assert claim.status == Claim.Status.IN_REVIEW and claim.published_at is None


def test_editor_publishes_only_with_rating_and_ruling(editor, false_rating) -> None:
    claim = _draft(editor)
    with pytest.raises(ApplicationError, match="a rating and a ruling"):
        claim_publish(claim=claim, actor=editor)
    claim_update(claim=claim, actor=editor, data={"rating": false_rating, "ruling": "It is 4%."})
    claim = claim_publish(claim=claim, actor=editor)
    assert claim.status == Claim.Status.PUBLISHED and claim.published_at is not None
    assert ReviewDecision.objects.filter(claim=claim, action="publish", actor=editor).exists()


def test_published_claim_changes_only_by_correction_with_a_note(editor, false_rating) -> None:
    claim = claim_publish(claim=_draft(editor, rating=false_rating, ruling="It is 4%."), actor=editor)
    with pytest.raises(ApplicationError, match="correction"):
        claim_update(claim=claim, actor=editor, data={"ruling": "It is 5%."})
    with pytest.raises(ApplicationError, match="note"):
        claim_correct(claim=claim, actor=editor, note="  ", data={"ruling": "It is 5%."})
    correction = claim_correct(
        claim=claim, actor=editor, note="The rate was 5%, not 4%.", data={"ruling": "It is 5%."}
    )
    claim.refresh_from_db()
    assert claim.ruling == "It is 5%." and claim.status == Claim.Status.PUBLISHED
    assert correction.kind == ClaimCorrection.Kind.CORRECTION
    decision = ReviewDecision.objects.get(claim=claim, action="correct")
    assert decision.changes == {"ruling": ["It is 4%.", "It is 5%."]}
    assert claim.history.count() >= 3  # created, published, corrected: versioned


def test_unpublish_needs_a_note_and_returns_the_claim_to_review(editor, false_rating) -> None:
    claim = claim_publish(claim=_draft(editor, rating=false_rating, ruling="It is 4%."), actor=editor)
    with pytest.raises(ApplicationError, match="note"):
        claim_unpublish(claim=claim, actor=editor, note="")
    claim = claim_unpublish(claim=claim, actor=editor, note="Wrong speaker.")
    assert claim.status == Claim.Status.IN_REVIEW
    assert claim.corrections.get().kind == ClaimCorrection.Kind.UNPUBLICATION


def test_reviewer_cannot_correct_or_unpublish(editor, reviewer, false_rating) -> None:
    claim = claim_publish(claim=_draft(editor, rating=false_rating, ruling="It is 4%."), actor=editor)
    for call in (
        lambda: claim_unpublish(claim=claim, actor=reviewer, note="x"),
        lambda: claim_correct(claim=claim, actor=reviewer, note="x"),
    ):
        with pytest.raises(ActionNotPermitted):
            call()
    assert not ClaimCorrection.objects.exists()


def test_rejected_quote_cannot_be_an_appearance(reviewer) -> None:
    quote = QuoteFactory()
    quote_reject(quote=quote, actor=reviewer)
    with pytest.raises(ApplicationError, match="rejected"):
        claim_create(statement="x", actor=reviewer, appearances=[quote])


def test_undo_returns_the_quote_to_pending_and_is_recorded(reviewer) -> None:
    quote = QuoteFactory()
    quote_reject(quote=quote, actor=reviewer, reason="Wrong speaker", seconds_spent=2.5)
    decision = ReviewDecision.objects.get(action="reject")
    assert decision.seconds_spent == 2.5
    quote = quote_decision_undo(decision=decision, actor=reviewer)
    assert quote.status == Quote.Status.PENDING and quote.reviewed_at is None and quote.reject_reason == ""
    decision.refresh_from_db()
    assert decision.undone_by is not None and decision.undone_by.action == "undo"
    with pytest.raises(DecisionConflict, match="already undone"):
        quote_decision_undo(decision=decision, actor=reviewer)
    quote_approve(quote=quote, actor=reviewer)
    assert Quote.objects.get(pk=quote.pk).status == Quote.Status.APPROVED


def test_undo_of_an_old_decision_after_a_new_one_is_refused(reviewer) -> None:
    quote = QuoteFactory()
    quote_approve(quote=quote, actor=reviewer)
    first = ReviewDecision.objects.get(action="approve")
    quote_decision_undo(decision=first, actor=reviewer)
    quote_reject(quote=quote, actor=reviewer)
    with pytest.raises(DecisionConflict):
        quote_decision_undo(decision=first, actor=reviewer)


def test_unknown_reject_reason_is_refused(reviewer) -> None:
    quote = QuoteFactory()
    with pytest.raises(ApplicationError, match="Unknown reason"):
        quote_reject(quote=quote, actor=reviewer, reason="I don't like it")
    assert Quote.objects.get(pk=quote.pk).status == Quote.Status.PENDING


def test_plain_staff_user_cannot_review_quotes() -> None:
    quote = QuoteFactory()
    with pytest.raises(ActionNotPermitted, match="review quotes"):
        quote_approve(quote=quote, actor=UserFactory(is_staff=True))
