"""Hostile input through ``manage.py ingest`` and the fetch service: each gets a clear
message, leaves no half-written row and changes nothing else."""

from __future__ import annotations

import os
import zlib
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from quotes.models import Quote, Speaker
from sources.models import Article
from sources.services import article_create, article_create_from_pasted, article_fetch, article_submit_url
from sources.services.articles import ArticleInputError
from tests.factories import ArticleFactory
from tests.webserver import FixtureServer, Reply

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


def _ingest_fails(*args: str, capture: Any) -> str:
    """Run the command expecting one failed input; return its error output."""
    err = StringIO()
    with pytest.raises(CommandError, match="1 failed"):
        with capture(execute=True):
            call_command("ingest", *args, stdout=StringIO(), stderr=err)
    return err.getvalue()


def _nothing_written(before: set[int]) -> None:
    assert set(Article.objects.values_list("pk", flat=True)) == before
    assert not Quote.objects.exists()
    assert not Speaker.objects.exists()


@pytest.fixture
def bystander() -> set[int]:
    """An article already in the database, which no bad input may touch."""
    article = ArticleFactory(text="An article that was here before.", title="Before")
    return {article.pk}


def test_a_symlink_to_dev_zero_is_refused_as_not_a_regular_file(
    tmp_path: Path, bystander: set[int], django_capture_on_commit_callbacks: Any
) -> None:
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    err = _ingest_fails(str(link), capture=django_capture_on_commit_callbacks)
    assert "not a regular file (a character device)" in err
    _nothing_written(bystander)


def test_a_named_pipe_is_refused_without_blocking(
    tmp_path: Path, bystander: set[int], django_capture_on_commit_callbacks: Any
) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    err = _ingest_fails(str(fifo), capture=django_capture_on_commit_callbacks)
    assert "not a regular file (a named pipe)" in err
    _nothing_written(bystander)


def test_a_file_over_the_byte_limit_is_refused_after_reading_only_the_limit(
    tmp_path: Path, bystander: set[int], settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.ARTICLE_MAX_FILE_BYTES = 1000
    big = tmp_path / "big.txt"
    big.write_bytes(b"The minister said the plan would work. " * 100)
    err = _ingest_fails(str(big), capture=django_capture_on_commit_callbacks)
    assert "larger than the 1000 byte limit" in err
    _nothing_written(bystander)


def test_nul_bytes_after_the_first_8_kb_are_refused_with_their_position(
    tmp_path: Path, bystander: set[int], django_capture_on_commit_callbacks: Any
) -> None:
    late = tmp_path / "late_nul.txt"
    late.write_bytes(b"Title\n\n" + b"The minister said the plan would work. " * 300 + b"\x00 tail")
    err = _ingest_fails(str(late), capture=django_capture_on_commit_callbacks)
    assert "contains a NUL byte (character 11708 of 11713)" in err
    _nothing_written(bystander)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_a_utf16_or_utf32_file_with_a_bom_is_ingested(
    tmp_path: Path, codec: str, django_capture_on_commit_callbacks: Any
) -> None:
    text = "Title\n\nThe minister said \u201cwe will leave\u201d, the report says."
    data = text.encode(codec)
    if codec.endswith(("-le", "-be")):  # these codecs write no BOM of their own
        data = ("\ufeff" + text).encode(codec)
    path = tmp_path / "utf16.txt"
    path.write_bytes(data)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("ingest", str(path), stdout=StringIO(), stderr=StringIO())
    article = Article.objects.get()
    assert article.text == text
    assert article.status == Article.Status.EXTRACTED


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "gopher://127.0.0.1:70/", "ftp://news.example/a.txt", "data:text/plain,hi"]
)
def test_urls_of_other_schemes_are_refused_as_unsupported(
    url: str, bystander: set[int], django_capture_on_commit_callbacks: Any
) -> None:
    err = _ingest_fails(url, capture=django_capture_on_commit_callbacks)
    assert "unsupported URL scheme" in err
    assert "no such file" not in err
    _nothing_written(bystander)


def test_nul_in_article_text_is_refused_and_in_raw_html_replaced(bystander: set[int]) -> None:
    with pytest.raises(ArticleInputError, match="NUL character \\(at character 9\\)"):
        article_create(text="He said \x00 \u201cno\u201d.")
    _nothing_written(bystander)
    # Pasted input is normalised (control characters dropped) before it is stored.
    pasted = article_create_from_pasted(content="She said \x00\u201cyes\u201d.")
    assert pasted.text == "She said \u201cyes\u201d."
    html = "<html><body><p>The minister said \u201cwe will win\u201d on Monday.</p>\x00</body></html>"
    article = article_create_from_pasted(content=html)
    assert "\x00" not in article.raw_html and "\x00" not in article.text


def _bomb(megabytes: int, wbits: int) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, wbits)
    out = [compressor.compress(b"\0" * MB) for _ in range(megabytes)]
    return b"".join([*out, compressor.flush()])


@pytest.mark.parametrize("coding", ["gzip, gzip", "deflate"])
def test_a_bomb_fails_the_article_clearly_and_keeps_nothing(
    fetch_settings: FixtureServer, settings: Any, bystander: set[int], coding: str
) -> None:
    settings.SOURCES_FETCH_MAX_BYTES = 2 * MB
    body = _bomb(64, 31 if coding.startswith("gzip") else 15)
    if coding == "gzip, gzip":
        body = _bomb_wrap(body)
    path = f"/hostile/{coding.replace(', ', '-')}"
    fetch_settings.route(
        path, Reply(body=body, content_type="text/html; charset=utf-8", headers={"Content-Encoding": coding})
    )
    article, queued = article_submit_url(url=fetch_settings.url(path))
    assert queued
    assert article_fetch(article_id=article.pk) is None
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert "byte limit once decompressed" in article.error
    assert article.text == "" and article.raw_html == ""
    assert set(Article.objects.exclude(pk=article.pk).values_list("pk", flat=True)) == bystander


def _bomb_wrap(inner: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    return compressor.compress(inner) + compressor.flush()


HUGE_PAGE = (
    "<html><body><article>"
    + "<p>The minister said that the plan would work, and critics said it would not.</p>\n" * 8000
    + "</article></body></html>"
)


def test_a_page_too_slow_to_clean_fails_within_the_budget(
    fetch_settings: FixtureServer, settings: Any, bystander: set[int]
) -> None:
    settings.ARTICLE_CLEAN_BUDGET_SECONDS = 0.01
    fetch_settings.route("/hostile/huge-page", Reply(body=HUGE_PAGE.encode()))
    article, _ = article_submit_url(url=fetch_settings.url("/hostile/huge-page"))
    assert article_fetch(article_id=article.pk) is None
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert "extracting the main text of the page took longer than its 0.01 s budget" in article.error
    assert article.text == ""
    assert set(Article.objects.exclude(pk=article.pk).values_list("pk", flat=True)) == bystander


def test_an_html_file_too_slow_to_clean_is_refused_clearly(
    tmp_path: Path, settings: Any, bystander: set[int], django_capture_on_commit_callbacks: Any
) -> None:
    settings.ARTICLE_CLEAN_BUDGET_SECONDS = 0.01
    page = tmp_path / "huge.html"
    page.write_text(HUGE_PAGE, encoding="utf-8")
    err = _ingest_fails(str(page), capture=django_capture_on_commit_callbacks)
    assert "took longer than its 0.01 s budget" in err
    _nothing_written(bystander)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "gopher://127.0.0.1:70/"])
def test_the_api_and_the_admin_refuse_other_schemes_as_such(
    url: str, bystander: set[int], admin_client: Any
) -> None:
    from django.contrib.auth.models import Permission
    from rest_framework.test import APIClient

    from claimtrack.api.services import api_token_create
    from tests.factories import UserFactory

    user = UserFactory(is_staff=False)
    user.user_permissions.add(*Permission.objects.filter(codename__in=["view_article", "add_article"]))
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {api_token_create(user=user, name='hostile')[1]}")
    response = api.post("/api/v1/articles/", {"url": url}, format="json")
    assert response.status_code == 400
    assert "unsupported URL scheme" in str(response.json())
    page = admin_client.post("/admin/sources/article/add/", {"url": url, "content": "", "title": ""})
    assert page.status_code == 200
    assert "unsupported URL scheme" in page.content.decode()
    _nothing_written(bystander)
