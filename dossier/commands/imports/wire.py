"""Copied wire text into a draft.

The form it reads: a headline line; optionally a standfirst, a ``By A. Writer``
line, a date line, an editor's note, photo captions carrying an agency credit
(``REUTERS/Name``) and the source's address; then the story, whose first
paragraph may open with a dateline (``Tokyo:``, ``TOKYO (Reuters) -``,
``SEOUL, March 3 (Yonhap) --``); a ``(Reporting by …; Editing by …)`` trailer and
page furniture (share lines, "Read Comments", copyright lines) are dropped.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

from dossier.commands.imports.draft import Draft, DraftImage, Refused
from dossier.commands.imports.furniture import ends_story, is_furniture
from dossier.commands.imports.textdates import find_date, month_day

AGENCIES = {"REUTERS": "Reuters", "AFP": "AFP", "AP": "AP", "KYODO": "Kyodo",
            "YONHAP": "Yonhap", "XINHUA": "Xinhua", "BLOOMBERG": "Bloomberg", "EPA": "EPA",
            "ASSOCIATED PRESS": "AP", "JIJI": "Jiji Press", "ANSA": "ANSA", "DPA": "dpa"}
_AGENCY_NAMES = "|".join(sorted(AGENCIES, key=len, reverse=True))
_CREDIT = re.compile(rf"\b({_AGENCY_NAMES})/([^.\n]+?)\s*$")
_SOFT_CREDIT = re.compile(r"\b(Credit|Photo|Picture):\s*\w+/.+$", re.IGNORECASE)
_URL = re.compile(r"^<?(https?://\S+?)>?$")
_BYLINE = re.compile(r"^By\s+(?P<names>[A-Z][^\n]{1,100}?)\s*$")
_DATE_LINE = re.compile(r"^(?P<label>published|updated|posted|first published|last updated)?"
                        r"\s*(on)?\s*:?\s*(?P<rest>.{4,60})$", re.IGNORECASE)
_NOTE = re.compile(r"^\(?editor[’']?s['’]? note\s*[:.—–-]+\s*(?P<note>.+?)\)?$", re.IGNORECASE)
_TRAILER = re.compile(r"\s*\((?P<inner>(?:(?:additional )?reporting|writing|editing|compiled|"
                      r"edited|reported) by [^()]{3,400})\)\s*$", re.IGNORECASE)
_END = re.compile(r"\s*\(END\)\s*$")
# TOKYO (Reuters) - …   SEOUL, March 3 (Yonhap) -- …   WASHINGTON (AP) — …
_AGENCY_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z.'’ -]{1,40}?)"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?))?"
    r"(?:,\s*(?P<when>[A-Z][a-z]{2,8}\.? \d{1,2}))?\s*\((?P<agency>[A-Z][A-Za-z .]{1,19})\)\s*"
    r"(?:-{1,2}|–|—)\s*")
# TOKYO, March 14 Kyodo - …
_BARE_AGENCY_DATELINE = re.compile(
    rf"^(?P<place>[A-Z][A-Z.'’ -]{{1,40}}?),\s*(?P<when>[A-Z][a-z]{{2,8}}\.? \d{{1,2}})\s+"
    rf"(?P<agency>(?i:{_AGENCY_NAMES}))\s*(?:-{{1,2}}|–|—)\s*")
# a press release: MONTREAL, Oct. 5, 2022 /Cedar Newswire/ -- …
_RELEASE_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z.'’ -]{1,40}?)"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?))?"
    r",\s*(?P<when>[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4})\s*/(?P<agency>[A-Z][^/]{1,40})/\s*"
    r"(?:-{1,2}|–|—)\s*")
_CAPS_DATELINE = re.compile(r"^(?P<place>[A-Z][A-Z.'’ -]{1,40}?)\s*(?:-{1,2}|–|—)\s+")
_COLON_DATELINE = re.compile(r"^(?P<place>[A-Z][a-z.'’-]+(?: [A-Z][a-z.'’-]+){0,2}):\s+")
_NAME_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&)\s*")


def _paragraphs(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    blocks = re.split(r"\n\s*\n", text)
    if len(blocks) == 1 and text.count("\n") > 1:
        blocks = text.split("\n")   # copied with one line per paragraph
    return [" ".join(b.split()) for b in blocks if b.strip()]


def _place(name: str) -> str:
    name = name.strip(" ,")
    return name.title() if name.isupper() else name


def names_in(text: str) -> tuple[str, ...]:
    text = re.sub(r"\s+in\s+[A-Z][A-Za-z ]+$", "", text.strip())   # "By A. Writer in Tokyo"
    return tuple(n.strip(" .") if not re.search(r"\b[A-Z]\.$", n.strip()) else n.strip()
                 for n in _NAME_SPLIT.split(text) if n.strip(" ."))


def _reporters(trailer: str) -> tuple[str, ...]:
    for part in trailer.split(";"):
        m = re.match(r"\s*reporting by (.+)$", part, re.IGNORECASE)
        if m:
            return names_in(re.sub(r"\s+in\s+[A-Z][A-Za-z ]+(?=$|,| and )", "", m.group(1)))
    return ()


def split_trailer(paragraph: str) -> tuple[str, tuple[str, ...]] | None:
    """A paragraph without its ``(Reporting by …; Editing by …)`` trailer, and the
    reporters it names; None when it has none."""
    trailer = _TRAILER.search(paragraph)
    if trailer is None:
        return None
    return paragraph[:trailer.start()].strip(), _reporters(trailer.group("inner"))


def split_dateline(paragraph: str) -> tuple[str, str, str, str] | None:
    """(place, agency, month and day, the paragraph without its dateline)."""
    m = _AGENCY_DATELINE.match(paragraph)
    if m:
        agency = m.group("agency").strip()
        place = _place(m.group("place"))
        if m.group("region"):
            place = f"{place}, {_place(m.group('region'))}"
        return (place, AGENCIES.get(agency.upper(), agency),
                m.group("when") or "", paragraph[m.end():])
    m = _RELEASE_DATELINE.match(paragraph)
    if m:
        place = _place(m.group("place"))
        if m.group("region"):
            place = f"{place}, {_place(m.group('region'))}"
        return place, m.group("agency").strip(), m.group("when"), paragraph[m.end():]
    m = _BARE_AGENCY_DATELINE.match(paragraph)
    if m:
        return (_place(m.group("place")), AGENCIES.get(m.group("agency").upper(), ""),
                m.group("when"), paragraph[m.end():])
    for pattern in (_CAPS_DATELINE, _COLON_DATELINE):
        m = pattern.match(paragraph)
        if m and len(m.group("place").split()) <= 4:
            return _place(m.group("place")), "", "", paragraph[m.end():]
    return None


def date_line(paragraph: str) -> tuple[date, bool] | None:
    """A short line that is only a date (``Published: February 4, 2017``)."""
    if len(paragraph) > 80:
        return None
    m = _DATE_LINE.match(paragraph)
    found = find_date(paragraph)
    if not m or found is None:
        return None
    rest = re.sub(r"\b\d{1,2}[:.]\d{2}\b.*$", "", m.group("rest"))
    # a date line is mostly its date: a sentence that mentions one is story text
    if len(re.sub(r"[\d,./:-]|\b[A-Za-z]{3,9}\b", "", rest).strip()) > 8 or len(rest) > 40:
        return None
    return found, (m.group("label") or "").lower() in ("updated", "last updated")


_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}\s*)?(?:by\s+)?"
                        r"(?P<name>[A-Z][^.©]{1,60}?)\.?(?:\s+all rights reserved\.?)?$",
                        re.IGNORECASE)


def _outlet(paragraphs: list[str], url: str) -> str:
    """The outlet named in a copyright line (``© 2022 Coast Post``), else the
    address's site."""
    for paragraph in paragraphs:
        m = _COPYRIGHT.match(paragraph)
        if m:
            name = m.group("name").strip()
            key = name.upper().removeprefix("THE ")
            return AGENCIES.get(key, name)
    host = urlsplit(url).hostname or "" if url else ""
    return host.removeprefix("www.")


def _story_lines(everything: list[str]) -> list[str]:
    """The paragraphs of the story: furniture dropped, the page's menu above the headline
    (short lines) and the other stories listed after it ("Related stories") cut off."""
    kept: list[str] = []
    for paragraph in everything:
        if ends_story(paragraph) and kept:
            break
        if not is_furniture(paragraph):
            kept.append(paragraph)
    start = 0
    while start < len(kept) - 2 and len(kept[start].split()) < 3 \
            and not _URL.match(kept[start]) and len(kept[start + 1].split()) < 12:
        start += 1
    return kept[start:]


def parse_wire(text: str) -> Draft:
    everything = _paragraphs(text)
    paragraphs = _story_lines(everything)
    if not paragraphs:
        raise Refused("no text: the file is empty or holds only page furniture")
    fields: dict[str, object] = {}
    urls = [m.group(1) for p in paragraphs if (m := _URL.match(p))]
    paragraphs = [p for p in paragraphs if not _URL.match(p)]
    if urls:
        fields["source_url"] = urls[0]
    if not paragraphs:
        raise Refused("no text: the file holds only an address")
    fields["title"] = paragraphs.pop(0)
    front: list[str] = []
    body: list[str] = []
    authors: tuple[str, ...] = ()
    reporters: tuple[str, ...] = ()
    dates: list[date] = []
    updated: list[date] = []
    caption_dates: list[date] = []
    for paragraph in paragraphs:
        byline = _BYLINE.match(paragraph)
        note = _NOTE.match(paragraph)
        credit = _CREDIT.search(paragraph)
        stated = date_line(paragraph)
        trailer = _TRAILER.search(paragraph)
        if byline and len(paragraph) < 100 and not body:
            authors = authors or names_in(byline.group("names"))
        elif note:
            fields["editor_note"] = note.group("note").strip()
        elif stated:
            (updated if stated[1] else dates).append(stated[0])
        elif credit:
            agency = AGENCIES[credit.group(1)]
            fields.setdefault("source_name", agency)
            if "image" not in fields:
                # no picture file comes with copied text: keep its caption and credit
                fields["image"] = DraftImage(caption=paragraph[:credit.start()].strip(),
                                             credit=f"{credit.group(2).strip()}/{agency}")
                found = find_date(paragraph)
                if found:
                    caption_dates.append(found)
        elif _SOFT_CREDIT.search(paragraph):
            continue
        elif trailer and trailer.start() == 0:
            reporters = _reporters(trailer.group("inner"))
        elif not body and (dateline := split_dateline(paragraph)):
            place, agency, when, rest = dateline
            fields["location"] = place
            if agency:
                fields.setdefault("source_name", agency)
            if when:
                fields["dateline_day"] = when
            body.append(rest)
        elif body:
            body.append(paragraph)
        else:
            front.append(paragraph)
    if body:
        last = body[-1]
        trailer = _TRAILER.search(last)
        if trailer:
            reporters = reporters or _reporters(trailer.group("inner"))
            last = last[:trailer.start()]
        body[-1] = _END.sub("", last).strip()
        body = [p for p in body if p]
        if front:
            fields["summary"] = front.pop(0)
        body = front + body
    else:
        body = front
    day = (dates or caption_dates or updated or [None])[0]
    if day is None and isinstance(fields.get("dateline_day"), str) and (updated or caption_dates):
        day = month_day(str(fields["dateline_day"]), (updated or caption_dates)[0].year)
    if not fields.get("source_name"):
        fields["source_name"] = _outlet(everything, str(fields.get("source_url", "")))
    return Draft(
        title=str(fields["title"]), date=day,
        updated=updated[0] if updated and updated[0] != day else None,
        source_name=str(fields.get("source_name", "")),
        source_url=str(fields.get("source_url", "")),
        authors=authors or reporters, location=str(fields.get("location", "")),
        summary=str(fields.get("summary", "")),
        image=fields.get("image") if isinstance(fields.get("image"), DraftImage) else None,
        editor_note=str(fields.get("editor_note", "")),
        body=_escape_markdown("\n\n".join(body)) + "\n",
        notes=(f"dateline day {fields['dateline_day']}",) if "dateline_day" in fields else ())


_BLOCK_START = re.compile(r"^(\s*)([#>*+-]|\d+[.)])(?=\s)", re.MULTILINE)


def _escape_markdown(text: str) -> str:
    """Copied text is text: a paragraph opening with ``#``, ``-`` or ``1.`` stays a
    paragraph, and ``<`` never starts markup."""
    text = text.replace("<", "&lt;")
    return _BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
