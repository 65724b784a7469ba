from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from sources.models import Article


class Speaker(models.Model):
    """A person, organisation or place that quotes are attributed to."""

    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        ORGANISATION = "organisation", "Organisation"
        PLACE = "place", "Place"

    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.PERSON)
    title = models.CharField(max_length=300, blank=True, help_text="Title or role")
    affiliation = models.CharField(max_length=300, blank=True)
    country = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1 alpha-2")
    wikidata_id = models.CharField(max_length=32, blank=True, help_text="e.g. Q123")
    description = models.TextField(blank=True)
    possible_duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="possible_duplicates",
        help_text="Set when resolution was unsure; review and merge if it is the same speaker.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["wikidata_id"], condition=~Q(wikidata_id=""), name="speaker_wikidata_unique"
            ),
            models.CheckConstraint(condition=~Q(name=""), name="speaker_name_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name


class SpeakerAlias(models.Model):
    """Another way a speaker is written. One normalised alias maps to exactly one speaker."""

    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=300)
    normalised = models.CharField(max_length=300, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["alias"]
        verbose_name_plural = "speaker aliases"
        constraints = [models.CheckConstraint(condition=~Q(normalised=""), name="alias_normalised_not_empty")]

    def __str__(self) -> str:
        return self.alias


class Quote(models.Model):
    """An attributed quote found in an article; offsets are Python indices into article.text."""

    class Kind(models.TextChoices):
        DIRECT = "direct", "Direct"
        INDIRECT = "indirect", "Indirect"
        MIXED = "mixed", "Mixed"

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="quotes")
    speaker = models.ForeignKey(
        Speaker, on_delete=models.SET_NULL, null=True, blank=True, related_name="quotes"
    )
    speaker_mention = models.CharField(max_length=300, blank=True, help_text="As written")
    speaker_start = models.PositiveIntegerField(null=True, blank=True)
    speaker_end = models.PositiveIntegerField(null=True, blank=True)
    text = models.TextField()
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.DIRECT)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    spans = models.JSONField(default=list, blank=True)
    cue = models.CharField(max_length=100, blank=True)
    cue_start = models.PositiveIntegerField(null=True, blank=True)
    cue_end = models.PositiveIntegerField(null=True, blank=True)
    confidence = models.FloatField(default=0.5)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewed_quotes",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)
    reject_reason = models.CharField(
        max_length=100, blank=True, help_text="Why the candidate was rejected (one of REVIEW_REJECT_REASONS)."
    )
    review_seconds = models.FloatField(
        null=True, blank=True, help_text="Seconds the reviewer spent on the last decision."
    )
    in_boilerplate = models.BooleanField(
        default=False,
        help_text='Found in a block of teasers for other articles ("Top stories", "Related"); '
        "left out of the review queue by default.",
    )
    extractor_version = models.CharField(
        max_length=32, blank=True, help_text="Engine version; blank for quotes added by hand."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["article_id", "start"]
        indexes = [
            models.Index(fields=["status", "-confidence"], name="quote_status_confidence"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["article", "start", "end"], name="quote_unique_span"),
            models.CheckConstraint(
                condition=Q(start__gte=0) & Q(end__gt=F("start")), name="quote_offsets_valid"
            ),
            models.CheckConstraint(
                condition=Q(confidence__gte=0) & Q(confidence__lte=1),
                name="quote_confidence_0_1",
            ),
            models.CheckConstraint(
                condition=Q(status="pending") | Q(reviewed_at__isnull=False),
                name="quote_reviewed_has_time",
            ),
        ]

    def __str__(self) -> str:
        text = self.text if len(self.text) <= 80 else self.text[:77] + "..."
        return f"{self.speaker or self.speaker_mention or '?'}: {text}"


class Rating(models.Model):
    """One step of the verdict scale; ``value`` is the ClaimReview ratingValue."""

    label = models.CharField(max_length=100, unique=True)
    value = models.SmallIntegerField(unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["value"]

    def __str__(self) -> str:
        return f"{self.value} {self.label}"


class Claim(models.Model):
    """A checkable statement in the checker's words, with the quotes that carry it."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        PUBLISHED = "published", "Published"

    statement = models.TextField()
    claimant = models.ForeignKey(
        Speaker, on_delete=models.PROTECT, null=True, blank=True, related_name="claims"
    )
    appearances = models.ManyToManyField(Quote, blank=True, related_name="claims")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    rating = models.ForeignKey(Rating, on_delete=models.PROTECT, null=True, blank=True, related_name="claims")
    ruling = models.TextField(blank=True)
    first_seen = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    checker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="checked_claims",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Every change to a claim is versioned (django-simple-history), appearances included.
    history = HistoricalRecords(m2m_fields=[appearances], excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-created_at", "-id"]
        permissions = [("publish_claim", "Can publish, unpublish and correct claims")]
        constraints = [
            models.CheckConstraint(condition=~Q(statement=""), name="claim_statement_not_empty"),
            models.CheckConstraint(
                condition=~Q(status="published") | (Q(rating__isnull=False) & Q(published_at__isnull=False)),
                name="claim_published_has_rating",
            ),
        ]

    def __str__(self) -> str:
        return self.statement if len(self.statement) <= 80 else self.statement[:77] + "..."


class ClaimEvidence(models.Model):
    """A source the ruling rests on: a link and its title, in the order the checker gave."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="evidence")
    url = models.URLField(max_length=2000, validators=[URLValidator(schemes=["http", "https"])])
    title = models.CharField(max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name_plural = "evidence"

    def __str__(self) -> str:
        return self.title or self.url


class ClaimCorrection(models.Model):
    """A correction or an unpublication of a published claim, with the note readers see."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        UNPUBLICATION = "unpublication", "Unpublication"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    note = models.TextField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.CheckConstraint(condition=~Q(note=""), name="correction_note_not_empty")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of claim #{self.claim_id}"


class ReviewDecision(models.Model):
    """An audit record of one review decision: who, when, what, and what changed."""

    class Action(models.TextChoices):
        APPROVE = "approve", "Approve"
        REJECT = "reject", "Reject"
        UPDATE = "update", "Update"
        MERGE = "merge", "Merge"
        CREATE_CLAIM = "create_claim", "Create claim"
        UNDO = "undo", "Undo"
        SUBMIT = "submit", "Submit for review"
        PUBLISH = "publish", "Publish"
        UNPUBLISH = "unpublish", "Unpublish"
        CORRECT = "correct", "Correct"

    class ObjectKind(models.TextChoices):
        QUOTE = "quote", "Quote"
        CLAIM = "claim", "Claim"
        SPEAKER = "speaker", "Speaker"

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="review_decisions",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=16, choices=Action.choices)
    object_kind = models.CharField(max_length=16, choices=ObjectKind.choices)
    object_id = models.BigIntegerField()
    object_repr = models.CharField(max_length=300, blank=True)
    quote = models.ForeignKey(
        Quote, on_delete=models.SET_NULL, null=True, blank=True, related_name="decisions"
    )
    claim = models.ForeignKey(
        Claim, on_delete=models.SET_NULL, null=True, blank=True, related_name="decisions"
    )
    speaker = models.ForeignKey(
        Speaker, on_delete=models.SET_NULL, null=True, blank=True, related_name="decisions"
    )
    changes = models.JSONField(default=dict, blank=True, help_text="field: [before, after]")
    note = models.TextField(blank=True)
    seconds_spent = models.FloatField(null=True, blank=True, help_text="Time the reviewer took to decide.")
    undone_by = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="undoes"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["object_kind", "object_id"], name="decision_object")]

    def __str__(self) -> str:
        return f"{self.action} {self.object_kind} #{self.object_id}"


# Claim matching keeps its model in its own package (quotes/matching/models.py).
from quotes.matching.models import QuoteClaimMatch, QuoteVariant  # noqa: E402, F401

# The weekly report lives in its own package (quotes/reports/); imported here so that
# Django and the migration see it as a model of this app.
from quotes.reports.models import Report  # noqa: E402, F401
