"""Jinja2 views: the site theme over the default theme, file by file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import markupsafe

from dossier.config import Config
from dossier.errors import Diagnostic, error
from dossier.model import Site
from dossier.output import assets, feeds, jsonld, sitemap
from dossier.site import viewmodel
from dossier.site.routes import Route, html_routes
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
        lstrip_blocks=True, undefined=jinja2.StrictUndefined, auto_reload=False)
    base_path = config.base_path
    env.globals["url"] = lambda path: _url(base_path, path)
    env.globals["abs_url"] = abs_url = lambda path: _abs_url(config.base_url, path)
    files = assets.theme_files(theme_dirs(config))
    env.globals["asset"] = assets.asset_function(assets.manifest(files), base_path)
    env.globals["json_ld"] = lambda view: markupsafe.Markup(
        jsonld.script(jsonld.for_view(view, config, abs_url)))
    return env


def _url(base_path: str, path: str) -> str:
    if not isinstance(path, str) or path.startswith(("http://", "https://", "//", "mailto:")):
        return path
    return base_path + path.lstrip("/")


def _abs_url(base_url: str, path: str) -> str:
    if not base_url.startswith(("http://", "https://")):
        base_url = "http://localhost" + base_url
    return base_url + path.lstrip("/")


def site_globals(site: Site) -> dict[str, Any]:
    """What every template may use besides its own page: the same for the whole build,
    so they are environment globals (macros imported without context see them too,
    and Jinja2 then caches those imports)."""
    config = site.config
    return {
        "site": SiteView(config.title, config.description, config.language, config.base_url,
                         config.search_enabled,
                         tuple(LinkView(p.title, f"/{p.slug}/") for p in site.pages)),
        "nav_dossiers": tuple(LinkView(d.title, viewmodel.dossier_url(d.slug))
                              for d in site.dossiers),
    }


@dataclass(frozen=True)
class Renderer:
    site: Site
    env: jinja2.Environment
    routes: tuple[Route, ...]
    cards: viewmodel.Cards

    @classmethod
    def create(cls, site: Site, routes: list[Route]) -> Renderer:
        env = make_environment(site.config)
        env.globals.update(site_globals(site))
        return cls(site, env, tuple(routes), viewmodel.Cards(site))

    def page(self, template: str, head: Head, **context: Any) -> bytes:
        return self.env.get_template(template).render(head=head, **context).encode("utf-8")

    def render(self, route: Route) -> bytes:
        return _RENDERERS[route.kind](self, route)


def _head(site: Site, route: Route, kind: str, title: str, description: str = "",
          feed: str | None = None, language: str | None = None, noindex: bool = False) -> Head:
    return Head(title, description, route.url, kind, language or site.config.language,
                feed, noindex)


def _home(r: Renderer, route: Route) -> bytes:
    site = r.site
    return r.page("home.html", _head(site, route, "home", "", site.config.description),
                  dossiers=tuple(viewmodel.dossier_card(site, d, cards=r.cards)
                                 for d in site.dossiers),
                  latest=tuple(r.cards(i) for i in range(min(20, len(site.articles)))))


def _article(r: Renderer, route: Route) -> bytes:
    site = r.site
    index = site.by_slug[route.key]
    view = viewmodel.article_view(site, index, r.cards)
    return r.page("article.html", _head(site, route, "article", view.title, view.summary),
                  article=view)


def _redirect(r: Renderer, route: Route) -> bytes:
    target = _url(r.site.config.base_path, viewmodel.article_url(route.key))
    return (f'<!DOCTYPE html>\n<html lang="{r.site.config.language}"><head>'
            f'<meta charset="utf-8"><title>Moved</title>'
            f'<link rel="canonical" href="{target}">'
            f'<meta http-equiv="refresh" content="0; url={target}">'
            f'<meta name="robots" content="noindex"></head>'
            f'<body><p>This article moved to <a href="{target}">{target}</a>.</p></body></html>\n'
            ).encode()


def _dossiers(r: Renderer, route: Route) -> bytes:
    site = r.site
    return r.page("dossiers.html", _head(site, route, "dossiers", "Dossiers"),
                  dossiers=tuple(viewmodel.dossier_card(site, d, cards=r.cards)
                                 for d in site.dossiers))


def _dossier(r: Renderer, route: Route) -> bytes:
    site = r.site
    dossier = site.dossier_by_slug[route.key]
    items = site.dossier_articles[dossier.slug][route.start:route.stop]
    view = viewmodel.dossier_view(site, dossier, route.number, route.total, items, r.cards)
    title = dossier.title if route.number == 1 else f"{dossier.title} (page {route.number})"
    return r.page("dossier.html", _head(site, route, "dossier", title, dossier.summary,
                                        feed=view.feed_url), dossier=view)


def _entities(r: Renderer, route: Route) -> bytes:
    site = r.site
    return r.page("entities.html", _head(site, route, "entities", "Entities"),
                  groups=viewmodel.entity_groups(site))


def _entity(r: Renderer, route: Route) -> bytes:
    site = r.site
    entity = site.entity_by_slug[route.key]
    items = site.entity_articles[entity.slug][route.start:route.stop]
    view = viewmodel.entity_view(site, entity, route.number, route.total, items, r.cards)
    title = entity.name if route.number == 1 else f"{entity.name} (page {route.number})"
    return r.page("entity.html", _head(site, route, "entity", title, entity.description,
                                       feed=view.feed_url), entity=view)


def _tags(r: Renderer, route: Route) -> bytes:
    site = r.site
    return r.page("tags.html", _head(site, route, "tags", "Tags"),
                  tags=tuple(viewmodel.tag_view(site, t.slug) for t in site.tags))


def _tag(r: Renderer, route: Route) -> bytes:
    site = r.site
    items = site.tag_articles[route.key][route.start:route.stop]
    view = viewmodel.tag_view(site, route.key, route.number, route.total, items, r.cards)
    return r.page("tag.html", _head(site, route, "tag", f"Tag: {view.name}"), tag=view)


def _page(r: Renderer, route: Route) -> bytes:
    site = r.site
    page = next(p for p in site.pages if p.slug == route.key)
    view = PageView(page.slug, route.url, page.title, page.description, page.body_html,
                    page.params)
    return r.page("page.html", _head(site, route, "page", page.title, page.description),
                  page=view)


def _search(r: Renderer, route: Route) -> bytes:
    return r.page("search.html", _head(r.site, route, "search", "Search", noindex=True))


def _not_found(r: Renderer, route: Route) -> bytes:
    return r.page("404.html", _head(r.site, route, "404", "Page not found", noindex=True))


def _feed(r: Renderer, route: Route) -> bytes:
    site = r.site
    return feeds.atom(site, site.config.title, route.url, "/", range(len(site.articles)), True)


def _dossier_feed(r: Renderer, route: Route) -> bytes:
    site = r.site
    dossier = site.dossier_by_slug[route.key]
    return feeds.atom(site, f"{dossier.title} · {site.config.title}", route.url,
                      viewmodel.dossier_url(dossier.slug),
                      site.dossier_articles[dossier.slug], False)


def _entity_feed(r: Renderer, route: Route) -> bytes:
    site = r.site
    entity = site.entity_by_slug[route.key]
    return feeds.atom(site, f"{entity.name} · {site.config.title}", route.url,
                      viewmodel.entity_url(entity.slug),
                      site.entity_articles[entity.slug], False)


def _sitemap(r: Renderer, route: Route) -> bytes:
    return sitemap.render(r.site, route, html_routes(list(r.routes), r.site.config.search_enabled),
                          [part for part in r.routes if part.kind == "sitemap_part"])


def _robots(r: Renderer, route: Route) -> bytes:
    return feeds.robots(r.site)


_RENDERERS: dict[str, Callable[[Renderer, Route], bytes]] = {
    "home": _home, "article": _article, "redirect": _redirect, "dossiers": _dossiers,
    "dossier": _dossier, "entities": _entities, "entity": _entity, "tags": _tags, "tag": _tag,
    "page": _page, "search": _search, "404": _not_found, "feed": _feed,
    "dossier_feed": _dossier_feed, "entity_feed": _entity_feed, "sitemap": _sitemap,
    "sitemap_part": _sitemap, "robots": _robots,
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
