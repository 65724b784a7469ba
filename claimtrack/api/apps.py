from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The REST API's shared parts: named tokens, errors, parsers, throttling, schema."""

    name = "claimtrack.api"
    label = "api"
    verbose_name = "API"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers the schema extension for the token authentication.
        # The response cache's data version: every table (those added later too) records its writes.
        from django.db.models.signals import post_migrate

        from claimtrack.api import schema  # noqa: F401
        from claimtrack.api.data_version import on_post_migrate

        post_migrate.connect(on_post_migrate, sender=self, dispatch_uid="api-data-version-triggers")
