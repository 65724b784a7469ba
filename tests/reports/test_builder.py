"""The one builder: what a week's report contains, in the configured time zone."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quotes.models import ClaimCorrection, Quote, ReviewDecision
from quotes.reports.builder import report_build, report_default_week, ruling_summary
from quotes.reports.filters import report_filters_resolve
from quotes.reports.weeks import week_parse, zone
from tests.factories import ArticleFactory, QuoteFactory, SourceFactory, SpeakerFactory, UserFactory
from tests.reports.conftest import published

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # Wednesday of 2026-W48


def _week(iso: str = "2026-W47", tz: str = "UTC"):
    return week_parse(iso, tz=zone(tz))


@time_machine.travel(NOW, tick=False)
def test_default_week_is_the_last_complete_one(settings) -> None:
    settings.TIME_ZONE = "Europe/Berlin"
    assert report_default_week().iso == "2026-W47"
    # Monday 00:30 in Berlin is still Sunday in UTC: W48 has just ended there.
    with time_machine.travel(datetime(2026, 11, 29, 23, 30, tzinfo=UTC), tick=False):
        assert report_default_week().iso == "2026-W48"


def test_claims_are_counted_in_the_week_of_their_local_publication_time(settings) -> None:
    settings.TIME_ZONE = "Europe/Berlin"
    # Sunday 23:30 UTC = Monday 00:30 Berlin: the next week there.
    late = published(at=datetime(2026, 11, 22, 23, 30, tzinfo=UTC), statement="late")
    inside = published(at=datetime(2026, 11, 22, 22, 30, tzinfo=UTC), statement="inside")
    early = published(at=datetime(2026, 11, 15, 22, 59, tzinfo=UTC), statement="before")
    berlin = report_build(week=_week(tz="Europe/Berlin"))
    assert [c.id for c in berlin.claims()] == [inside.id]
    assert berlin.summary["published"] == 1
    utc = report_build(week=_week(tz="UTC"))
    assert [c.id for c in utc.claims()] == [inside.id, late.id]
    assert early.id not in [c.id for c in utc.claims()]
    assert next(berlin.claims()).published_at == "2026-11-22T23:30:00+01:00"


def test_week_with_the_dst_change_includes_its_extra_hour() -> None:
    # 2026-W43 in Berlin ends Monday 26 Oct 00:00 CET = Sunday 23:00 UTC (not 22:00).
    claim = published(at=datetime(2026, 10, 25, 22, 30, tzinfo=UTC))
    assert [c.id for c in report_build(week=_week("2026-W43", "Europe/Berlin")).claims()] == [claim.id]
    assert report_build(week=_week("2026-W44", "Europe/Berlin")).summary["published"] == 0


def test_published_claim_carries_its_appearances_checker_and_delay() -> None:
    source = SourceFactory(name="Daily Planet")
    article = ArticleFactory(source=source, title="Minister on jobs", url="https://planet.example/jobs")
    other = ArticleFactory(source=SourceFactory(name="The Bugle"), url="https://bugle.example/a")
    quotes = [QuoteFactory(article=article), QuoteFactory(article=other)]
    checker = UserFactory(username="ana", first_name="Ana", last_name="Lima")
    at = datetime(2026, 11, 18, 10, 0, tzinfo=UTC)
    claim = published(at=at, quotes=quotes, first_seen=at - timedelta(hours=30), checker=checker)
    row = next(report_build(week=_week()).claims())
    assert row.id == claim.id
    assert row.checker == "Ana Lima"
    assert row.hours_to_publication == 30.0
    assert row.repeated is True
    assert [(a.outlet, a.url) for a in row.appearances] == [
        ("Daily Planet", "https://planet.example/jobs"),
        ("The Bugle", "https://bugle.example/a"),
    ]


def test_summary_counts_ratings_claimants_sources_and_new_versus_repeated() -> None:
    at = datetime(2026, 11, 17, 9, 0, tzinfo=UTC)
    mary = SpeakerFactory(name="Mary Major")
    planet = SourceFactory(name="Daily Planet")
    one = ArticleFactory(source=planet)
    two = ArticleFactory(source=planet)
    published(
        at=at,
        claimant=mary,
        rating_value=1,
        quotes=[QuoteFactory(article=one)],
        first_seen=at - timedelta(hours=10),
    )
    published(
        at=at,
        claimant=mary,
        rating_value=1,
        quotes=[QuoteFactory(article=one), QuoteFactory(article=two)],
        first_seen=at - timedelta(hours=20),
    )
    published(at=at, rating_value=5, first_seen=at - timedelta(hours=60))
    data = report_build(week=_week())
    assert data.summary["published"] == 3
    assert (data.summary["new_claims"], data.summary["repeated_claims"]) == (2, 1)
    assert data.summary["median_hours_to_publication"] == 20.0
    assert {r["rating"]: r["claims"] for r in data.by_rating} == {
        "False": 2,
        "Mostly false": 0,
        "Half true": 0,
        "Mostly true": 0,
        "True": 1,
    }
    assert data.by_claimant[0] == {"claimant_id": mary.id, "claimant": "Mary Major", "claims": 2}
    assert data.by_source == [{"source": "Daily Planet", "claims": 2}]


def test_median_of_an_even_count_is_the_mean_of_the_middle_two() -> None:
    at = datetime(2026, 11, 17, 9, 0, tzinfo=UTC)
    for hours in (1, 3, 5, 100):
        published(at=at, first_seen=at - timedelta(hours=hours))
    published(at=at)  # no first appearance known: left out of the median
    assert report_build(week=_week()).summary["median_hours_to_publication"] == 4.0


def test_corrections_and_unpublications_of_the_week_with_their_notes(editor) -> None:
    old = published(at=datetime(2026, 11, 2, tzinfo=UTC), statement="old claim")
    gone = published(at=datetime(2026, 11, 3, tzinfo=UTC), statement="withdrawn claim")
    with time_machine.travel(datetime(2026, 11, 18, 8, 0, tzinfo=UTC), tick=False):
        ClaimCorrection.objects.create(claim=old, kind="correction", note="Fixed the year.", actor=editor)
        ClaimCorrection.objects.create(claim=gone, kind="unpublication", note="Wrong speaker.", actor=editor)
        gone.status = "in_review"
        gone.save()
    data = report_build(week=_week())
    assert (data.summary["corrected"], data.summary["unpublished"], data.summary["published"]) == (1, 1, 0)
    rows = {c.statement: c for c in data.corrections()}
    assert rows["old claim"].event == "corrected"
    assert rows["old claim"].notes[0].note == "Fixed the year."
    assert rows["old claim"].notes[0].actor == "editor"
    assert rows["withdrawn claim"].event == "unpublished"
    assert not data.empty


def test_review_decisions_by_reviewer_leave_out_undone_ones(reviewer, editor) -> None:
    with time_machine.travel(datetime(2026, 11, 19, 8, 0, tzinfo=UTC), tick=False):
        for action, actor in [
            ("approve", reviewer),
            ("approve", reviewer),
            ("reject", reviewer),
            ("reject", editor),
        ]:
            ReviewDecision.objects.create(action=action, object_kind="quote", object_id=1, actor=actor)
        undo = ReviewDecision.objects.create(action="undo", object_kind="quote", object_id=1, actor=editor)
        undone = ReviewDecision.objects.create(
            action="approve", object_kind="quote", object_id=2, actor=editor
        )
        undone.undone_by = undo
        undone.save()
    ReviewDecision.objects.create(action="approve", object_kind="quote", object_id=3, actor=editor)  # not W47
    data = report_build(week=_week())
    assert data.by_reviewer == [
        {"reviewer": "editor", "approved": 0, "rejected": 1},
        {"reviewer": "reviewer", "approved": 2, "rejected": 1},
    ]
    assert (data.summary["quotes_approved"], data.summary["quotes_rejected"]) == (2, 2)


def test_pending_backlog_per_source_is_taken_at_the_end_of_the_week(reviewer) -> None:
    planet = SourceFactory(name="Daily Planet")
    with time_machine.travel(datetime(2026, 11, 18, tzinfo=UTC), tick=False):
        waiting = QuoteFactory(article=ArticleFactory(source=planet))
        QuoteFactory(article=ArticleFactory(source=planet), in_boilerplate=True)  # teaser: not counted
        later = QuoteFactory(article=ArticleFactory(source=planet))
        QuoteFactory(
            article=ArticleFactory(source=planet),
            status=Quote.Status.APPROVED,
            reviewed_at=datetime(2026, 11, 19, tzinfo=UTC),
        )
    with time_machine.travel(datetime(2026, 11, 24, tzinfo=UTC), tick=False):
        Quote.objects.filter(pk=later.pk).update(
            status="approved", reviewed_at=datetime(2026, 11, 24, tzinfo=UTC)
        )
        QuoteFactory(article=ArticleFactory(source=planet))  # arrived after the week
    assert waiting.status == "pending"
    assert report_build(week=_week()).pending_by_source == [{"source": "Daily Planet", "pending": 2}]


def test_previous_week_and_twelve_week_series() -> None:
    published(at=datetime(2026, 11, 10, tzinfo=UTC))  # W46
    published(at=datetime(2026, 11, 11, tzinfo=UTC))  # W46
    published(at=datetime(2026, 9, 1, tzinfo=UTC))  # W36: outside the 12 weeks
    published(at=datetime(2026, 11, 20, tzinfo=UTC))  # W47
    data = report_build(week=_week())
    assert data.previous["published"] == 2
    weeks = {w["week"]: w["claims"] for w in data.weekly_published}
    assert len(weeks) == 12
    assert list(weeks)[0] == "2026-W36" and list(weeks)[-1] == "2026-W47"
    assert weeks["2026-W46"] == 2 and weeks["2026-W47"] == 1
    assert weeks["2026-W36"] == 1


def test_an_empty_week_is_a_report_that_says_so() -> None:
    data = report_build(week=_week())
    assert data.empty
    assert list(data.claims()) == [] and list(data.corrections()) == []
    assert data.summary["median_hours_to_publication"] is None


def test_filters_by_speaker_source_and_rating() -> None:
    at = datetime(2026, 11, 17, tzinfo=UTC)
    mary = SpeakerFactory(name="Mary Major")
    planet = SourceFactory(name="Daily Planet")
    a = published(
        at=at, claimant=mary, rating_value=1, quotes=[QuoteFactory(article=ArticleFactory(source=planet))]
    )
    b = published(at=at, claimant=mary, rating_value=5)
    c = published(
        at=at,
        rating_value=1,
        quotes=[
            QuoteFactory(article=ArticleFactory(source=planet)),
            QuoteFactory(article=ArticleFactory(source=planet)),
        ],
    )

    def ids(**kw):
        return [r.id for r in report_build(week=_week(), filters=report_filters_resolve(**kw)).claims()]

    assert ids(speaker="mary major") == [a.id, b.id]
    assert ids(source="Daily Planet") == [a.id, c.id]
    assert ids(rating="False") == [a.id, c.id]
    assert ids(rating="5", speaker=str(mary.id)) == [b.id]
    data = report_build(week=_week(), filters=report_filters_resolve(source="daily planet"))
    assert data.summary["published"] == 2  # each claim once, though c appeared twice there


def test_unknown_filter_values_are_refused() -> None:
    from claimtrack.errors import ApplicationError

    with pytest.raises(ApplicationError, match="No speaker matches 'Nobody'"):
        report_filters_resolve(speaker="Nobody")
    with pytest.raises(ApplicationError, match="No rating"):
        report_filters_resolve(rating="Pants on fire")


def _queries_for_whole_report(count: int) -> int:
    at = datetime(2026, 11, 17, tzinfo=UTC)
    for i in range(count):
        published(at=at, quotes=[QuoteFactory(), QuoteFactory()], first_seen=at - timedelta(hours=i))
        ClaimCorrection.objects.create(
            claim=published(at=datetime(2026, 11, 2, tzinfo=UTC)), kind="correction", note="n"
        )
    ClaimCorrection.objects.update(created_at=at)
    with CaptureQueriesContext(connection) as ctx:
        data = report_build(week=_week())
        claims = list(data.claims())
        corrections = list(data.corrections())
    assert len(claims) == count and len(corrections) == count
    return len(ctx.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_claims() -> None:
    few = _queries_for_whole_report(2)
    ClaimCorrection.objects.all().delete()
    from quotes.models import Claim

    Claim.objects.all().delete()
    many = _queries_for_whole_report(25)
    assert few == many


@pytest.mark.parametrize(
    "text, expected",
    [
        ("False.\n\nThe figures show otherwise.", "False."),
        ("  Mostly   true,\nbut old. ", "Mostly true, but old."),
        ("word " * 100, ("word " * 59).strip() + "\u2026"),
    ],
)
def test_ruling_summary_is_the_first_paragraph_cut_at_a_word(text: str, expected: str) -> None:
    assert ruling_summary(text) == expected


def test_a_claim_the_matcher_found_said_again_is_repeated() -> None:
    from quotes.models import QuoteClaimMatch

    at = datetime(2026, 11, 17, 9, 0, tzinfo=UTC)
    matched = published(at=at, quotes=[QuoteFactory()])
    related_only = published(at=at, quotes=[QuoteFactory()])
    QuoteClaimMatch.objects.create(quote=QuoteFactory(), claim=matched, score=0.9, level="same")
    QuoteClaimMatch.objects.create(quote=QuoteFactory(), claim=related_only, score=0.5, level="related")
    data = report_build(week=_week())
    assert {c.id: c.repeated for c in data.claims()} == {matched.id: True, related_only.id: False}
    assert (data.summary["new_claims"], data.summary["repeated_claims"]) == (1, 1)
