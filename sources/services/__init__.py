"""Writes for sources and articles, one module per area (re-exported here):

- articles: creation from text and files, extraction claims (foundation)
- ingest: articles from URLs and pasted input, fetching, re-queueing
- feeds: feed polling
"""

from sources.services.articles import (
    ArticleDuplicateError,
    ArticleInputError,
    article_claim_for_extraction,
    article_create,
    article_create_from_file,
    article_mark_failed,
    article_release_claim,
    stale_claim_q,
)
from sources.services.feeds import (
    FeedPollOutcome,
    feed_enqueue_poll,
    feed_poll,
    feeds_enqueue_due,
)
from sources.services.ingest import (
    ArticleSubmission,
    article_claim_for_fetch,
    article_create_from_pasted,
    article_create_from_url,
    article_fetch,
    article_fetch_and_extract,
    article_release_fetch,
    article_requeue,
    article_submit,
    article_submit_url,
    articles_requeue_stuck,
)

__all__ = [
    "ArticleDuplicateError",
    "ArticleInputError",
    "ArticleSubmission",
    "article_submit",
    "FeedPollOutcome",
    "article_claim_for_extraction",
    "article_claim_for_fetch",
    "article_create",
    "article_create_from_file",
    "article_create_from_pasted",
    "article_create_from_url",
    "article_submit_url",
    "article_fetch",
    "article_fetch_and_extract",
    "article_mark_failed",
    "article_release_claim",
    "article_release_fetch",
    "article_requeue",
    "articles_requeue_stuck",
    "feed_enqueue_poll",
    "feed_poll",
    "feeds_enqueue_due",
    "stale_claim_q",
]
