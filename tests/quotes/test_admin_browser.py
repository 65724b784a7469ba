"""A fact-checker's review in a real browser: Debian's headless Chromium driven by Playwright."""

import pytest
from django.utils import timezone

from quotes.models import Quote, ReviewDecision
from tests.factories import ArticleFactory, QuoteFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


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
