"""Permission checks shared by every service, so the admin, the API and commands agree."""

from __future__ import annotations

from typing import TYPE_CHECKING

from claimtrack.errors import ActionNotPermitted

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

# What each role may do, by permission codename; the groups are made by a data migration.
PERM_REVIEW_QUOTE = "quotes.change_quote"
PERM_CHANGE_SPEAKER = "quotes.change_speaker"
PERM_ADD_CLAIM = "quotes.add_claim"
PERM_CHANGE_CLAIM = "quotes.change_claim"
PERM_PUBLISH_CLAIM = "quotes.publish_claim"

_ACTION_WORDS = {
    PERM_REVIEW_QUOTE: "review quotes",
    PERM_CHANGE_SPEAKER: "edit or merge speakers",
    PERM_ADD_CLAIM: "create claims",
    PERM_CHANGE_CLAIM: "edit claims",
    PERM_PUBLISH_CLAIM: "publish, unpublish or correct claims (Editors only)",
}


def permission_require(actor: User | AnonymousUser | None, perm: str) -> None:
    """Refuse unless ``actor`` holds ``perm``.

    ``None`` is the system itself (a management command, a task, a data migration): it is
    trusted. Every adapter that acts for a person (admin, API) passes that person.
    """
    if actor is None:
        return
    if not actor.is_active or not actor.has_perm(perm):
        raise ActionNotPermitted(f"You do not have permission to {_ACTION_WORDS.get(perm, perm)}.")
