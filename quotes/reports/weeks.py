"""ISO weeks in a time zone: a week is Monday 00:00 to the next Monday 00:00 local time.

Pure functions (no database). With a DST change inside the week, the week is 167 or 169
hours long: boundaries are local midnights, converted to UTC one by one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_ISO_WEEK = re.compile(r"^(\d{4})-?W(\d{2})$")


class WeekError(ValueError):
    """A week or time zone that cannot be read."""


@dataclass(frozen=True)
class Week:
    monday: date
    tz: ZoneInfo

    @property
    def iso(self) -> str:
        year, week, _ = self.monday.isocalendar()
        return f"{year}-W{week:02d}"

    @property
    def start(self) -> datetime:
        return datetime.combine(self.monday, time.min, tzinfo=self.tz)

    @property
    def end(self) -> datetime:
        return datetime.combine(self.monday + timedelta(days=7), time.min, tzinfo=self.tz)

    def shifted(self, weeks: int) -> Week:
        return Week(monday=self.monday + timedelta(weeks=weeks), tz=self.tz)


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise WeekError(f"Unknown time zone {name!r}.") from exc


def week_parse(value: str, *, tz: ZoneInfo) -> Week:
    """``2026-W47`` (or ``2026W47``) or a date inside the week (``2026-11-16``).

    >>> week_parse("2026-W47", tz=ZoneInfo("UTC")).monday
    datetime.date(2026, 11, 16)
    """
    value = value.strip()
    match = _ISO_WEEK.match(value)
    try:
        if match:
            day = date.fromisocalendar(int(match[1]), int(match[2]), 1)
        else:
            day = date.fromisoformat(value)
    except ValueError as exc:
        raise WeekError(f"{value!r} is not an ISO week like 2026-W47 or a date like 2026-11-16.") from exc
    return Week(monday=day - timedelta(days=day.weekday()), tz=tz)


def week_containing(moment: datetime, *, tz: ZoneInfo) -> Week:
    local = moment.astimezone(tz).date()
    return Week(monday=local - timedelta(days=local.weekday()), tz=tz)


def week_last_complete(now: datetime, *, tz: ZoneInfo) -> Week:
    """The latest week that has ended by ``now`` (local time)."""
    return week_containing(now, tz=tz).shifted(-1)
