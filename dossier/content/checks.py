"""Per-file checks for mistakes that read without error but change what the site says.

Pure functions of one file's split front matter and body (so their results may be
cached with the file): a list given as one text with commas, blank or repeated
aliases, a key one small edit away from a field the reader knows, and text left as
`dossier new` wrote it. Each finding is a warning (an error under ``--strict``).
"""

from __future__ import annotations

from pathlib import PurePosixPath

from dossier.content.frontmatter import Split
from dossier.errors import Diagnostic, warning
from dossier.spelling import edit_distance

# the fields each kind of file reads (the contract, docs/CONTENT.md)
KNOWN_KEYS = {
    "articles": ("title", "date", "updated", "source", "authors", "summary", "location",
                 "dossiers", "entities", "tags", "image", "draft", "slug", "language",
                 "full_text", "aliases"),
    "dossiers": ("title", "summary", "match", "exclude", "slug"),
    "entities": ("name", "kind", "aliases", "description", "links", "link", "slug",
                 "sort_name", "roles", "also_known_as"),
    "pages": ("title", "description", "summary", "draft", "slug"),
}

# what `dossier new` writes (dossier/commands/scaffold.py), by folder
NEW_BODIES = {
    "articles": "Write the article here.",
    "dossiers": "What this dossier follows.",
    "pages": "Write the page here.",
}
PLACEHOLDER = "still the placeholder `new` wrote"

# fields that take a list, where one text with commas is almost surely a mistake
_LIST_KEYS = {"articles": ("tags",), "entities": ("aliases",)}


def folder_of(path: str) -> str:
    """``content/articles/2017/x.md`` -> ``articles``."""
    parts = PurePosixPath(path).parts
    return parts[1] if len(parts) > 2 and parts[0] == "content" else ""


def near_key(key: str, known: tuple[str, ...]) -> str | None:
    """The known field a key was probably meant to be: one small edit away (a letter
    added, dropped, changed or swapped, a case or a hyphen), or a known field cut
    short (`alias` for `aliases`)."""
    if key in known:
        return None
    plain = key.strip().lower().replace("-", "_").replace(" ", "_")
    if plain in known:
        return plain
    if len(plain) < 3:
        return None
    for candidate in known:
        if edit_distance(plain, candidate, 1) <= 1:
            return candidate
    for candidate in known:
        if len(plain) >= 4 and candidate.startswith(plain) and len(candidate) - len(plain) <= 2:
            return candidate
    return None


def _key_problems(path: str, parts: Split, known: tuple[str, ...]) -> list[Diagnostic]:
    problems = []
    for key in parts.data:
        meant = near_key(key, known)
        if meant and meant not in parts.data:
            problems.append(warning(
                path, parts.lines.get(key), key,
                f"not a field; did you mean {meant}:? Rename it, or it is kept only as a "
                "template param"))
    return problems


def _list_problems(path: str, parts: Split, folder: str) -> list[Diagnostic]:
    problems = []
    for key in _LIST_KEYS.get(folder, ()):
        value = parts.data.get(key)
        if isinstance(value, str) and "," in value:
            items = ", ".join(p.strip() for p in value.split(",") if p.strip())
            problems.append(warning(
                path, parts.lines.get(key), key,
                f"{value!r} is one text, so it is read as a single item; write a list: "
                f"{key}: [{items}]"))
    return problems


def _alias_problems(path: str, parts: Split) -> list[Diagnostic]:
    value = parts.data.get("aliases")
    if not isinstance(value, list):
        return []
    line = parts.lines.get("aliases")
    problems, seen = [], set()
    for index, item in enumerate(value):
        if item is None or (isinstance(item, str) and not item.strip()):
            problems.append(warning(path, line, f"aliases[{index}]",
                                    "blank alias: remove it (it matches nothing)"))
            continue
        text = str(item).strip()
        if text in seen:
            problems.append(warning(path, line, f"aliases[{index}]",
                                    f"“{text}” is given twice; remove one"))
        seen.add(text)
    return problems


def _placeholder_problems(path: str, parts: Split, folder: str) -> list[Diagnostic]:
    problems = []
    if folder in ("articles", "dossiers") and parts.data.get("summary", None) == "":
        problems.append(warning(
            path, parts.lines.get("summary"), "summary",
            f'{PLACEHOLDER} (summary: ""): write one or two sentences, or delete the line '
            "to use the first paragraph"))
    body = NEW_BODIES.get(folder)
    if body and parts.body.strip() == body:
        blank = len(parts.body) - len(parts.body.lstrip("\r\n"))
        problems.append(warning(
            path, parts.body_line + 1 + parts.body[:blank].count("\n"), "body",
            f"{PLACEHOLDER} (“{body}”): write the text, or delete the file"))
    return problems


def front_matter_problems(path: str, parts: Split) -> list[Diagnostic]:
    """Every silent mistake in one content file (``path`` relative to the site root)."""
    folder = folder_of(path)
    known = KNOWN_KEYS.get(folder)
    if known is None:
        return []
    problems = _key_problems(path, parts, known)
    problems += _list_problems(path, parts, folder)
    if folder in ("entities", "articles"):
        problems += _alias_problems(path, parts)
    problems += _placeholder_problems(path, parts, folder)
    return problems
