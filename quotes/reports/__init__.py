"""The weekly claim report: one builder (builder.py), one renderer per format (csv.py,
json.py, html.py), the stored Report and its files (storage.py), the thin task, admin and API.

See docs/reports.md for the CSV columns and the JSON structure.
"""
