"""The weekly report task on a real Celery worker with Redis: files and the Report row,
and a second run replacing them. Redis database: the suite's test broker (tests.celery_broker.TEST_BROKER_URL)."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker

from claimtrack.celery import app
from quotes.models import Report
from quotes.reports.tasks import report_weekly
from tests.celery_broker import TEST_BROKER_URL, redis_broker_at, wait_for
from tests.reports.conftest import published

BROKER_URL = TEST_BROKER_URL

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("migration_data"),
]


@pytest.fixture
def redis_broker():
    with redis_broker_at(BROKER_URL) as url:
        yield url


def test_worker_generates_the_week_and_a_rerun_replaces_it(redis_broker, settings) -> None:
    claim = published(at=datetime(2026, 11, 18, 9, 0, tzinfo=UTC), statement="=2+2 is five")
    media = Path(settings.MEDIA_ROOT)
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=20):
        report_weekly.delay("2026-W47")
        assert wait_for(lambda: Report.objects.filter(iso_week="2026-W47").exists()), "no Report row"
        first = Report.objects.get(iso_week="2026-W47")
        assert first.claims_published == 1
        files = sorted(p.name for p in media.rglob("*") if p.is_file())
        assert files == [f"claimtrack-report-2026-W47.{ext}" for ext in ("csv", "html", "json")]
        assert "'=2+2 is five" in first.csv_file.open("rb").read().decode()

        claim.status = "in_review"  # unpublished since: the rerun must reflect it
        claim.save()
        report_weekly.delay("2026-11-16")
        assert wait_for(lambda: Report.objects.get(pk=first.pk).generated_at > first.generated_at)
    second = Report.objects.get()
    assert second.pk == first.pk and second.claims_published == 0
    assert sorted(p.name for p in media.rglob("*") if p.is_file()) == files
    assert "=2+2" not in second.csv_file.open("rb").read().decode()
