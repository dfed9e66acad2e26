"""Link one parsed article to the registry: its mentions, keywords and linked body."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from dossier.config import Config
from dossier.linking.membership import KeywordMatcher, normalise
from dossier.linking.mentions import AliasTable, Linked, assemble, find_mentions
from dossier.model import Article, ParsedArticle
from dossier.site.urls import entity_url, href


def link_key(table: AliasTable, link_mode: str) -> str:
    """What a parsed body's mentions depend on besides the body itself."""
    return f"{table.fingerprint}:{link_mode}"


def link_article(parsed: ParsedArticle, linked: Linked, config: Config,
                 keywords: KeywordMatcher, titles: Mapping[str, str]) -> Article:
    """``linked``: :func:`find_mentions` of the article's body (cached apart: it costs
    the scan); ``titles``: the tooltips of linked entities."""
    body = parsed.body
    base_path = config.base_path

    def entity_href(slug: str) -> str:
        return href(base_path, entity_url(slug))

    body_html = assemble(body.html, body, linked.links, entity_href, titles)
    excerpt_html = assemble(body.excerpt, body, linked.links, entity_href, titles) \
        if body.excerpt else ""
    plain = f"{parsed.title}\n{body.text}"
    found = keywords.find(plain)
    used = sorted({link.entity for link in linked.links})
    digest = hashlib.blake2b("\x00".join(
        [parsed.digest, repr(linked), *sorted(found), *(f"{s}={titles.get(s, '')}" for s in used),
         base_path]).encode(), digest_size=16).hexdigest()
    return Article(
        digest=digest, path=parsed.path, slug=parsed.slug, title=parsed.title, date=parsed.date,
        updated=parsed.updated, source=parsed.source, authors=parsed.authors,
        summary=parsed.summary, location=parsed.location, dossiers=parsed.dossiers,
        entities=parsed.entities, tags=parsed.tags, image=parsed.image, draft=parsed.draft,
        language=parsed.language, full_text=parsed.full_text, aliases=parsed.aliases,
        params=parsed.params, body_html=body_html, excerpt_html=excerpt_html, text=plain,
        mentions=linked.mentions, ambiguities=linked.ambiguities, keywords=found,
        field_lines=parsed.field_lines, excerpt_text=normalise(body.excerpt_text))


def mentions_of(parsed: ParsedArticle, table: AliasTable, link_mode: str) -> Linked:
    return find_mentions(parsed.body, table, explicit=parsed.entities, link_mode=link_mode)
