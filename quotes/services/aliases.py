"""Removing a speaker's alias (adding one is ``speaker_alias_add``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from claimtrack.errors import ApplicationError
from quotes.models import ReviewDecision, SpeakerAlias
from quotes.names import normalise_name
from quotes.services.decisions import decision_record
from quotes.services.permissions import PERM_CHANGE_SPEAKER, permission_require

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@transaction.atomic
def speaker_alias_remove(*, alias: SpeakerAlias, actor: User | None) -> None:
    """Drop an alias. A speaker's own name stays one of its aliases, so resolution finds it."""
    permission_require(actor, PERM_CHANGE_SPEAKER)
    alias = SpeakerAlias.objects.select_related("speaker").select_for_update(of=("self",)).get(pk=alias.pk)
    speaker = alias.speaker
    if alias.normalised == normalise_name(speaker.name):
        raise ApplicationError(f"“{alias.alias}” is the speaker's own name; rename the speaker instead.")
    decision_record(
        actor=actor,
        action=ReviewDecision.Action.UPDATE,
        obj=speaker,
        changes={"aliases": [alias.alias, None]},
        note="Alias removed",
    )
    alias.delete()
