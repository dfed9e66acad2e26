"""`dossier entities suggest`: names the articles use often that no entity has, and
spellings of registered names that miss them (proposed as aliases).

Offline and model-free: capitalised runs that do not start a sentence, in at least
two articles (see names.py). Reads the article files directly (no rendering, no
linking), so it stays fast on large sites.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dossier.commands.names import (
    Registry,
    excerpt,
    katakana_in,
    names_in,
    plain_text,
    sentence_at,
)
from dossier.content.discover import SourceFile, discover
from dossier.content.markdown import make_markdown
from dossier.content.readers import read_entity
from dossier.content.slugs import slugify
from dossier.parallel import default_jobs, fork_map

_FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n.*?^(?:---|\.\.\.)[ \t]*\r?$",
                    re.DOTALL | re.MULTILINE)
EXAMPLES = 2
MIN_ARTICLES = 2


@dataclass
class Tally:
    """Occurrences of one name across articles (mutable while counting, in one process)."""

    mentions: int = 0
    articles: set[str] = field(default_factory=set)
    mid_sentence: bool = False
    examples: list[tuple[str, str]] = field(default_factory=list)   # (path, sentence)
    near: str | None = None


@dataclass(frozen=True)
class Candidate:
    name: str
    slug: str
    mentions: int
    articles: int
    examples: tuple[tuple[str, str], ...]
    near: str | None          # a registered entity this spelling misses: propose an alias
    kind: str                 # a guess, for --write


def body_of(text: str) -> str:
    """The Markdown body of a content file (front matter cut off)."""
    found = _FRONT.match(text)
    return text[found.end():] if found else text


def tally(documents: Iterable[tuple[str, str]], registry: Registry) -> dict[str, Tally]:
    """Count names in (path, markdown body) documents."""
    counts: dict[str, Tally] = {}
    memo: dict = {}
    for path, body in documents:
        text = plain_text(body)
        for found in (*names_in(text, registry, memo), *katakana_in(text, registry)):
            entry = counts.get(found.name)
            if entry is None:
                entry = counts[found.name] = Tally(near=found.near)
            entry.mentions += 1
            entry.mid_sentence |= not found.initial
            if path not in entry.articles:
                entry.articles.add(path)
                if len(entry.examples) < EXAMPLES:
                    entry.examples.append((path, excerpt(sentence_at(text, found.at))))
    return counts


def merge(parts: Iterable[dict[str, Tally]]) -> dict[str, Tally]:
    total: dict[str, Tally] = {}
    for part in parts:
        for name, entry in part.items():
            into = total.get(name)
            if into is None:
                total[name] = entry
                continue
            into.mentions += entry.mentions
            into.mid_sentence |= entry.mid_sentence
            into.examples.extend(entry.examples[:max(0, EXAMPLES - len(into.examples))])
            into.articles |= entry.articles
    return total


_ORG = frozenset((
    "ministry", "agency", "council", "force", "forces", "party", "university", "bank",
    "institute", "institution", "department", "office", "command", "corps", "navy",
    "army", "guard", "committee", "commission", "association", "company", "corporation",
    "group", "fund", "bureau", "service", "organization", "organisation", "union",
    "coalition", "alliance",
))
_PLACE = frozenset((
    "island", "islands", "strait", "sea", "bay", "city", "province", "prefecture",
    "base", "station", "river", "mountain", "peninsula", "county", "district", "port",
    "airport",
))


def guess_kind(name: str) -> str:
    words = [w.lower().strip(".") for w in name.split()]
    if name.isupper() or any(w in _ORG for w in words):
        return "organization"
    if any(w in _PLACE for w in words):
        return "place"
    if 2 <= len(words) <= 3 and all(w[:1].isupper() for w in name.split()):
        return "person"
    return "topic"


def rank(counts: dict[str, Tally], registered_slugs: frozenset[str]) -> tuple[
        list[Candidate], list[Candidate]]:
    """(new names, variant spellings of registered ones), best first."""
    new, variants = [], []
    for name, entry in counts.items():
        if len(entry.articles) < MIN_ARTICLES or not entry.mid_sentence:
            continue
        slug = slugify(name)
        if entry.near is None and slug in registered_slugs:
            continue
        candidate = Candidate(name, slug, entry.mentions, len(entry.articles),
                              tuple(sorted(entry.examples)[:EXAMPLES]), entry.near,
                              guess_kind(name))
        (variants if entry.near else new).append(candidate)
    def order(c: Candidate) -> tuple[int, int, str]:
        return (-c.articles, -c.mentions, c.name)

    return sorted(new, key=order), sorted(variants, key=order)


def _read_bodies(sources: Sequence[SourceFile]) -> list[tuple[str, str]]:
    documents = []
    for source in sources:
        try:
            text = source.path.read_bytes().decode("utf-8", errors="replace")
        except OSError:
            continue
        documents.append((source.rel, body_of(text)))
    return documents


def registry_of(root: Path, entity_files: Sequence[SourceFile]) -> tuple[Registry, set[str]]:
    md = make_markdown()
    found = []
    for source in entity_files:
        try:
            entity, _ = read_entity(source.rel, source.path.read_bytes(), md, "/")
        except (OSError, ValueError):
            continue
        if entity is not None:
            found.append((entity.slug, entity.name, entity.aliases))
    return Registry.of(found), {slug for slug, _, _ in found}


def suggest(root: Path, jobs: int = 0) -> tuple[list[Candidate], list[Candidate], Registry]:
    files = discover(root)
    registry, slugs = registry_of(root, files["entities"])
    sources = files["articles"]
    jobs = jobs or default_jobs()
    # fork_map works in parallel from MIN_PARALLEL items: 64 chunks, each with its own memo
    size = max(1, -(-len(sources) // 64))
    chunks = [sources[i:i + size] for i in range(0, len(sources), size)]
    parts = fork_map(lambda chunk: tally(_read_bodies(chunk), registry), chunks,
                     jobs if len(chunks) > 1 else 1)
    new, variants = rank(merge(parts), frozenset(slugs))
    return new, variants, registry


def format_candidates(new: Sequence[Candidate], variants: Sequence[Candidate],
                      registry: Registry, limit: int | None = None) -> list[str]:
    lines = []
    shown = list(new[:limit] if limit else new)
    lines.append(f"Names in no entity ({len(new):,}; best first; write one with "
                 "--write SLUG):" if new else "Names in no entity: none found")
    for c in shown:
        path, sentence = c.examples[0]
        lines.append(f"  {c.slug}  “{c.name}” ({c.kind}?): {c.mentions:,} mention"
                     f"{'' if c.mentions == 1 else 's'} in {c.articles:,} articles, e.g. "
                     f"{path}: “{sentence}”")
    if limit and len(new) > limit:
        lines.append(f"  … {len(new) - limit:,} more (without --limit: all)")
    if variants:
        lines.append("")
        lines.append(f"Spellings of registered names that do not match ({len(variants):,}; "
                     "add them to the entity's aliases:):")
        for c in variants[:limit] if limit else variants:
            path, sentence = c.examples[0]
            assert c.near is not None
            lines.append(f"  “{c.name}” -> alias of {c.near} ({registry.names.get(c.near)}): "
                         f"{c.mentions:,} mentions in {c.articles:,} articles, e.g. {path}: "
                         f"“{sentence}”")
    return lines


def entity_file(candidate: Candidate) -> str:
    name = candidate.name.replace("\\", "\\\\").replace('"', '\\"')
    return (f"---\nname: \"{name}\"\nkind: {candidate.kind}\naliases: []\n"
            f"description: \"\"\n---\n")


def write_entities(root: Path, chosen: Sequence[str], new: Sequence[Candidate]
                   ) -> tuple[list[str], list[str]]:
    """Write content/entities/SLUG.md for each chosen candidate slug; never overwrite.
    Returns (lines to print, problems)."""
    by_slug = {c.slug: c for c in new}
    done, problems = [], []
    for slug in chosen:
        candidate = by_slug.get(slug)
        path = root / "content" / "entities" / f"{slug}.md"
        if path.exists():
            problems.append(f"content/entities/{slug}.md already exists, left as it was")
            continue
        if candidate is None:
            from dossier.spelling import did_you_mean

            problems.append(f"entities suggest: {slug!r} is not a suggested name; "
                            f"{did_you_mean(slug, by_slug)}")
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(entity_file(candidate), encoding="utf-8")
        done.append(f"Created content/entities/{slug}.md ({candidate.name}, "
                    f"kind: {candidate.kind}: check it)")
    return done, problems
