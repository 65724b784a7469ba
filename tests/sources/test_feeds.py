import pytest

from sources.feeds import MalformedFeedError, parse_feed, poll_feed
from sources.fetching import FetchPolicy, PermanentFetchError, UnsafeURLError
from tests.webserver import FixtureServer, Reply, atom_feed, rss_feed


def test_poll_feed_reads_rss_entries_with_canonical_urls(
    local_web: FixtureServer, policy: FetchPolicy
) -> None:
    result = poll_feed(local_web.url("/feed.rss"), policy=policy)

    assert not result.not_modified
    assert result.feed is not None
    assert result.feed.title == "The Daily Example"
    assert [e.url for e in result.feed.entries] == [
        local_web.url("/article/1"),  # utm_source dropped
        local_web.url("/article/2"),
    ]
    assert result.feed.skipped == 1  # the ftp:// link
    assert result.feed.entries[0].published_at is not None


def test_poll_feed_reads_atom(local_web: FixtureServer, policy: FetchPolicy) -> None:
    result = poll_feed(local_web.url("/feed.atom"), policy=policy)
    assert result.feed is not None
    assert [e.url for e in result.feed.entries] == [local_web.url("/article/3")]


def test_poll_feed_uses_conditional_get(local_web: FixtureServer, policy: FetchPolicy) -> None:
    first = poll_feed(local_web.url("/conditional.rss"), policy=policy)
    assert first.etag == '"v1"'
    assert first.last_modified == "Tue, 05 Mar 2024 10:00:00 GMT"

    second = poll_feed(
        local_web.url("/conditional.rss"),
        policy=policy,
        etag=first.etag,
        last_modified=first.last_modified,
    )
    assert second.not_modified
    assert second.feed is None
    assert second.etag == '"v1"'
    sent = local_web.requests[-1].headers
    assert sent["if-none-match"] == '"v1"'
    assert sent["if-modified-since"] == "Tue, 05 Mar 2024 10:00:00 GMT"


def test_poll_feed_malformed_feed_gives_a_clear_error(local_web: FixtureServer, policy: FetchPolicy) -> None:
    with pytest.raises(MalformedFeedError, match="not a valid RSS/Atom feed"):
        poll_feed(local_web.url("/malformed.xml"), policy=policy)


def test_poll_feed_plain_text_is_not_a_feed(local_web: FixtureServer, policy: FetchPolicy) -> None:
    with pytest.raises(MalformedFeedError):
        poll_feed(local_web.url("/not-a-feed"), policy=policy)


def test_poll_feed_refuses_private_feed_urls(policy: FetchPolicy) -> None:
    with pytest.raises(UnsafeURLError):
        poll_feed("http://10.0.0.1/feed.xml", policy=policy)


def test_poll_feed_missing_feed_is_permanent(local_web: FixtureServer, policy: FetchPolicy) -> None:
    with pytest.raises(PermanentFetchError):
        poll_feed(local_web.url("/missing"), policy=policy)


def test_parse_feed_deduplicates_and_skips_unusable_links() -> None:
    content = rss_feed(
        [
            "https://example.com/a?utm_source=x",
            "https://example.com/a",
            "javascript:alert(1)",
            "https://user:pw@example.com/b",
            "https://example.com/c",
        ]
    )
    feed = parse_feed(content, url="https://example.com/feed")
    assert [e.url for e in feed.entries] == ["https://example.com/a", "https://example.com/c"]
    assert feed.skipped == 2


def test_parse_feed_resolves_relative_links_against_the_feed_url() -> None:
    content = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        b"<item><title>x</title><link>/news/1</link></item></channel></rss>"
    )
    feed = parse_feed(content, url="https://example.com/feeds/main.xml")
    assert [e.url for e in feed.entries] == ["https://example.com/news/1"]


def test_parse_feed_reads_a_salvageable_feed_with_a_warning() -> None:
    content = atom_feed(["https://example.com/x"]).replace(b"</feed>", b"<broken></feed>")
    feed = parse_feed(content, url="https://example.com/feed")
    assert [e.url for e in feed.entries] == ["https://example.com/x"]
    assert "malformed" in feed.warning


@pytest.mark.parametrize("content", [b"", b"\x00\xff\xfe garbage", b"<html><body>hi</body></html>", b"{}"])
def test_parse_feed_rejects_non_feeds(content: bytes) -> None:
    with pytest.raises(MalformedFeedError):
        parse_feed(content, url="https://example.com/feed")


def _entity_feed(depth: int = 10) -> bytes:
    """A 1 KB feed whose nested entity declarations expand to 10**depth characters."""
    entities = '<!ENTITY e0 "lol">' + "".join(
        f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, depth)
    )
    return (
        f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]><rss version="2.0"><channel>'
        f"<title>Laughs</title><item><title>&e{depth - 1};</title>"
        "<link>https://news.example/a</link></item></channel></rss>"
    ).encode()


def test_a_feed_declaring_entities_is_refused_without_expanding_them() -> None:
    feed = _entity_feed()
    assert len(feed) < 1024
    with pytest.raises(MalformedFeedError, match="declares XML entities"):
        parse_feed(feed, url="https://news.example/feed")


def test_an_entity_feed_from_a_server_is_refused(local_web: FixtureServer, policy: FetchPolicy) -> None:
    local_web.route("/laughs.rss", Reply(body=_entity_feed(), content_type="application/rss+xml"))
    with pytest.raises(MalformedFeedError, match="declares XML entities"):
        poll_feed(local_web.url("/laughs.rss"), policy=policy)


def test_entity_declarations_are_found_in_utf16_feeds_too() -> None:
    with pytest.raises(MalformedFeedError, match="declares XML entities"):
        parse_feed(
            _entity_feed()
            .decode()
            .replace('version="1.0"', 'version="1.0" encoding="utf-16"')
            .encode("utf-16")
        )


def test_parsing_past_its_time_budget_is_a_clear_error() -> None:
    big = rss_feed([f"https://news.example/{n}" for n in range(3000)])
    with pytest.raises(MalformedFeedError, match="took longer than its 0.01 s budget"):
        parse_feed(big, budget=0.01)
    assert len(parse_feed(big).entries) == 500
