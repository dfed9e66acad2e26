"""Link one parsed article to the registry: its mentions, keywords and linked body."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from dossier.config import Config
from dossier.content.body import Body
from dossier.linking.membership import KeywordMatcher, normalise
from dossier.linking.mentions import (
    AliasTable,
    EntityLink,
    Linked,
    assemble,
    choose_links,
    find_mentions,
)
from dossier.model import Article, ParsedArticle
from dossier.site.urls import entity_url, href


def link_key(table: AliasTable) -> str:
    """What a parsed body's mentions depend on besides the body itself (not which of
    them become links: :func:`link_article` chooses those)."""
    return f"{table.fingerprint}:every"


def entity_modes(linked: Linked, modes: Mapping[str, str], default: str
                 ) -> tuple[str, ...]:
    """The link mode of each entity an article mentions, in slug order: with the
    entities' tooltips, what its links are made of besides its body."""
    used = sorted({link.entity for link in linked.links})
    return tuple(f"{s}:{modes.get(s, default)}" for s in used)


def linked_by_hand(pieces: Sequence[str | int], config: Config) -> frozenset[str]:
    """Entities whose page the body's own Markdown or HTML already links to."""
    prefixes = tuple(dict.fromkeys((f"{config.base_path}entities/",
                                    f"{config.base_url}entities/")))
    found: set[str] = set()
    for piece in pieces[::2]:
        if not isinstance(piece, str) or "entities/" not in piece:
            continue
        for prefix in prefixes:
            if prefix in piece:
                found.update(m.group(1) for m in _hand_link(prefix).finditer(piece))
    return frozenset(found)


@lru_cache(maxsize=8)
def _hand_link(prefix: str) -> re.Pattern[str]:
    """A link to an entity's page under ``prefix``, compiled once per site address."""
    return re.compile(r'href="' + re.escape(prefix)
                      + r'([a-z0-9-]+)/?(?:index\.html)?(?:#[^"]*)?"')


@dataclass(frozen=True, eq=False)
class LinkedBody:
    """An article's body and excerpt as HTML with its entity links (a
    :class:`dossier.model.BodyHtml`), each assembled when first read."""

    parsed: Body
    found: tuple[EntityLink, ...]        # every mention a possible link
    modes: Mapping[str, str]
    titles: Mapping[str, str]
    config: Config

    @cached_property
    def links(self) -> tuple[EntityLink, ...]:
        default = self.config.entity_link
        return choose_links(self.found, lambda slug: self.modes.get(slug, default),
                            linked_by_hand(self.parsed.html, self.config))

    def _assembled(self, pieces: Sequence[str | int]) -> str:
        base_path = self.config.base_path
        return assemble(pieces, self.parsed, self.links,
                        lambda slug: href(base_path, entity_url(slug)), self.titles)

    @cached_property
    def body(self) -> str:
        return self._assembled(self.parsed.html)

    @cached_property
    def excerpt(self) -> str:
        return self._assembled(self.parsed.excerpt) if self.parsed.excerpt else ""

    @cached_property
    def excerpt_text(self) -> str:
        return normalise(self.parsed.excerpt_text)


def link_article(parsed: ParsedArticle, linked: Linked, config: Config,
                 keywords: KeywordMatcher, titles: Mapping[str, str],
                 modes: Mapping[str, str], found_with: str) -> Article:
    """``linked``: :func:`find_mentions` of the article's body with every mention a
    possible link (cached apart: it costs the scan); ``titles``: the tooltips of
    linked entities; ``modes``: each entity's link mode (``Registry.link_modes``;
    missing: ``entities.link``); ``found_with``: :func:`link_key` of the table
    ``linked`` was found with (with the body's digest it decides ``linked``, so the
    article's digest need not hash ``linked`` itself, a third of this function's time).
    The body's HTML is assembled when a page first reads it; the digest covers what
    it is made of (the tooltip and link mode of every entity the body mentions)."""
    body = parsed.body
    plain = f"{parsed.title}\n{body.text}"
    found = keywords.find(plain)
    modes_used = entity_modes(linked, modes, config.entity_link)
    digest = hashlib.blake2b("\x00".join(
        [parsed.digest, found_with, *sorted(found),
         *(f"{s}={titles.get(s, '')}" for s in sorted({link.entity for link in linked.links})),
         *modes_used, config.base_path]).encode(),
        digest_size=16).hexdigest()
    return Article(
        digest=digest, path=parsed.path, slug=parsed.slug, title=parsed.title, date=parsed.date,
        updated=parsed.updated, source=parsed.source, authors=parsed.authors,
        summary=parsed.summary, location=parsed.location, dossiers=parsed.dossiers,
        entities=parsed.entities, tags=parsed.tags, image=parsed.image, draft=parsed.draft,
        language=parsed.language, full_text=parsed.full_text, aliases=parsed.aliases,
        params=parsed.params, html=LinkedBody(body, linked.links, modes, titles, config),
        text=plain, mentions=linked.mentions, ambiguities=linked.ambiguities, keywords=found,
        field_lines=parsed.field_lines)


def mentions_of(parsed: ParsedArticle, table: AliasTable) -> Linked:
    """Every mention of the body, each a possible link."""
    return find_mentions(parsed.body, table, explicit=parsed.entities, link_mode="all")
