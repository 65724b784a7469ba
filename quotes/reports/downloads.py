"""Serving a stored report file, shared by the admin and the API."""

from __future__ import annotations

from django.http import FileResponse, Http404

from quotes.reports.models import Report

FORMATS = ("html", "csv", "json")


def report_file_response(*, report: Report, fmt: str) -> FileResponse:
    """The stored file; HTML opens in the browser under a strict CSP, CSV and JSON download."""
    field = getattr(report, f"{fmt}_file", None) if fmt in FORMATS else None
    if not field:
        raise Http404("No such report file.")
    try:
        handle = field.open("rb")
    except FileNotFoundError as exc:
        raise Http404("The report file is missing from storage; generate the week again.") from exc
    name = field.name.rsplit("/", 1)[-1]
    response = FileResponse(handle, as_attachment=fmt != "html", filename=name)
    response["Content-Type"] = {
        "html": "text/html; charset=utf-8",
        "csv": "text/csv; charset=utf-8",
        "json": "application/json",
    }[fmt]
    # The report needs nothing from anywhere: no script, no fetch, only its inline styles.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    return response
