from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The REST API's shared parts: named tokens, errors, parsers, throttling, schema."""

    name = "claimtrack.api"
    label = "api"
    verbose_name = "API"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers the schema extension for the token authentication.
        from claimtrack.api import schema  # noqa: F401
