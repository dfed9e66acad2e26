"""The one address scheme: every site path the build makes, and how a site path
becomes an address under base_url. No other module spells an address."""

from __future__ import annotations

from enum import StrEnum


class RouteKind(StrEnum):
    """What an output file is; its template or writer is chosen by this."""

    HOME = "home"
    ARTICLE = "article"
    REDIRECT = "redirect"
    DOSSIERS = "dossiers"
    DOSSIER = "dossier"
    DOSSIER_FEED = "dossier_feed"
    DOSSIER_TIMELINE = "dossier_timeline"
    DOSSIER_NETWORK = "dossier_network"
    ENTITIES = "entities"
    ENTITY = "entity"
    ENTITY_FEED = "entity_feed"
    ENTITY_ARCHIVE = "entity_archive"
    TAGS = "tags"
    TAG = "tag"
    TAG_ARCHIVE = "tag_archive"
    LIST_REDIRECT = "list_redirect"
    PAGE = "page"
    SEARCH = "search"
    NOT_FOUND = "404"
    FEED = "feed"
    SITEMAP = "sitemap"
    SITEMAP_PART = "sitemap_part"
    ROBOTS = "robots"


HOME = "/"
DOSSIERS = "/dossiers/"
ENTITIES = "/entities/"
TAGS = "/tags/"
SEARCH = "/search/"
NOT_FOUND = "/404.html"
FEED = "/feed.xml"
SITEMAP = "/sitemap.xml"
ROBOTS = "/robots.txt"


def article_url(slug: str) -> str:
    return f"/articles/{slug}/"


def alias_url(alias: str) -> str:
    """Where an article's redirect alias lives: a slug is an old article address."""
    return alias if alias.startswith("/") else article_url(alias)


def dossier_url(slug: str) -> str:
    return f"/dossiers/{slug}/"


def entity_url(slug: str) -> str:
    return f"/entities/{slug}/"


def tag_url(slug: str) -> str:
    return f"/tags/{slug}/"


def free_page_url(slug: str) -> str:
    return f"/{slug}/"


def feed_url(list_url: str) -> str:
    """The Atom feed of a dossier or entity page."""
    return f"{list_url}feed.xml"


def timeline_json_url(list_url: str) -> str:
    """A dossier's articles in Knight Lab TimelineJS's JSON format."""
    return f"{list_url}timeline.json"


def network_gexf_url(list_url: str) -> str:
    """A dossier's entity network as GEXF, for Gephi."""
    return f"{list_url}network.gexf"


def page_url(base: str, number: int) -> str:
    """Page ``number`` of a paginated list at ``base``."""
    return base if number == 1 else f"{base}page/{number}/"


def output_file(url: str) -> str:
    """The file inside the output folder that answers a site path."""
    return url.lstrip("/") + "index.html" if url.endswith("/") else url.lstrip("/")


def href(base_path: str, path: str) -> str:
    """A site path as an address under the base path; other addresses unchanged."""
    if not isinstance(path, str) or path.startswith(("http://", "https://", "//", "mailto:")):
        return path
    return base_path + path.lstrip("/")


def absolute(base_url: str, path: str) -> str:
    """A site path as an absolute address (feeds, sitemap, canonical links)."""
    if not base_url.startswith(("http://", "https://")):
        base_url = "http://localhost" + base_url
    return base_url + path.lstrip("/")
