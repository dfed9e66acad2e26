"""Search records from the linked site: one per article, dossier and entity.

Articles give their title, summary and whole text (even when their page shows
only an excerpt), their filters (dossier titles, entity names, source name,
year) and their day for sorting. Dossiers and entities give their name, summary
or description, aliases and own introduction or profile; they are labelled by
``kind`` so the search page can list them before articles when their name
matches. Listing pages are never records.
"""

from __future__ import annotations

import re
from html import unescape

from dossier.content.dates import human, local
from dossier.model import Article, Dossier, Entity, Site
from dossier.output.search import Record
from dossier.site.urls import article_url, dossier_url, entity_url

_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote|tr|div)>", re.IGNORECASE)


def html_text(fragment: str) -> str:
    """Plain text of a rendered HTML fragment, one line per block."""
    return unescape(_TAG.sub("", _BLOCK_END.sub("\n", fragment)))


def article_record(site: Site, index: int) -> Record:
    """The record of ``site.articles[index]``."""
    article: Article = site.articles[index]
    seen = local(article.date, site.config.zone)
    filters = {"year": [str(seen.year)],
               "dossier": [site.dossier_by_slug[m.dossier].title
                           for m in site.article_dossiers[index]],
               "entity": [site.entity_by_slug[s].name
                          for s in site.article_entities[index]]}
    if article.source:
        filters["source"] = [article.source.name]
    meta = {"date": human(seen), "source": article.source.name if article.source else ""}
    text = article.text
    if text.startswith(article.title):   # `text` opens with the title, already the <h1>
        text = text[len(article.title):]
    # a summary that is the text's first paragraph (the default) is indexed once
    content = text if _opens(text, article.summary) else f"{article.summary}\n{text}"
    return Record(article_url(article.slug), article.title, content,
                  {k: v for k, v in filters.items() if v}, {"date": seen.date().isoformat()},
                  kind="article", language=article.language or site.config.language,
                  meta=meta)


_WORD = re.compile(r"\w+")


def _opens(text: str, summary: str) -> bool:
    """Whether ``text`` begins with the words of ``summary`` (spacing and punctuation
    aside: a link's text is joined with a space)."""
    words = _WORD.findall(summary)
    return bool(words) and _WORD.findall(text[:len(summary) * 2 + 200])[:len(words)] == words


def search_records(site: Site, articles: bool = True) -> list[Record]:
    """Every record of the site: articles (unless not ``articles``), then dossiers,
    then entities."""
    return [*(article_record(site, i) for i in range(len(site.articles) if articles else 0)),
            *(dossier_record(d) for d in site.dossiers),
            *(entity_record(e) for e in site.entities)]


def dossier_record(dossier: Dossier) -> Record:
    return Record(dossier_url(dossier.slug), dossier.title,
                  f"{dossier.summary}\n{html_text(dossier.intro_html)}",
                  {}, {}, kind="dossier", meta={"summary": dossier.summary})


def entity_record(entity: Entity) -> Record:
    return Record(entity_url(entity.slug), entity.name,
                  f"{', '.join(entity.aliases)}\n{entity.description}\n"
                  f"{html_text(entity.profile_html)}",
                  {}, {}, kind="entity",
                  meta={"summary": entity.description, "entity_kind": entity.kind})

