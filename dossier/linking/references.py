"""Slugs that must exist: an article's `dossiers:` and `entities:`, a dossier's
`match.entities:`. Unknown ones are errors, always (drafts included)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from dossier.errors import Diagnostic, error
from dossier.spelling import did_you_mean


@dataclass(frozen=True)
class Known:
    """The slugs that exist: of files read, and of files whose own errors kept them
    from being read (so those errors are not echoed as unknown slugs elsewhere)."""

    entities: frozenset[str] = frozenset()
    dossiers: frozenset[str] = frozenset()


def choices(slugs: Iterable[str], limit: int = 8) -> str:
    ordered = sorted(slugs)
    if not ordered:
        return "(none defined)"
    more = f", … ({len(ordered) - limit} more)" if len(ordered) > limit else ""
    return ", ".join(ordered[:limit]) + more


def reference_problems(path: str, lines: dict[str, int], dossiers: Iterable[str],
                       entities: Iterable[str], known: Known) -> list[Diagnostic]:
    """Unknown slugs in an article's `dossiers:` and `entities:`."""
    problems = []
    for slug in dossiers:
        if slug not in known.dossiers:
            problems.append(error(path, lines.get("dossiers", 1), "dossiers",
                                  f"unknown dossier {slug!r}; "
                                  f"{did_you_mean(slug, known.dossiers)}"))
    for slug in entities:
        if slug not in known.entities:
            problems.append(error(path, lines.get("entities", 1), "entities",
                                  f"unknown entity {slug!r}; "
                                  f"{did_you_mean(slug, known.entities)} (or add "
                                  f"content/entities/{slug}.md)"))
    return problems


def match_problems(path: str, line: int, entities: Iterable[str],
                   known: Known) -> list[Diagnostic]:
    """Unknown slugs in a dossier's `match.entities:`."""
    return [error(path, line, "match.entities",
                  f"unknown entity {slug!r}; {did_you_mean(slug, known.entities)}")
            for slug in entities if slug not in known.entities]
