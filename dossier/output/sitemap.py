"""sitemap.xml by the sitemaps.org protocol: every page with its lastmod, split into
a sitemap index over sitemap files when one file would pass the protocol's limits.

lastmod is when the page's content last changed, as the content says it:
an article's ``updated`` (or ``date``); a list (dossier, entity, tag, including its
later pages) its newest member's, a year of an archive its newest of that year; the
home page, the indexes and the search page the site's newest article's; a free page
its own ``updated:`` or ``date:``, or else the site's newest article's. A site
without articles gives pages without lastmod.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from dossier.content.dates import parse_date
from dossier.model import Site
from dossier.site import urls

if TYPE_CHECKING:
    from dossier.site.routes import Route

#: The protocol's limits for one sitemap file (and for one sitemap index).
MAX_URLS = 50_000
MAX_BYTES = 50 * 1024 * 1024   # 52,428,800 bytes, uncompressed

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
_HEAD = f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{NAMESPACE}">\n'
_TAIL = "</urlset>\n"
_INDEX_HEAD = f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{NAMESPACE}">\n'
_INDEX_TAIL = "</sitemapindex>\n"
_LASTMOD_BYTES = len("<lastmod>2017-02-04T00:00:00Z</lastmod>")


@dataclass(frozen=True)
class Entry:
    loc: str                      # absolute address
    lastmod: datetime | None


def w3c(moment: datetime) -> str:
    """A W3C datetime (the profile of ISO 8601 the protocol asks for), in UTC."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _loc(url: str) -> str:
    return escape(url, {"'": "&apos;", '"': "&quot;"})


def _url_element(entry: Entry) -> str:
    lastmod = f"<lastmod>{w3c(entry.lastmod)}</lastmod>" if entry.lastmod else ""
    return f"<url><loc>{_loc(entry.loc)}</loc>{lastmod}</url>\n"


def part_path(number: int) -> str:
    """The site path of the n-th sitemap file when the sitemap is split."""
    return f"/sitemap-{number}.xml"


def parts(locs: Sequence[str], max_urls: int | None = None,
          max_bytes: int | None = None) -> list[tuple[int, int]]:
    """(start, stop) slices of the pages for each sitemap file (default limits: the
    protocol's): one slice when a single file stays within both. Sizes assume every
    entry has a lastmod, so a file never passes max_bytes."""
    max_urls = max_urls or MAX_URLS
    budget = (max_bytes or MAX_BYTES) - len(_HEAD.encode()) - len(_TAIL.encode())
    slices: list[tuple[int, int]] = []
    start, size = 0, 0
    for i, loc in enumerate(locs):
        entry = len(f"<url><loc>{_loc(loc)}</loc></url>\n".encode()) + _LASTMOD_BYTES
        if i > start and (i - start >= max_urls or size + entry > budget):
            slices.append((start, i))
            start, size = i, 0
        size += entry
    slices.append((start, len(locs)))
    return slices


def locations(site: Site, pages: Sequence[Route]) -> list[str]:
    return [urls.absolute(site.config.base_url, route.url) for route in pages]


def _modified(site: Site, index: int) -> datetime:
    article = site.articles[index]
    return article.updated or article.date


class _Dates:
    """Newest-member dates, each list computed once per sitemap."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.memo: dict[tuple[str, str], datetime | None] = {}
        self.newest = self.of("site", "", range(len(site.articles)))

    def of(self, kind: str, key: str, members: Sequence[int]) -> datetime | None:
        if (kind, key) not in self.memo:
            self.memo[kind, key] = max((_modified(self.site, i) for i in members),
                                       default=None)
        return self.memo[kind, key]

    def route(self, route: Route) -> datetime | None:
        site = self.site
        kind, key = route.kind, route.key
        found: datetime | None = None
        if kind == "article" and key in site.by_slug:
            found = _modified(site, site.by_slug[key])
        elif kind == "dossier":
            found = self.of(kind, key, site.dossier_articles.get(key, ()))
        elif kind == "entity":
            found = self.of(kind, key, site.entity_articles.get(key, ()))
        elif kind == "tag":
            found = self.of(kind, key, site.tag_articles.get(key, ()))
        elif kind in ("entity_archive", "tag_archive"):
            lists = site.entity_articles if kind == "entity_archive" else site.tag_articles
            zone = site.config.zone
            found = self.of(kind, f"{key}/{route.number}",
                            [i for i in lists.get(key, ())
                             if site.articles[i].date.astimezone(zone).year == route.number])
        elif kind == "dossiers":
            found = self.of(kind, "", sorted({i for members in site.dossier_articles.values()
                                              for i in members}))
        elif kind == "page":
            page = next((p for p in site.pages if p.slug == key), None)
            if page is not None:
                zone = site.config.zone
                found = (parse_date(page.params.get("updated"), zone)
                         or parse_date(page.params.get("date"), zone))
        return found or self.newest


def entries(site: Site, pages: Sequence[Route]) -> list[Entry]:
    dates = _Dates(site)
    return [Entry(loc, dates.route(route)) for loc, route in zip(locations(site, pages), pages,
                                                                  strict=True)]


def urlset(items: Sequence[Entry]) -> bytes:
    return "".join([_HEAD, *map(_url_element, items), _TAIL]).encode("utf-8")


def index(files: Sequence[Entry]) -> bytes:
    """A sitemap index: each entry is one sitemap file, lastmod its newest page's."""
    lines = [_INDEX_HEAD]
    for item in files:
        lastmod = f"<lastmod>{w3c(item.lastmod)}</lastmod>" if item.lastmod else ""
        lines.append(f"<sitemap><loc>{_loc(item.loc)}</loc>{lastmod}</sitemap>\n")
    lines.append(_INDEX_TAIL)
    return "".join(lines).encode("utf-8")


def render(site: Site, route: Route, pages: Sequence[Route]) -> bytes:
    """The file of one sitemap route: the whole urlset when the sitemap is one file;
    else the index (kind "sitemap") or the urlset of part ``route.number``."""
    items = entries(site, pages)
    slices = parts([item.loc for item in items])
    if len(slices) == 1:
        return urlset(items)
    if route.kind != "sitemap":
        start, stop = slices[route.number - 1]
        return urlset(items[start:stop])
    return index([Entry(urls.absolute(site.config.base_url, part_path(n)),
                        max((i.lastmod for i in items[start:stop] if i.lastmod),
                            default=None))
                  for n, (start, stop) in enumerate(slices, start=1)])
