"""An entity's ``roles:``: offices or roles held over time, and which one held on a day.

    roles:
      - {title: Prime Minister of Japan, from: 2012-12-26, to: 2020-09-16}
      - {title: Member of the House of Representatives, from: 1993}
      - Chief Cabinet Secretary            # a role without dates

``from`` and ``to`` are dates written as precisely as known: ``2012``, ``2012-12`` or
``2012-12-26``. A role without ``to`` is still held. Pure functions; problems are
reported through the file's :class:`Fields`, at the line of the role.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Any

from dossier.content.dates import MONTHS, day_problem, human
from dossier.content.frontmatter import Fields
from dossier.model import Role
from dossier.spelling import edit_distance

ROLE_KEYS = ("title", "from", "to")
_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _partial_date(value: Any) -> tuple[str, str]:
    """(ISO text, "") for a year, year-month or date; ("", why not) otherwise."""
    if isinstance(value, bool) or value is None:
        return "", "expected a date: YYYY, YYYY-MM or YYYY-MM-DD"
    text = str(value).strip()
    found = _PARTIAL.match(text)
    if not found:
        return "", f"cannot read {text!r} as a date, expected YYYY, YYYY-MM or YYYY-MM-DD"
    _, month, day = (int(p) if p else 0 for p in found.groups())
    if month and not 1 <= month <= 12:
        return "", f"{text}: there is no month {month:02d}; expected 01 to 12"
    problem = day_problem(text) if day else None   # the month is known good by now
    return ("", problem) if problem else (text, "")


def first_day(text: str) -> date:
    parts = [int(p) for p in text.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def last_day(text: str) -> date:
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return date(*parts)
    month = parts[1] if len(parts) > 1 else 12
    return date(parts[0], month, calendar.monthrange(parts[0], month)[1])


def read_roles(fields: Fields) -> tuple[Role, ...]:
    """The ``roles:`` of an entity, oldest first; every problem reported."""
    value = fields.raw("roles")
    if value is None:
        return ()
    if not isinstance(value, list):
        fields.fail("roles", "expected a list of roles such as "
                    "[{title: Prime Minister of Japan, from: 2012-12-26, to: 2020-09-16}]")
        return ()
    roles = []
    for index, item in enumerate(value):
        key = f"roles[{index}]"
        if isinstance(item, str) and item.strip():
            roles.append(Role(item.strip()))
            continue
        if not isinstance(item, dict):
            fields.fail(key, "expected a role such as {title: Minister of Defense, "
                        "from: 2016-08-03, to: 2017-07-28}", nested=True)
            continue
        ok = True
        for name in item:
            if str(name) not in ROLE_KEYS:
                meant = next((k for k in ROLE_KEYS if edit_distance(str(name), k, 2) <= 2), "")
                hint = f"; did you mean {meant}:?" if meant else ""
                fields.fail(f"{key}.{name}", f"not a field of a role, expected title, from "
                            f"or to{hint}", nested=True)
                ok = False
        title = item.get("title")
        if isinstance(title, int | float) and not isinstance(title, bool):
            title = str(title)
        if not isinstance(title, str) or not title.strip():
            fields.fail(f"{key}.title" if "title" in item else key,
                        "missing, expected the role's title as text (e.g. Prime Minister "
                        "of Japan)", nested=True)
            ok = False
        dates = {}
        for name in ("from", "to"):
            if name in item:
                text, problem = _partial_date(item[name])
                if problem:
                    fields.fail(f"{key}.{name}", problem, nested=True)
                    ok = False
                dates[name] = text
        start, end = dates.get("from", ""), dates.get("to", "")
        if ok and start and end and first_day(start) > last_day(end):
            fields.fail(f"{key}.to", f"{end} is before from: {start}; swap them or fix one",
                        nested=True)
            ok = False
        if ok:
            assert isinstance(title, str)
            roles.append(Role(" ".join(title.split()), start, end))
    return tuple(sorted(roles, key=lambda r: (r.start == "", r.start, r.end or "9999", r.title)))


def held_on(roles: tuple[Role, ...], day: date) -> tuple[Role, ...]:
    """The dated roles held on a day (a role with neither date is not dated)."""
    return tuple(r for r in roles if (r.start or r.end)
                 and (not r.start or first_day(r.start) <= day)
                 and (not r.end or day <= last_day(r.end)))


def context_label(roles: tuple[Role, ...], day: date) -> str:
    """What an article of that day says of the entity: "then-Prime Minister of Japan"
    for a role since left, the plain title for one still held."""
    held = held_on(roles, day)
    return " and ".join(f"then-{r.title}" if r.end else r.title for r in held)


def human_partial(text: str) -> str:
    """``2012-12-26`` -> ``26 December 2012``; ``2012-12`` -> ``December 2012``."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return human(first_day(text))
    if len(parts) == 2:
        return f"{MONTHS[parts[1] - 1]} {parts[0]}"
    return str(parts[0])
