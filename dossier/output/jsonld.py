"""JSON-LD (schema.org) for a page, made from its view record and the config.

Pure functions: a view record in, a plain dict out; :func:`script` turns the dict
into a ``<script type="application/ld+json">`` element whose text no front-matter
value can end early. Templates call one global, ``json_ld(view)``, with the record
they render (``article``, ``dossier``, ``entity``, or ``site`` on the home page).

What each page says (schema.org types):

- article: ``NewsArticle`` with its address, headline, dates, authors, the source as publisher,
  its dossiers as ``isPartOf``, its entities as ``about`` (those named in its
  ``entities:``) and ``mentions`` (the others, found in its text), image and
  ``isAccessibleForFree``; the source article's address as ``isBasedOn``. Never the
  article's text: in excerpt mode that text is withheld, and in full-text mode the
  page itself carries it; nor what the page's other tags say (its summary is the
  meta description). Entities and dossiers are named by their pages' addresses.
- dossier: ``CollectionPage`` whose ``mainEntity`` is an ``ItemList`` of this page's
  articles by address (positions count across pages; their names are on their pages).
- entity: ``Person``, ``Organization``, ``Place``, ``Event``, ``CreativeWork`` or
  ``Thing`` by kind, with ``sameAs`` its external links (Wikidata, Wikipedia, …).
- home: ``WebSite`` with a ``SearchAction`` on ``/search/?q=`` when search is on.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from dossier.config import Config
from dossier.site.viewmodel import entity_url
from dossier.site.views import (
    ArticleView,
    DossierView,
    EntityCard,
    EntityView,
    ImageView,
    LinkView,
    SiteView,
)

AbsUrl = Callable[[str], str]
JsonObject = dict[str, Any]

CONTEXT = "https://schema.org"

#: schema.org type for each entity kind of the content contract.
KIND_TYPES = {"person": "Person", "organization": "Organization", "place": "Place",
              "event": "Event", "document": "CreativeWork", "topic": "Thing"}

# Inside <script>, the HTML parser ends the element at "</script" and changes state at
# "<!--" and "<script"; JSON lets every character be written as \uXXXX, so the
# characters that start those sequences are never written raw. & too (for XHTML
# readers), and U+2028/U+2029, which old JavaScript parsers take for line ends.
# (Chained str.replace: several times faster than str.translate on long text.)
_SCRIPT_SAFE = (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def script(data: JsonObject) -> str:
    """The data as one ``<script type="application/ld+json">`` element, escaped so
    that the element's text is exactly the JSON, whatever strings it holds."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in _SCRIPT_SAFE:
        if raw in text:
            text = text.replace(raw, escaped)
    return f'<script type="application/ld+json">{text}</script>'


def _clean(data: JsonObject) -> JsonObject:
    """Without the keys whose value is empty (None, "", [], {})."""
    return {k: v for k, v in data.items() if v not in (None, "", [], {}, ())}


def _external(links: tuple[LinkView, ...]) -> list[str]:
    return [link.url for link in links if link.url.startswith(("http://", "https://"))]


def _image_url(src: str, abs_url: AbsUrl) -> str:
    if src.startswith(("http://", "https://")):
        return src
    if src.startswith("//"):
        return "https:" + src
    return abs_url(src)


def _image(image: ImageView | None, abs_url: AbsUrl) -> JsonObject | None:
    if image is None or not image.src:
        return None
    return _clean({"@type": "ImageObject", "url": _image_url(image.src, abs_url),
                   "caption": image.caption, "description": image.alt,
                   "creditText": image.credit})


def entity_ref(card: EntityCard, abs_url: AbsUrl) -> JsonObject:
    """An entity as another page's data names it: by its page's address, with sameAs."""
    return _clean({"@type": KIND_TYPES.get(card.kind, "Thing"), "name": card.name,
                   "url": abs_url(card.url), "sameAs": _external(card.links)})



def _site_organization(config: Config, abs_url: AbsUrl) -> JsonObject:
    return {"@type": "Organization", "name": config.title, "url": abs_url("/")}


def article(view: ArticleView, config: Config, abs_url: AbsUrl) -> JsonObject:
    url = abs_url(view.url)
    named = set(view.about)
    about = [entity_ref(e, abs_url) for e in view.entities if e.slug in named]
    mentions = [entity_ref(e, abs_url) for e in view.entities if e.slug not in named]
    source = view.source
    publisher = ({"@type": "Organization", "name": source.name} if source
                 else _site_organization(config, abs_url))
    modified = view.updated or view.date
    return _clean({
        "@context": CONTEXT, "@type": "NewsArticle", "url": url,
        "headline": view.title,
        "datePublished": view.date.iso, "dateModified": modified.iso,
        "inLanguage": view.language or config.language,
        "author": [{"@type": "Person", "name": name} for name in view.authors],
        "publisher": publisher,
        "isBasedOn": source.url if source and source.url else None,
        "isPartOf": [{"@type": "CollectionPage", "url": abs_url(d.url), "name": d.title}
                     for d in view.dossiers],
        "about": about, "mentions": mentions,
        "image": _image(view.image, abs_url),
        "keywords": [tag.title for tag in view.tags],
        "contentLocation": {"@type": "Place", "name": view.location} if view.location else None,
        "isAccessibleForFree": True,
    })


def dossier(view: DossierView, config: Config, abs_url: AbsUrl) -> JsonObject:
    url = abs_url(view.url)
    number = view.pagination.number if view.pagination else 1
    offset = (number - 1) * config.per_page
    cards = [card for year in view.timeline for month in year.months for card in month.articles]
    return _clean({
        "@context": CONTEXT, "@type": "CollectionPage", "@id": url, "url": url,
        "name": view.title, "description": view.summary, "inLanguage": config.language,
        "isPartOf": {"@type": "WebSite", "@id": abs_url("/") + "#website"},
        "about": [entity_ref(e, abs_url) for e in view.top_entities],
        "mainEntity": {
            "@type": "ItemList", "numberOfItems": view.count,
            "itemListOrder": "https://schema.org/ItemListOrderDescending",
            "itemListElement": [
                {"@type": "ListItem", "position": offset + i, "url": abs_url(card.url)}
                for i, card in enumerate(cards, start=1)],
        },
    })


def entity(view: EntityView, config: Config, abs_url: AbsUrl) -> JsonObject:
    url = abs_url(view.url)
    return _clean({
        "@context": CONTEXT, "@type": KIND_TYPES.get(view.kind, "Thing"),
        "@id": f"{abs_url(entity_url(view.slug))}#entity",
        "name": view.name, "alternateName": list(view.aliases),
        "description": view.description, "url": url, "mainEntityOfPage": url,
        "sameAs": _external(view.links),
    })


def website(config: Config, abs_url: AbsUrl) -> JsonObject:
    home = abs_url("/")
    search = None
    if config.search_enabled:
        search = {"@type": "SearchAction",
                  "target": {"@type": "EntryPoint",
                             "urlTemplate": abs_url("/search/") + "?q={search_term_string}"},
                  "query-input": "required name=search_term_string"}
    return _clean({"@context": CONTEXT, "@type": "WebSite", "@id": f"{home}#website",
                   "url": home, "name": config.title, "description": config.description,
                   "inLanguage": config.language, "potentialAction": search})


def for_view(view: object, config: Config, abs_url: AbsUrl) -> JsonObject:
    """The data for the record a template renders (the site's on the home page)."""
    if isinstance(view, ArticleView):
        return article(view, config, abs_url)
    if isinstance(view, DossierView):
        return dossier(view, config, abs_url)
    if isinstance(view, EntityView):
        return entity(view, config, abs_url)
    if isinstance(view, SiteView):
        return website(config, abs_url)
    raise TypeError(f"json_ld() takes an article, dossier, entity or site record, "
                    f"not {type(view).__name__}")
