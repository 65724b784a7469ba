"""The stored weekly report: one row per ISO week, with its three files (Django storage)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Report(models.Model):
    """The report of one ISO week (Monday 00:00 to Monday 00:00 in ``time_zone``).

    Unfiltered weekly reports only: custom exports with filters go to a folder, not here.
    Re-generating a week replaces its files and updates this row.
    """

    iso_week = models.CharField(max_length=8, unique=True, help_text="e.g. 2026-W47")
    week_start = models.DateField(unique=True, help_text="The Monday the week starts on.")
    time_zone = models.CharField(max_length=64)
    csv_file = models.FileField(upload_to="reports/", max_length=300, blank=True)
    json_file = models.FileField(upload_to="reports/", max_length=300, blank=True)
    html_file = models.FileField(upload_to="reports/", max_length=300, blank=True)
    claims_published = models.PositiveIntegerField(default=0)
    corrections = models.PositiveIntegerField(default=0)
    generated_at = models.DateTimeField()
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    emailed_to = models.JSONField(default=list, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "quotes"
        ordering = ["-week_start"]
        permissions = [("generate_report", "Can generate weekly claim reports")]
        constraints = [models.CheckConstraint(condition=~Q(iso_week=""), name="report_iso_week_not_empty")]

    def __str__(self) -> str:
        return f"Claim report {self.iso_week}"
