"""The one diagnostics printer: build, check, explain and serve all print through it.

A warning repeated five times or more is one line: the first place in full, how
many places there are, the next few places and the fix (an ambiguous alias, an
entity nobody mentions, an image without alt text …). Errors are never grouped:
each keeps its own ``path:line``. ``verbose`` prints every place. The summary
counts diagnostics, never the lines printed.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TextIO

from dossier.errors import Diagnostic

SHOWN_PLACES = 3   # places named on a grouped line after the first
GROUP_FROM = 5     # a warning repeated this many times or more is one line


@dataclass(frozen=True)
class Kind:
    """A kind of warning whose messages differ only in a subject (a slug, an alias):
    repeated, they are one problem with one fix."""

    name: str
    pattern: re.Pattern[str]
    fix: str = ""
    noun: str = "places"             # what each diagnostic of the kind is
    per_subject: bool = True         # one group per subject (regex group 1), else per kind


_KINDS = (
    Kind("ambiguous alias", re.compile(r"^“(.+?)” could be (.+?): not linked"),
         "name one of them in entities: in those articles, or give each entity an alias "
         "of its own", "mentions"),
    Kind("never mentioned", re.compile(r"^entity '(.+)' is never mentioned"),
         "mention them, attach them with entities:, or delete their files", "entities",
         per_subject=False),
    Kind("dossier without articles", re.compile(r"^dossier '(.+)' has no articles"),
         "widen their match: rules or name them in articles' dossiers:", "dossiers",
         per_subject=False),
    Kind("unmatched rule", re.compile(r"^(?:tag|keyword|entity) '(.+)' (?:is carried by|occurs in|"
                                  r"is mentioned in) no article"),
         "", "rules", per_subject=False),
    Kind("future date", re.compile(r"^(\d{4}-\d{2}-\d{2}) is after the day of the build"),
         "", "articles", per_subject=False),
    Kind("excerpt without link", re.compile(r"^full text is off and there is no source\.url"),
         "", "articles", per_subject=False),
    Kind("left as new wrote it", re.compile(r"^still the placeholder `new` wrote"),
         "", "files", per_subject=False),
)


def _key(diagnostic: Diagnostic) -> tuple[str, ...]:
    for kind in _KINDS:
        found = kind.pattern.match(diagnostic.message)
        if found:
            return ("kind", kind.name, found.group(0) if kind.per_subject else "")
    return ("same", diagnostic.field, diagnostic.message)


def _kind(key: tuple[str, ...]) -> Kind | None:
    return next((k for k in _KINDS if key[0] == "kind" and k.name == key[1]), None)


def _plural(count: int, noun: str) -> str:
    if count == 1:
        noun = {"mentions": "mention", "articles": "article", "entities": "entity",
                "places": "place", "dossiers": "dossier", "files": "file",
                "rules": "rule"}.get(noun, noun)
    return f"{count:,} {noun}"


def _group_line(members: Sequence[Diagnostic], key: tuple[str, ...]) -> str:
    first = members[0]
    kind = _kind(key)
    files = len({d.path for d in members})
    noun = kind.noun if kind else "places"
    count = _plural(len(members), noun)
    if noun == "mentions" or files < len(members):
        count += f" in {_plural(files, 'articles' if noun == 'mentions' else 'files')}"
    # the next few places, in other files where there are any
    firsts: dict[str, Diagnostic] = {}
    for d in members[1:]:
        if d.path != first.path:
            firsts.setdefault(d.path, d)
    picked = list(firsts.values())[:SHOWN_PLACES]
    picked += [d for d in members[1:] if d not in picked][:SHOWN_PLACES - len(picked)]
    picked.sort(key=members.index)
    shown = ", ".join(f"{d.path}:{d.line}" for d in picked)
    more = len(members) - 1 - len(picked)
    also = f"; also {shown}" + (f" and {more:,} more" if more > 0 else "")
    fix = f"; fix: {kind.fix}" if kind and kind.fix else ""
    listing = "; --verbose lists every place" if more > 0 else ""
    return f"{first.format()} [{count}{also}{fix}{listing}]"


def format_lines(diagnostics: Iterable[Diagnostic], verbose: bool = False) -> list[str]:
    """The lines to print for ``diagnostics`` (kept in the order given)."""
    ordered = list(diagnostics)
    if verbose:
        return [d.format() for d in ordered]
    groups: dict[tuple[str, ...], list[Diagnostic]] = {}
    for diagnostic in ordered:
        if diagnostic.severity == "warning":
            groups.setdefault(_key(diagnostic), []).append(diagnostic)
    lines, done = [], set()
    for diagnostic in ordered:
        if diagnostic.severity != "warning":
            lines.append(diagnostic.format())
            continue
        key = _key(diagnostic)
        if key in done:
            continue
        done.add(key)
        members = groups[key]
        if len(members) <= GROUP_FROM - 1:   # a few are listed one by one
            lines.extend(d.format() for d in members)
        else:
            lines.append(_group_line(members, key))
    return lines


def print_diagnostics(diagnostics: Iterable[Diagnostic], verbose: bool = False,
                      stream: TextIO | None = None) -> None:
    for line in format_lines(diagnostics, verbose):
        print(line, file=stream or sys.stderr)
