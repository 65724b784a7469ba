"""Writes for speakers, quotes and claims (services). Every review decision is recorded."""

from quotes.services.candidates import (
    CandidatesResult,
    quote_candidates_replace,
)
from quotes.services.claims import (
    CLAIM_EDITABLE_FIELDS,
    claim_correct,
    claim_create,
    claim_create_from_quote,
    claim_create_from_quotes,
    claim_publish,
    claim_submit,
    claim_unpublish,
    claim_update,
)
from quotes.services.extraction import (
    ArticleChangedError,
    ExtractionOutcome,
    article_extraction_handoff,
    article_extraction_run,
    article_quotes_extract,
)
from quotes.services.permissions import permission_require
from quotes.services.review import (
    QUOTE_EDITABLE_FIELDS,
    quote_approve,
    quote_decision_undo,
    quote_reject,
    quote_update,
)
from quotes.services.speakers import (
    SpeakerResolution,
    speaker_alias_add,
    speaker_create,
    speaker_merge,
    speaker_resolve,
    speaker_update,
)

__all__ = [
    "CLAIM_EDITABLE_FIELDS",
    "QUOTE_EDITABLE_FIELDS",
    "ArticleChangedError",
    "CandidatesResult",
    "ExtractionOutcome",
    "SpeakerResolution",
    "article_extraction_handoff",
    "article_extraction_run",
    "article_quotes_extract",
    "claim_correct",
    "claim_create",
    "claim_create_from_quote",
    "claim_create_from_quotes",
    "claim_publish",
    "claim_submit",
    "claim_unpublish",
    "claim_update",
    "permission_require",
    "quote_decision_undo",
    "quote_approve",
    "quote_candidates_replace",
    "quote_reject",
    "quote_update",
    "speaker_alias_add",
    "speaker_create",
    "speaker_merge",
    "speaker_resolve",
    "speaker_update",
]
