"""A fact-checker's review in a real browser: Debian's headless Chromium driven by Playwright."""

import os
from pathlib import Path

import pytest
from django.db import connections
from django.utils import timezone

from quotes.models import Quote, ReviewDecision
from tests.factories import ArticleFactory, QuoteFactory

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(monkeypatch, tmp_path: Path):
    required = os.environ.get("CLAIMTRACK_REQUIRE_BROWSER", "") not in ("", "0", "false")
    try:
        from playwright import sync_api
    except ImportError:
        if required:
            pytest.fail(
                "A browser is required (CLAIMTRACK_REQUIRE_BROWSER=1) but Playwright is not installed"
            )
        pytest.skip("Playwright is not installed")
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: `make test` installs Debian's chromium"
    # Playwright's sync API runs an event loop in this thread; the ORM calls made by the test
    # itself between browser steps are still synchronous and safe.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context()
        page = context.new_page()
        page.set_default_timeout(15_000)
        yield page
        context.close()
        browser.close()
        # While Playwright's loop runs in this thread, Django keeps the ORM's connection in
        # separate (context-local) storage: close it here, or it outlives the test database.
        connections.close_all()


def test_checker_logs_in_filters_pending_and_approves_a_quote(page, live_server, admin_user) -> None:

    article = ArticleFactory(
        title="Armenia will leave the alliance",
        text='"We will leave," Nikol Pashinyan said. "Are you scaring me with that?" he added.',
    )
    target = QuoteFactory(article=article, start=0, end=16, text='"We will leave,"', confidence=0.9)
    QuoteFactory(article=article, start=38, end=70, text='"Are you scaring me with that?"', confidence=0.8)
    QuoteFactory(text="already decided", status=Quote.Status.REJECTED, reviewed_at=timezone.now())

    page.goto(f"{live_server.url}/admin/login/?next=/admin/quotes/quote/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "password")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/quotes/quote/")

    page.click("#changelist-filter a[href*='status__exact=pending']")
    page.wait_for_url("**status__exact=pending**")
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 2
    assert "already decided" not in page.content()

    row = rows.filter(has_text="We will leave")
    row.locator("input.action-select").check()
    page.select_option("select[name=action]", "approve")
    page.click("button[name=index]")
    page.wait_for_selector(".messagelist")
    assert "Approved 1 quote(s)." in page.inner_text(".messagelist")

    target.refresh_from_db()
    assert target.status == Quote.Status.APPROVED
    assert target.reviewer == admin_user
    assert ReviewDecision.objects.filter(quote=target, action="approve", actor=admin_user).exists()
    assert Quote.objects.filter(status=Quote.Status.PENDING).count() == 1
