"""plan(site): the ONE place that knows which output files exist and what each
depends on (source paths; "*" means every template and the config)."""

from __future__ import annotations

from dataclasses import dataclass

from dossier.model import Site
from dossier.output import sitemap
from dossier.site.viewmodel import (
    alias_url,
    article_url,
    dossier_url,
    entity_url,
    page_url,
    paginate,
    tag_url,
)


@dataclass(frozen=True)
class Route:
    kind: str                 # what renders it (see render.py)
    url: str                  # site path
    key: str = ""             # the item: a slug
    number: int = 1           # page number for paginated lists
    total: int = 1
    start: int = 0            # slice of the item's article list for this page
    stop: int = 0
    deps: frozenset[str] = frozenset()

    @property
    def output(self) -> str:
        """File path inside public/."""
        if self.url.endswith("/"):
            return self.url.lstrip("/") + "index.html"
        return self.url.lstrip("/")


def _pages(kind: str, base: str, key: str, count: int, per_page: int,
           deps: frozenset[str]) -> list[Route]:
    chunks = paginate(range(count), per_page)
    total = len(chunks)
    return [Route(kind, page_url(base, n), key, n, total, chunk.start if chunk else 0,
                  chunk.stop if chunk else 0, deps)
            for n, chunk in enumerate(chunks, start=1)]


def plan(site: Site) -> list[Route]:
    per_page = site.config.per_page
    routes: list[Route] = []
    all_articles = frozenset(a.path for a in site.articles)
    routes.append(Route("home", "/", deps=all_articles))
    for index, article in enumerate(site.articles):
        deps = {article.path}
        deps.update(site.entity_by_slug[s].path for s in site.article_entities[index])
        deps.update(site.dossier_by_slug[m.dossier].path for m in site.article_dossiers[index])
        routes.append(Route("article", article_url(article.slug), article.slug,
                            deps=frozenset(deps)))
        routes.extend(Route("redirect", alias_url(alias), article.slug,
                            deps=frozenset({article.path})) for alias in article.aliases)
    routes.append(Route("dossiers", "/dossiers/", deps=all_articles))
    for dossier in site.dossiers:
        deps = frozenset({dossier.path, *(site.articles[i].path
                                          for i in site.dossier_articles[dossier.slug])})
        routes.extend(_pages("dossier", dossier_url(dossier.slug), dossier.slug,
                             len(site.dossier_articles[dossier.slug]), per_page, deps))
        routes.append(Route("dossier_feed", f"{dossier_url(dossier.slug)}feed.xml",
                            dossier.slug, deps=deps))
    routes.append(Route("entities", "/entities/", deps=all_articles))
    for entity in site.entities:
        deps = frozenset({entity.path, *(site.articles[i].path
                                         for i in site.entity_articles[entity.slug])})
        routes.extend(_pages("entity", entity_url(entity.slug), entity.slug,
                             len(site.entity_articles[entity.slug]), per_page, deps))
        routes.append(Route("entity_feed", f"{entity_url(entity.slug)}feed.xml",
                            entity.slug, deps=deps))
    routes.append(Route("tags", "/tags/", deps=all_articles))
    for tag in site.tags:
        deps = frozenset(site.articles[i].path for i in site.tag_articles[tag.slug])
        routes.extend(_pages("tag", tag_url(tag.slug), tag.slug,
                             len(site.tag_articles[tag.slug]), per_page, deps))
    for page in site.pages:
        routes.append(Route("page", f"/{page.slug}/", page.slug, deps=frozenset({page.path})))
    routes.append(Route("search", "/search/"))
    routes.append(Route("404", "/404.html"))
    routes.append(Route("feed", "/feed.xml", deps=all_articles))
    routes.append(Route("sitemap", "/sitemap.xml", deps=all_articles))
    routes.append(Route("robots", "/robots.txt"))
    routes.extend(sitemap_parts(site, routes))
    return routes


def sitemap_parts(site: Site, routes: list[Route]) -> list[Route]:
    """The sitemap's files beside /sitemap.xml (which then is their index), when one
    file would pass the protocol's limits; none otherwise."""
    slices = sitemap.parts(sitemap.locations(site, html_routes(routes,
                                                               site.config.search_enabled)))
    if len(slices) == 1:
        return []
    return [Route("sitemap_part", sitemap.part_path(n), str(n), n, len(slices), start, stop,
                  deps=frozenset(a.path for a in site.articles))
            for n, (start, stop) in enumerate(slices, start=1)]


def html_routes(routes: list[Route], search: bool = True) -> list[Route]:
    """The HTML pages a crawler should know (for the sitemap); the search page only
    when search is on."""
    skip = {"redirect", "404", "feed", "dossier_feed", "entity_feed", "sitemap",
            "sitemap_part", "robots"}
    if not search:
        skip.add("search")
    return [r for r in routes if r.kind not in skip]


def html_urls(routes: list[Route], search: bool = True) -> list[str]:
    """Addresses of the HTML pages a crawler should know (for the sitemap)."""
    return [r.url for r in html_routes(routes, search)]
