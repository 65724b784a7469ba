"""The Report admin: list, downloads and Generate now, as an Editor and as a Reviewer."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

from quotes.models import Report
from quotes.reports.storage import report_generate
from quotes.reports.weeks import week_parse, zone
from tests.reports.conftest import published

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/quotes/report/"


def _week(iso="2026-W47"):
    return week_parse(iso, tz=zone("UTC"))


@time_machine.travel(datetime(2026, 11, 25, 12, 0, tzinfo=UTC), tick=True)
def test_editor_sees_the_form_and_generates_a_chosen_week(client, editor) -> None:
    published(at=datetime(2026, 11, 18, tzinfo=UTC), statement="<b>bold</b> claim")
    client.force_login(editor)
    page = client.get(CHANGELIST)
    assert page.status_code == 200
    assert b"Generate now" in page.content and b'value="2026-W48"' in page.content
    assert b"Monday 00:00 to Monday 00:00 (UTC)" in page.content
    response = client.post(reverse("admin:quotes_report_generate"), {"week": "2026-W47"}, follow=True)
    report = Report.objects.get()
    assert report.iso_week == "2026-W47" and report.generated_by == editor
    text = response.content.decode()
    assert "Report 2026-W47 generated (1 claim published)" in text
    assert reverse("admin:quotes_report_download", args=[report.pk, "html"]) in text
    # Again: the same row, replaced.
    client.post(reverse("admin:quotes_report_generate"), {"week": "2026-W47"})
    assert Report.objects.count() == 1


def test_a_bad_week_is_an_error_message_not_a_500(client, editor) -> None:
    client.force_login(editor)
    response = client.post(reverse("admin:quotes_report_generate"), {"week": "soon"}, follow=True)
    assert response.status_code == 200
    assert "is not an ISO week" in response.content.decode()
    assert not Report.objects.exists()


def test_reviewer_can_read_reports_but_not_generate(client, reviewer) -> None:
    report = report_generate(week=_week())
    client.force_login(reviewer)
    page = client.get(CHANGELIST)
    assert page.status_code == 200
    assert b"2026-W47" in page.content and b"Generate now" not in page.content
    response = client.post(reverse("admin:quotes_report_generate"), {"week": "2026-W46"}, follow=True)
    assert "permission to" in response.content.decode()
    assert list(Report.objects.all()) == [report]


def test_downloads_html_inline_with_csp_csv_and_json_as_attachments(client, reviewer) -> None:
    report = report_generate(week=_week())
    client.force_login(reviewer)
    html = client.get(reverse("admin:quotes_report_download", args=[report.pk, "html"]))
    assert html.status_code == 200 and html["Content-Type"].startswith("text/html")
    assert "default-src 'none'" in html["Content-Security-Policy"]
    assert b"<svg" in b"".join(html.streaming_content)
    csv_file = client.get(reverse("admin:quotes_report_download", args=[report.pk, "csv"]))
    assert (
        csv_file["Content-Disposition"].startswith("attachment")
        and "2026-W47.csv" in csv_file["Content-Disposition"]
    )
    assert client.get(reverse("admin:quotes_report_download", args=[report.pk, "pdf"])).status_code == 404
    assert (
        client.get(reverse("admin:quotes_report_download", args=[report.pk + 99, "csv"])).status_code == 404
    )


def test_someone_without_view_permission_cannot_download(client, django_user_model) -> None:
    report = report_generate(week=_week())
    staff = django_user_model.objects.create_user("intern", password="x", is_staff=True)
    client.force_login(staff)
    assert client.get(reverse("admin:quotes_report_download", args=[report.pk, "csv"])).status_code == 403


def test_report_rows_cannot_be_added_or_edited_by_hand(client, admin_user) -> None:
    report = report_generate(week=_week())
    client.force_login(admin_user)
    assert client.get(f"{CHANGELIST}add/").status_code == 403
    change = client.get(f"{CHANGELIST}{report.pk}/change/")
    assert change.status_code == 200 and b'name="_save"' not in change.content
    assert client.get(f"{CHANGELIST}?q=2026-W47").status_code == 200


def test_a_file_missing_from_storage_is_a_404_not_a_500(client, reviewer) -> None:
    report = report_generate(week=_week())
    report.csv_file.storage.delete(report.csv_file.name)
    client.force_login(reviewer)
    assert client.get(reverse("admin:quotes_report_download", args=[report.pk, "csv"])).status_code == 404
