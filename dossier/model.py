"""The site model: frozen records read from content, and the linked Site."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple, Protocol

from dossier.config import ENTITY_KINDS as ENTITY_KINDS
from dossier.config import Config
from dossier.content.body import Body
from dossier.errors import Diagnostic

# other spellings curators use for a kind
KIND_SPELLINGS = {"organisation": "organization", "org": "organization", "people": "person",
                  "location": "place", "treaty": "document", "law": "document"}


@dataclass(frozen=True)
class SourceRef:
    name: str
    url: str | None


@dataclass(frozen=True)
class Image:
    src: str
    alt: str
    caption: str
    credit: str


class Mention(NamedTuple):
    """One mention of an entity in an article body (a named tuple: articles carry
    dozens, and tuples travel between processes several times faster)."""

    entity: str
    alias: str
    line: int           # line in the file, 1-based
    context: str        # the sentence around it (the entity's first mention only)


class Ambiguity(NamedTuple):
    alias: str
    line: int
    candidates: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class ParsedArticle:
    """An article as its file says, before any linking: a pure function of the file's
    bytes and the parse settings, cached on disk by their hash (``digest``)."""

    digest: str
    path: str                       # relative to the site root, posix
    slug: str
    title: str
    date: datetime                  # aware
    updated: datetime | None
    source: SourceRef | None
    authors: tuple[str, ...]
    summary: str                    # plain text; default: the first paragraph
    location: str
    dossiers: tuple[str, ...]       # explicit membership
    entities: tuple[str, ...]       # explicit entities
    tags: tuple[str, ...]
    image: Image | None
    draft: bool
    language: str
    full_text: bool | None          # None: the site's setting
    aliases: tuple[str, ...]
    params: dict[str, Any]
    body: Body
    field_lines: dict[str, int]     # front-matter key -> line in the file
    warnings: tuple[Diagnostic, ...] = ()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ParsedArticle) and other.digest == self.digest

    def __hash__(self) -> int:
        return hash(self.digest)


@dataclass(frozen=True)
class UnreadArticle:
    """An article file with errors: not part of the site, but its references are
    still checked, so that every problem of the file is reported in one run."""

    path: str
    field_lines: dict[str, int]
    dossiers: tuple[str, ...]
    entities: tuple[str, ...]


class BodyHtml(Protocol):
    """An article's body as HTML with its entity links, and its excerpt. Linking
    makes one that assembles them when first read: only the article's own page and
    the feeds that carry it read them, so a warm build assembles one body, not all."""

    @property
    def body(self) -> str: ...

    @property
    def excerpt(self) -> str: ...

    @property
    def excerpt_text(self) -> str:
        """Excerpt mode: what the excerpt says, normalised (membership.normalise)."""
        ...


@dataclass(frozen=True)
class FixedHtml:
    """A body already made (tests, and records made by hand)."""

    body: str = ""
    excerpt: str = ""
    excerpt_text: str = ""


@dataclass(frozen=True, eq=False)
class Article:
    """An article linked to the registry: its mentions, and its body with entity links.
    ``digest`` changes whenever anything here does."""

    digest: str
    path: str                       # relative to the site root, posix
    slug: str
    title: str
    date: datetime                  # aware
    updated: datetime | None
    source: SourceRef | None
    authors: tuple[str, ...]
    summary: str                    # plain text
    location: str
    dossiers: tuple[str, ...]       # explicit membership
    entities: tuple[str, ...]       # explicit entities
    tags: tuple[str, ...]
    image: Image | None
    draft: bool
    language: str
    full_text: bool | None          # None: the site's setting
    aliases: tuple[str, ...]
    params: dict[str, Any]
    html: BodyHtml                  # the body with entity links, and its excerpt
    text: str                       # plain text of title and body (no code): keywords, search
    mentions: tuple[Mention, ...]
    ambiguities: tuple[Ambiguity, ...]
    keywords: frozenset[str]        # dossier keywords (normalised) found in the text
    field_lines: dict[str, int]     # front-matter key -> line in the file

    @property
    def body_html(self) -> str:
        """Rendered with entity links."""
        return self.html.body

    @property
    def excerpt_html(self) -> str:
        """The first paragraphs, for excerpt mode."""
        return self.html.excerpt

    @property
    def excerpt_text(self) -> str:
        return self.html.excerpt_text

    def line(self, key: str) -> int:
        return self.field_lines.get(key, 1)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Article) and other.digest == self.digest

    def __hash__(self) -> int:
        return hash(self.digest)


@dataclass(frozen=True)
class MatchRules:
    entities: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Dossier:
    path: str
    slug: str
    title: str
    summary: str
    match: MatchRules
    exclude: tuple[str, ...]
    intro_html: str
    params: dict[str, Any]
    field_lines: dict[str, int]

    def line(self, key: str) -> int:
        return self.field_lines.get(key, 1)


@dataclass(frozen=True)
class Role:
    """An office or role an entity held: ``start`` and ``end`` are ISO dates written
    as precisely as known (``2012``, ``2012-12``, ``2012-12-26``); no ``end``: it
    still holds it."""

    title: str
    start: str = ""
    end: str = ""


@dataclass(frozen=True)
class Entity:
    path: str
    slug: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    description: str
    links: dict[str, str]
    profile_html: str
    params: dict[str, Any]
    field_lines: dict[str, int]
    link: str | None = None         # first | all | none; None: its kind's, or the site's
    sort_name: str = ""                  # what the entity index sorts it by
    roles: tuple[Role, ...] = ()         # offices held over time, oldest first
    # the names shown as "Also known as" (None: the aliases that are not part of the name)
    also_known_as: tuple[str, ...] | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def line(self, key: str) -> int:
        return self.field_lines.get(key, 1)


@dataclass(frozen=True)
class Page:
    path: str
    slug: str
    title: str
    description: str
    body_html: str
    draft: bool
    params: dict[str, Any]
    field_lines: dict[str, int]


@dataclass(frozen=True)
class Tag:
    slug: str
    name: str


@dataclass(frozen=True)
class Membership:
    """Why an article is in a dossier (for `dossier explain`)."""

    dossier: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Site:
    """The whole site after linking. Article lists are newest first."""

    config: Config
    articles: tuple[Article, ...]
    dossiers: tuple[Dossier, ...]
    entities: tuple[Entity, ...]
    pages: tuple[Page, ...]
    tags: tuple[Tag, ...]
    # indices into `articles`, newest first
    dossier_articles: dict[str, tuple[int, ...]]
    entity_articles: dict[str, tuple[int, ...]]
    tag_articles: dict[str, tuple[int, ...]]
    # per article index
    article_dossiers: tuple[tuple[Membership, ...], ...]
    article_entities: tuple[tuple[str, ...], ...]       # mentioned or named, in order
    mention_counts: tuple[dict[str, int], ...]
    diagnostics: tuple[Diagnostic, ...] = ()
    by_slug: dict[str, int] = field(default_factory=dict)
    entity_by_slug: dict[str, Entity] = field(default_factory=dict)
    dossier_by_slug: dict[str, Dossier] = field(default_factory=dict)
    aggregates: Aggregates | None = None


Ranked = tuple[tuple[str, int], ...]   # (slug, count), highest count first
# (slug, articles it shares with the entity, articles that name either), closest first
Partners = tuple[tuple[str, int, int], ...]
# (slug, its articles in the dossier, its articles on the site), most characteristic first
Characteristic = tuple[tuple[str, int, int], ...]
Network = tuple[Ranked, tuple[tuple[str, str, int], ...]]   # nodes, edges


@dataclass(frozen=True)
class Aggregates:
    """Whole-site counts that pages show, computed once when the site is linked."""

    entity_sets: tuple[frozenset[str], ...]          # per article
    mention_totals: dict[str, int]                   # entity -> mentions across the site
    co_mentions: dict[str, Partners]                 # entity -> entities named with it
    entity_dossiers: dict[str, Ranked]               # entity -> dossiers of its articles
    dossier_entities: dict[str, Characteristic]      # dossier -> its characteristic entities
    dossier_overlaps: dict[str, Ranked]              # dossier -> dossiers sharing articles
    dossier_positions: dict[str, dict[int, int]]     # dossier -> article index -> position
    # networks drawn on dossier and entity pages: nodes (slug, weight) and edges
    # (slug, slug, shared articles), both sorted
    dossier_networks: dict[str, Network] = field(default_factory=dict)
    entity_networks: dict[str, Network] = field(default_factory=dict)
