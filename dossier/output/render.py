"""Jinja2 views: the site theme over the default theme, file by file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

import jinja2
import markupsafe
from jinja2 import meta

from dossier.config import Config
from dossier.errors import Diagnostic, error
from dossier.output import assets, charts, exports, feeds, jsonld, sitemap
from dossier.output.dedent import DedentExtension
from dossier.site import viewmodel
from dossier.site.facts import Facts
from dossier.site.routes import Route
from dossier.site.urls import (
    HOME,
    RouteKind,
    absolute,
    article_url,
    dossier_url,
    entity_url,
    free_page_url,
    href,
)
from dossier.site.views import Head, LinkView, PageView, SiteView

DEFAULT_THEME = Path(__file__).parent.parent / "themes" / "default"


def theme_dirs(config: Config) -> list[Path]:
    """Theme folders, most specific first: themes/<name>/ in the site, then the default."""
    dirs = []
    site_theme = config.root / "themes" / config.theme
    if site_theme.is_dir():
        dirs.append(site_theme)
    dirs.append(DEFAULT_THEME)
    return dirs


def make_environment(config: Config) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = [
        jinja2.FileSystemLoader(str(d / "templates")) for d in theme_dirs(config)]
    # a site template may extend the one it overrides: {% extends "default/article.html" %}
    loaders.append(jinja2.PrefixLoader(
        {"default": jinja2.FileSystemLoader(str(DEFAULT_THEME / "templates"))}))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders), autoescape=True, trim_blocks=True,
        lstrip_blocks=True, undefined=jinja2.StrictUndefined, auto_reload=False,
        extensions=[DedentExtension])
    base_path = config.base_path
    env.globals["url"] = lambda path: href(base_path, path)
    env.globals["abs_url"] = abs_url = lambda path: absolute(config.base_url, path)
    files = assets.theme_files(theme_dirs(config))
    env.globals["asset"] = assets.asset_function(assets.manifest(files), base_path)
    env.globals["json_ld"] = lambda view: markupsafe.Markup(
        jsonld.script(jsonld.for_view(view, config, abs_url)))
    env.globals.update(chart_functions(lambda path: href(base_path, path)))
    return env


def chart_functions(to_href: Callable[[str], str]) -> dict[str, Any]:
    """What templates draw charts with (inline SVG, see output/charts.py); network
    layouts are kept by their graph for as long as this environment lives."""
    memo = charts.LayoutMemo()

    def timeline(items: Any, ident: str, title: str, one: str = "article",
                 many: str = "articles") -> markupsafe.Markup:
        return markupsafe.Markup(charts.timeline(items, ident, title, (one, many), to_href))

    def sparkline(items: Any, ident: str, title: str) -> markupsafe.Markup:
        return markupsafe.Markup(charts.sparkline(items, ident, title, ("article", "articles")))

    def network(view: Any, ident: str, title: str, one: str, many: str) -> markupsafe.Markup:
        if view is None:
            return markupsafe.Markup("")
        positions = memo([n.slug for n in view.nodes], view.edges, view.center)
        return markupsafe.Markup(charts.network(
            view.nodes, view.edges, ident, title, (one, many), to_href, view.center,
            positions))

    return {"timeline_chart": timeline, "sparkline_chart": sparkline,
            "network_chart": network}


def site_globals(facts: Facts) -> dict[str, Any]:
    """What every template may use besides its own page: the same for the whole build,
    so they are environment globals (macros imported without context see them too,
    and Jinja2 then caches those imports)."""
    config = facts.config
    dossiers, pages = facts.globals()
    return {
        "site": SiteView(config.title, config.description, config.language, config.base_url,
                         config.search_enabled,
                         tuple(LinkView(title, free_page_url(slug)) for slug, title in pages)),
        "nav_dossiers": tuple(LinkView(title, dossier_url(slug)) for slug, title in dossiers),
    }


@dataclass(frozen=True)
class Renderer:
    """Renders routes from one site's facts. ``facts.reads`` holds, after each call,
    what that route read (emptied at its start)."""

    facts: Facts
    env: jinja2.Environment

    @classmethod
    def create(cls, facts: Facts) -> Renderer:
        env = make_environment(facts.config)
        env.globals.update(site_globals(facts))
        return cls(facts, env)

    def with_facts(self, facts: Facts) -> Renderer:
        """The same templates over another snapshot of the site (whose navigation is
        the same: otherwise :meth:`create` a new one)."""
        return Renderer(facts, self.env)

    def templates_by_kind(self) -> dict[RouteKind, frozenset[str]]:
        """The templates each kind of page renders with, includes and parents counted
        ("*" stands for every template: a page that uses any uses that)."""
        found: dict[RouteKind, frozenset[str]] = {}
        for kind, name in TEMPLATES.items():
            found[kind] = frozenset({"*", *_closure(self.env, name)})
        return found

    def page(self, route: Route, head: Head, **context: Any) -> bytes:
        self.facts.globals()    # every page shows the navigation
        template = self.env.get_template(TEMPLATES[route.kind])
        return template.render(head=head, **context).encode("utf-8")

    def render(self, route: Route) -> bytes:
        self.facts.reads.clear()
        return _RENDERERS[route.kind](self, route)


DESCRIPTION_LIMIT = 200     # characters of a page's meta description (search engines show ~160)


def meta_description(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """A page's description as its meta tags give it: whole up to ``limit``
    characters, else cut at the last word that fits, with an ellipsis (every page
    carries it twice, description and og:description)."""
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:.–—-") + "…"


def _head(r: Renderer, route: Route, kind: str, title: str, description: str = "",
          feed: str | None = None, language: str | None = None, noindex: bool = False) -> Head:
    return Head(title, meta_description(description), route.url, kind,
                language or r.facts.config.language, feed, noindex)


def _home(r: Renderer, route: Route) -> bytes:
    dossiers, latest = viewmodel.home_view(r.facts)
    return r.page(route, _head(r, route, "home", "", r.facts.config.description),
                  dossiers=dossiers, latest=latest)


def _article(r: Renderer, route: Route) -> bytes:
    view = viewmodel.article_view(r.facts, route.key)
    return r.page(route, _head(r, route, "article", view.title, view.summary),
                  article=view)


def _moved(r: Renderer, path: str, what: str) -> bytes:
    """A page that sends the reader on to ``path`` (a site path, maybe with an anchor)."""
    config = r.facts.config
    target = escape(href(config.base_path, path))
    canonical = target.split("#", 1)[0]
    return (f'<!DOCTYPE html>\n<html lang="{config.language}"><head>'
            f'<meta charset="utf-8"><title>Moved</title>'
            f'<link rel="canonical" href="{canonical}">'
            f'<meta http-equiv="refresh" content="0; url={target}">'
            f'<meta name="robots" content="noindex"></head>'
            f'<body><p>{what} moved to <a href="{target}">{target}</a>.</p></body></html>\n'
            ).encode()


def _redirect(r: Renderer, route: Route) -> bytes:
    return _moved(r, article_url(route.key), "This article")


def _list_redirect(r: Renderer, route: Route) -> bytes:
    """A later page of a list from when it was paginated: on to where its first
    article is listed now (``route.key``)."""
    return _moved(r, route.key, "This list")


def _dossiers(r: Renderer, route: Route) -> bytes:
    dossiers, _ = r.facts.globals()
    return r.page(route, _head(r, route, "dossiers", "Dossiers"),
                  dossiers=tuple(viewmodel.dossier_card(r.facts, slug, with_activity=True,
                                                           with_entities=True)
                                 for slug, _ in dossiers))


def _dossier(r: Renderer, route: Route) -> bytes:
    view = viewmodel.dossier_view(r.facts, route.key, route.number)
    title = view.title if route.number == 1 else f"{view.title} (page {route.number})"
    return r.page(route, _head(r, route, "dossier", title, view.summary,
                                        feed=view.feed_url), dossier=view)


def _entities(r: Renderer, route: Route) -> bytes:
    return r.page(route, _head(r, route, "entities", "Entities"),
                  groups=viewmodel.entity_groups(r.facts))


def _entity(r: Renderer, route: Route) -> bytes:
    view = viewmodel.entity_view(r.facts, route.key, route.number)
    title = view.name if route.number == 1 else f"{view.name} (page {route.number})"
    return r.page(route, _head(r, route, "entity", title, view.description,
                                       feed=view.feed_url), entity=view)


def _archive(r: Renderer, route: Route) -> bytes:
    kind = "entity" if route.kind == RouteKind.ENTITY_ARCHIVE else "tag"
    view = viewmodel.archive_view(r.facts, kind, route.key, route.number)
    title = (f"{view.name}: articles of {view.year}" if kind == "entity"
             else f"Tag: {view.name}, {view.year}")
    return r.page(route, _head(r, route, "archive", title), archive=view)


def _tags(r: Renderer, route: Route) -> bytes:
    return r.page(route, _head(r, route, "tags", "Tags"),
                  tags=tuple(viewmodel.tag_view(r.facts, t.slug, with_articles=False)
                             for t in r.facts.tags()))


def _tag(r: Renderer, route: Route) -> bytes:
    view = viewmodel.tag_view(r.facts, route.key, route.number)
    return r.page(route, _head(r, route, "tag", f"Tag: {view.name}"), tag=view)


def _page(r: Renderer, route: Route) -> bytes:
    page = r.facts.page(route.key)
    view = PageView(page.slug, route.url, page.title, page.description, page.body_html,
                    page.params)
    return r.page(route, _head(r, route, "page", page.title, page.description),
                  page=view)


def _search(r: Renderer, route: Route) -> bytes:
    return r.page(route, _head(r, route, "search", "Search", noindex=True))


def _not_found(r: Renderer, route: Route) -> bytes:
    return r.page(route, _head(r, route, "404", "Page not found", noindex=True))


def _feed(r: Renderer, route: Route) -> bytes:
    facts = r.facts
    return feeds.atom(facts, facts.config.title, route.url, HOME,
                      facts.article_slugs(0, feeds.FEED_ENTRIES), True)


def _dossier_feed(r: Renderer, route: Route) -> bytes:
    facts = r.facts
    title = facts.dossier_title(route.key)
    return feeds.atom(facts, f"{title} · {facts.config.title}", route.url,
                      dossier_url(route.key),
                      facts.members("dossier", route.key, 0, feeds.FEED_ENTRIES), False)


def _entity_feed(r: Renderer, route: Route) -> bytes:
    facts = r.facts
    entity = facts.entity(route.key)
    return feeds.atom(facts, f"{entity.name} · {facts.config.title}", route.url,
                      entity_url(route.key),
                      facts.members("entity", route.key, 0, feeds.FEED_ENTRIES), False)


def _dossier_timeline(r: Renderer, route: Route) -> bytes:
    return exports.timeline_json(r.facts, route.key)


def _dossier_network(r: Renderer, route: Route) -> bytes:
    return exports.gexf(r.facts, route.key)


def _sitemap(r: Renderer, route: Route) -> bytes:
    site, pages = r.facts.sitemap()
    return sitemap.render(site, route, pages)


def _robots(r: Renderer, route: Route) -> bytes:
    return feeds.robots(r.facts.config.base_url)


TEMPLATES = {
    RouteKind.HOME: "home.html", RouteKind.ARTICLE: "article.html",
    RouteKind.DOSSIERS: "dossiers.html", RouteKind.DOSSIER: "dossier.html",
    RouteKind.ENTITIES: "entities.html", RouteKind.ENTITY: "entity.html",
    RouteKind.TAGS: "tags.html", RouteKind.TAG: "tag.html", RouteKind.PAGE: "page.html",
    RouteKind.ENTITY_ARCHIVE: "archive.html", RouteKind.TAG_ARCHIVE: "archive.html",
    RouteKind.SEARCH: "search.html", RouteKind.NOT_FOUND: "404.html",
}


def _closure(env: jinja2.Environment, name: str) -> set[str]:
    """A template and every template it extends, includes or imports, transitively."""
    seen: set[str] = set()
    todo = [name]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            source, _, _ = env.loader.get_source(env, current)  # type: ignore[union-attr]
            parsed = env.parse(source)
        except (jinja2.TemplateError, OSError):
            continue
        todo.extend(ref for ref in meta.find_referenced_templates(parsed) if ref)
    return seen


_RENDERERS: dict[RouteKind, Callable[[Renderer, Route], bytes]] = {
    RouteKind.HOME: _home, RouteKind.ARTICLE: _article, RouteKind.REDIRECT: _redirect,
    RouteKind.DOSSIERS: _dossiers, RouteKind.DOSSIER: _dossier, RouteKind.ENTITIES: _entities,
    RouteKind.ENTITY: _entity, RouteKind.TAGS: _tags, RouteKind.TAG: _tag,
    RouteKind.PAGE: _page, RouteKind.SEARCH: _search, RouteKind.NOT_FOUND: _not_found,
    RouteKind.FEED: _feed, RouteKind.DOSSIER_FEED: _dossier_feed,
    RouteKind.ENTITY_FEED: _entity_feed, RouteKind.SITEMAP: _sitemap,
    RouteKind.DOSSIER_TIMELINE: _dossier_timeline, RouteKind.DOSSIER_NETWORK: _dossier_network,
    RouteKind.SITEMAP_PART: _sitemap,
    RouteKind.ROBOTS: _robots, RouteKind.ENTITY_ARCHIVE: _archive,
    RouteKind.TAG_ARCHIVE: _archive, RouteKind.LIST_REDIRECT: _list_redirect,
}


def template_error(exc: Exception, route: Route) -> Diagnostic:
    """A theme bug, reported like a content problem: file, line, what went wrong."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return error(exc.filename or exc.name or "template", exc.lineno, "template", exc.message
                     or str(exc))
    tb = exc.__traceback__
    where, line = "template", 1
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith(".html") or name.endswith(".xml"):
            where, line = name, tb.tb_lineno
        tb = tb.tb_next
    return error(where, line, "template", f"rendering {route.url}: {type(exc).__name__}: {exc}")
