"""Entity mentions: an alias table (Aho-Corasick) and the contract's matching rules.

Matching works on the markdown-it token stream, never on HTML text, so a link
is never put inside markup or inside another link (see :func:`link_mentions`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

import ahocorasick
from markdown_it.token import Token

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


# --- the token walk ----------------------------------------------------------

@dataclass(frozen=True)
class LinkResult:
    mentions: tuple[Mention, ...]
    ambiguities: tuple[Ambiguity, ...]
    text: str  # plain text of the body without code, for keywords and search


_A_OPEN = re.compile(r"<a[\s>]", re.IGNORECASE)
_A_CLOSE = re.compile(r"</a\s*>", re.IGNORECASE)
_CODE_OPEN = re.compile(r"<(code|pre|kbd|samp|script|style)[\s>]", re.IGNORECASE)
_CODE_CLOSE = re.compile(r"</(code|pre|kbd|samp|script|style)\s*>", re.IGNORECASE)


@dataclass
class _Walk:
    table: AliasTable
    explicit: frozenset[str]
    link_mode: str
    href: Callable[[str], str]
    titles: dict[str, str]
    line_offset: int
    mentions: list[Mention] = field(default_factory=list)
    ambiguities: list[Ambiguity] = field(default_factory=list)
    linked: set[str] = field(default_factory=set)
    with_context: set[str] = field(default_factory=set)
    text_parts: list[str] = field(default_factory=list)

    def owner(self, hit: Hit) -> str | None:
        if len(hit.owners) == 1:
            return hit.owners[0]
        named = [slug for slug in hit.owners if slug in self.explicit]
        return named[0] if len(named) == 1 else None

    def should_link(self, slug: str) -> bool:
        if self.link_mode == "none":
            return False
        if self.link_mode == "first" and slug in self.linked:
            return False
        self.linked.add(slug)
        return True

    def entity_link(self, slug: str, text: str) -> list[Token]:
        attrs: dict[str, str | int | float] = {
            "class": "entity", "data-entity": slug, "href": self.href(slug)}
        if self.titles.get(slug):
            attrs["title"] = self.titles[slug]
        opening = Token("link_open", "a", 1, attrs=attrs)
        return [opening, Token("text", "", 0, content=text), Token("link_close", "a", -1)]


def link_mentions(
    tokens: list[Token],
    table: AliasTable,
    *,
    explicit: Iterable[str] = (),
    link_mode: str = "first",
    href: Callable[[str], str],
    titles: dict[str, str],
    line_offset: int = 0,
) -> LinkResult:
    """Find mentions in a parsed body and put entity links into ``tokens`` (in place:
    the tokens are this call's own, fresh from the parser)."""
    walk = _Walk(table, frozenset(explicit), link_mode, href, titles, line_offset)
    in_heading = False
    for token in tokens:
        if token.type == "heading_open":
            in_heading = True
        elif token.type == "heading_close":
            in_heading = False
        elif token.type == "inline" and token.children is not None:
            first_line = (token.map[0] if token.map else 0) + line_offset + 1
            token.children = _walk_inline(walk, token.children, first_line, scan=not in_heading)
    return LinkResult(tuple(walk.mentions), tuple(walk.ambiguities), " ".join(walk.text_parts))


def _walk_inline(walk: _Walk, children: list[Token], line: int, scan: bool) -> list[Token]:
    out: list[Token] = []
    paragraph: list[str] = []          # plain text of this block, for sentences
    pending: list[tuple[str, str, int, int, int]] = []   # slug, alias, line, start, end
    run: list[Token] = []
    link_depth = 0
    code_depth = 0
    line_now = line

    def flush() -> None:
        nonlocal line_now
        if not run:
            return
        joined = "".join("\n" if t.type == "softbreak" else t.content for t in run)
        base = sum(len(p) for p in paragraph)
        paragraph.append(joined)
        walk.text_parts.append(joined)
        # a name may be wrapped over two lines of the source: scan with spaces
        hits = walk.table.scan(joined.replace("\n", " ")) if scan else []
        if not hits:
            out.extend(run)
        else:
            out.extend(_split_run(walk, joined, hits, line_now, base, pending))
        line_now += joined.count("\n")
        run.clear()

    for child in children:
        kind = child.type
        if kind in ("text", "softbreak") and link_depth == 0 and code_depth == 0:
            run.append(child)
            continue
        flush()
        out.append(child)
        if kind == "link_open":
            link_depth += 1
        elif kind == "link_close":
            link_depth = max(0, link_depth - 1)
        elif kind == "html_inline":
            content = child.content
            if _A_OPEN.match(content):
                link_depth += 1
            elif _A_CLOSE.match(content):
                link_depth = max(0, link_depth - 1)
            elif _CODE_OPEN.match(content):
                code_depth += 1
            elif _CODE_CLOSE.match(content):
                code_depth = max(0, code_depth - 1)
        elif kind == "text":   # inside a link or raw code: text, but no mentions
            paragraph.append(child.content)
            if code_depth == 0:
                walk.text_parts.append(child.content)
        elif kind == "code_inline":
            paragraph.append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            paragraph.append(" ")
            line_now += 1
    flush()
    if pending:
        text = "".join(paragraph).replace("\n", " ")
        for slug, alias, at_line, start, end in pending:
            # the sentence is shown for an entity's first mention only
            context = ""
            if slug not in walk.with_context:
                walk.with_context.add(slug)
                context = sentence_around(text, start, end)
            walk.mentions.append(Mention(slug, alias, at_line, context))
    return out


def _split_run(
    walk: _Walk, joined: str, hits: list[Hit], line: int, base: int,
    pending: list[tuple[str, str, int, int, int]],
) -> list[Token]:
    out: list[Token] = []
    cursor = 0
    for hit in hits:
        at_line = line + joined.count("\n", 0, hit.start)
        slug = walk.owner(hit)
        if slug is None:
            ambiguity = Ambiguity(hit.alias, at_line, hit.owners)
            if ambiguity not in walk.ambiguities:   # one report per alias and line
                walk.ambiguities.append(ambiguity)
            continue
        pending.append((slug, hit.alias, at_line, base + hit.start, base + hit.end))
        if not walk.should_link(slug):
            continue
        if hit.start > cursor:
            out.append(Token("text", "", 0, content=joined[cursor:hit.start]))
        out.extend(walk.entity_link(slug, joined[hit.start:hit.end]))
        cursor = hit.end
    if cursor < len(joined):
        out.append(Token("text", "", 0, content=joined[cursor:]))
    return out
