"""The reports API as the lead mounts it at /api/v1/reports/: list, detail, downloads."""

import pytest

from quotes.reports.storage import report_generate
from quotes.reports.weeks import week_parse, zone

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.reports.urls")]


@pytest.fixture
def reports():
    tz = zone("UTC")
    return [report_generate(week=week_parse(w, tz=tz)) for w in ("2026-W46", "2026-W47")]


def test_list_and_detail_with_download_links(client, reviewer, reports) -> None:
    client.force_login(reviewer)
    body = client.get("/api/v1/reports/").json()
    assert body["count"] == 2
    assert [r["iso_week"] for r in body["results"]] == ["2026-W47", "2026-W46"]
    first = body["results"][0]
    assert set(first) == {
        "id",
        "url",
        "iso_week",
        "week_start",
        "time_zone",
        "claims_published",
        "corrections",
        "generated_at",
        "files",
    }
    assert first["files"]["csv"] == f"http://testserver/api/v1/reports/{first['id']}/csv/"
    detail = client.get(f"/api/v1/reports/{first['id']}/")
    assert detail.status_code == 200 and detail.json() == first
    only = client.get("/api/v1/reports/", {"week": "2026-W46"}).json()
    assert [r["iso_week"] for r in only["results"]] == ["2026-W46"]


def test_downloads_per_format(client, reviewer, reports) -> None:
    client.force_login(reviewer)
    pk = reports[1].pk
    for fmt, kind in (("csv", "text/csv"), ("json", "application/json"), ("html", "text/html")):
        response = client.get(f"/api/v1/reports/{pk}/{fmt}/")
        assert response.status_code == 200 and response["Content-Type"].startswith(kind)
        assert b"".join(response.streaming_content)
    assert client.get(f"/api/v1/reports/{pk}/xls/").status_code == 404
    assert client.get("/api/v1/reports/9999/csv/").status_code == 404


def test_anonymous_requests_are_refused(client, reports) -> None:
    assert client.get("/api/v1/reports/").status_code in (401, 403)
    assert client.get(f"/api/v1/reports/{reports[0].pk}/csv/").status_code in (401, 403)


def test_the_openapi_schema_describes_the_reports_endpoints(capsys) -> None:
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator(urlconf="tests.reports.urls").get_schema(request=None, public=True)
    paths = schema["paths"]
    assert {"/api/v1/reports/", "/api/v1/reports/{id}/", "/api/v1/reports/{id}/{fmt}/"} <= set(paths)
    assert "ReportOutput" in schema["components"]["schemas"]
    assert paths["/api/v1/reports/{id}/{fmt}/"]["get"]["operationId"] == "reports_file_retrieve"
    problems = capsys.readouterr().err
    assert "Warning" not in problems and "Error" not in problems, problems
