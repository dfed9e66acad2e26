"""Dates in front matter: YYYY-MM-DD or ISO 8601 date-times, placed in the site's zone."""

from __future__ import annotations

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


def local(moment: datetime, zone: ZoneInfo) -> datetime:
    """The moment as seen in the site's zone: this decides day, month and year."""
    return moment.astimezone(zone)


def human(moment: datetime) -> str:
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"
