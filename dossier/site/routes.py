"""plan(site): the ONE place that knows which output files exist.

What each file depends on is not declared here: it is recorded while its view is
built (:mod:`dossier.site.facts`)."""

from __future__ import annotations

from dataclasses import dataclass

from dossier.content.dates import local
from dossier.model import Site
from dossier.output import sitemap
from dossier.site import archives, urls
from dossier.site.urls import RouteKind


@dataclass(frozen=True)
class Route:
    kind: RouteKind           # what renders it (see output/render.py)
    url: str                  # site path
    key: str = ""             # the item: a slug (an alias for a redirect)
    number: int = 1           # page number for paginated lists; an archive's year

    @property
    def output(self) -> str:
        """File path inside public/."""
        return urls.output_file(self.url)


def _pages(kind: RouteKind, base: str, key: str, count: int, per_page: int) -> list[Route]:
    total = max(1, -(-count // per_page))
    return [Route(kind, urls.page_url(base, n), key, n) for n in range(1, total + 1)]


def _long_list(kind: RouteKind, archive: RouteKind, base: str, key: str,
               members: tuple[int, ...], years: list[int], per_page: int) -> list[Route]:
    """An entity's or tag's page, its archive's year pages and the redirects from the
    later pages it had when it was paginated (see :mod:`dossier.site.archives`)."""
    lay = archives.layout([years[i] for i in members])
    routes = [Route(kind, base, key)]
    if lay.paged:
        routes.extend(Route(archive, archives.archive_url(base, year), key, year)
                      for year, _, _ in lay.years)
    routes.extend(Route(RouteKind.LIST_REDIRECT, old, target)
                  for old, target in archives.old_pages(base, lay, per_page))
    return routes


def plan(site: Site) -> list[Route]:
    per_page = site.config.per_page
    zone = site.config.zone
    years = [local(article.date, zone).year for article in site.articles]
    routes: list[Route] = [Route(RouteKind.HOME, urls.HOME)]
    for article in site.articles:
        routes.append(Route(RouteKind.ARTICLE, urls.article_url(article.slug), article.slug))
        routes.extend(Route(RouteKind.REDIRECT, urls.alias_url(alias), article.slug)
                      for alias in article.aliases)
    routes.append(Route(RouteKind.DOSSIERS, urls.DOSSIERS))
    for dossier in site.dossiers:
        base = urls.dossier_url(dossier.slug)
        routes.extend(_pages(RouteKind.DOSSIER, base, dossier.slug,
                             len(site.dossier_articles[dossier.slug]), per_page))
        routes.append(Route(RouteKind.DOSSIER_FEED, urls.feed_url(base), dossier.slug))
        routes.append(Route(RouteKind.DOSSIER_TIMELINE, urls.timeline_json_url(base),
                            dossier.slug))
        routes.append(Route(RouteKind.DOSSIER_NETWORK, urls.network_gexf_url(base),
                            dossier.slug))
    routes.append(Route(RouteKind.ENTITIES, urls.ENTITIES))
    for entity in site.entities:
        base = urls.entity_url(entity.slug)
        routes.extend(_long_list(RouteKind.ENTITY, RouteKind.ENTITY_ARCHIVE, base,
                                 entity.slug, site.entity_articles[entity.slug], years,
                                 per_page))
        routes.append(Route(RouteKind.ENTITY_FEED, urls.feed_url(base), entity.slug))
    routes.append(Route(RouteKind.TAGS, urls.TAGS))
    for tag in site.tags:
        routes.extend(_long_list(RouteKind.TAG, RouteKind.TAG_ARCHIVE, urls.tag_url(tag.slug),
                                 tag.slug, site.tag_articles[tag.slug], years, per_page))
    for page in site.pages:
        routes.append(Route(RouteKind.PAGE, urls.free_page_url(page.slug), page.slug))
    routes.append(Route(RouteKind.SEARCH, urls.SEARCH))
    routes.append(Route(RouteKind.NOT_FOUND, urls.NOT_FOUND))
    routes.append(Route(RouteKind.FEED, urls.FEED))
    routes.append(Route(RouteKind.SITEMAP, urls.SITEMAP))
    routes.append(Route(RouteKind.ROBOTS, urls.ROBOTS))
    routes.extend(sitemap_parts(site, routes))
    return routes


def sitemap_parts(site: Site, routes: list[Route]) -> list[Route]:
    """The sitemap's files beside /sitemap.xml (which then is their index), when one
    file would pass the protocol's limits; none otherwise."""
    pages = html_routes(routes, site.config.search_enabled)
    # addresses are at most 2,048 characters: below this, one file always fits
    if len(pages) <= sitemap.MAX_URLS and len(pages) * 2100 < sitemap.MAX_BYTES:
        return []
    slices = sitemap.parts(sitemap.locations(site, pages))
    if len(slices) == 1:
        return []
    return [Route(RouteKind.SITEMAP_PART, sitemap.part_path(n), str(n), n)
            for n in range(1, len(slices) + 1)]


_NOT_IN_SITEMAP = {RouteKind.REDIRECT, RouteKind.LIST_REDIRECT, RouteKind.NOT_FOUND, RouteKind.FEED,
                   RouteKind.DOSSIER_FEED, RouteKind.ENTITY_FEED,
                   RouteKind.DOSSIER_TIMELINE, RouteKind.DOSSIER_NETWORK, RouteKind.SITEMAP,
                   RouteKind.SITEMAP_PART, RouteKind.ROBOTS}


def html_routes(routes: list[Route], search: bool = True) -> list[Route]:
    """The HTML pages a crawler should know (for the sitemap); the search page only
    when search is on."""
    skip = _NOT_IN_SITEMAP if search else _NOT_IN_SITEMAP | {RouteKind.SEARCH}
    return [r for r in routes if r.kind not in skip]


def html_urls(routes: list[Route], search: bool = True) -> list[str]:
    """Addresses of the HTML pages a crawler should know."""
    return [r.url for r in html_routes(routes, search)]
