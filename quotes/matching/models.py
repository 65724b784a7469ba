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


class QuoteVariant(models.Model):
    """One more report of a quote already seen: ``quote`` (a later appearance, in another
    article) is ``canonical`` (the first report) in the same or nearly the same words."""

    quote = models.OneToOneField("quotes.Quote", on_delete=models.CASCADE, related_name="variant_of")
    canonical = models.ForeignKey("quotes.Quote", on_delete=models.CASCADE, related_name="variants")
    similarity = models.FloatField(help_text="Word-sequence similarity to the canonical quote (0-1).")
    same_words = models.BooleanField(help_text="The same words, beyond punctuation and case.")
    diff = models.JSONField(default=list, blank=True, help_text='Word diff: [{"op", "a", "b"}, ...].')
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "quotes"
        ordering = ["canonical_id", "quote_id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(quote=models.F("canonical")), name="quote_variant_not_itself"
            ),
            models.CheckConstraint(
                condition=Q(similarity__gte=0) & Q(similarity__lte=1), name="quote_variant_similarity_0_1"
            ),
        ]

    def __str__(self) -> str:
        flag = "same words" if self.same_words else "possible misquote"
        return f"quote #{self.quote_id} reports #{self.canonical_id} ({flag})"

    @property
    def possible_misquote(self) -> bool:
        return not self.same_words
