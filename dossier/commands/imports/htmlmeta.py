"""An article's metadata from a saved page's head: JSON-LD ``NewsArticle`` (and its
kin), Open Graph and article meta tags, the canonical link. Its dates are found apart,
in pagedates."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

ARTICLE_TYPES = frozenset({"newsarticle", "article", "reportagenews", "analysisnewsarticle",
                           "opinionnewsarticle", "backgroundnewsarticle", "blogposting",
                           "reportagenewsarticle", "liveblogposting", "report",
                           "scholarlyarticle", "techarticle",
                           "socialmediaposting", "reviewnewsarticle", "askpublicnewsarticle"})
LISTING_TYPES = frozenset({"collectionpage", "itemlist", "searchresultspage"})


@dataclass(frozen=True)
class PageMeta:
    title: str = ""
    authors: tuple[str, ...] = ()
    source_name: str = ""
    source_url: str = ""
    description: str = ""
    image: str = ""
    language: str = ""
    is_listing: bool = False      # the page says it is a list of articles
    is_article: bool = False      # the page says it is an article
    lists_stories: bool = False   # its JSON-LD is search results or a list of 3+ items,
                                  # and holds no article
    source_declared: bool = False  # the outlet is declared (JSON-LD, og:site_name), not guessed


JsonItem = tuple[int, dict[str, Any]]   # a JSON-LD object and how deep it is nested


def _flat(values: list[Any]) -> list[dict[str, Any]]:
    """The objects of a level: arrays opened, an ``@graph``'s objects beside it."""
    out: list[dict[str, Any]] = []
    pending = list(values)
    while pending:
        value = pending.pop(0)
        if isinstance(value, list):
            pending[0:0] = value
        elif isinstance(value, dict):
            out.append(value)
            if "@graph" in value:
                graph = value["@graph"]
                pending[0:0] = graph if isinstance(graph, list) else [graph]
    return out


def json_items(value: Any) -> list[JsonItem]:
    """Every JSON-LD object with its depth, shallowest first: ``@graph`` and arrays
    at depth 0, a ``mainEntity`` (or any object inside another) one deeper."""
    found: list[JsonItem] = []
    level, depth = [value], 0
    while level and depth < 8:
        deeper: list[Any] = []
        for item in _flat(level):
            found.append((depth, item))
            deeper.extend(v for k, v in item.items()
                          if k != "@graph" and isinstance(v, dict | list))
        level, depth = deeper, depth + 1
    return found


def types_of(item: dict[str, Any]) -> set[str]:
    kind = item.get("@type", ())
    kinds = [kind] if isinstance(kind, str) else kind if isinstance(kind, list) else []
    return {str(k).lower().rsplit("/", 1)[-1] for k in kinds}


def json_ld(soup: BeautifulSoup) -> list[JsonItem]:
    """The page's JSON-LD objects, each script's shallowest first."""
    scripts: list[list[JsonItem]] = []
    for script in soup.find_all("script", type=re.compile(r"ld\+json", re.IGNORECASE)):
        text = (script.string or script.get_text() or "").strip()
        try:
            scripts.append(json_items(json.loads(text)))
        except (ValueError, RecursionError):
            continue
    return sorted((item for items in scripts for item in items), key=lambda i: i[0])


def _name(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dict):
        return str(value.get("name") or "").strip()
    return ""


def _names(value: Any) -> tuple[str, ...]:
    values = value if isinstance(value, list) else [value]
    names = (_name(v) for v in values)
    return tuple(dict.fromkeys(n for n in names if n and not n.startswith("http")))


def _image_url(value: Any) -> str:
    if isinstance(value, list):
        return _image_url(value[0]) if value else ""
    if isinstance(value, dict):
        return str(value.get("url") or value.get("contentUrl") or "")
    return value if isinstance(value, str) else ""


def _meta(soup: BeautifulSoup, *names: str) -> str:
    for name in names:
        tag = soup.find("meta", attrs={"property": name}) or soup.find(
            "meta", attrs={"name": name}) or soup.find("meta", attrs={"itemprop": name})
        if isinstance(tag, Tag) and str(tag.get("content") or "").strip():
            return " ".join(str(tag["content"]).split())
    return ""


def _metas(soup: BeautifulSoup, *names: str) -> tuple[str, ...]:
    found: list[str] = []
    for name in names:
        for tag in soup.find_all("meta", attrs={"property": name}) + soup.find_all(
                "meta", attrs={"name": name}):
            content = " ".join(str(tag.get("content") or "").split())
            if content and not content.startswith("http"):
                found.append(content)
    return tuple(dict.fromkeys(found))


_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·)\s+")


def _trim_title(title: str, site: str, loose: bool) -> str:
    """"Headline | Outlet" -> "Headline" when the tail is the outlet, or (``loose``, for
    a page's <title>) a short tail."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) > 1:
        tail = parts[-1].strip()
        if (site and tail.lower() == site.lower()) or (loose and len(tail.split()) <= 3):
            return title[:title.rfind(tail)].rstrip(" |-–—:·")
    return title


def _shown_part(soup: BeautifulSoup, title: str) -> tuple[str, bool]:
    """The part of a ``<title>`` cut by separators that is the whole text of an element
    in the page's body (an old page's headline in ``<b>`` or ``<font>``), else the
    title to be trimmed loosely."""
    parts = [p.strip() for p in _TITLE_SEPARATORS.split(title)]
    body = soup.body
    if len(parts) < 2 or not isinstance(body, Tag):
        return title, True
    wanted = {p.lower(): p for p in parts if len(p.split()) >= 3}
    for tag in body.find_all(True):
        text = _clean(tag.get_text(" ")).lower()
        if text in wanted:
            return wanted[text], False
    return title, True


_SITE_BARS = ("header", "nav", "footer", "aside")
_CUT = "…."


def _story_headline(soup: BeautifulSoup, site: str) -> tuple[str, bool]:
    """The page's first ``<h1>`` of three words or more that is not the site's name,
    and whether it stands in the story (in ``<article>`` or ``<main>``, or the only
    one outside the site's bars)."""
    body = soup.body or soup
    outside = [h for h in body.find_all("h1")
               if h.find_parent(["article", "main"]) or not h.find_parent(_SITE_BARS)]
    for heading in outside:
        text = _clean(heading.get_text(" "))
        if len(text.split()) >= 3 and text.lower() != site.lower():
            in_story = bool(heading.find_parent(["article", "main"])) or len(outside) == 1
            return text, in_story
    return "", False


def _shown_headline(soup: BeautifulSoup, title: str, site: str) -> str:
    """The headline as the page shows it, where the metadata's differs from it:
    "Headline - The Outlet Daily" or a shortened or cut ("…") form in the metadata,
    or a search-engine title of other words above a story whose own ``<h1>`` says
    what the reader sees."""
    short = title.rstrip(_CUT).strip().lower()

    def extends(text: str) -> bool:   # the metadata's title and more, not "| The Outlet"
        tail = text[len(short):].strip(" |-–—:·").lower()
        return text.lower().startswith(short) and bool(tail) and tail != site.lower()

    shown, in_story = _story_headline(soup, site)
    if shown == title:
        return title
    if shown and (shown.lower() in title.lower() or (short and extends(shown))):
        return shown
    body = soup.body or soup
    if short:   # the headline in an <h2> or <h3> (the <h1> is the logo), cut in the metadata
        longer = next((text for h in body.find_all(["h2", "h3"])
                       if extends(text := _clean(h.get_text(" ")))), "")
        if longer:
            return longer
    if shown and in_story and len(shown.split()) >= 4 and not _site_named(shown, site):
        return shown
    return title


def _site_named(text: str, site: str) -> bool:
    """"Section | The Outlet": a part of the text cut by separators is the site's name."""
    return bool(site) and any(part.strip().lower() == site.lower()
                              for part in _TITLE_SEPARATORS.split(text))


def _count(value: Any) -> int:
    """A JSON-LD count (``numberOfItems``), 0 when it is not a whole number."""
    try:
        return int(value) if isinstance(value, int | str) else 0
    except ValueError:
        return 0


def _site_from_url(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def _clean(text: str) -> str:
    return " ".join(text.split())


def read_meta(soup: BeautifulSoup, base_url: str = "",
              items: list[JsonItem] | None = None) -> PageMeta:
    found = json_ld(soup) if items is None else items
    article = next((i for _, i in found if types_of(i) & ARTICLE_TYPES), {})
    listing = any(types_of(i) & LISTING_TYPES for depth, i in found if depth == 0)
    list_items = max([sum(1 for _, i in found if types_of(i) & {"listitem"}),
                      *(_count(i.get("numberOfItems")) for _, i in found
                        if types_of(i) & LISTING_TYPES)])
    searched = any(types_of(i) & {"searchresultspage"} for depth, i in found if depth == 0)
    items = [i for _, i in found]
    site_name = _meta(soup, "og:site_name", "application-name", "publisher")
    publisher = _name(article.get("publisher"))
    if not publisher:
        publisher = next((_name(i) for i in items if types_of(i) & {"organization",
                                                                 "newsmediaorganization"}), "")
    canonical = soup.find("link", rel="canonical")
    canonical_url = str(canonical.get("href") or "") if isinstance(canonical, Tag) else ""
    page_entity = article.get("mainEntityOfPage")
    url = (canonical_url or _meta(soup, "og:url")
           or (str(article.get("url") or "") if article else "")
           or (_name(page_entity) if isinstance(page_entity, str) else
               str((page_entity or {}).get("@id") or "") if isinstance(page_entity, dict) else "")
           or base_url)
    if url and base_url:
        url = urljoin(base_url, url)
    if not url.startswith(("http://", "https://")):
        url = ""
    source_name = publisher or site_name or ""
    declared = bool(source_name)
    raw_title = _clean(str(article.get("headline") or "")) or _meta(soup, "og:title",
                                                                     "twitter:title")
    head_title = soup.find("title")
    if not raw_title:
        heading = soup.find("h1")
        raw_title = _clean(heading.get_text(" ")) if isinstance(heading, Tag) else ""
    loose = False
    if not raw_title and isinstance(head_title, Tag):
        raw_title, loose = _clean(head_title.get_text(" ")), True
        # a heading that the <title> holds is the headline without the page's labels
        for heading in soup.find_all(["h2", "h3"]):
            text = _clean(heading.get_text(" "))
            if len(text.split()) >= 3 and text.lower() in raw_title.lower():
                raw_title, loose = text, False
                break
        else:   # "Outlet - Headline": the part the page shows on its own, in any markup
            raw_title, loose = _shown_part(soup, raw_title)
    title = _trim_title(raw_title, source_name or site_name, loose)
    if not loose and _TITLE_SEPARATORS.search(title):   # "Headline | Outlet" in og:title
        shown_title, unshown = _shown_part(soup, title)
        title = title if unshown else shown_title
    title = _shown_headline(soup, title, source_name or site_name)
    if not source_name and isinstance(head_title, Tag):
        whole = _clean(head_title.get_text(" "))
        parts = _TITLE_SEPARATORS.split(whole)
        tail = re.search(r"\(([^()]{2,40})\)\s*$", whole)
        if len(parts) > 1 and len(parts[-1].split()) <= 4:
            source_name = parts[-1].strip()
        elif tail and len(tail.group(1).split()) <= 4:   # "Headline (The Outlet)"
            source_name = tail.group(1).strip()
    if not source_name and url:
        source_name = _site_from_url(url)
    authors = _names(article.get("author")) or _metas(soup, "article:author", "author",
                                                       "parsely-author", "dc.creator")
    og_type = _meta(soup, "og:type").lower()
    html_tag = soup.find("html")
    language = str(html_tag.get("lang") or "") if isinstance(html_tag, Tag) else ""
    return PageMeta(
        title=title, authors=authors, source_name=source_name, source_url=url,
        description=_clean(str(article.get("description") or "")) or _meta(
            soup, "og:description", "description", "twitter:description"),
        image=_image_url(article.get("image")) or _meta(soup, "og:image", "twitter:image"),
        language=language.split("-")[0].lower(),
        is_listing=listing or (og_type in ("website", "profile") and not article),
        is_article=bool(article) or og_type == "article", source_declared=declared,
        lists_stories=not article and (searched or (listing and list_items >= 3)))
