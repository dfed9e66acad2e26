"""Split a content file into front matter and body, and check front-matter values.

Each checker returns the value or records a diagnostic, so one pass over a file
reports every problem in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from dossier.content.dates import day_problem, parse_date
from dossier.content.yamlsource import key_lines, load_yaml
from dossier.errors import Diagnostic, error, warning

_FENCE = re.compile(r"^---[ \t]*\r?$", re.MULTILINE)
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
_TOP_KEY = re.compile(r"^([^\s#:][^:\n]*?)\s*:(?:\s|$)", re.MULTILINE)


@dataclass(frozen=True)
class Split:
    data: dict[str, Any]
    body: str
    body_line: int            # 0-based file line where the body starts
    lines: dict[str, int]     # top-level key -> 1-based file line
    yaml_text: str = ""
    repeated: tuple[tuple[str, int, int], ...] = ()   # key given twice: key, first, later


def decode(path: str, raw: bytes) -> tuple[str | None, Diagnostic | None]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, error(path, line, "file",
                           f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
                           "save the file as UTF-8")
    return text.removeprefix("\ufeff"), None


def split(path: str, text: str) -> tuple[Split | None, list[Diagnostic]]:
    if not text.startswith("---") or not _FENCE.match(text):
        return None, [error(path, 1, "front matter",
                            "missing: expected the file to start with a line '---', "
                            "then YAML fields, then a closing '---'")]
    first_nl = text.find("\n")
    if first_nl < 0:
        return None, [error(path, 1, "front matter", "not closed: expected a closing '---' line")]
    closing = _CLOSE.search(text, first_nl + 1)
    if closing is None:
        return None, [error(path, 1, "front matter", "not closed: expected a closing '---' line")]
    yaml_text = text[first_nl + 1:closing.start()]
    body_start = text.find("\n", closing.end())
    body = "" if body_start < 0 else text[body_start + 1:]
    body_line = text.count("\n", 0, closing.start()) + 1
    data, problem = load_yaml(yaml_text)
    if problem is not None:
        return None, [error(path, problem.line + 2, "front matter",
                            f"invalid YAML: {problem.message}")]
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return None, [error(path, 2, "front matter",
                            f"expected a mapping of fields (key: value), "
                            f"got {type(data).__name__}")]
    lines: dict[str, int] = {}
    repeated = []
    for m in _TOP_KEY.finditer(yaml_text):
        key = m.group(1).strip()
        at = text.count("\n", 0, first_nl + 1 + m.start()) + 1
        if key in lines:   # YAML keeps the last one: so do the line numbers
            repeated.append((key, lines[key], at))
        lines[key] = at
    return Split({str(k): v for k, v in data.items()}, body, body_line, lines, yaml_text,
                 tuple(repeated)), []


@dataclass
class Fields:
    """Reads typed fields out of front matter, collecting every problem."""

    path: str
    split: Split
    problems: list[Diagnostic] = field(default_factory=list)
    used: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        for key, first, later in self.split.repeated:
            self.problems.append(warning(self.path, later, key,
                                         f"given twice (also on line {first}); YAML keeps "
                                         "only this one, so remove one of them"))
        from dossier.content.checks import front_matter_problems  # imports Split from here

        self.problems.extend(front_matter_problems(self.path, self.split))

    def line(self, key: str) -> int:
        return self.split.lines.get(key.split(".")[0], 2)

    def nested_line(self, key: str) -> int:
        """Line of a nested key, found with the slower node API (errors only)."""
        lines = key_lines(self.split.yaml_text)
        return lines[key] + 2 if key in lines else self.line(key)

    def fail(self, key: str, message: str, nested: bool = False) -> None:
        line = self.nested_line(key) if nested else self.line(key)
        self.problems.append(error(self.path, line, key, message))

    def warn(self, key: str, message: str) -> None:
        self.problems.append(warning(self.path, self.line(key), key, message))

    def raw(self, key: str) -> Any:
        self.used.add(key)
        return self.split.data.get(key)

    def text(self, key: str, *, required: bool = False, default: str = "") -> str:
        value = self.raw(key)
        if value is None or value == "":
            if required:
                self.fail(key, "missing, expected a non-empty text"
                          if key in self.split.data else "missing, this field is required")
            return default
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.fail(key, f"got {described(value)}, expected text")
            return default
        return str(value).strip()

    def flag(self, key: str, default: bool | None = False) -> bool | None:
        value = self.raw(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.fail(key, f"got {value!r}, expected true or false")
            return default
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.raw(key)
        if value is None:
            return ()
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            return (str(value).strip(),)
        if not isinstance(value, list):
            self.fail(key, f"got {described(value)}, expected a list such as [a, b]")
            return ()
        items = []
        for index, item in enumerate(value):
            if isinstance(item, bool) or not isinstance(item, str | int | float):
                self.fail(f"{key}[{index}]", f"got {described(item)}, expected text", nested=True)
            elif str(item).strip():
                items.append(str(item).strip())
        return tuple(dict.fromkeys(items))

    def moment(self, key: str, zone: ZoneInfo, *, required: bool = False) -> datetime | None:
        value = self.raw(key)
        if value is None or value == "":
            if required:
                self.fail(key, "missing, this field is required (YYYY-MM-DD or ISO 8601 "
                          "date-time with offset)")
            return None
        moment = parse_date(value, zone)
        if moment is None and day_problem(value):
            self.fail(key, str(day_problem(value)))
        elif moment is None:
            self.fail(key, f"cannot read {value!r} as a date, expected YYYY-MM-DD or an ISO 8601 "
                      "date-time such as 2017-02-04T09:30:00+09:00")
        return moment

    def mapping(self, key: str) -> dict[str, Any] | None:
        value = self.raw(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            self.fail(key, f"got {described(value)}, expected a mapping such as {{name: …}}")
            return None
        return {str(k): v for k, v in value.items()}

    def params(self) -> dict[str, Any]:
        return Params((k, v) for k, v in self.split.data.items() if k not in self.used)


class Params(dict[str, Any]):
    """Free front-matter keys for themes: a key an item does not set reads as None
    (``{% if article.params.sponsor %}`` works on every article, as in Hugo)."""

    def __missing__(self, key: str) -> None:
        return None


def described(value: Any) -> str:
    """A front-matter value as an error message names what it got."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if value is None:
        return "nothing"
    return repr(value)
