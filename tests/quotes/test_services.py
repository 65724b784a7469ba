import pytest
from django.db.models import Count

from claimtrack.errors import ApplicationError
from quotes.extraction import ExtractedQuote
from quotes.models import Claim, Quote, ReviewDecision, Speaker, SpeakerAlias
from quotes.services import (
    claim_create_from_quote,
    quote_approve,
    quote_candidates_replace,
    quote_reject,
    quote_update,
    speaker_alias_add,
    speaker_create,
    speaker_merge,
    speaker_resolve,
)
from tests.factories import ArticleFactory, ClaimFactory, QuoteFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

TEXT = (
    '"We will leave," Nikol Pashinyan said. '
    "Mikahil Galuzin warned that ties could suffer. "
    "Pashinyan added that no date was set."
)


def _candidate(start: int, end: int, speaker: str | None = "Nikol Pashinyan", **kw) -> ExtractedQuote:
    return ExtractedQuote(
        start=start,
        end=end,
        text=TEXT[start:end],
        kind=kw.pop("kind", "direct"),
        spans=[(start, end)],
        speaker=speaker,
        confidence=kw.pop("confidence", 0.9),
        **kw,
    )


@pytest.fixture
def article():
    return ArticleFactory(text=TEXT)


# --- speakers -------------------------------------------------------------------------------


def test_speaker_create_adds_its_own_name_as_alias() -> None:
    speaker = speaker_create(name="Nikol Pashinyan", aliases=["Pashinyan N."])
    assert set(speaker.aliases.values_list("normalised", flat=True)) == {
        "nikol pashinyan",
        "pashinyan n",
    }


def test_alias_of_another_speaker_is_refused() -> None:
    first = speaker_create(name="Jane Doe")
    second = speaker_create(name="John Roe")
    with pytest.raises(ApplicationError, match="already belongs"):
        speaker_alias_add(speaker=second, alias="JANE DOE")
    assert speaker_alias_add(speaker=first, alias="jane  doe").speaker == first


def test_resolve_finds_exact_alias_ignoring_case_and_accents() -> None:
    speaker = speaker_create(name="Mikhaïl Galuzin")
    result = speaker_resolve(name="MIKHAIL GALUZIN")
    assert result.speaker == speaker
    assert result.method == "alias"


def test_resolve_links_a_near_misspelling_to_the_known_speaker() -> None:
    speaker = speaker_create(name="Mikhail Galuzin")
    result = speaker_resolve(name="Mikahil Galuzin")
    assert result.speaker == speaker
    assert result.method == "fuzzy"
    assert Speaker.objects.count() == 1


def test_resolve_proposes_rather_than_merges_when_unsure() -> None:
    known = speaker_create(name="Mikhail Galuzin")
    result = speaker_resolve(name="Mikhail Galkin")
    assert result.method == "proposed"
    assert result.speaker != known
    assert result.speaker.possible_duplicate_of == known


def test_resolve_creates_an_unknown_speaker() -> None:
    result = speaker_resolve(name="Ian Borg", title="Foreign Minister")
    assert result.method == "created"
    assert result.speaker.title == "Foreign Minister"
    assert result.speaker.possible_duplicate_of is None


def test_resolve_without_create_returns_nothing_for_unknown() -> None:
    assert speaker_resolve(name="Nobody Known", create=False).speaker is None
    assert not Speaker.objects.exists()


def test_merge_moves_quotes_claims_and_aliases(checker) -> None:
    target = speaker_create(name="Mikhail Galuzin")
    other = speaker_create(name="Mikahil Galuzin")
    quote = QuoteFactory(speaker=other)
    claim = ClaimFactory(claimant=other)
    speaker_merge(target=target, others=[other], actor=checker)
    quote.refresh_from_db()
    claim.refresh_from_db()
    assert quote.speaker == target
    assert claim.claimant == target
    assert not Speaker.objects.filter(pk=other.pk).exists()
    assert SpeakerAlias.objects.filter(normalised="mikahil galuzin", speaker=target).exists()
    decision = ReviewDecision.objects.get(action="merge")
    assert decision.actor == checker
    assert decision.changes["merged_speaker"]["name"] == "Mikahil Galuzin"
    assert decision.changes["quotes_moved"] == 1


# --- candidates from the engine -------------------------------------------------------------


def test_candidates_become_pending_quotes_with_resolved_speakers(article) -> None:
    result = quote_candidates_replace(
        article=article,
        candidates=[
            _candidate(0, 16, speaker_start=17, speaker_end=32, cue="said"),
            _candidate(39, 86, "Mikahil Galuzin", kind="indirect"),
            _candidate(87, 123, "Pashinyan", kind="indirect"),
        ],
        engine_version="1",
    )
    assert result.created == 3
    quotes = list(article.quotes.order_by("start"))
    assert [q.status for q in quotes] == ["pending"] * 3
    assert quotes[0].speaker_mention == "Nikol Pashinyan"
    assert quotes[0].speaker.name == "Nikol Pashinyan"
    # A bare surname is the full name used in the same article.
    assert quotes[2].speaker == quotes[0].speaker
    assert quotes[1].speaker.name == "Mikahil Galuzin"
    assert Speaker.objects.count() == 2


def test_replacing_candidates_twice_is_idempotent(article) -> None:
    candidates = [_candidate(0, 16), _candidate(39, 86, "Mikahil Galuzin")]
    quote_candidates_replace(article=article, candidates=candidates, engine_version="1")
    before = list(article.quotes.order_by("id").values_list("id", "start", "end"))
    result = quote_candidates_replace(article=article, candidates=candidates, engine_version="1")
    assert (result.created, result.kept, result.removed) == (0, 2, 0)
    assert list(article.quotes.order_by("id").values_list("id", "start", "end")) == before


def test_new_engine_version_replaces_only_unreviewed_pending_candidates(article, checker) -> None:
    quote_candidates_replace(
        article=article,
        candidates=[_candidate(0, 16), _candidate(39, 86), _candidate(87, 123), _candidate(0, 30)],
        engine_version="1",
    )
    q = {(x.start, x.end): x for x in article.quotes.all()}
    quote_approve(quote=q[(0, 16)], actor=checker)
    quote_reject(quote=q[(39, 86)], actor=checker)
    quote_update(quote=q[(0, 30)], actor=checker, data={"note": "check the wording"})
    hand_made = QuoteFactory(article=article, start=1, end=5, extractor_version="")

    result = quote_candidates_replace(
        article=article,
        candidates=[_candidate(0, 16), _candidate(39, 86), _candidate(40, 60)],
        engine_version="2",
    )

    assert result.removed == 1  # only the untouched pending (87, 123)
    assert result.created == 1  # (40, 60); (0, 16) and (39, 86) were reviewed
    rows = {(x.start, x.end): x for x in article.quotes.all()}
    assert set(rows) == {(0, 16), (39, 86), (0, 30), (1, 5), (40, 60)}
    assert rows[(0, 16)].status == "approved" and rows[(0, 16)].extractor_version == "1"
    assert rows[(39, 86)].status == "rejected"
    assert rows[(0, 30)].note == "check the wording"
    assert rows[(1, 5)].pk == hand_made.pk


def test_candidates_with_impossible_offsets_are_dropped(article) -> None:
    result = quote_candidates_replace(
        article=article,
        candidates=[_candidate(5, 5), _candidate(-1, 4), _candidate(0, len(TEXT) + 1), _candidate(0, 16)],
        engine_version="1",
    )
    assert (result.created, result.invalid) == (1, 3)


def test_same_span_twice_keeps_the_surer_candidate(article) -> None:
    quote_candidates_replace(
        article=article,
        candidates=[_candidate(0, 16, confidence=0.4), _candidate(0, 16, kind="mixed", confidence=0.95)],
        engine_version="1",
    )
    (quote,) = article.quotes.all()
    assert (quote.kind, quote.confidence) == ("mixed", 0.95)


def test_candidate_without_speaker_is_kept_unattributed(article) -> None:
    quote_candidates_replace(article=article, candidates=[_candidate(0, 16, None)], engine_version="1")
    (quote,) = article.quotes.all()
    assert quote.speaker is None and quote.speaker_mention == ""


# --- review ---------------------------------------------------------------------------------


def test_approve_records_reviewer_time_and_decision(checker) -> None:
    quote = QuoteFactory()
    quote_approve(quote=quote, actor=checker, note="matches the video")
    quote.refresh_from_db()
    assert quote.status == Quote.Status.APPROVED
    assert quote.reviewer == checker and quote.reviewed_at is not None
    decision = ReviewDecision.objects.get(quote=quote)
    assert (decision.action, decision.actor, decision.object_kind) == ("approve", checker, "quote")
    assert decision.changes == {"status": ["pending", "approved"]}
    assert decision.note == "matches the video"


def test_approve_refuses_an_already_approved_quote(checker) -> None:
    quote = QuoteFactory()
    quote_approve(quote=quote, actor=checker)
    with pytest.raises(ApplicationError, match="already approved"):
        quote_approve(quote=quote, actor=checker)
    assert ReviewDecision.objects.count() == 1


def test_a_second_decision_on_a_decided_quote_is_a_conflict_naming_the_first_reviewer(checker) -> None:
    from claimtrack.errors import DecisionConflict

    quote = QuoteFactory()
    quote_reject(quote=quote, actor=checker)
    with pytest.raises(DecisionConflict, match="already rejected by checker"):
        quote_approve(quote=quote, actor=checker)
    quote.refresh_from_db()
    assert quote.status == Quote.Status.REJECTED
    assert list(ReviewDecision.objects.values_list("action", flat=True)) == ["reject"]


def test_update_records_what_changed(checker) -> None:
    quote = QuoteFactory()
    other = SpeakerFactory(name="Someone Else")
    old_speaker = quote.speaker
    quote_update(quote=quote, actor=checker, data={"speaker": other, "kind": "indirect"})
    quote.refresh_from_db()
    assert quote.speaker == other and quote.reviewed_at is not None
    decision = ReviewDecision.objects.get(action="update")
    assert decision.changes == {"speaker": [old_speaker.pk, other.pk], "kind": ["direct", "indirect"]}


def test_update_refuses_engine_fields(checker) -> None:
    with pytest.raises(ApplicationError, match="cannot be edited"):
        quote_update(quote=QuoteFactory(), actor=checker, data={"confidence": 1.0})


def test_update_of_the_span_rereads_the_text_from_the_article(checker) -> None:
    quote = QuoteFactory(article__text="He said the war is over, officials said.", start=8, end=23)
    quote_update(quote=quote, actor=checker, data={"start": 3, "end": 23})
    quote.refresh_from_db()
    assert (quote.start, quote.end, quote.text, quote.spans) == (3, 23, "said the war is over", [[3, 23]])


def test_update_refuses_a_span_outside_the_article(checker) -> None:
    quote = QuoteFactory(article__text="Short text.", start=0, end=5)
    with pytest.raises(ApplicationError, match="inside the article"):
        quote_update(quote=quote, actor=checker, data={"end": 500})


def test_claim_from_quote_carries_speaker_and_appearance(checker) -> None:
    quote = QuoteFactory()
    claim = claim_create_from_quote(quote=quote, actor=checker)
    assert claim.status == Claim.Status.DRAFT
    assert claim.statement == quote.text.strip()
    assert claim.claimant == quote.speaker
    assert list(claim.appearances.all()) == [quote]
    assert claim.checker == checker
    assert ReviewDecision.objects.filter(claim=claim, action="create_claim").exists()


def test_claim_from_rejected_quote_is_refused(checker) -> None:
    quote = QuoteFactory()
    quote_reject(quote=quote, actor=checker)
    with pytest.raises(ApplicationError):
        claim_create_from_quote(quote=quote, actor=checker)
    assert Claim.objects.annotate(n=Count("appearances")).count() == 0


def test_the_seed_articles_teaser_block_candidates_are_stored_as_boilerplate(seed_article_path) -> None:
    from quotes.services.extraction import article_quotes_extract

    text = seed_article_path.read_text(encoding="utf-8")
    article = ArticleFactory(text=text)
    article_quotes_extract(article_id=article.pk)
    teasers_at = text.index("Top stories")
    quotes = list(article.quotes.all())
    assert quotes, "the seed article has quote candidates"
    assert all(q.in_boilerplate == (q.start > teasers_at) for q in quotes)
    assert any(q.in_boilerplate for q in quotes)


@pytest.mark.parametrize(
    "name,kind",
    [
        ("Armenian Defense Ministry", "organisation"),
        ("NATO", "organisation"),
        ("Nikol Pashinyan", "person"),
        ("Ian Borg", "person"),
    ],
)
def test_a_new_speaker_gets_the_engines_kind_guess(name: str, kind: str) -> None:
    from quotes.services import speaker_resolve

    assert speaker_resolve(name=name).speaker.kind == kind


def test_speaker_update_needs_the_change_permission_and_refuses_unknown_fields(django_user_model) -> None:
    from claimtrack.errors import ActionNotPermitted, ApplicationError
    from quotes.services import speaker_create
    from quotes.services.speakers import speaker_update

    speaker = speaker_create(name="Ian Borg")
    plain = django_user_model.objects.create_user("plain", password="x")
    with pytest.raises(ActionNotPermitted):
        speaker_update(speaker=speaker, actor=plain, data={"title": "Minister"})
    with pytest.raises(ApplicationError, match="cannot be changed"):
        speaker_update(speaker=speaker, actor=None, data={"created_at": None})
    with pytest.raises(ApplicationError, match="duplicate of itself"):
        speaker_update(speaker=speaker, actor=None, data={"possible_duplicate_of": speaker})
    speaker.refresh_from_db()
    assert speaker.title == "" and speaker.possible_duplicate_of is None
