"""Stored matches: which existing claims a quote candidate repeats (Django model).

Declared in this package, registered with the ``quotes`` app by ``quotes/models.py``.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q


class QuoteClaimMatch(models.Model):
    """A quote that likely repeats (``same``) or may concern (``related``) a checked claim."""

    class Level(models.TextChoices):
        SAME = "same", "Same claim"
        RELATED = "related", "Related"

    quote = models.ForeignKey("quotes.Quote", on_delete=models.CASCADE, related_name="claim_matches")
    claim = models.ForeignKey("quotes.Claim", on_delete=models.CASCADE, related_name="quote_matches")
    score = models.FloatField()
    level = models.CharField(max_length=16, choices=Level.choices)
    reasons = models.JSONField(default=list, blank=True, help_text="Why: shared terms, guards that fired.")
    matched_text = models.TextField(blank=True, help_text="The claim's wording that matched best.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "quotes"
        ordering = ["quote_id", "-score", "claim_id"]
        verbose_name_plural = "quote claim matches"
        constraints = [
            models.UniqueConstraint(fields=["quote", "claim"], name="quote_claim_match_unique"),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=1), name="quote_claim_match_score_0_1"
            ),
        ]

    def __str__(self) -> str:
        return f"quote #{self.quote_id} {self.level} claim #{self.claim_id} ({self.score:.2f})"
