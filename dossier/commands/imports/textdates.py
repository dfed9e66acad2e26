"""Dates as news text writes them: "February 4, 2017", "4 Feb 2017", "2017-02-04",
"March 3" (a dateline, with the year known from elsewhere), and machine dates in
page metadata ("2017-02-04T09:30:00+09:00")."""

from __future__ import annotations

import re
from datetime import date, datetime

_MONTHS = {name: index + 1 for index, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
    ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
    ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
    ("december", "dec"))) for name in names}
# the months in the other languages saved pages are often in (German, French, Spanish,
# Italian, Portuguese, Dutch), not the short forms that are English words (out, set, ago):
# "12. Dezember 2024", "8 de abril de 2025", "3 mars 2016"
_MONTHS.update({name: index + 1 for index, names in enumerate((
    ("januar", "janvier", "enero", "gennaio", "janeiro", "januari", "jän"),
    ("februar", "février", "fevrier", "febrero", "febbraio", "fevereiro", "februari", "févr",
     "fév", "fev"),
    ("märz", "maerz", "mars", "marzo", "março", "maart", "mär", "mrz"),
    ("avril", "abril", "aprile", "avr", "abr"),
    ("mai", "mayo", "maggio", "maio", "mei"),
    ("juni", "juin", "junio", "giugno", "junho"),
    ("juli", "juillet", "julio", "luglio", "julho", "juil"),
    ("août", "aout", "agosto", "augustus"),
    ("septembre", "septiembre", "settembre", "setembro"),
    ("oktober", "octobre", "octubre", "ottobre", "outubro", "okt"),
    ("novembre", "noviembre", "novembro"),
    ("dezember", "décembre", "decembre", "diciembre", "dicembre", "dezembro", "déc", "dez",
     "dic"))) for name in names})
_MONTH = (r"(?P<month>" + "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True))
          + r")(?![^\W\d_])\.?")
_MONTH_FIRST = re.compile(r"(?<![^\W\d_])" + _MONTH
                          + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b",
                          re.IGNORECASE)
_DAY_FIRST = re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th|\.|er|º)?\s+(?:de\s+)?" + _MONTH
                        + r",?\s+(?:de\s+|del\s+)?(?P<year>\d{4})\b", re.IGNORECASE)
_ISO = re.compile(r"\b(?P<year>\d{4})([-/.])(?P<month>\d{2})\2(?P<day>\d{2})\b")
_MONTH_DAY = re.compile(r"(?<![^\W\d_])" + _MONTH + r"\s+(?P<day>\d{1,2})\b", re.IGNORECASE)


def _make(year: str, month: str, day: str) -> date | None:
    number = int(month) if month.isdigit() else _MONTHS.get(month.lower().rstrip("."))
    if number is None:
        return None
    try:
        return date(int(year), number, int(day))
    except ValueError:
        return None


def find_date(text: str) -> date | None:
    """The first full date written in ``text``, or None."""
    found: list[tuple[int, date]] = []
    for pattern in (_MONTH_FIRST, _DAY_FIRST, _ISO):
        for m in pattern.finditer(text):
            made = _make(m.group("year"), m.group("month"), m.group("day"))
            if made:
                found.append((m.start(), made))
                break
    return min(found)[1] if found else None


def month_day(text: str, year: int) -> date | None:
    """"March 3" in a dateline, in a year known from elsewhere."""
    m = _MONTH_DAY.search(text)
    return _make(str(year), m.group("month"), m.group("day")) if m else None


def machine_date(value: str) -> date | datetime | None:
    """A metadata date: an ISO 8601 date-time keeps its time when it has an offset
    (the build places it in the site's zone); otherwise only the day is kept."""
    text = value.strip()
    if not text:
        return None
    candidate = text.replace("Z", "+00:00") if text.endswith("Z") else text
    try:
        moment = datetime.fromisoformat(candidate)
    except ValueError:
        moment = None
    if moment is not None:
        if moment.tzinfo is not None and (moment.hour or moment.minute or moment.second):
            return moment.replace(microsecond=0)
        return moment.date()
    return find_date(text)
