from django.apps import AppConfig


class QuotesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "quotes"
    verbose_name = "Quotes, speakers and claims"

    def ready(self) -> None:
        # The weekly report's admin and task live in quotes/reports/; register them here
        # (Celery's autodiscovery only looks at quotes/tasks.py).
        from quotes.reports import admin as reports_admin  # noqa: F401
        from quotes.reports import tasks as reports_tasks  # noqa: F401

        self._connect_feed_stamp()

    def _connect_feed_stamp(self) -> None:
        # What the ClaimReview feed shows of rows other than the claims (quotes/feed_stamp.py).
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from quotes.feed_stamp import NOT_SHOWN_WHEN_NEW, on_feed_row_changed
        from quotes.models import Claim, ClaimCorrection, Rating, Speaker
        from sources.models import Article, Source

        NOT_SHOWN_WHEN_NEW.update({Speaker, Article, Source, Claim})
        for model in (Speaker, Rating, Article, Source, Claim, ClaimCorrection):
            post_save.connect(
                on_feed_row_changed, sender=model, dispatch_uid=f"feed-stamp-save-{model.__name__}"
            )
            post_delete.connect(
                on_feed_row_changed, sender=model, dispatch_uid=f"feed-stamp-delete-{model.__name__}"
            )
        m2m_changed.connect(
            on_feed_row_changed, sender=Claim.appearances.through, dispatch_uid="feed-stamp-appearances"
        )
