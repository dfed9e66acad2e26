"""plan(site): the ONE place that knows which output files exist.

What each file depends on is not declared here: it is recorded while its view is
built (:mod:`dossier.site.facts`)."""

from __future__ import annotations

from dataclasses import dataclass

from dossier.model import Site
from dossier.output import sitemap
from dossier.site import urls
from dossier.site.urls import RouteKind


@dataclass(frozen=True)
class Route:
    kind: RouteKind           # what renders it (see output/render.py)
    url: str                  # site path
    key: str = ""             # the item: a slug (an alias for a redirect)
    number: int = 1           # page number for paginated lists

    @property
    def output(self) -> str:
        """File path inside public/."""
        return urls.output_file(self.url)


def _pages(kind: RouteKind, base: str, key: str, count: int, per_page: int) -> list[Route]:
    total = max(1, -(-count // per_page))
    return [Route(kind, urls.page_url(base, n), key, n) for n in range(1, total + 1)]


def plan(site: Site) -> list[Route]:
    per_page = site.config.per_page
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
        routes.extend(_pages(RouteKind.ENTITY, base, entity.slug,
                             len(site.entity_articles[entity.slug]), per_page))
        routes.append(Route(RouteKind.ENTITY_FEED, urls.feed_url(base), entity.slug))
    routes.append(Route(RouteKind.TAGS, urls.TAGS))
    for tag in site.tags:
        routes.extend(_pages(RouteKind.TAG, urls.tag_url(tag.slug), tag.slug,
                             len(site.tag_articles[tag.slug]), per_page))
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


_NOT_IN_SITEMAP = {RouteKind.REDIRECT, RouteKind.NOT_FOUND, RouteKind.FEED,
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
