"""The fact-checker's desk in the Django admin, one module per area.

queue: the keyboard review queue · quotes: the quote list and page · claims: claims and
ratings · speakers: speakers, aliases, merge, duplicates · decisions: the audit trail.
The dashboard and the section order live in ``quotes.admin_site``.
"""

from quotes.admin import claims, decisions, quotes, speakers

__all__ = ["claims", "decisions", "quotes", "speakers"]
