from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from claimtrack.api.services import api_token_create
from claimtrack.errors import ApplicationError


class Command(BaseCommand):
    help = (
        "Create a named API token for a user and print it once (only its hash is stored). "
        "Use it as the header 'Authorization: Token <key>'."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", required=True, help="What the token is for, e.g. 'CMS plugin'.")
        parser.add_argument(
            "--expires-days", type=int, default=None, help="Expire after N days (default: never)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: options["username"]})
        except User.DoesNotExist:
            raise CommandError(f"No user named {options['username']!r}.") from None
        try:
            token, key = api_token_create(
                user=user, name=options["name"], expires_days=options["expires_days"]
            )
        except ApplicationError as exc:
            raise CommandError(exc.message) from None
        expiry = f"expires {token.expiry:%Y-%m-%d %H:%M} UTC" if token.expiry else "never expires"
        self.stdout.write(
            f"Token {options['name']!r} for {user.get_username()} ({expiry}); shown only once, keep it now."
        )
        # The key is the last word printed, so scripts can take it with awk '{print $NF}'.
        self.stdout.write(key)
