"""Entity mentions: an alias table (Aho-Corasick) and the contract's matching rules.

Matching works on the runs of prose that parsing cut out of the token stream
(:mod:`dossier.content.body`), never on HTML text, so a link is never put inside
markup or inside another link.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import ahocorasick
from markdown_it.common.utils import escapeHtml

from dossier.content.body import Body
from dossier.content.scripts import is_unspaced, joins_word
from dossier.model import Ambiguity, Entity, Mention

# A name in a bare web or mail address (example.com/Texas, www.Texas.gov,
# desk@Texas.org) is not a mention. Only names touching one of _GLUE are checked.
_GLUE = frozenset("/.@:")
_ADDRESS = re.compile(r"://|^www\.|@[\w-]+\.|[\w-]\.[a-z]{2,}(?:[/:?#]|[.,;:!?)\]]*$)")


def _in_address(text: str, start: int, end: int) -> bool:
    """Is text[start:end] inside a white-space-delimited token that is an address?"""
    lo, hi = start, end
    while lo > 0 and not text[lo - 1].isspace():
        lo -= 1
    while hi < len(text) and not text[hi].isspace():
        hi += 1
    return bool(_ADDRESS.search(text[lo:hi]))


_APOSTROPHE_SPELLINGS = str.maketrans("'’", "’'")


class Hit(NamedTuple):
    start: int
    end: int
    alias: str
    owners: tuple[str, ...]


@dataclass(frozen=True)
class AliasTable:
    """Every entity name and alias, and which entities claim it."""

    owners: dict[str, tuple[str, ...]]
    automaton: ahocorasick.Automaton | None = field(compare=False, repr=False)
    fingerprint: str = ""

    def scan(self, text: str) -> list[Hit]:
        """All mentions in ``text``: whole words, longest match wins."""
        if self.automaton is None or not text:
            return []
        size = len(text)
        hits = []
        joins = joins_word
        glue = _GLUE
        for last, (alias, owners, free_left, free_right, length) in self.automaton.iter(text):
            start = last - length + 1
            end = last + 1
            before = text[start - 1] if start > 0 else " "
            after = text[end] if end < size else " "
            if not free_left and joins(before):
                continue
            if not free_right and joins(after):
                continue
            if (before in glue or after in glue) and _in_address(text, start, end):
                continue
            hits.append(Hit(start, end, alias, owners))
        if len(hits) < 2:
            return hits
        hits.sort(key=lambda h: (h.start - h.end, h.start))
        chosen: list[Hit] = []
        for hit in hits:
            if all(hit.end <= c.start or hit.start >= c.end for c in chosen):
                chosen.append(hit)
        chosen.sort(key=lambda h: h.start)
        return chosen


def build_alias_table(entities: Iterable[Entity]) -> AliasTable:
    """Names are matched as written, and with straight and curly apostrophes alike:
    the typographer turns ``O'Brien`` in an article into ``O’Brien``."""
    owners: dict[str, list[str]] = {}
    for entity in entities:
        for name in entity.names:
            name = name.strip().replace("'", "’")
            if name and entity.slug not in owners.setdefault(name, []):
                owners[name].append(entity.slug)
    frozen = {alias: tuple(sorted(slugs)) for alias, slugs in sorted(owners.items())}
    if not frozen:
        return AliasTable(frozen, None, "")
    automaton = ahocorasick.Automaton()
    for alias, slugs in frozen.items():
        value = (alias, slugs, is_unspaced(alias[0]), is_unspaced(alias[-1]), len(alias))
        automaton.add_word(alias, value)
        if "’" in alias:   # also as typed, for text the typographer left alone
            automaton.add_word(alias.translate(_APOSTROPHE_SPELLINGS), value)
    automaton.make_automaton()
    digest = hashlib.sha256(repr(sorted(frozen.items())).encode()).hexdigest()[:16]
    return AliasTable(frozen, automaton, digest)


def shared_aliases(table: AliasTable) -> dict[str, tuple[str, ...]]:
    return {alias: slugs for alias, slugs in table.owners.items() if len(slugs) > 1}


# --- sentences ---------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|(?<=[。！？])")
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Sgt|Capt|Adm|No|Jr|Sr|vs|etc|Inc|Co|Corp|Gov|"
    r"Sen|Rep|Prof|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec))\.$"
)
_CONTEXT_LIMIT = 320


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` holding [start, end)."""
    left = 0
    right = len(text)
    for boundary in _SENTENCE_END.finditer(text):
        cut = boundary.start()
        if _ABBREVIATION.search(text[max(0, cut - 6):cut]):
            continue
        if boundary.end() <= start:
            left = boundary.end()
        elif cut >= end:
            right = cut
            break
    sentence = " ".join(text[left:right].split())
    if len(sentence) > _CONTEXT_LIMIT:
        offset = start - left
        lo = max(0, offset - _CONTEXT_LIMIT // 2)
        sentence = ("…" if lo else "") + sentence[lo:lo + _CONTEXT_LIMIT].strip() + "…"
    return sentence


# --- linking a parsed body ---------------------------------------------------

class EntityLink(NamedTuple):
    run: int
    start: int
    end: int
    entity: str


@dataclass(frozen=True)
class Linked:
    """What the registry makes of one parsed body: every mention (each counts for the
    entity's page), the aliases left undecided, and where mentions may become links
    (under ``link_mode="all"``, every mention: :func:`choose_links` picks the links
    each entity's mode asks for)."""

    mentions: tuple[Mention, ...]
    ambiguities: tuple[Ambiguity, ...]
    links: tuple[EntityLink, ...]


def find_mentions(body: Body, table: AliasTable, *, explicit: Iterable[str] = (),
                  link_mode: str = "first") -> Linked:
    """Scan the body's runs (prose outside links, code and headings) for aliases."""
    named = frozenset(explicit)
    mentions: list[Mention] = []
    ambiguities: list[Ambiguity] = []
    links: list[EntityLink] = []
    linked: set[str] = set()
    with_context: set[str] = set()
    sentences: dict[int, str] = {}
    for index, run in enumerate(body.runs):
        text = body.run_text(index)
        # a name may be wrapped over two lines of the source: scan with spaces
        hits = table.scan(text.replace("\n", " "))
        for hit in hits:
            at_line = run.line + text.count("\n", 0, hit.start)
            slug = _owner(hit, named)
            if slug is None:
                ambiguity = Ambiguity(hit.alias, at_line, hit.owners)
                if ambiguity not in ambiguities:   # one report per alias and line
                    ambiguities.append(ambiguity)
                continue
            context = ""
            if slug not in with_context:   # the sentence, for an entity's first mention
                with_context.add(slug)
                sentence = sentences.get(run.block)
                if sentence is None:
                    sentence = sentences[run.block] = body.blocks[run.block].replace("\n", " ")
                context = sentence_around(sentence, run.offset + hit.start,
                                          run.offset + hit.end)
            mentions.append(Mention(slug, hit.alias, at_line, context))
            if link_mode == "all" or (link_mode == "first" and slug not in linked):
                linked.add(slug)
                links.append(EntityLink(index, hit.start, hit.end, slug))
    return Linked(tuple(mentions), tuple(ambiguities), tuple(links))


def choose_links(links: Iterable[EntityLink], mode: Callable[[str], str],
                 linked: Iterable[str] = ()) -> tuple[EntityLink, ...]:
    """The mentions that become links, in order: each entity's every mention (mode
    ``all``), its first in the whole article (``first``), or none (``none``).
    ``linked``: entities the text already links to by hand (``first``: no more)."""
    seen = set(linked)
    chosen = []
    for link in links:
        entity = link.entity
        how = mode(entity)
        if how == "all" or (how == "first" and entity not in seen):
            chosen.append(link)
            seen.add(entity)
    return tuple(chosen)


def _owner(hit: Hit, explicit: frozenset[str]) -> str | None:
    if len(hit.owners) == 1:
        return hit.owners[0]
    named = [slug for slug in hit.owners if slug in explicit]
    return named[0] if len(named) == 1 else None


def assemble(pieces: Sequence[str | int], body: Body, links: Sequence[EntityLink],
             href: Callable[[str], str], titles: Mapping[str, str]) -> str:
    """The body's HTML (or its excerpt's: ``pieces``) with its runs put back, entity
    links in them."""
    if len(pieces) == 1:
        return str(pieces[0])
    by_run: dict[int, list[EntityLink]] = {}
    for link in links:
        by_run.setdefault(link.run, []).append(link)
    out: list[str] = []
    for at, piece in enumerate(pieces):
        if not at % 2:
            out.append(piece)  # type: ignore[arg-type]
            continue
        assert isinstance(piece, int)
        text = body.run_text(piece)
        cursor = 0
        for link in by_run.get(piece, ()):
            out.append(escapeHtml(text[cursor:link.start]))
            title = titles.get(link.entity)
            tip = f' title="{escapeHtml(title)}"' if title else ""
            out.append(f'<a class="entity" data-entity="{escapeHtml(link.entity)}" '
                       f'href="{escapeHtml(href(link.entity))}"{tip}>'
                       f"{escapeHtml(text[link.start:link.end])}</a>")
            cursor = link.end
        out.append(escapeHtml(text[cursor:]))
    return "".join(out)
