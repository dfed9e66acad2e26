"""What pages may read of the linked site, each read recorded (Lektor's idea).

Views are built from a :class:`Facts` only, never from the Site directly. Every
accessor records the key of the fact it returns, so a route's view is a function of
the facts it recorded. After a change, :func:`changed_keys` compares the value of
each recorded key in the old and the new site; a route is rendered again only when
one of its keys changed, and written only when its bytes did. Nothing is declared by
hand, so nothing can drift.

A key's *value* is a cheap signature of everything its accessor's answer is made
of (for an article: its digest, which changes with any of its fields).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from operator import itemgetter
from typing import Any, NamedTuple

from dossier.content.dates import local
from dossier.linking.membership import normalise
from dossier.model import (
    Aggregates,
    Article,
    Dossier,
    Entity,
    Membership,
    Page,
    Role,
    Site,
    Tag,
)
from dossier.site.routes import Route, html_routes, html_urls, plan

Key = tuple[Hashable, ...]


# --- related articles: a whole-site computation, reused where its inputs held ---------

EXACT_UP_TO = 2000      # up to this many articles, every shared entity counts
COMMON = 150            # beyond, entities named in more articles than this are left out
# related articles kept per article: an article page shows five, leaving out those it
# already lists as next to it in its dossiers
RELATED_KEPT = 8


def _common_limit(total: int) -> int:
    return total if total <= EXACT_UP_TO else COMMON


def _weight(total: int, size: int) -> float:
    """An entity's weight by its rarity. On large sites the reference count is fixed,
    so one article more or less does not reorder every related list."""
    return math.log(1 + (total if total <= EXACT_UP_TO else EXACT_UP_TO * 5) / size)


def related_indices(site: Site, index: int, limit: int = 5) -> tuple[int, ...]:
    """Articles sharing entities with article ``index``, best first. Each shared entity
    counts by its rarity (inverse document frequency), so two articles that share a
    rarely named official are closer than two that both mention a country; ties go
    to the newer article. On large sites, entities named in more than ``COMMON``
    articles are left out: their weight is small and the same for every candidate,
    while walking their article lists would cost more than everything else together.
    """
    aggregates = _aggregates(site)
    total = len(site.articles)
    own = aggregates.entity_sets[index]
    if not own or total < 2:
        return ()
    postings = site.entity_articles
    common = _common_limit(total)
    scores: dict[int, float] = {}
    get = scores.get
    for slug in sorted(own):   # a fixed order: float sums, and so ties, never vary
        posting = postings[slug]
        if len(posting) > common:
            continue
        weight = _weight(total, len(posting))
        for other in posting:
            scores[other] = get(other, 0.0) + weight
    if not scores:  # every entity is common: the newest articles of the rarest one
        rarest = min(own, key=lambda slug: (len(postings[slug]), slug))
        scores = dict.fromkeys(postings[rarest][:limit + 1], 1.0)
    scores.pop(index, None)
    return tuple(other for _, other in heapq.nsmallest(
        limit, ((-score, other) for other, score in scores.items())))


@dataclass(frozen=True)
class RelatedTable:
    """Related articles of every article (by slug), with what they were made of."""

    mode: tuple[bool, int]                          # (exact, total when exact)
    postings: dict[str, tuple[Any, ...]]            # entity -> what its list contributes
    heads: dict[str, tuple[Any, ...]]               # entity -> its size and newest articles
    own: dict[str, frozenset[str]]                  # article -> its entities
    related: dict[str, tuple[str, ...]]


def _posting_signature(site: Site, slug: str, common: int) -> tuple[Any, ...]:
    posting = site.entity_articles[slug]
    if len(posting) > common:
        return ("common",)
    articles = site.articles
    return tuple((articles[i].slug, articles[i].date.timestamp()) for i in posting)


def _head(site: Site, slug: str) -> tuple[Any, ...]:
    """What an article whose entities are all common takes from each: the size (the
    rarest is chosen) and the newest few."""
    posting = site.entity_articles[slug]
    return (len(posting), *(site.articles[i].slug for i in posting[:RELATED_KEPT + 1]))


def related_table(site: Site, previous: RelatedTable | None = None) -> RelatedTable:
    """Every article's related articles; an article whose entities and whose entities'
    article lists are as in ``previous`` keeps its answer."""
    total = len(site.articles)
    common = _common_limit(total)
    exact = total <= EXACT_UP_TO
    mode = (exact, total if exact else 0)
    postings = {slug: _posting_signature(site, slug, common) for slug in site.entity_articles}
    heads = {slug: _head(site, slug) for slug in site.entity_articles}
    reuse = previous is not None and previous.mode == mode
    changed: set[str] = set()
    changed_heads: set[str] = set()
    if previous is not None and reuse:
        changed = {slug for slug, sig in postings.items() if previous.postings.get(slug) != sig}
        changed_heads = {slug for slug, head in heads.items()
                         if previous.heads.get(slug) != head}
    sets = _aggregates(site).entity_sets
    own: dict[str, frozenset[str]] = {}
    related: dict[str, tuple[str, ...]] = {}
    articles = site.articles
    for index, article in enumerate(articles):
        entities = sets[index]
        own[article.slug] = entities
        if previous is not None and reuse and previous.own.get(article.slug) == entities \
                and article.slug in previous.related and not (changed & entities):
            all_common = all(postings[e] == ("common",) for e in entities)
            if not all_common or not (changed_heads & entities):
                related[article.slug] = previous.related[article.slug]
                continue
        related[article.slug] = tuple(articles[i].slug
                                      for i in related_indices(site, index, RELATED_KEPT))
    return RelatedTable(mode, postings, heads, own, related)


# --- the facts ----------------------------------------------------------------------

def _aggregates(site: Site) -> Aggregates:
    assert site.aggregates is not None, "the site is not linked"
    return site.aggregates


@dataclass
class Facts:
    """One linked site as pages may read it. ``reads`` collects the keys read since
    it was last emptied (one route's view at a time)."""

    site: Site
    related_table: RelatedTable
    routes: tuple[Route, ...]
    reads: set[Key] = field(default_factory=set)
    _memo: dict[Key, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, site: Site, previous: Facts | None = None,
           related: RelatedTable | None = None) -> Facts:
        """``previous`` (or just its ``related`` lists): an earlier site, whose related
        lists are reused where their inputs held."""
        if previous is not None:
            related = previous.related_table
        return cls(site, related_table(site, related), tuple(plan(site)))

    def _index(self, slug: str) -> int:
        return self.site.by_slug[slug]

    @cached_property
    def month_keys(self) -> tuple[tuple[int, int], ...]:
        """(year, month) of every article in the site's zone, worked out once per site:
        each article is in the month lists of its dossiers, entities and tags."""
        zone = self.site.config.zone
        return tuple((seen.year, seen.month)
                     for seen in (local(article.date, zone) for article in self.site.articles))

    @cached_property
    def slugs(self) -> tuple[str, ...]:
        """Every article's slug, by index: the ``members`` values of every list."""
        return tuple(article.slug for article in self.site.articles)

    # -- values: what each key's answer is made of (compared between two sites) --

    def value(self, key: Key) -> Any:
        memo = self._memo
        if key in memo:
            return memo[key]
        value = memo[key] = _VALUES[key[0]](self, *key[1:])  # type: ignore[index]
        return value

    # -- accessors: each records its key --

    def read(self, *key: Hashable) -> None:
        self.reads.add(key)

    @property
    def config(self) -> Any:
        return self.site.config      # a config change rebuilds everything

    def globals(self) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
        """The navigation every page shows: (slug, title) of the dossiers, in their
        order, and of the free pages."""
        self.read("globals")
        return _globals(self.site)

    def article_slugs(self, start: int = 0, stop: int | None = None) -> tuple[str, ...]:
        """Slugs of all articles (newest first) from ``start`` to ``stop``."""
        self.read("articles", start, stop)
        return self.slugs[start:stop]

    def article(self, slug: str) -> Article:
        self.read("article", slug)
        return self.site.articles[self._index(slug)]

    def card(self, slug: str) -> CardFields:
        """What an article's card shows of it (its dossiers: :meth:`memberships`)."""
        self.read("card", slug)
        return _card(self.site.articles[self._index(slug)])

    def date(self, slug: str) -> Any:
        self.read("date", slug)
        return self.site.articles[self._index(slug)].date

    def context(self, entity: str, slug: str) -> str:
        """The sentence of an article's first mention of an entity, as an entity page
        may quote it (never what an excerpt-mode article's page withholds)."""
        self.read("context", entity, slug)
        return _context(self.site, entity, slug)

    def title(self, slug: str) -> str:
        self.read("title", slug)
        return self.site.articles[self._index(slug)].title

    def memberships(self, slug: str) -> tuple[Membership, ...]:
        self.read("memberships", slug)
        return self.site.article_dossiers[self._index(slug)]

    def article_entities(self, slug: str) -> tuple[tuple[str, int], ...]:
        """The entities an article mentions or names, with its mentions of each."""
        self.read("article", slug)
        index = self._index(slug)
        counts = self.site.mention_counts[index]
        return tuple((s, counts.get(s, 0)) for s in self.site.article_entities[index])

    def neighbours(self, dossier: str, slug: str) -> tuple[str | None, str | None]:
        """The older and the newer article beside ``slug`` in a dossier."""
        self.read("neighbours", dossier, slug)
        return _neighbours(self.site, dossier, slug)

    def related(self, slug: str) -> tuple[str, ...]:
        self.read("related", slug)
        return self.related_table.related[slug]

    def entity(self, slug: str) -> Entity:
        self.read("entity", slug)
        return self.site.entity_by_slug[slug]

    def entity_card(self, slug: str) -> EntityCardFields:
        """What an entity's card shows of it (not its aliases or profile)."""
        self.read("entity_card", slug)
        return _entity_card(self.site.entity_by_slug[slug])

    def roles(self, slug: str) -> tuple[Role, ...]:
        """The roles an entity held (an article page says which held on its day)."""
        self.read("roles", slug)
        return self.site.entity_by_slug[slug].roles

    def entities(self) -> tuple[Entity, ...]:
        self.read("entities")
        return self.site.entities

    def dossier(self, slug: str) -> Dossier:
        self.read("dossier", slug)
        return self.site.dossier_by_slug[slug]

    def dossier_title(self, slug: str) -> str:
        self.read("dossier_title", slug)
        return self.site.dossier_by_slug[slug].title

    def dossier_span(self, slug: str) -> tuple[int, str | None, str | None]:
        """A dossier's size, its oldest and its newest article."""
        self.read("dossier_span", slug)
        return _span(self.site, slug)

    def members(self, kind: str, slug: str, start: int, stop: int) -> tuple[str, ...]:
        """Slugs of a dossier's, entity's or tag's articles, newest first, from start
        to stop."""
        self.read("members", kind, slug, start, stop)
        lists = _lists(self.site, kind)
        articles = self.site.articles
        return tuple(articles[i].slug for i in lists[slug][start:stop])

    def count(self, kind: str, slug: str) -> int:
        self.read("count", kind, slug)
        return len(_lists(self.site, kind)[slug])

    def ranked(self, table: str, slug: str) -> tuple[tuple[Any, ...], ...]:
        """A row of the site's aggregates: co_mentions (slug, shared, either),
        entity_dossiers (slug, count), dossier_entities (slug, here, on the site) or
        dossier_overlaps (slug, count)."""
        self.read("ranked", table, slug)
        return getattr(_aggregates(self.site), table)[slug]

    def months(self, kind: str, slug: str) -> tuple[tuple[int, int, int, int], ...]:
        """A dossier's, entity's or tag's articles by month in the site's zone: (year,
        month, count, position of the month's newest article in the list), oldest
        month first."""
        self.read("months", kind, slug)
        return _months(self, kind, slug)

    def network(self, kind: str, slug: str) -> Any:
        """A dossier's network of its most-mentioned entities, or an entity's network
        of those most often named with it: (nodes, edges), see Aggregates."""
        self.read("network", kind, slug)
        return _network(self.site, kind, slug)

    def mention_totals(self) -> dict[str, int]:
        self.read("totals")
        return _aggregates(self.site).mention_totals

    def tags(self) -> tuple[Tag, ...]:
        self.read("tags")
        return self.site.tags

    def tag_name(self, slug: str) -> str:
        self.read("tag_name", slug)
        return next(t.name for t in self.site.tags if t.slug == slug)

    def html_urls(self) -> list[str]:
        """The addresses of the site's pages, for the sitemap."""
        self.read("urls")
        return html_urls(list(self.routes), self.site.config.search_enabled)

    def sitemap(self) -> tuple[Site, list[Route]]:
        """The whole site as the sitemap reads it (every page and when it changed)."""
        self.read("sitemap")
        return self.site, html_routes(list(self.routes), self.site.config.search_enabled)

    def page(self, slug: str) -> Page:
        self.read("page", slug)
        return next(p for p in self.site.pages if p.slug == slug)


class EntityCardFields(NamedTuple):
    slug: str
    name: str
    kind: str
    description: str
    links: tuple[tuple[str, str], ...]


def _entity_card(entity: Entity) -> EntityCardFields:
    return EntityCardFields(entity.slug, entity.name, entity.kind, entity.description,
                            tuple(entity.links.items()))


class CardFields(NamedTuple):
    slug: str
    title: str
    date: Any
    summary: str
    source: Any
    location: str
    language: str
    title_en: str = ""       # an English headline (`title_en:`) of an article in another


def title_en(params: dict[str, object]) -> str:
    """An article's English headline (``title_en:``), "" when it gives none."""
    value = params.get("title_en")
    return value.strip() if isinstance(value, str) else ""


def _card(article: Article) -> CardFields:
    return CardFields(article.slug, article.title, article.date, article.summary,
                      article.source, article.location, article.language,
                      title_en(article.params))


def shows_full_text(site: Site, article: Article) -> bool:
    return site.config.full_text if article.full_text is None else article.full_text


def excerpt_shows(text: str, article: Article) -> bool:
    """Is the text part of the excerpt an excerpt-mode article shows?"""
    return normalise(text.strip("…").strip()) in article.excerpt_text


def _context(site: Site, entity: str, slug: str) -> str:
    article = site.articles[site.by_slug[slug]]
    context = next((m.context for m in article.mentions if m.entity == entity), "")
    if context and not shows_full_text(site, article) and not excerpt_shows(context, article):
        return ""   # an excerpt-mode article: never quote what its page withholds
    return context


def _sitemap_value(facts: Facts) -> tuple[Any, ...]:
    """What the sitemap is made of: its pages, and the dates that give their lastmod."""
    site = facts.site
    order = tuple(a.slug for a in site.articles)
    return (tuple(html_urls(list(facts.routes), site.config.search_enabled)), order,
            tuple(a.updated or a.date for a in site.articles),
            tuple(sorted(site.dossier_articles.items())),
            tuple(sorted(site.entity_articles.items())),
            tuple(sorted(site.tag_articles.items())),
            tuple((p.slug, repr(p.params.get("updated")), repr(p.params.get("date")))
                  for p in site.pages))


def _globals(site: Site) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    return (tuple((d.slug, d.title) for d in site.dossiers),
            tuple((p.slug, p.title) for p in site.pages))


def _lists(site: Site, kind: str) -> dict[str, tuple[int, ...]]:
    return {"dossier": site.dossier_articles, "entity": site.entity_articles,
            "tag": site.tag_articles}[kind]


def _neighbours(site: Site, dossier: str, slug: str) -> tuple[str | None, str | None]:
    members = site.dossier_articles[dossier]
    index = site.by_slug[slug]
    at = _aggregates(site).dossier_positions[dossier][index]
    newer = site.articles[members[at - 1]].slug if at > 0 else None
    older = site.articles[members[at + 1]].slug if at + 1 < len(members) else None
    return older, newer


def _span(site: Site, slug: str) -> tuple[int, str | None, str | None]:
    members = site.dossier_articles[slug]
    if not members:
        return 0, None, None
    return len(members), site.articles[members[-1]].slug, site.articles[members[0]].slug


def _months(facts: Facts, kind: str, slug: str) -> tuple[tuple[int, int, int, int], ...]:
    keys = facts.month_keys
    found: dict[tuple[int, int], list[int]] = {}
    for position, index in enumerate(_lists(facts.site, kind)[slug]):
        key = keys[index]
        entry = found.get(key)
        if entry is None:
            found[key] = [1, position]
        else:
            entry[0] += 1
    return tuple((y, m, c, p) for (y, m), (c, p) in sorted(found.items()))


def _network(site: Site, kind: str, slug: str) -> Any:
    aggregates = _aggregates(site)
    table = aggregates.dossier_networks if kind == "dossier" else aggregates.entity_networks
    return table.get(slug, ((), ()))


def _article_value(facts: Facts, slug: str) -> Any:
    index = facts.site.by_slug.get(slug)
    return None if index is None else facts.site.articles[index].digest


def _or_none(lookup: Callable[[], Any]) -> Any:
    try:
        return lookup()
    except (KeyError, StopIteration):   # gone from the site: a change in itself
        return None


def _slugs(facts: Facts, indices: Sequence[int]) -> tuple[str, ...]:
    if not indices:
        return ()
    found = itemgetter(*indices)(facts.slugs)    # one C call: lists run to thousands
    return found if len(indices) > 1 else (found,)


_VALUES: dict[str, Callable[..., Any]] = {
    "globals": lambda f: _globals(f.site),
    "articles": lambda f, start, stop: tuple(
        (a.slug, a.digest) for a in f.site.articles[start:stop]),
    "article": _article_value,
    "card": lambda f, slug: _or_none(lambda: _card(f.site.articles[f.site.by_slug[slug]])),
    "date": lambda f, slug: _or_none(lambda: f.site.articles[f.site.by_slug[slug]].date),
    "context": lambda f, entity, slug: _or_none(lambda: _context(f.site, entity, slug)),
    "title": lambda f, slug: _or_none(lambda: f.site.articles[f.site.by_slug[slug]].title),
    "memberships": lambda f, slug: _or_none(
        lambda: f.site.article_dossiers[f.site.by_slug[slug]]),
    "neighbours": lambda f, dossier, slug: _or_none(lambda: _neighbours(f.site, dossier, slug)),
    "related": lambda f, slug: f.related_table.related.get(slug),
    "entity": lambda f, slug: f.site.entity_by_slug.get(slug),
    "entity_card": lambda f, slug: _or_none(lambda: _entity_card(f.site.entity_by_slug[slug])),
    "roles": lambda f, slug: _or_none(lambda: f.site.entity_by_slug[slug].roles),
    "entities": lambda f: f.site.entities,
    "dossier": lambda f, slug: f.site.dossier_by_slug.get(slug),
    "dossier_title": lambda f, slug: _or_none(lambda: f.site.dossier_by_slug[slug].title),
    "dossier_span": lambda f, slug: _or_none(lambda: _span(f.site, slug)),
    "members": lambda f, kind, slug, start, stop: _or_none(
        lambda: _slugs(f, _lists(f.site, kind)[slug][start:stop])),
    "count": lambda f, kind, slug: _or_none(lambda: len(_lists(f.site, kind)[slug])),
    "ranked": lambda f, table, slug: getattr(_aggregates(f.site), table).get(slug),
    "totals": lambda f: _aggregates(f.site).mention_totals,
    "months": lambda f, kind, slug: _or_none(lambda: _months(f, kind, slug)),
    "network": lambda f, kind, slug: _network(f.site, kind, slug),
    "tags": lambda f: f.site.tags,
    "tag_name": lambda f, slug: _or_none(
        lambda: next(t.name for t in f.site.tags if t.slug == slug)),
    "urls": lambda f: tuple(html_urls(list(f.routes), f.site.config.search_enabled)),
    "sitemap": lambda f: _sitemap_value(f),
    "page": lambda f, slug: _or_none(lambda: next(p for p in f.site.pages if p.slug == slug)),
}


# keys whose value is a function of one article record (its slug last) and the config
_OF_ONE_ARTICLE = frozenset({"article", "card", "date", "title", "context"})
# keys whose value is a function of one article list (kind, slug first)
_OF_ONE_LIST = frozenset({"members", "count"})
# ... and of the dates of the articles in it


@dataclass
class KeyIndex:
    """Every key pages read, grouped so that a change is checked against only the
    keys it can affect, not against all of them."""

    users: dict[Key, set[str]] = field(default_factory=dict)       # key -> output files
    by_article: dict[str, set[Key]] = field(default_factory=dict)  # slug -> its keys
    by_list: dict[tuple[str, str], set[Key]] = field(default_factory=dict)
    neighbours: dict[str, set[Key]] = field(default_factory=dict)  # dossier -> keys
    related: dict[str, Key] = field(default_factory=dict)          # slug -> key
    months: set[Key] = field(default_factory=set)                  # list and its dates
    other: set[Key] = field(default_factory=set)

    def add(self, key: Key, user: str) -> None:
        users = self.users.get(key)
        if users is None:
            users = self.users[key] = set()
            kind = key[0]
            if kind in _OF_ONE_ARTICLE:
                self.by_article.setdefault(key[-1], set()).add(key)  # type: ignore[arg-type]
            elif kind in _OF_ONE_LIST:
                self.by_list.setdefault((key[1], key[2]), set()).add(key)  # type: ignore[arg-type]
            elif kind == "neighbours":
                self.neighbours.setdefault(key[1], set()).add(key)  # type: ignore[arg-type]
            elif kind == "related":
                self.related[key[1]] = key  # type: ignore[index]
            elif kind == "months":
                self.months.add(key)
            else:
                self.other.add(key)
        users.add(user)

    def discard(self, key: Key, user: str) -> None:
        users = self.users.get(key)
        if users is not None:
            users.discard(user)


def changed_values(facts: Facts, values: dict[Key, Any]) -> set[Key]:
    """The keys of ``values``, recorded from an earlier site with the same config,
    whose value is not the same in ``facts``. A key of one article is the same when
    that article's digest is (its value is a function of the record and the config),
    so most are not computed: their recorded value is taken as theirs here."""
    memo = facts._memo
    same: dict[str, bool] = {}
    changed: set[Key] = set()
    for key, value in values.items():
        if key[0] in _OF_ONE_ARTICLE and key[0] != "article":
            slug = key[-1]
            held = same.get(slug)  # type: ignore[arg-type]
            if held is None:
                old = values.get(("article", slug))
                held = same[slug] = (  # type: ignore[index]
                    old is not None and facts.value(("article", slug)) == old)
            if held:
                memo[key] = value
                continue
        if facts.value(key) != value:
            changed.add(key)
    return changed


def changed_keys(old: Facts, new: Facts, index: KeyIndex) -> set[Key]:
    """The keys whose value differs between two sites, looking only where the two
    differ: articles whose records are not the same objects (a session reuses the
    records of unchanged articles), article lists that differ, related lists that
    were computed again; every other key is compared outright."""
    old_site, new_site = old.site, new.site
    changed: set[Key] = set()

    def differ(keys: Iterable[Key]) -> None:
        changed.update(key for key in keys if old.value(key) != new.value(key))

    if old_site.config != new_site.config:
        differ(index.users)
        return changed
    old_articles = {a.slug: a for a in old_site.articles}
    dates_moved = False
    for article in new_site.articles:
        before = old_articles.pop(article.slug, None)
        if before is not article:
            differ(index.by_article.get(article.slug, ()))
            dates_moved = dates_moved or before is None or before.date != article.date
    for slug in old_articles:                     # gone
        differ(index.by_article.get(slug, ()))
        dates_moved = True
    same_order = len(old_site.articles) == len(new_site.articles) and all(
        a.slug == b.slug for a, b in zip(old_site.articles, new_site.articles, strict=True))
    for (kind, slug), keys in index.by_list.items():
        before, after = _lists(old_site, kind).get(slug), _lists(new_site, kind).get(slug)
        if not same_order or before != after:
            differ(keys)
    for key in index.months:        # a month chart: its list and the dates in it
        kind, slug = key[1], key[2]
        if dates_moved or not same_order \
                or _lists(old_site, kind).get(slug) != _lists(new_site, kind).get(slug):
            differ((key,))
    for dossier, keys in index.neighbours.items():
        if not same_order or old_site.dossier_articles.get(dossier) \
                != new_site.dossier_articles.get(dossier):
            differ(keys)
    old_related, new_related = old.related_table.related, new.related_table.related
    for slug, key in index.related.items():
        if old_related.get(slug) != new_related.get(slug):
            changed.add(key)
    differ(index.other)
    return changed
