import pytest

from sources.content import content_hash, normalise_text
from sources.documents import DocumentError, decode_text, parse_document


def test_utf8_text_is_kept_exactly_except_line_endings() -> None:
    text = "Title\r\n\r\n\u201cQuote,\u201d she said.\r\n"
    assert decode_text(text.encode("utf-8")) == "Title\n\n\u201cQuote,\u201d she said.\n"


def test_non_utf8_text_is_decoded_by_detection() -> None:
    text = "Le ministre a déclaré que la réforme serait votée. « Nous réussirons », a-t-il ajouté."
    assert decode_text(text.encode("cp1252")) == text


@pytest.mark.parametrize(
    "data", [b"", b"  \n", b"abc\x00def", bytes(range(1, 32)) * 20], ids=["empty", "blank", "nul", "ctl"]
)
def test_bad_bytes_are_refused(data: bytes) -> None:
    with pytest.raises(DocumentError):
        decode_text(data)


def test_unsupported_suffix_is_refused() -> None:
    with pytest.raises(DocumentError, match="unsupported file type"):
        parse_document(b"hello", filename="a.docx")


def test_html_without_main_text_is_refused() -> None:
    with pytest.raises(DocumentError, match="no main text"):
        parse_document(b"<html><head><title>x</title></head><body></body></html>", filename="a.html")


def test_content_hash_ignores_case_and_whitespace() -> None:
    assert normalise_text("  A  b\n\nC ") == "a b c"
    assert content_hash("Hello   World") == content_hash("hello world\n")
    assert content_hash("Hello World") != content_hash("Hello Word")
