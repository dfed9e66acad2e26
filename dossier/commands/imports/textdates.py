"""Dates as news text writes them: "February 4, 2017", "4 Feb 2017", "2017-02-04",
"12.03.2024", "18/07/2022" (day or month first as the page's language writes it),
"2021年3月3日", a month named in any language dateparser knows ("3 marca 2021"),
"March 3" (a dateline, with the year known from elsewhere), which of a line's dates is
the publication and which the update ("Updated 19 Nov 2021 | Published 18 Nov 2021"),
relative dates ("2 days ago") against the time a page was saved, dates in web
addresses ("/2021/03/03/"), and machine dates in page metadata
("2017-02-04T09:30:00+09:00")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

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
_ISO = re.compile(r"(?<![\d.])(?P<year>\d{4})([-/.])(?P<month>\d{1,2})\2(?P<day>\d{1,2})"
                  r"(?!\d)(?![-/.]\d)")
# 12.03.2024, 18/07/2022, 03-04-2022: day or month first, as the language writes it
_NUMERIC = re.compile(r"(?<![\d.,/-])(?P<first>\d{1,2})(?P<sep>[./-])(?P<second>\d{1,2})"
                      r"(?P=sep)(?P<year>\d{4})\b(?![-/.]\d)")
# 3. 6. 2021: Czech, Slovak, Hungarian, Croatian and Slovene write a space after each dot
_SPACED_DOTS = re.compile(r"(?<![\d.,/-])(?P<day>\d{1,2})\.\s(?P<month>\d{1,2})\.\s?"
                          r"(?P<year>\d{4})\b(?![-/.]\d)")
# 2024. 11. 7. (Korean and Hungarian write the year first, a dot and a space after each)
_YEAR_FIRST_DOTS = re.compile(r"(?<![\d.,/-])(?P<year>\d{4})\.\s(?P<month>\d{1,2})\.\s"
                              r"(?P<day>\d{1,2})\.?(?![\d/-])")
# 2021年3月3日 (Japanese, Chinese), 2021년 3월 3일 (Korean)
_CJK = re.compile(r"(?P<year>\d{4})\s*[年년]\s*(?P<month>\d{1,2})\s*[月월]\s*"
                  r"(?P<day>\d{1,2})\s*[日일]")
# a month in a language the table above does not hold: "3 marca 2021", "22 сентября 2020"
_WORD_DAY_FIRST = re.compile(r"(?<![\w.])(?P<day>\d{1,2})\.?\s+(?:de\s+)?"
                             r"(?P<month>[^\W\d_]{3,12})\.?,?\s+(?:de\s+|del\s+|r\.\s*)?(?P<year>\d{4})\b")
_WORD_MONTH_FIRST = re.compile(r"(?<![^\W\d_])(?P<month>[^\W\d_]{3,12})\.?\s+(?P<day>\d{1,2})"
                               r",?\s+(?P<year>\d{4})\b")
# the languages whose numeric dates put the month first (US English, and Filipino)
_MONTH_FIRST_LANGUAGES = re.compile(r"^(?:en-us|es-us|en-ph|fil)\b", re.IGNORECASE)
_MONTH_DAY = re.compile(r"(?<![^\W\d_])" + _MONTH + r"\s+(?P<day>\d{1,2})\b", re.IGNORECASE)


def _make(year: str, month: str, day: str) -> date | None:
    number = int(month) if month.isdigit() else _MONTHS.get(month.lower().rstrip("."))
    if number is None:
        return None
    try:
        return date(int(year), number, int(day))
    except ValueError:
        return None


@lru_cache(maxsize=512)
def _foreign_month(word: str, language: str) -> int | None:
    """The month a word names in ``language``, a language the table above does not
    hold (asked of dateparser, which knows some two hundred). Not guessed when the
    language is not known: in one language or another most short words are a month."""
    code = language.split("-")[0].lower()
    if len(word) < 3 or not code or code == "en":
        return None
    import dateparser  # loaded only for the pages that need it

    try:
        parsed = dateparser.parse(f"1 {word} 2000", languages=[code], settings={
            "REQUIRE_PARTS": ["day", "month", "year"]})
    except (ValueError, LookupError):
        return None
    if parsed is None or (parsed.year, parsed.day) != (2000, 1):
        return None
    return parsed.month


def _numeric(m: re.Match[str], language: str) -> date | None:
    first, second = int(m.group("first")), int(m.group("second"))
    if m.group("sep") == "." or first > 12:
        day, month = first, second
    elif second > 12 or _MONTH_FIRST_LANGUAGES.match(language):
        day, month = second, first
    elif (language and not language.lower().startswith("en")) or "-" in language:
        day, month = first, second   # every other language and English region: day first
    else:
        return None   # 03/04/2022 in English of no known region: March or April
    return _make(m.group("year"), str(month), str(day))


def dates_in(text: str, language: str = "") -> list[tuple[int, date]]:
    """Every full date written in ``text`` with where it starts, in order.
    ``language`` (a BCP 47 tag, ``en-US``) says whether 03/04/2022 is March or April
    and in which language to read a month's name the table does not hold."""
    found: dict[int, date] = {}
    for pattern in (_MONTH_FIRST, _DAY_FIRST, _ISO, _CJK, _SPACED_DOTS, _YEAR_FIRST_DOTS):
        for m in pattern.finditer(text):
            made = _make(m.group("year"), m.group("month"), m.group("day"))
            if made:
                found.setdefault(m.start(), made)
    for m in _NUMERIC.finditer(text):
        if not any(start <= m.start() < start + 10 for start in found):
            made = _numeric(m, language)
            if made:
                found[m.start()] = made
    for pattern in (_WORD_DAY_FIRST, _WORD_MONTH_FIRST):
        for m in pattern.finditer(text):
            word = m.group("month").lower()
            if word in _MONTHS or any(abs(start - m.start()) < 12 for start in found):
                continue
            month = _foreign_month(word, language)
            if month:
                made = _make(m.group("year"), str(month), m.group("day"))
                if made:
                    found[m.start()] = made
    return sorted(found.items())


def find_date(text: str, language: str = "") -> date | None:
    """The first full date written in ``text``, or None."""
    found = dates_in(text, language)
    return found[0][1] if found else None


# what a date on a page is: its publication, or an update
_PUBLISHED_WORDS = (
    r"first published|originally published|published|publication date|posted|released|"
    r"issued|created|written|erstveröffentlicht|veröffentlicht|erschienen|erstellt|publié|"
    r"mis en ligne|publicado|publicada|publicación|pubblicato|pubblicata|gepubliceerd|"
    r"geplaatst|opublikowano|publikacja|опубликовано|публикация|publicerad|publiceret|"
    r"publisert|julkaistu|zveřejněno|yayınlanma|yayınlandı")
_UPDATED_WORDS = (
    r"last updated|updated|last modified|modified|last changed|changed|last edited|edited|"
    r"revised|aktualisiert|geändert|mis à jour|modifié|actualisé|actualizado|actualizada|"
    r"modificado|aggiornato|aggiornata|atualizado|atualizada|bijgewerkt|aangepast|"
    r"zaktualizowano|aktualizacja|обновлено|изменено|uppdaterad|opdateret|oppdatert|"
    r"päivitetty|aktualizováno|güncellenme|güncellendi")
# Japanese, Chinese and Korean labels, written without spaces around them ("公開日")
_CJK_PUBLISHED = r"公開|掲載|配信|投稿|发布|發布|发表|發表|게시|입력|등록"
_CJK_UPDATED = r"更新|修正|수정|업데이트"
_LABEL = re.compile(rf"(?<![^\W\d_])(?:(?P<published>{_PUBLISHED_WORDS})|"
                    rf"(?P<updated>{_UPDATED_WORDS}))(?![^\W\d_])|"
                    rf"(?P<cjk_published>{_CJK_PUBLISHED})|(?P<cjk_updated>{_CJK_UPDATED})",
                    re.IGNORECASE)
_CJK_LABEL = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")
_LEADS = re.compile(r"\s*[日时時]?\s*[:：]")


def _trails(line: str, at: int) -> bool:
    """A Japanese, Chinese or Korean label written after its date ("2021年3月3日 更新"),
    not before it with a colon ("更新日：2021年3月4日")."""
    if not _CJK_LABEL.match(line[at]):
        return False
    end = _LABEL.match(line, at)
    return end is not None and not _LEADS.match(line, end.end())


@dataclass(frozen=True)
class Stated:
    """The dates a line states: its publication, its update, and dates no word labels."""

    published: date | None = None
    updated: date | None = None
    unlabelled: date | None = None

    @property
    def day(self) -> date | None:
        return self.published or self.unlabelled


def stated_dates(line: str, language: str = "") -> Stated:
    """Which of a line's dates is the publication and which the update: each date
    takes the label written between it and the date before it ("Updated 19 Nov 2021
    | Published 18 Nov 2021"), or, as Japanese and Korean pages write it, the label
    just after it ("2021年3月3日 更新")."""
    found = dates_in(line, language)
    labels = [(m.start(), "published" if m.group("published") or m.group("cjk_published")
               else "updated") for m in _LABEL.finditer(line)]
    kinds: dict[str, date] = {}
    for index, (start, day) in enumerate(found):
        since = found[index - 1][0] + 1 if index else 0
        until = found[index + 1][0] if index + 1 < len(found) else len(line)
        before = [kind for at, kind in labels if since <= at < start
                  and not (_trails(line, at) and index)]
        after = [kind for at, kind in labels if start < at < min(until, start + 30)
                 and _trails(line, at)]
        kinds.setdefault((before[-1:] or after[:1] or ["unlabelled"])[0], day)
    return Stated(kinds.get("published"), kinds.get("updated"), kinds.get("unlabelled"))


_RELATIVE = re.compile(
    r"(?<![^\W\d_])(?:(?P<count>\d{1,3}|an?|one)\s*(?P<unit>min(?:ute)?s?|hrs?|hours?|days?|"
    r"weeks?)\s+ago|(?P<word>yesterday|today|just now))(?![^\W\d_])", re.IGNORECASE)
_OTHER_RELATIVE = re.compile(
    r"(?<![^\W\d_])(?:vor\s+\d{1,3}\s+\w+|hace\s+\d{1,3}\s+\w+|il y a\s+\d{1,3}\s+\w+|"
    r"há\s+\d{1,3}\s+\w+|\d{1,3}\s+\w+\s+(?:fa|geleden|temu|назад|önce)|gestern|heute|ayer|hoy|"
    r"hier|aujourd'hui|ieri|oggi|ontem|hoje|gisteren|vandaag|wczoraj|dzisiaj|вчера|сегодня|"
    r"\d{1,3}\s*(?:分|時間|日)前|昨日|今日)", re.IGNORECASE)


def relative_phrase(line: str) -> str:
    """A date written relative to when the page was read ("2 days ago", "vor 3
    Stunden", "昨日"), as written; empty when there is none."""
    m = _RELATIVE.search(line) or _OTHER_RELATIVE.search(line)
    return m.group(0) if m else ""


_UNITS = {"m": timedelta(minutes=1), "h": timedelta(hours=1), "d": timedelta(days=1),
          "w": timedelta(weeks=1)}


def relative_day(phrase: str, saved: datetime, language: str = "") -> date | None:
    """The day a relative date names, counted back from when the page was saved."""
    m = _RELATIVE.fullmatch(phrase)
    if m and m.group("word"):
        word = m.group("word").lower()
        return (saved - timedelta(days=1 if word == "yesterday" else 0)).date()
    if m:
        count = m.group("count").lower()
        number = 1 if count in ("a", "an", "one") else int(count)
        return (saved - number * _UNITS[m.group("unit")[0].lower()]).date()
    import dateparser

    languages = [language.split("-")[0].lower()] if language else None
    try:
        parsed = dateparser.parse(phrase, languages=languages, settings={
            "RELATIVE_BASE": saved.replace(tzinfo=None), "PREFER_DATES_FROM": "past"})
    except (ValueError, LookupError):
        return None
    return parsed.date() if parsed is not None and parsed <= saved.replace(tzinfo=None) \
        + timedelta(minutes=1) else None


# /2021/03/03/, /2021-03-03-slug, /20210303/ in a web address's path
_URL_DATE = re.compile(r"(?<![\d])(?P<year>(?:19|20)\d{2})(?P<sep>[/_-]?)(?P<month>[01]\d)"
                       r"(?P=sep)(?P<day>[0-3]\d)(?![\d])")
# /2022/jun/15/, /2022/june/15/: the month as a word
_URL_WORD_DATE = re.compile(r"/(?P<year>(?:19|20)\d{2})/(?P<month>[^\W\d_]{3,9})/"
                            r"(?P<day>[0-3]?\d)(?=[/_.-]|$)")


def url_date(url: str) -> date | None:
    """The day a web address's path is dated with ("/2021/03/03/slug",
    "/2022/jun/15/slug"), or None."""
    path = re.sub(r"^[a-z]+://[^/]*", "", url, flags=re.IGNORECASE).split("?")[0]
    for m in _URL_DATE.finditer(path):
        if not m.group("sep") and not re.search(r"[/_-]$", path[:m.start()]):
            continue   # eight digits inside a longer run or a word: an id, not a date
        made = _make(m.group("year"), m.group("month"), m.group("day"))
        if made:
            return made
    m = _URL_WORD_DATE.search(path)
    return _make(m.group("year"), m.group("month"), m.group("day")) if m else None


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


# zone abbreviations news pages write after a time, with their fixed offsets in hours
# (ambiguous ones, as "IST" or a bare "ET", are left out: their offset is not known)
_ZONES = {
    "utc": 0, "gmt": 0, "z": 0, "wet": 0, "west": 1, "bst": 1, "cet": 1, "cest": 2,
    "mez": 1, "mesz": 2, "eet": 2, "eest": 3, "msk": 3, "pkt": 5, "ict": 7, "wib": 7,
    "hkt": 8, "sgt": 8, "pht": 8, "awst": 8, "jst": 9, "kst": 9, "acst": 9.5,
    "aest": 10, "aedt": 11, "nzst": 12, "nzdt": 13, "hst": -10, "akst": -9, "akdt": -8,
    "pst": -8, "pdt": -7, "mst": -7, "mdt": -6, "cst": -6, "cdt": -5, "est": -5,
    "edt": -4, "ast": -4, "adt": -3}
_ZONED_TIME = re.compile(
    r"(?<![\d:])(?P<hour>\d{1,2})(?:[:.h](?P<minute>\d{2}))?\s*"
    r"(?P<half>[ap]\.?\s?m\.?)?\s*\(?(?P<zone>[A-Za-z]{1,5}\b(?:\s?[+-]\s?\d{1,2}"
    r"(?::?\d{2})?)?)", re.IGNORECASE)


@dataclass(frozen=True)
class ZonedTime:
    """A time of day a line writes with its zone ("10:15 p.m. EST", "22:15 JST")."""

    hour: int
    minute: int
    offset: timedelta


def zoned_time(line: str) -> ZonedTime | None:
    """The first time of day the line writes with a zone whose offset is known."""
    for m in _ZONED_TIME.finditer(line):
        zone = m.group("zone").replace(" ", "").lower()
        shift = re.fullmatch(r"(utc|gmt)([+-])(\d{1,2}):?(\d{2})?", zone)
        if shift:
            hours = int(shift.group(3)) + int(shift.group(4) or 0) / 60
            offset = hours if shift.group(2) == "+" else -hours
        elif zone in _ZONES and (m.group("minute") or m.group("half")):
            offset = _ZONES[zone]
        else:
            continue
        hour, minute = int(m.group("hour")), int(m.group("minute") or 0)
        half = (m.group("half") or "").lower()
        if half.startswith("p") and hour < 12:
            hour += 12
        elif half.startswith("a") and hour == 12:
            hour = 0
        if hour < 24 and minute < 60 and abs(offset) <= 14:
            return ZonedTime(hour, minute, timedelta(hours=offset))
    return None
