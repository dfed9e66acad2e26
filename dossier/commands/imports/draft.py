"""What an importer found in one input, before it becomes an article file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class DraftImage:
    src: str = ""
    alt: str = ""
    caption: str = ""
    credit: str = ""


@dataclass(frozen=True)
class Draft:
    """An article as found: every field may be missing (empty)."""

    title: str = ""
    date: date | datetime | None = None
    updated: date | datetime | None = None
    date_how: str = ""              # how the date was found, when less than stated
    date_relative: str = ""         # a relative date that could not be counted back
    source_name: str = ""
    source_url: str = ""
    authors: tuple[str, ...] = ()
    location: str = ""
    summary: str = ""
    image: DraftImage | None = None
    language: str = ""
    editor_note: str = ""
    body: str = ""                  # Markdown
    from_outlet: bool = False       # a saved web page: someone published it
    notes: tuple[str, ...] = field(default=())   # what the reader of the input noticed


class Refused(Exception):
    """The input is not one article (a section front, a page with no article text,
    an empty or binary file): the message says what it is and what to do."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


_WORD = re.compile(r"\w+")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def word_count(markdown: str) -> int:
    """Words, with Japanese, Chinese and Korean text (no spaces between words) counted
    as one word per two characters."""
    text = _LINK_TARGET.sub("]", markdown)
    cjk = len(_CJK.findall(text))
    return len(_WORD.findall(_CJK.sub(" ", text))) + cjk // 2
