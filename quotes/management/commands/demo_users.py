"""Create the demo's desk users: admin (superuser), reviewer (Reviewer) and editor (Editor)."""

from typing import Any

from django.core.management.base import BaseCommand

from quotes.services.users import desk_user_ensure

DEMO_USERS = (
    ("admin", "admin", None, True),
    ("reviewer", "reviewer", "Reviewer", False),
    ("editor", "editor", "Editor", False),
)


class Command(BaseCommand):
    help = "Create or reset the demo users admin/admin, reviewer/reviewer and editor/editor (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        for username, password, role, superuser in DEMO_USERS:
            desk_user_ensure(username=username, password=password, role=role, superuser=superuser)
            what = "superuser" if superuser else f"{role} group"
            self.stdout.write(f"  {username} / {password}  ({what})")
