"""``python manage.py setup_periodic_tasks``: the one place where periodic tasks are
declared. Schedules live in the database (django-celery-beat) so editors can change
them in the admin; running this again resets the declared ones and keeps the rest.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django_celery_beat.models import CrontabSchedule, PeriodicTask

# (name, task, crontab fields). Each feed's own poll interval decides whether it is due;
# this only sets how often "due" is checked.
SCHEDULES: list[tuple[str, str, dict[str, str]]] = [
    # https://crontab.guru/#*_*_*_*_*
    ("sources: poll due feeds", "sources.tasks.feeds_poll_due", {"minute": "*"}),
    # https://crontab.guru/#*/15_*_*_*_*
    ("sources: re-queue stuck articles", "sources.tasks.articles_requeue_stuck", {"minute": "*/15"}),
    # The response cache's write log, folded into one count every minute, the shortest a
    # crontab allows: every API request counts the log's rows, and a busy ingestion adds
    # about 14 per article (some 28,000 a minute per worker at full speed, about 1.3 ms to
    # count). https://crontab.guru/#*_*_*_*_*
    (
        "api: compact the data version's write log",
        "claimtrack.api.tasks.data_version_compact",
        {"minute": "*"},
    ),
    # Counts of ended throttle windows (one row per token and window, kept in PostgreSQL).
    # https://crontab.guru/#*/10_*_*_*_*
    ("api: prune ended throttle counts", "claimtrack.api.tasks.throttle_counts_prune", {"minute": "*/10"}),
]


def _local_schedules() -> list[tuple[str, str, dict[str, str]]]:
    """Schedules in the configured time zone (TIME_ZONE), read when the command runs."""
    return [
        # The weekly claim report, by default Monday 06:00: https://crontab.guru/#0_6_*_*_1
        (
            "quotes: weekly claim report",
            "quotes.reports.tasks.report_weekly",
            {
                "minute": "0",
                "hour": str(settings.REPORT_SCHEDULE_HOUR),
                "day_of_week": str(settings.REPORT_SCHEDULE_DAY),
            },
        ),
    ]


class Command(BaseCommand):
    help = "Create or update the periodic tasks (django-celery-beat) declared in code."

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        schedules = [(*entry, "UTC") for entry in SCHEDULES]
        schedules += [(*entry, settings.TIME_ZONE) for entry in _local_schedules()]
        for name, task, fields, tz in schedules:
            crontab_fields = {
                "minute": "*",
                "hour": "*",
                "day_of_week": "*",
                "day_of_month": "*",
                "month_of_year": "*",
                **fields,
            }
            schedule, _ = CrontabSchedule.objects.get_or_create(timezone=tz, **crontab_fields)
            _, created = PeriodicTask.objects.update_or_create(
                name=name,
                defaults={"task": task, "crontab": schedule, "interval": None, "enabled": True},
            )
            self.stdout.write(f"{'created' if created else 'updated'}: {name} -> {task}")
