from datetime import UTC, datetime

import pytest
import trafilatura

from sources.cleaning import clean_html, clean_pasted, looks_like_html, normalize_text
from tests.webserver import article_html


def test_clean_html_keeps_the_article_and_drops_boilerplate() -> None:
    cleaned = clean_html(article_html(1), url="https://example.com/a/1")

    assert '"We will cut the deficit in half by the end of next year," Mikhail Ivanov said' in (
        cleaned.text.replace("\n", " ")
    )
    for boilerplate in ("cookies", "Copyright", "Sign in", "Most read", "newsletter"):
        assert boilerplate not in cleaned.text
    assert cleaned.title.startswith("Minister defends budget plan")
    assert cleaned.byline == "Jane Reporter"
    assert cleaned.published_at == datetime(2024, 3, 5, 10, 0, tzinfo=UTC)
    assert cleaned.language == "en"
    assert cleaned.extractor == "trafilatura"


def test_clean_html_separates_paragraphs_with_single_newlines() -> None:
    text = clean_html(article_html(2)).text
    assert "\n\n" not in text
    assert text.count("\n") >= 3
    assert all(line == line.strip() and line for line in text.split("\n"))


@pytest.fixture
def trafilatura_finds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *args, **kwargs: None)


@pytest.mark.usefixtures("trafilatura_finds_nothing")
def test_clean_html_falls_back_to_paragraphs_when_trafilatura_finds_nothing() -> None:
    html = article_html(5)
    cleaned = clean_html(html)
    assert cleaned.extractor == "fallback"
    assert cleaned.text.startswith("The finance minister on Tuesday")
    assert "Copyright" not in cleaned.text and "cookies" not in cleaned.text
    assert cleaned.title.startswith("Minister defends budget plan")
    assert cleaned.byline == "Jane Reporter"


@pytest.mark.usefixtures("trafilatura_finds_nothing")
def test_clean_html_fallback_drops_scripts_and_navigation() -> None:
    html = "<html><body><nav>Menu</nav><script>var x=1;</script><div>Only text</div></body></html>"
    assert clean_html(html).text == "Only text"


def test_clean_html_falls_back_when_trafilatura_crashes(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RecursionError("deeply nested markup")

    monkeypatch.setattr(trafilatura, "bare_extraction", boom)
    assert clean_html("<html><body><p>Still here.</p></body></html>").text == "Still here."


def test_clean_html_survives_garbage() -> None:
    for garbage in [
        "",
        "   ",
        "<<<>>>",
        "\x00\x01\x02",
        "<html><body></body></html>",
        "<?xml version='1.0'?><x/>",
    ]:
        cleaned = clean_html(garbage)
        assert isinstance(cleaned.text, str)


def test_clean_html_handles_xml_declaration_in_string_input() -> None:
    html = '<?xml version="1.0" encoding="utf-8"?>' + article_html(3)
    assert "deficit" in clean_html(html).text


def test_normalize_text_collapses_whitespace_and_blank_lines() -> None:
    assert normalize_text("  One\u00a0 two \r\n\r\n\n Three\t\x00 ") == "One two\nThree"


def test_clean_pasted_plain_text_is_normalised_not_parsed() -> None:
    cleaned = clean_pasted('"We will win," she said.\n\n\nA <b>second</b> line? No, a < b.')
    assert cleaned.extractor == "plain"
    assert cleaned.text == '"We will win," she said.\nA <b>second</b> line? No, a < b.'


def test_clean_pasted_html_goes_through_the_html_cleaner() -> None:
    cleaned = clean_pasted(article_html(4))
    assert cleaned.extractor == "trafilatura"
    assert "Copyright" not in cleaned.text


def test_looks_like_html() -> None:
    assert looks_like_html("<p>Hello</p>")
    assert looks_like_html("<!DOCTYPE html><html>")
    assert not looks_like_html("if a < b and c > d then")
