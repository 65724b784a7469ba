import pytest

from sources.urls import InvalidURLError, canonicalize_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://News.Example.COM/Politics/Story", "https://news.example.com/Politics/Story"),
        ("http://example.com:80/a", "http://example.com/a"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        ("https://example.com/a/", "https://example.com/a"),
        ("https://example.com", "https://example.com/"),
        ("https://example.com/", "https://example.com/"),
        ("https://example.com/a#comments", "https://example.com/a"),
        (
            "https://example.com/a?utm_source=tw&utm_MEDIUM=x&fbclid=1&gclid=2&id=7",
            "https://example.com/a?id=7",
        ),
        ("https://example.com/a?b=2&a=1&a=0", "https://example.com/a?a=1&a=0&b=2"),
        ("https://example.com/a?q=two+words", "https://example.com/a?q=two%20words"),
        ("https://example.com/a/./b/../c", "https://example.com/a/c"),
        ("https://example.com/%7euser/%2f", "https://example.com/~user/%2F"),
        ("https://example.com./a", "https://example.com/a"),
        ("https://bücher.example/ä", "https://xn--bcher-kva.example/%C3%A4"),
        ("  https://example.com/a  ", "https://example.com/a"),
        ("http://[2001:DB8::1]:80/", "http://[2001:db8::1]/"),
    ],
)
def test_canonicalize_url_normalises(url: str, expected: str) -> None:
    assert canonicalize_url(url) == expected


def test_tracking_variants_of_one_article_share_a_canonical_url() -> None:
    variants = [
        "https://example.com/news/1",
        "https://EXAMPLE.com/news/1/",
        "https://example.com/news/1?utm_source=feed#top",
        "https://example.com:443/news/1?fbclid=abc",
    ]
    assert len({canonicalize_url(v) for v in variants}) == 1


def test_canonicalize_url_is_idempotent() -> None:
    once = canonicalize_url("HTTP://Example.com:80/a/b/?z=1&utm_campaign=c&a=%7e#f")
    assert canonicalize_url(once) == once


@pytest.mark.parametrize(
    "url",
    [
        "",
        "   ",
        "ftp://example.com/file",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "example.com/no-scheme",
        "https://user:secret@example.com/",
        "https://user@example.com/",
        "https:///no-host",
        "https://example.com:99999/",
        "https://exa\nmple.com/",
        "https://example.com/" + "a" * 3000,
    ],
)
def test_canonicalize_url_rejects_unusable_urls(url: str) -> None:
    with pytest.raises(InvalidURLError):
        canonicalize_url(url)
