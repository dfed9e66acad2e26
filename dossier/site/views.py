"""The view model: the plain, frozen records that templates receive.

Templates never see the site model directly (Zola's ``ser.rs`` idea): what a
template may use is exactly what is declared here, so themes stay stable while
the pipeline changes underneath.

Every URL in a view is already a *site path* (``/articles/x/``); templates turn
it into an address under the base path with ``url(path)``, and into an absolute
address with ``abs_url(path)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dossier.output.charts import Bin, Edge, Node


@dataclass(frozen=True)
class SiteView:
    title: str
    description: str
    language: str
    base_url: str            # absolute, ends with "/"
    search_enabled: bool
    nav_pages: tuple[LinkView, ...] = ()      # free pages, for the header/footer
    build_year: int = 0


@dataclass(frozen=True)
class LinkView:
    title: str
    url: str                 # site path


@dataclass(frozen=True)
class SourceView:
    name: str
    url: str | None


@dataclass(frozen=True)
class ImageView:
    src: str                 # site path or absolute URL (pass through url())
    alt: str
    caption: str
    credit: str


@dataclass(frozen=True)
class DateView:
    iso: str                 # full ISO 8601 with offset, for <time datetime>
    day: str                 # "2017-02-04"
    human: str               # "4 February 2017"
    year: int
    month: int
    month_name: str          # "February"


@dataclass(frozen=True)
class ArticleCard:
    """An article in a list (home, dossier timeline, entity page, tag page)."""

    slug: str
    url: str
    title: str
    date: DateView
    summary: str
    source: SourceView | None
    location: str
    language: str            # the article's language (for lang= on the title)
    dossiers: tuple[LinkView, ...] = ()
    context: str = ""        # entity pages: the sentence of the first mention
    language_name: str = ""  # "Japanese": the language's name when not the site's
    title_en: str = ""       # its English headline (`title_en:`), if given


@dataclass(frozen=True)
class EntityCard:
    slug: str
    url: str
    name: str
    kind: str
    kind_label: str          # "Person", "Organization", ...
    description: str
    count: int = 0           # mentions (index) or shared articles (co-mentions)
    links: tuple[LinkView, ...] = ()         # external links, as on the entity's page
    # the whole that count is part of: a dossier's entities, "6 of 8" (its articles);
    # "often mentioned with", "3 of 5" (articles naming either); 0: none
    total: int = 0
    role: str = ""           # an article's entities: "then-Prime Minister of Japan"
    sort_name: str = ""      # the entity index: what it sorts by ("Abe Shinzo")


@dataclass(frozen=True)
class RoleView:
    """An office or role held: dates as written, at their precision."""

    title: str
    start: DateSpan | None
    end: DateSpan | None


@dataclass(frozen=True)
class NameView:
    name: str
    lang: str = ""           # "ja", "ko" when the script says so, else ""


@dataclass(frozen=True)
class DateSpan:
    """A date known to a year, a month or a day: ``iso`` "2012-12", ``human``
    "December 2012"."""

    iso: str
    human: str


@dataclass(frozen=True)
class DossierCard:
    slug: str
    url: str
    title: str
    summary: str
    count: int
    first: DateView | None
    last: DateView | None
    latest: ArticleCard | None
    activity: tuple[Bin, ...] = ()           # home and dossier index: articles over time
    top_entities: tuple[LinkView, ...] = ()  # dossier index: its most characteristic few


@dataclass(frozen=True)
class NetworkView:
    """Entities (site-path urls) and co-mentions between them; ``center``: the entity
    whose page it is (an ego network), or ""."""

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    center: str = ""


@dataclass(frozen=True)
class PrevNext:
    dossier: LinkView
    prev: LinkView | None    # older article in that dossier
    next: LinkView | None    # newer article in that dossier


@dataclass(frozen=True)
class Neighbour:
    """An article next to this one in one or more of its dossiers (each said once)."""

    article: LinkView
    date: DateView
    newer: bool              # newer than this article (else older)
    dossiers: tuple[LinkView, ...]           # the dossiers it is next to this one in


@dataclass(frozen=True)
class ArticleView:
    slug: str
    url: str
    title: str
    date: DateView
    updated: DateView | None
    source: SourceView | None
    authors: tuple[str, ...]
    summary: str
    location: str
    language: str
    tags: tuple[LinkView, ...]
    image: ImageView | None
    full_text: bool
    body_html: str           # full_text: the whole body; otherwise the excerpt
    dossiers: tuple[LinkView, ...]
    entities: tuple[EntityCard, ...]         # "In this article", count = mentions here
    related: tuple[ArticleCard, ...]         # not those in `neighbours`
    prev_next: tuple[PrevNext, ...]          # per dossier (`neighbours` merges them)
    params: dict[str, Any] = field(default_factory=dict)
    standfirst: str = ""     # the summary, unless the text shown already opens with it
    about: tuple[str, ...] = ()              # slugs of the entities its `entities:` names
    # the newer and older articles beside it in its dossiers, each once: newer first,
    # nearest first
    neighbours: tuple[Neighbour, ...] = ()
    language_name: str = ""  # "Japanese": the language's name when not the site's
    title_en: str = ""       # its English headline (`title_en:`), if in another language


@dataclass(frozen=True)
class MonthGroup:
    name: str                # "February"
    month: int
    articles: tuple[ArticleCard, ...]


@dataclass(frozen=True)
class YearGroup:
    year: int
    months: tuple[MonthGroup, ...]


@dataclass(frozen=True)
class Pagination:
    number: int              # 1-based
    total: int
    prev_url: str | None
    next_url: str | None
    pages: tuple[LinkView, ...]   # title = "1", "2", …


@dataclass(frozen=True)
class DossierView:
    slug: str
    url: str
    feed_url: str
    timeline_url: str          # TimelineJS JSON of its articles
    network_url: str           # GEXF of its entity network
    title: str
    summary: str
    intro_html: str
    count: int
    first: DateView | None
    last: DateView | None
    timeline: tuple[YearGroup, ...]          # this page's articles, newest first
    top_entities: tuple[EntityCard, ...]     # count = mentions across the dossier
    related: tuple[DossierCard, ...]
    pagination: Pagination | None
    params: dict[str, Any] = field(default_factory=dict)
    activity: tuple[Bin, ...] = ()           # page 1: articles by month (or year)
    network: NetworkView | None = None       # page 1: its most-mentioned entities


@dataclass(frozen=True)
class ArchiveRow:
    """An article in a compact archive: its date, title and source."""

    url: str
    title: str
    date: DateView
    short_date: str          # "4 February": the year is the heading's
    source: str              # the source's name, or ""
    language: str            # the article's language (for lang= on the title)
    title_en: str = ""


@dataclass(frozen=True)
class ArchiveYear:
    year: int
    count: int               # the articles listed under it (on its page: all of them)
    url: str                 # its year page, or "" when listed on this page
    articles: tuple[ArchiveRow, ...] = ()    # newest first; () when on its own page


@dataclass(frozen=True)
class Archive:
    """A list's articles older than those shown in context: by year, newest first,
    on the list page itself (``paged`` false) or on one page per year."""

    years: tuple[ArchiveYear, ...]
    paged: bool


@dataclass(frozen=True)
class ArchiveView:
    """One year of an entity's or tag's archive, on its own page."""

    kind: str                # "entity" or "tag"
    slug: str
    url: str
    name: str                # the entity's or tag's name
    list_url: str            # the entity's or tag's page
    year: int
    total: int               # the list's articles, every year
    articles: tuple[ArchiveRow, ...]         # this year's, newest first
    years: tuple[ArchiveYear, ...]           # every year of the list (links), newest first


@dataclass(frozen=True)
class EntityView:
    slug: str
    url: str
    feed_url: str
    name: str
    kind: str
    kind_label: str
    aliases: tuple[str, ...]                 # every name it is matched by (JSON-LD)
    description: str
    profile_html: str
    links: tuple[LinkView, ...]              # external links: title = "Wikipedia", url absolute
    count: int                               # articles that mention it
    articles: tuple[ArticleCard, ...]        # this page's share, newest first, with context
    dossiers: tuple[DossierCard, ...]
    co_mentions: tuple[EntityCard, ...]      # count = articles shared
    pagination: Pagination | None
    params: dict[str, Any] = field(default_factory=dict)
    activity: tuple[Bin, ...] = ()           # page 1: articles mentioning it by month
    network: NetworkView | None = None       # page 1: entities most often named with it
    other_names: tuple[NameView, ...] = ()   # "Also known as": names a reader would use
    roles: tuple[RoleView, ...] = ()         # offices held, oldest first
    archive: Archive | None = None           # the articles older than `articles`


@dataclass(frozen=True)
class LetterGroup:
    letter: str              # "A"; "#" for names that start with a digit or a sign
    entities: tuple[EntityCard, ...]


@dataclass(frozen=True)
class KindGroup:
    kind: str
    label: str               # plural: "People", "Organizations", …
    entities: tuple[EntityCard, ...]         # in index order (people by family name)
    letters: tuple[LetterGroup, ...] = ()    # people: the same, by the letter they sort under


@dataclass(frozen=True)
class TagView:
    slug: str
    url: str
    name: str
    count: int
    articles: tuple[ArticleCard, ...]        # the newest
    pagination: Pagination | None
    archive: Archive | None = None           # the articles older than `articles`


@dataclass(frozen=True)
class PageView:
    slug: str
    url: str
    title: str
    description: str
    body_html: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Head:
    """What every page's <head> needs."""

    title: str               # the page's own title ("" on home)
    description: str
    url: str                 # the page's site path (canonical)
    # kind: home, article, dossier(s), entity, entities, tag(s), page, search, 404
    kind: str
    language: str
    feed_url: str | None = None
    noindex: bool = False
