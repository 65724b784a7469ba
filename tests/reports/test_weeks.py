"""ISO weeks in a time zone (pure, no database)."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from quotes.reports.weeks import WeekError, week_containing, week_last_complete, week_parse, zone

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
AUCKLAND = ZoneInfo("Pacific/Auckland")


def test_an_iso_week_starts_on_its_monday() -> None:
    week = week_parse("2026-W47", tz=ZoneInfo("UTC"))
    assert week.monday == date(2026, 11, 16)
    assert week.iso == "2026-W47"
    assert week.start == datetime(2026, 11, 16, tzinfo=UTC)
    assert week.end == datetime(2026, 11, 23, tzinfo=UTC)


def test_a_date_names_the_week_it_falls_in() -> None:
    assert week_parse("2026-11-22", tz=BERLIN).iso == "2026-W47"
    assert week_parse("2026W47", tz=BERLIN).monday == date(2026, 11, 16)


def test_iso_week_one_may_start_in_the_previous_year() -> None:
    assert week_parse("2026-W01", tz=BERLIN).monday == date(2025, 12, 29)
    assert week_parse("2026-W53", tz=BERLIN).monday == date(2026, 12, 28)


@pytest.mark.parametrize("bad", ["2026-W54", "2025-W53", "W47", "next week", "2026-13-01", ""])
def test_unreadable_weeks_are_refused_with_a_clear_error(bad: str) -> None:
    with pytest.raises(WeekError, match="ISO week"):
        week_parse(bad, tz=BERLIN)


def test_an_unknown_time_zone_is_refused() -> None:
    with pytest.raises(WeekError, match="Unknown time zone"):
        zone("Mars/Olympus_Mons")


def test_boundaries_are_local_midnights_in_utc() -> None:
    week = week_parse("2026-W47", tz=BERLIN)
    assert week.start.astimezone(UTC) == datetime(2026, 11, 15, 23, 0, tzinfo=UTC)
    assert week.end.astimezone(UTC) == datetime(2026, 11, 22, 23, 0, tzinfo=UTC)
    auckland = week_parse("2026-W47", tz=AUCKLAND)
    assert auckland.start.astimezone(UTC) == datetime(2026, 11, 15, 11, 0, tzinfo=UTC)


def _hours(week) -> float:
    # Subtract in UTC: Python subtracts two datetimes of the same zone by wall clock.
    return (week.end.astimezone(UTC) - week.start.astimezone(UTC)) / timedelta(hours=1)


def test_a_week_with_the_autumn_dst_change_lasts_169_hours() -> None:
    # Europe leaves summer time on Sunday 25 October 2026 (03:00 CEST -> 02:00 CET).
    week = week_parse("2026-W43", tz=BERLIN)
    assert week.start.astimezone(UTC) == datetime(2026, 10, 18, 22, 0, tzinfo=UTC)
    assert week.end.astimezone(UTC) == datetime(2026, 10, 25, 23, 0, tzinfo=UTC)
    assert _hours(week) == 169
    assert _hours(week.shifted(1)) == 168


def test_a_week_with_the_spring_dst_change_lasts_167_hours() -> None:
    # The United States start summer time on Sunday 8 March 2026.
    week = week_parse("2026-W10", tz=NEW_YORK)
    assert _hours(week) == 167
    assert week.start.astimezone(UTC) == datetime(2026, 3, 2, 5, 0, tzinfo=UTC)
    assert week.end.astimezone(UTC) == datetime(2026, 3, 9, 4, 0, tzinfo=UTC)


def test_the_week_of_a_moment_depends_on_the_time_zone() -> None:
    # Sunday 23:30 UTC is already Monday in Berlin.
    moment = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)
    assert week_containing(moment, tz=ZoneInfo("UTC")).iso == "2026-W47"
    assert week_containing(moment, tz=BERLIN).iso == "2026-W48"
    assert week_containing(moment, tz=NEW_YORK).iso == "2026-W47"


def test_the_last_complete_week_is_the_one_before_the_current_local_week() -> None:
    moment = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)
    assert week_last_complete(moment, tz=BERLIN).iso == "2026-W47"
    assert week_last_complete(moment, tz=ZoneInfo("UTC")).iso == "2026-W46"
