"""Dates in front matter: YYYY-MM-DD or ISO 8601 date-times, placed in the site's zone."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SPACE_OFFSET = re.compile(r"\s+(?=[+-]\d{2}:?\d{2}$|Z$)")

MONTHS = ("January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December")


def parse_date(value: object, zone: ZoneInfo) -> datetime | None:
    """An aware datetime, or None when the value is not a date we accept.

    A plain date means midnight in the site's zone; a date-time without an
    offset is read in the site's zone too.
    """
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=zone)
    if isinstance(value, date):
        return datetime.combine(value, time(), zone)
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        if _DATE.match(text):
            return datetime.combine(date.fromisoformat(text), time(), zone)
        text = _SPACE_OFFSET.sub("", text).replace(" ", "T", 1)
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)


_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?=$|[T ])")


def day_problem(value: object) -> str | None:
    """Why a date in the right form names no day (``2017-02-30: February has 28 days
    in 2017``), or None."""
    found = _DAY.match(str(value).strip())
    if not found:
        return None
    year, month, day = (int(part) for part in found.groups())
    text = found.group(0)
    if not 1 <= month <= 12:
        return f"{text}: there is no month {month:02d}; expected YYYY-MM-DD, month 01 to 12"
    days = calendar.monthrange(year, month)[1] if year else 31
    if not 1 <= day <= days:
        return f"{text}: {MONTHS[month - 1]} has {days} days in {year}; fix the day"
    return None


def local(moment: datetime, zone: ZoneInfo) -> datetime:
    """The moment as seen in the site's zone: this decides day, month and year."""
    return moment.astimezone(zone)


def human(moment: date) -> str:
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"
