"""Shared helpers for the weekly report tests: stored files under a temporary MEDIA_ROOT,
and published claims made directly (the workflow itself is tested in tests/quotes)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import pytest

from quotes.models import Claim, Quote, Rating, Speaker
from tests.factories import ClaimFactory, SpeakerFactory


@pytest.fixture(autouse=True)
def _report_media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.REPORT_EMAIL_TO = []


def rating(value: int) -> Rating:
    """A step of the default scale the data migration makes (1 False ... 5 True)."""
    return Rating.objects.get(value=value)


def published(
    *,
    at: datetime,
    statement: str = "Unemployment halved in a year.",
    rating_value: int = 1,
    claimant: Speaker | None = None,
    quotes: Sequence[Quote] = (),
    first_seen: datetime | None = None,
    ruling: str = "The statistics office says otherwise.",
    checker=None,
) -> Claim:
    claim = ClaimFactory(
        statement=statement,
        claimant=claimant or SpeakerFactory(),
        status=Claim.Status.PUBLISHED,
        rating=rating(rating_value),
        ruling=ruling,
        published_at=at,
        first_seen=first_seen,
        checker=checker,
    )
    claim.appearances.add(*quotes)
    return claim


@pytest.fixture
def migration_data(transactional_db):
    """A transactional test starts after a flush, which drops the rows that data migrations
    made (the rating scale, the desk groups and their permissions): put them back."""
    from importlib import import_module

    from django.apps import apps
    from django.contrib.auth.models import Group, Permission

    import_module("quotes.migrations.0002_default_rating_scale").install_scale(apps, None)
    desk = import_module("quotes.migrations.0005_reviewer_editor_groups")
    reports = import_module("quotes.migrations.0008_weekly_report")
    for name, codenames in (("Reviewer", desk.REVIEWER), ("Editor", desk.EDITOR)):
        group, _ = Group.objects.get_or_create(name=name)
        codenames = [*codenames, *reports.GROUP_PERMS[name]]
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label__in=["quotes", "sources"], codename__in=codenames
            )
        )
