"""An editor generates a week's report in the admin and opens the HTML, in real headless
Chromium (Debian's, driven by Playwright)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from quotes.models import Report
from tests.factories import ArticleFactory, QuoteFactory, SourceFactory, SpeakerFactory
from tests.reports.conftest import published

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("migration_data"),
]


def test_editor_generates_this_weeks_report_and_opens_the_html(page, live_server, editor) -> None:
    article = ArticleFactory(source=SourceFactory(name="Daily Planet"), title="Jobs <figures>")
    published(
        at=timezone.now() - timedelta(minutes=5),
        statement="Unemployment fell by half <in a year>",
        claimant=SpeakerFactory(name="Jane Doe"),
        quotes=[QuoteFactory(article=article)],
    )
    page.goto(f"{live_server.url}/admin/login/?next=/admin/quotes/report/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "checker-password")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/quotes/report/")

    # The week field starts on this week; generate it.
    page.click("#report-generate input[type=submit]")
    page.wait_for_selector(".messagelist")
    message = page.inner_text(".messagelist")
    report = Report.objects.get()
    assert f"Report {report.iso_week} generated (1 claim published)" in message
    assert page.locator("#result_list tbody tr").count() == 1

    page.click(".messagelist a")  # "Open the HTML"
    page.wait_for_selector("svg")
    assert page.locator("svg").count() == 2
    assert "Unemployment fell by half <in a year>" in page.inner_text("blockquote")
    assert page.locator("script").count() == 0

    # Last week: generated as well, and it says it is empty.
    page.go_back()
    last = (timezone.localdate() - timedelta(days=7)).isocalendar()
    page.fill("#report-week", f"{last.year}-W{last.week:02d}")
    page.click("#report-generate input[type=submit]")
    page.wait_for_selector(".messagelist")
    assert "generated (an empty week)" in page.inner_text(".messagelist")
    page.click(".messagelist a")
    page.wait_for_selector("p.empty")
    assert "No claims were published" in page.inner_text("p.empty")
