"""What the import did with each input, as the user reads it: where it went, what
was found and what was not; problems as ``path:line: field: message``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from dossier.errors import Diagnostic

Status = Literal["written", "would write", "duplicate", "failed"]
REPORTED = ("title", "date", "source", "authors", "location", "image")


@dataclass(frozen=True)
class Outcome:
    name: str
    status: Status
    target: str = ""
    front: dict[str, object] | None = None
    words: int = 0
    entities: tuple[str, ...] = ()
    dossiers: tuple[str, ...] = ()
    problems: tuple[Diagnostic, ...] = ()
    note: str = ""
    date_how: str = ""   # how the date was found, when the page did not state it


def _when(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _found(front: dict[str, object], how: str = "") -> list[str]:
    parts = [f"date: {_when(front['date'])}" + (f" ({how})" if how else "")]
    source = front.get("source")
    if isinstance(source, dict):
        url = f" <{source['url']}>" if source.get("url") else ""
        parts.append(f"source: {source['name']}{url}")
    authors = front.get("authors")
    if isinstance(authors, list):
        parts.append(f"authors: {', '.join(str(a) for a in authors)}")
    if front.get("location"):
        parts.append(f"dateline: {front['location']}")
    return parts


def _image(front: dict[str, object]) -> str:
    image = front.get("image")
    if not isinstance(image, dict):
        return ""
    has = [k for k in ("caption", "credit") if image.get(k)]
    where = str(image["src"]) if image.get("src") else "no picture file"
    return f"image: {where}" + (f" ({' and '.join(has)})" if has else "")


def describe(outcome: Outcome) -> list[str]:
    """The lines for one input (problems are printed apart, on stderr)."""
    if outcome.status == "duplicate":
        return [f"{outcome.name}: already imported as {outcome.target}; nothing written "
                "(--force writes a new file beside it)"]
    if outcome.status == "failed" or outcome.front is None:
        return []
    front = outcome.front
    verb = "->" if outcome.status == "written" else "would be written to"
    lines = [f"{outcome.name} {verb} {outcome.target}", f"  title: {front['title']}",
             "  " + " · ".join(_found(front, outcome.date_how))]
    mode = front.get("full_text")
    extra = [x for x in (_image(front), f"{outcome.words:,} words",
                         "excerpt mode (full_text: false)" if mode is False else
                         "full text" if mode is True else "") if x]
    lines.append("  " + " · ".join(extra))
    if outcome.entities:
        lines.append(f"  entities: {', '.join(outcome.entities)}")
    if outcome.dossiers:
        lines.append(f"  dossiers: {', '.join(outcome.dossiers)}")
    missing = [k for k in REPORTED if k not in front]
    if missing:
        named = ("dateline" if k == "location" else k for k in missing)
        lines.append(f"  not found: {', '.join(named)}")
    if outcome.note:
        lines.append(f"  {outcome.note}")
    return lines


def summary(outcomes: list[Outcome], dry_run: bool) -> str:
    written = sum(o.status in ("written", "would write") for o in outcomes)
    duplicates = sum(o.status == "duplicate" for o in outcomes)
    failed = sum(o.status == "failed" for o in outcomes)
    verb = "Would import" if dry_run else "Imported"
    parts = [f"{verb} {written} of {len(outcomes)} input{'s' if len(outcomes) != 1 else ''}"]
    if duplicates:
        parts.append(f"{duplicates} already imported")
    if failed:
        parts.append(f"{failed} failed (above)")
    return ", ".join(parts) + "."
