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
