"""``manage.py ingest`` on the seed article and on bad input."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from quotes.models import Quote, Speaker
from sources.models import Article

pytestmark = pytest.mark.django_db


def _ingest(*paths, capture) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    with capture(execute=True):
        call_command("ingest", *[str(p) for p in paths], stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_seed_article_gives_pending_candidates_for_both_speakers(
    seed_article_path, django_capture_on_commit_callbacks
) -> None:
    out, _ = _ingest(seed_article_path, capture=django_capture_on_commit_callbacks)

    article = Article.objects.get()
    assert article.status == Article.Status.EXTRACTED, article.error
    assert article.text == seed_article_path.read_text(encoding="utf-8")
    assert article.title.startswith("Armenia will leave Russian-led military bloc")
    pending = Quote.objects.filter(article=article, status=Quote.Status.PENDING)
    attributed = pending.filter(speaker__name__in=["Nikol Pashinyan", "Mikahil Galuzin"])
    assert attributed.count() >= 8
    assert set(attributed.values_list("speaker__name", flat=True)) == {
        "Nikol Pashinyan",
        "Mikahil Galuzin",
    }
    for quote in pending:
        assert article.text[quote.start : quote.end]
    assert "1 created" in out and "quote candidates" in out


def test_ingesting_a_folder_twice_skips_the_duplicate(
    seed_article_path, django_capture_on_commit_callbacks
) -> None:
    _ingest(seed_article_path.parent, capture=django_capture_on_commit_callbacks)
    quotes_before = Quote.objects.count()
    out, _ = _ingest(seed_article_path.parent, capture=django_capture_on_commit_callbacks)
    assert "skipped, duplicate of article" in out
    assert "1 duplicate(s) skipped" in out
    assert Article.objects.count() == 1
    assert Quote.objects.count() == quotes_before


def test_html_file_is_ingested_with_raw_html_kept_apart(
    tmp_path: Path, django_capture_on_commit_callbacks
) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Budget row</title></head><body><nav>Home | World</nav>"
        "<article><h1>Budget row</h1><p>The minister Jane Doe said on Monday that the budget "
        "would be balanced next year, and that taxes would not rise.</p><p>\u201cWe have done "
        "the hard part,\u201d Doe told reporters in the capital after the cabinet met.</p>"
        "</article><footer>Copyright</footer></body></html>",
        encoding="utf-8",
    )
    _ingest(page, capture=django_capture_on_commit_callbacks)
    article = Article.objects.get()
    assert "<article>" in article.raw_html
    assert "<" not in article.text
    assert "We have done the hard part" in article.text
    assert article.title == "Budget row"


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("empty.txt", b"", "the file is empty"),
        ("blank.txt", b"   \n\n  ", "the file is empty"),
        ("junk.txt", bytes(range(256)) * 8, "binary"),
        ("image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary"),
        ("notes.pdf", b"%PDF-1.4 some text", "unsupported file type"),
    ],
)
def test_bad_input_is_reported_and_changes_nothing(
    tmp_path: Path, name, content, message, django_capture_on_commit_callbacks
) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    with pytest.raises(CommandError, match="1 failed"):
        _ingest(bad, capture=django_capture_on_commit_callbacks)
    assert not Article.objects.exists()
    assert not Speaker.objects.exists()


def test_missing_file_fails_clearly_while_good_files_still_go_in(
    tmp_path: Path, seed_article_path, django_capture_on_commit_callbacks
) -> None:
    err = StringIO()
    with pytest.raises(CommandError, match="1 created, 0 duplicate\\(s\\) skipped, 1 failed"):
        with django_capture_on_commit_callbacks(execute=True):
            call_command(
                "ingest",
                str(tmp_path / "missing.txt"),
                str(seed_article_path),
                stdout=StringIO(),
                stderr=err,
            )
    assert "missing.txt: failed, no such file" in err.getvalue()
    assert Article.objects.count() == 1


def test_url_input_registers_a_queued_article_once(django_capture_on_commit_callbacks) -> None:
    out = StringIO()
    # Callbacks are captured, not run: the fetch would go to the network.
    with django_capture_on_commit_callbacks() as callbacks:
        call_command("ingest", "https://news.example/a?utm_source=x", stdout=out)
        call_command("ingest", "https://NEWS.example/a/", stdout=out)
    article = Article.objects.get()
    assert article.url == "https://news.example/a"
    assert article.status == Article.Status.QUEUED
    assert "queued" in out.getvalue()
    assert "skipped, duplicate of article" in out.getvalue()
    assert len(callbacks) == 1


def test_unusable_url_input_fails_clearly() -> None:
    err = StringIO()
    with pytest.raises(CommandError, match="1 failed"):
        call_command("ingest", "https://user:pw@news.example/a", stdout=StringIO(), stderr=err)
    assert "credentials" in err.getvalue()
    assert not Article.objects.exists()
