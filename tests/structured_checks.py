"""Checks for what a built site tells machines: JSON-LD blocks, Open Graph and Twitter
card tags, the sitemap (by the sitemaps.org protocol's rules and limits), hashed
asset names. Each returns a list of problems (empty: fine), so a test can show a
check failing on a deliberately broken input as easily as passing on a real one.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

SCHEMA = "https://schema.org"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
MAX_URLS = 50_000
MAX_BYTES = 50 * 1024 * 1024
MAX_LOC = 2048
ENTITY_TYPES = {"Person", "Organization", "Place", "Event", "CreativeWork", "Thing"}

# W3C datetime (https://www.w3.org/TR/NOTE-datetime): YYYY, YYYY-MM, YYYY-MM-DD, or a
# date with hh:mm[:ss[.s]] and a zone designator (Z or +hh:mm / -hh:mm).
W3C_DATETIME = re.compile(
    r"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$")


# --------------------------------------------------------------------------- JSON-LD


def jsonld_blocks(html: str) -> tuple[list[Any], list[str]]:
    """Every ``<script type="application/ld+json">`` of a page, parsed, and the problems:
    a block that is not JSON, a raw "<" in a block (what lets a value end the element),
    or a script element that is neither JSON-LD nor loaded from a file (a value that
    broke out of its block makes one)."""
    soup = BeautifulSoup(html, "html.parser")
    blocks, problems = [], []
    for element in soup.find_all("script"):
        kind = element.get("type", "")
        if kind != "application/ld+json":
            if not element.get("src"):
                problems.append(f"an inline script that is not JSON-LD: {str(element)[:80]!r}")
            continue
        text = element.string or ""
        if "<" in text:
            problems.append(f"JSON-LD holds a raw '<': {text[:80]!r}")
        try:
            blocks.append(json.loads(text))
        except ValueError as exc:
            problems.append(f"JSON-LD is not JSON ({exc}): {text[:80]!r}")
    return blocks, problems


def _absolute(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(("https://", "http://"))


def _date(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _refs(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value] if value else []


def _entity_ref_problems(where: str, ref: Any) -> list[str]:
    if not isinstance(ref, dict):
        return [f"{where}: not an object"]
    problems = []
    if ref.get("@type") not in ENTITY_TYPES:
        problems.append(f"{where}: @type {ref.get('@type')!r}")
    if not ref.get("name"):
        problems.append(f"{where}: no name")
    if not _absolute(ref.get("url")) or "/entities/" not in ref.get("url", ""):
        problems.append(f"{where}: url {ref.get('url')!r} is not an entity page")
    problems += [f"{where}: sameAs {s!r} is not an address"
                 for s in _refs(ref.get("sameAs")) if not _absolute(s)]
    return problems


def news_article_problems(data: Any) -> list[str]:
    if not isinstance(data, dict) or data.get("@type") != "NewsArticle":
        return [f"not a NewsArticle: {str(data)[:80]}"]
    problems = []
    if data.get("@context") != SCHEMA:
        problems.append("@context is not schema.org")
    if not isinstance(data.get("headline"), str) or not data["headline"]:
        problems.append("no headline")
    published, modified = _date(data.get("datePublished")), _date(data.get("dateModified"))
    if published is None or published.tzinfo is None:
        problems.append(f"datePublished {data.get('datePublished')!r}")
    if modified is None or modified.tzinfo is None:
        problems.append(f"dateModified {data.get('dateModified')!r}")
    elif published is not None and published.tzinfo and modified < published:
        problems.append("dateModified before datePublished")
    for key in ("url",):
        if not _absolute(data.get(key)) or "/articles/" not in data.get(key, ""):
            problems.append(f"{key} {data.get(key)!r}")
    publisher = data.get("publisher")
    if not isinstance(publisher, dict) or publisher.get("@type") != "Organization" \
            or not publisher.get("name"):
        problems.append(f"publisher {publisher!r}")
    if not isinstance(data.get("isAccessibleForFree"), bool):
        problems.append("isAccessibleForFree is not true or false")
    for author in _refs(data.get("author")):
        if not isinstance(author, dict) or author.get("@type") != "Person" \
                or not author.get("name"):
            problems.append(f"author {author!r}")
    for part in _refs(data.get("isPartOf")):
        if not isinstance(part, dict) or not _absolute(part.get("url")) \
                or "/dossiers/" not in part.get("url", ""):
            problems.append(f"isPartOf {part!r} is not a dossier")
    for key in ("about", "mentions"):
        for i, ref in enumerate(_refs(data.get(key))):
            problems += _entity_ref_problems(f"{key}[{i}]", ref)
    image = data.get("image")
    if image is not None and (not isinstance(image, dict) or not _absolute(image.get("url"))):
        problems.append(f"image {image!r}")
    if "isBasedOn" in data and not _absolute(data["isBasedOn"]):
        problems.append(f"isBasedOn {data['isBasedOn']!r}")
    if "articleBody" in data or "text" in data:
        problems.append("carries the article's text")
    return problems


def collection_page_problems(data: Any) -> list[str]:
    if not isinstance(data, dict) or data.get("@type") != "CollectionPage":
        return [f"not a CollectionPage: {str(data)[:80]}"]
    problems = []
    if not data.get("name"):
        problems.append("no name")
    if not _absolute(data.get("url")) or "/dossiers/" not in data.get("url", ""):
        problems.append(f"url {data.get('url')!r}")
    items = data.get("mainEntity")
    if not isinstance(items, dict) or items.get("@type") != "ItemList":
        return [*problems, f"mainEntity {str(items)[:80]} is not an ItemList"]
    if not isinstance(items.get("numberOfItems"), int):
        problems.append("numberOfItems is not a number")
    elements = items.get("itemListElement", [])
    positions = [e.get("position") for e in elements if isinstance(e, dict)]
    if positions and positions != list(range(positions[0], positions[0] + len(elements))):
        problems.append(f"positions {positions} are not consecutive")
    for element in elements:
        if not isinstance(element, dict) or element.get("@type") != "ListItem" \
                or not _absolute(element.get("url")) or "/articles/" not in element["url"]:
            problems.append(f"itemListElement {element!r}")
    if isinstance(items.get("numberOfItems"), int) and len(elements) > items["numberOfItems"]:
        problems.append("more items than numberOfItems")
    return problems


def entity_problems(data: Any) -> list[str]:
    if not isinstance(data, dict) or data.get("@type") not in ENTITY_TYPES:
        return [f"not an entity type: {str(data)[:80]}"]
    problems = _entity_ref_problems("entity", data)
    if data.get("@context") != SCHEMA:
        problems.append("@context is not schema.org")
    return problems


def website_problems(data: Any, search: bool = True) -> list[str]:
    if not isinstance(data, dict) or data.get("@type") != "WebSite":
        return [f"not a WebSite: {str(data)[:80]}"]
    problems = []
    if not data.get("name") or not _absolute(data.get("url")):
        problems.append("no name or url")
    action = data.get("potentialAction")
    if not search:
        return problems + (["a SearchAction without search"] if action else [])
    template = (action or {}).get("target", {}).get("urlTemplate", "")
    if not isinstance(action, dict) or action.get("@type") != "SearchAction" \
            or not template.endswith("/search/?q={search_term_string}") \
            or not _absolute(template) \
            or action.get("query-input") != "required name=search_term_string":
        problems.append(f"potentialAction {action!r}")
    return problems


def page_kind(rel: str) -> str:
    """What a page is, from its path in the output: home, article, dossier, entity, other."""
    parts = rel.split("/")
    if rel == "index.html":
        return "home"
    if len(parts) >= 3 and parts[0] == "articles":
        return "article"
    if len(parts) >= 3 and parts[0] == "dossiers":
        return "dossier"
    if len(parts) >= 3 and parts[0] == "entities":
        return "entity"
    return "other"


CHECKS = {"article": news_article_problems, "dossier": collection_page_problems,
          "entity": entity_problems, "home": website_problems}


def html_pages(public: Path) -> list[Path]:
    """The site's HTML pages (not Pagefind's files, not redirect stubs)."""
    pages = []
    for path in sorted(public.rglob("*.html")):
        rel = path.relative_to(public).as_posix()
        if rel.startswith("pagefind/"):
            continue
        if 'http-equiv="refresh"' in path.read_text(encoding="utf-8")[:600]:
            continue
        pages.append(path)
    return pages


def site_jsonld_problems(public: Path) -> tuple[int, list[str]]:
    """Every JSON-LD block of every page: (blocks checked, problems as 'path: problem').
    Home, article, dossier and entity pages must have exactly one, of their type."""
    count, problems = 0, []
    for path in html_pages(public):
        rel = path.relative_to(public).as_posix()
        blocks, found = jsonld_blocks(path.read_text(encoding="utf-8"))
        count += len(blocks)
        problems += [f"{rel}: {p}" for p in found]
        kind = page_kind(rel)
        if kind == "other":
            continue
        if len(blocks) != 1:
            problems.append(f"{rel}: {len(blocks)} JSON-LD blocks, expected 1")
            continue
        problems += [f"{rel}: {p}" for p in CHECKS[kind](blocks[0])]
    return count, problems


# --------------------------------------------------------------------------- previews


def preview_problems(html: str) -> list[str]:
    """Open Graph and Twitter card tags every page needs; an image card's image."""
    soup = BeautifulSoup(html, "html.parser")
    meta = {}
    for tag in soup.find_all("meta"):
        key = tag.get("property") or tag.get("name")
        if key:
            meta[key] = tag.get("content", "")
    problems = [f"no {key}" for key in ("og:title", "og:url", "og:type", "og:site_name",
                                        "twitter:card") if not meta.get(key)]
    if meta.get("og:url") and not _absolute(meta["og:url"]):
        problems.append(f"og:url {meta['og:url']!r} is not absolute")
    card = meta.get("twitter:card")
    if card and card not in {"summary", "summary_large_image"}:
        problems.append(f"twitter:card {card!r}")
    if "og:image" in meta and not _absolute(meta["og:image"]):
        problems.append(f"og:image {meta['og:image']!r} is not absolute")
    if card == "summary_large_image" and not meta.get("og:image"):
        problems.append("a large-image card without og:image")
    return problems


# --------------------------------------------------------------------------- sitemap


def _local_file(public: Path, base_url: str, loc: str) -> Path | None:
    if not loc.startswith(base_url):
        return None
    rel = loc[len(base_url):]
    return public / rel / "index.html" if rel == "" or rel.endswith("/") else public / rel


def _parse(data: bytes, name: str, problems: list[str]) -> ET.Element | None:
    if len(data) > MAX_BYTES:
        problems.append(f"{name}: {len(data):,} bytes, over the protocol's {MAX_BYTES:,}")
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        problems.append(f"{name}: not well-formed XML: {exc}")
        return None


def _lastmod_problems(name: str, loc: str, element: ET.Element, require: bool) -> list[str]:
    lastmod = element.findtext(f"{{{SITEMAP_NS}}}lastmod")
    if lastmod is None:
        return [f"{name}: {loc}: no lastmod"] if require else []
    valid = W3C_DATETIME.match(lastmod) is not None
    if valid and "T" in lastmod:
        valid = _date(lastmod.replace("Z", "+00:00")) is not None
    elif valid:
        valid = _date(lastmod + "-01-01"[len(lastmod) - 4:]) is not None
    return [] if valid else [f"{name}: {loc}: lastmod {lastmod!r} is not a W3C datetime"]


def urlset_problems(data: bytes, name: str, base_url: str, public: Path | None = None,
                    require_lastmod: bool = True) -> tuple[list[str], list[str]]:
    """One sitemap file: (its locations, problems)."""
    problems: list[str] = []
    root = _parse(data, name, problems)
    if root is None:
        return [], problems
    if root.tag != f"{{{SITEMAP_NS}}}urlset":
        return [], [*problems, f"{name}: root {root.tag!r} is not a sitemap urlset"]
    urls = root.findall(f"{{{SITEMAP_NS}}}url")
    if len(urls) > MAX_URLS:
        problems.append(f"{name}: {len(urls):,} URLs, over the protocol's {MAX_URLS:,}")
    if len(root) != len(urls):
        problems.append(f"{name}: elements other than <url> in the urlset")
    locs = []
    for url in urls:
        loc = (url.findtext(f"{{{SITEMAP_NS}}}loc") or "").strip()
        locs.append(loc)
        if not _absolute(loc) or len(loc) > MAX_LOC:
            problems.append(f"{name}: loc {loc[:80]!r} is not an absolute address of at "
                            f"most {MAX_LOC} characters")
        elif not loc.startswith(base_url):
            problems.append(f"{name}: {loc} is outside the site ({base_url})")
        elif public is not None and not _local_file(public, base_url, loc).is_file():
            problems.append(f"{name}: {loc} is not a page of the site")
        problems += _lastmod_problems(name, loc, url, require_lastmod)
    if len(set(locs)) != len(locs):
        problems.append(f"{name}: an address is listed twice")
    return locs, problems


def sitemap_problems(public: Path, base_url: str) -> tuple[list[str], list[str]]:
    """The site's sitemap.xml (a urlset, or an index over urlsets in the same folder):
    (every location listed, problems). Also: every HTML page that is not noindex is
    listed."""
    data = (public / "sitemap.xml").read_bytes()
    problems: list[str] = []
    root = _parse(data, "sitemap.xml", problems)
    if root is None:
        return [], problems
    locs: list[str] = []
    if root.tag == f"{{{SITEMAP_NS}}}sitemapindex":
        entries = root.findall(f"{{{SITEMAP_NS}}}sitemap")
        if len(entries) > MAX_URLS:
            problems.append(f"sitemap.xml: {len(entries):,} sitemaps, over {MAX_URLS:,}")
        for entry in entries:
            loc = (entry.findtext(f"{{{SITEMAP_NS}}}loc") or "").strip()
            problems += _lastmod_problems("sitemap.xml", loc, entry, True)
            path = _local_file(public, base_url, loc)
            if path is None or not path.is_file():
                problems.append(f"sitemap.xml: {loc} is not a file of the site")
                continue
            found, more = urlset_problems(path.read_bytes(), path.name, base_url, public)
            locs += found
            problems += more
    else:
        locs, problems = urlset_problems(data, "sitemap.xml", base_url, public)
    listed = set(locs)
    for path in html_pages(public):
        if 'name="robots" content="noindex"' in path.read_text(encoding="utf-8"):
            continue
        rel = path.relative_to(public).as_posix()
        loc = base_url + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        if loc not in listed:
            problems.append(f"sitemap: {loc} is a page of the site but not listed")
    return locs, problems


# --------------------------------------------------------------------------- assets

HASHED = re.compile(r"\.[0-9a-f]{10}\.")


def unhashed_assets(html: str) -> list[str]:
    """Stylesheets and scripts a page loads from /assets/ without a content hash."""
    soup = BeautifulSoup(html, "html.parser")
    links = [t.get("href", "") for t in soup.find_all("link", rel="stylesheet")]
    links += [t.get("src", "") for t in soup.find_all("script", src=True)]
    return [u for u in links if "/assets/" in u and not HASHED.search(u.rsplit("/", 1)[-1])]
