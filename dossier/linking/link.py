"""Whole-site linking: membership, backlinks, related articles and diagnostics.

Runs once every file is read; pure: records in, a linked Site out.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

import numpy as np

from dossier.config import Config
from dossier.content.slugs import RESERVED_PAGE_SLUGS, first_segment
from dossier.errors import Diagnostic, error, warning
from dossier.linking.membership import membership, tag_key
from dossier.linking.mentions import AliasTable, shared_aliases
from dossier.linking.references import Known, match_problems, reference_problems
from dossier.model import (
    Aggregates,
    Ambiguity,
    Article,
    Characteristic,
    Dossier,
    Entity,
    Membership,
    Network,
    Page,
    Partners,
    Ranked,
    Site,
    Tag,
    UnreadArticle,
)


def _duplicates(kind: str, items: Iterable[tuple[str, str, int] | tuple[str, str, int, str]]
                ) -> list[Diagnostic]:
    """items: (slug, path, line[, field]). Two items with one slug are an error naming both
    files; an item from `aliases:` (field "aliases") is reported as an alias."""
    seen: dict[str, str] = {}
    problems = []
    for slug, path, line, *rest in items:
        key = rest[0] if rest else "slug"
        if slug in seen and seen[slug] != path:
            if key == "aliases":
                message = f"alias {slug!r} is the address of {seen[slug]}; remove the alias"
            else:
                message = (f"{kind} slug {slug!r} is also used by {seen[slug]}; rename one "
                           "file or give one a different `slug:`")
            problems.append(error(path, line, key, message))
        else:
            seen.setdefault(slug, path)
    return problems


def _check_slugs(articles: Sequence[Article], dossiers: Sequence[Dossier],
                 entities: Sequence[Entity], pages: Sequence[Page]) -> list[Diagnostic]:
    problems = _duplicates("article", [
        *((a.slug, a.path, a.line("slug")) for a in articles),
        *((alias, a.path, a.line("aliases"), "aliases") for a in articles
          for alias in a.aliases)])
    problems += _page_alias_problems(articles, pages)
    problems += _duplicates("dossier", ((d.slug, d.path, d.line("slug")) for d in dossiers))
    problems += _duplicates("entity", ((e.slug, e.path, e.line("slug")) for e in entities))
    problems += _duplicates("page", ((p.slug, p.path, p.field_lines.get("slug", 1))
                                     for p in pages))
    for page in pages:
        if page.slug in RESERVED_PAGE_SLUGS:
            problems.append(error(page.path, page.field_lines.get("slug", 1), "slug",
                                  f"{page.slug!r} is a reserved address of the site; "
                                  "choose another slug"))
    return problems


def _page_alias_problems(articles: Sequence[Article],
                         pages: Sequence[Page]) -> list[Diagnostic]:
    """A redirect at a site path must not take a free page's address (the reader
    already refuses the addresses the site always makes)."""
    taken = {p.slug for p in pages}
    return [error(article.path, article.line("aliases"), "aliases",
                  f"{alias!r} is the address of a free page; redirects may not replace it")
            for article in articles for alias in article.aliases
            if alias.startswith("/") and first_segment(alias) in taken]


def _check_references(articles: Sequence[Article], dossiers: Sequence[Dossier],
                      known: Known, article_slugs: set[str]) -> list[Diagnostic]:
    problems = []
    for article in articles:
        problems += reference_problems(article.path, article.field_lines, article.dossiers,
                                       article.entities, known)
    for dossier in dossiers:
        problems += match_problems(dossier.path, dossier.line("match"),
                                   dossier.match.entities, known)
        for slug in dossier.exclude:
            if slug not in article_slugs:
                problems.append(warning(dossier.path, dossier.line("exclude"), "exclude",
                                        f"no article has the slug {slug!r}"))
    return problems


def _tag_spelling(tag: str) -> str:
    """Tags that differ only in case, spaces, hyphens or underscores are one tag."""
    return " ".join(tag.casefold().replace("-", " ").replace("_", " ").split())


def ambiguity_message(amb: Ambiguity, explicit: Sequence[str]) -> str:
    candidates = " or ".join(amb.candidates)
    named = [slug for slug in amb.candidates if slug in explicit]
    if len(named) > 1:
        advice = f"entities: names {' and '.join(named)}; keep just one to decide"
    else:
        advice = "name one of them in entities: to decide"
    return f"“{amb.alias}” could be {candidates}: not linked; {advice}"


def _alias_warnings(table: AliasTable, entities: Sequence[Entity]) -> list[Diagnostic]:
    by_slug = {e.slug: e for e in entities}
    problems = []
    for alias, slugs in shared_aliases(table).items():
        first = by_slug[slugs[0]]
        others = ", ".join(by_slug[s].path for s in slugs[1:])
        problems.append(warning(first.path, first.line("aliases"), "aliases",
                                f"“{alias}” is also claimed by {others}: it is linked only in "
                                "articles whose entities: names one of them"))
    return problems


class Contribution(NamedTuple):
    """What one article brings to the linked site: a pure function of the article,
    the dossiers' rules and the entities that exist."""

    named: tuple[str, ...]                 # entities mentioned or named, in order
    counts: dict[str, int]                 # mentions per entity
    joined: tuple[Membership, ...]         # dossiers, with the reasons
    tags: tuple[tuple[str, str], ...]      # (address key, tag as written)
    problems: tuple[Diagnostic, ...]       # ambiguous aliases
    shape: tuple[Any, ...] = ()            # what the whole-site counts take of it


def _rules_key(dossiers: Sequence[Dossier], entity_slugs: set[str]) -> str:
    return hashlib.blake2b(repr(([(d.slug, d.match, d.exclude) for d in dossiers],
                                 sorted(entity_slugs))).encode(),
                           digest_size=16).hexdigest()


def _contribution(article: Article, dossiers: Sequence[Dossier],
                  entity_slugs: set[str]) -> Contribution:
    problems = tuple(warning(article.path, amb.line, "body",
                             ambiguity_message(amb, article.entities))
                     for amb in article.ambiguities)
    counts = Counter(m.entity for m in article.mentions)
    named = tuple(dict.fromkeys(
        [m.entity for m in article.mentions]
        + [s for s in article.entities if s in entity_slugs]))
    entity_set = frozenset(named)
    tags = tuple((tag_key(tag), tag) for tag in article.tags)
    tag_keys = frozenset(key for key, _ in tags)
    joined = tuple(m for d in dossiers if (m := membership(article, d, entity_set, tag_keys)))
    return Contribution(named, dict(counts), joined, tags, problems,
                        (named, tuple(sorted(counts.items())), tuple(m.dossier for m in joined)))


def link_site(config: Config, articles: Sequence[Article], dossiers: Sequence[Dossier],
              entities: Sequence[Entity], pages: Sequence[Page], table: AliasTable,
              drafts: bool = False, known: Known | None = None,
              unread: Sequence[UnreadArticle] = (),
              memo: dict[tuple[str, Any], Any] | None = None) -> Site:
    """``known``: the slugs that exist, counting files that failed to read (default:
    those of the records given); ``unread``: article files with errors, whose
    references are checked too; ``memo``: each article's share of the site from an
    earlier call (``serve`` keeps it between rebuilds)."""
    # a draft's references are checked too: publishing it must not be what breaks a build
    every_article = list(articles)
    articles = [a for a in articles if drafts or not a.draft]
    pages = [p for p in pages if drafts or not p.draft]
    articles.sort(key=lambda a: (-a.date.timestamp(), a.slug))
    dossiers = sorted(dossiers, key=lambda d: (d.title.casefold(), d.slug))
    entities = sorted(entities, key=lambda e: (e.name.casefold(), e.slug))
    entity_slugs = {e.slug for e in entities}
    dossier_slugs = {d.slug for d in dossiers}

    problems = _check_slugs(articles, dossiers, entities, pages)
    known = known or Known(frozenset(entity_slugs), frozenset(dossier_slugs))
    problems += _check_references(every_article, dossiers, known,
                                  {a.slug for a in every_article})
    for failed in unread:
        problems += reference_problems(failed.path, failed.field_lines, failed.dossiers,
                                       failed.entities, known)
    problems += _alias_warnings(table, entities)

    article_entities: list[tuple[str, ...]] = []
    mention_counts: list[dict[str, int]] = []
    article_dossiers: list[tuple[Membership, ...]] = []
    dossier_articles: dict[str, list[int]] = {d.slug: [] for d in dossiers}
    entity_articles: dict[str, list[int]] = {e.slug: [] for e in entities}
    tag_articles: dict[str, list[int]] = {}
    tag_names: dict[str, str] = {}
    merged: set[tuple[str, str]] = set()
    rules = _rules_key(dossiers, entity_slugs)
    shapes: list[tuple[Any, ...]] = []
    memo = memo if memo is not None else {}
    for index, article in enumerate(articles):
        part = memo.get((article.digest, rules))
        if part is None:
            part = memo[(article.digest, rules)] = _contribution(article, dossiers,
                                                                 entity_slugs)
        problems.extend(part.problems)
        shapes.append(part.shape)
        article_entities.append(part.named)
        mention_counts.append(part.counts)
        for slug in part.named:
            entity_articles[slug].append(index)
        article_dossiers.append(part.joined)
        for m in part.joined:
            dossier_articles[m.dossier].append(index)
        for key, tag in part.tags:
            first = tag_names.setdefault(key, tag)
            if first != tag and _tag_spelling(first) != _tag_spelling(tag) \
                    and (key, tag) not in merged:
                merged.add((key, tag))
                problems.append(warning(
                    article.path, article.line("tags"), "tags",
                    f"“{tag}” and “{first}” share the address /tags/{key}/ and are listed "
                    "as one tag; rename one if they are different things"))
            bucket = tag_articles.setdefault(key, [])
            if not bucket or bucket[-1] != index:
                bucket.append(index)

    for entity in entities:
        if not entity_articles[entity.slug]:
            problems.append(warning(entity.path, entity.line("name"), "name",
                                    f"entity {entity.slug!r} is never mentioned in any article"))
    for dossier in dossiers:
        if not dossier_articles[dossier.slug]:
            problems.append(warning(dossier.path, dossier.line("title"), "dossier",
                                    f"dossier {dossier.slug!r} has no articles"))

    # the counts depend on who names whom and where, not on the articles' text: an
    # edit that changes neither reuses the last counts
    shape = (tuple(a.slug for a in articles), tuple(shapes),
             tuple(sorted(entity_articles)), tuple(sorted(dossier_articles)))
    held = memo.get(("aggregates", hash(shape)))  # type: ignore[call-overload]
    if held is not None and held[0] == shape:
        aggregates = held[1]
    else:
        aggregates = aggregate(article_entities, mention_counts, dossier_articles,
                               article_dossiers, entity_articles)
        for key in [k for k in memo if k[0] == "aggregates"]:
            del memo[key]
        memo[("aggregates", hash(shape))] = (shape, aggregates)  # type: ignore[index]
    tags = tuple(sorted((Tag(k, v) for k, v in tag_names.items()),
                        key=lambda t: (t.name.casefold(), t.slug)))
    return Site(
        config=config, articles=tuple(articles), dossiers=tuple(dossiers),
        entities=tuple(entities), pages=tuple(sorted(pages, key=lambda p: p.slug)), tags=tags,
        dossier_articles={k: tuple(v) for k, v in dossier_articles.items()},
        entity_articles={k: tuple(v) for k, v in entity_articles.items()},
        tag_articles={k: tuple(v) for k, v in tag_articles.items()},
        article_dossiers=tuple(article_dossiers), article_entities=tuple(article_entities),
        mention_counts=tuple(mention_counts), diagnostics=tuple(problems),
        by_slug={a.slug: i for i, a in enumerate(articles)},
        entity_by_slug={e.slug: e for e in entities},
        dossier_by_slug={d.slug: d for d in dossiers}, aggregates=aggregates)


TOP = 12


def aggregate(article_entities: Sequence[tuple[str, ...]],
              mention_counts: Sequence[dict[str, int]],
              dossier_articles: dict[str, list[int]],
              article_dossiers: Sequence[tuple[Membership, ...]],
              entity_articles: dict[str, list[int]]) -> Aggregates:
    """Whole-site counts as sums of matrix products (articles × entities, articles ×
    dossiers): one pass in NumPy instead of a counter update per pair of entities."""
    entity_slugs = sorted(entity_articles)
    dossier_slugs = sorted(dossier_articles)
    column = {slug: at for at, slug in enumerate(entity_slugs)}
    size = len(article_entities)
    named = np.zeros((size, len(entity_slugs)), dtype=np.float32)   # 1: article names it
    counts = np.zeros_like(named)                                    # mentions in it
    rows, cols, values = [], [], []
    for index, slugs in enumerate(article_entities):
        for slug in slugs:
            rows.append(index)
            cols.append(column[slug])
    named[rows, cols] = 1.0
    rows, cols = [], []
    for index, per_entity in enumerate(mention_counts):
        for slug, count in per_entity.items():
            rows.append(index)
            cols.append(column[slug])
            values.append(count)
    counts[rows, cols] = values
    member = np.zeros((len(dossier_slugs), size), dtype=np.float32)
    for at, slug in enumerate(dossier_slugs):
        member[at, dossier_articles[slug]] = 1.0
    co = named.T @ named                       # entity × entity: shared articles
    np.fill_diagonal(co, 0)
    in_dossiers = named.T @ member.T           # entity × dossier: its articles there
    dossier_mentions = member @ counts         # dossier × entity: mentions there
    overlaps = member @ member.T               # dossier × dossier: shared articles
    np.fill_diagonal(overlaps, 0)
    totals = counts.sum(axis=0)
    sizes = named.sum(axis=0)                  # articles naming each entity
    partners = {slug: _partners(co[at], sizes, at, entity_slugs, TOP)
                for at, slug in enumerate(entity_slugs)}
    return Aggregates(
        entity_sets=tuple(frozenset(slugs) for slugs in article_entities),
        mention_totals={slug: int(totals[at]) for at, slug in enumerate(entity_slugs)},
        co_mentions=partners,
        entity_dossiers={slug: _top(in_dossiers[at], dossier_slugs, None)
                         for at, slug in enumerate(entity_slugs)},
        dossier_entities={slug: _characteristic(in_dossiers[:, at], sizes,
                                                dossier_mentions[at], entity_slugs, TOP)
                          for at, slug in enumerate(dossier_slugs)},
        dossier_overlaps={slug: _top(overlaps[at], dossier_slugs, 5)
                          for at, slug in enumerate(dossier_slugs)},
        dossier_positions={slug: {index: at for at, index in enumerate(members)}
                           for slug, members in dossier_articles.items()},
        dossier_networks={slug: _network((named, dossier_articles[slug]), None,
                                         dossier_mentions[at], entity_slugs)
                          for at, slug in enumerate(dossier_slugs)},
        entity_networks={slug: _network(None, co, co[at], entity_slugs, at,
                                        [column[p] for p, _, _ in partners[slug]])
                         for at, slug in enumerate(entity_slugs)})


CONFIDENCE_Z = 1.96      # a share of few articles is taken at its 95% lower bound
CHARACTERISTIC_FLOOR = 2  # entities named in fewer of a dossier's articles come last


def wilson_lower(hits: np.ndarray, trials: np.ndarray, z: float = CONFIDENCE_Z) -> np.ndarray:
    """The lower bound of the Wilson score interval of hits/trials: a share that
    counts small numbers cautiously (1 of 1 is less sure than 40 of 50)."""
    trials = np.maximum(trials.astype(np.float64), 1.0)
    share = hits.astype(np.float64) / trials
    z2 = z * z
    centre = share + z2 / (2 * trials)
    spread = z * np.sqrt(share * (1 - share) / trials + z2 / (4 * trials * trials))
    return (centre - spread) / (1 + z2 / trials)


def _characteristic(here: np.ndarray, sizes: np.ndarray, mentions: np.ndarray,
                    slugs: Sequence[str], limit: int) -> Characteristic:
    """A dossier's most characteristic entities: those whose articles are most
    often in it. The measure is the share of an entity's articles that are in the
    dossier (the same order as its share of the dossier's articles over its share
    of the site's, the dossier's size being the same for all), at its Wilson lower
    bound; entities named in fewer than ``CHARACTERISTIC_FLOOR`` of the dossier's
    articles come last, so a passing mention never leads. Ties: more articles here,
    more mentions, then slug. Rows: (slug, articles here, articles on the site)."""
    found = np.flatnonzero(here)
    if not len(found):
        return ()
    score = np.round(wilson_lower(here[found], sizes[found]), 9)
    floor = (here[found] < CHARACTERISTIC_FLOOR).astype(np.int8)
    order = found[np.lexsort((found, -mentions[found], -here[found], -score, floor))][:limit]
    return tuple((slugs[at], int(here[at]), int(sizes[at])) for at in order)


def _partners(row: np.ndarray, sizes: np.ndarray, at: int, slugs: Sequence[str],
              limit: int) -> Partners:
    """The entities most often named with entity ``at``, by the Jaccard index of
    their articles: of the articles that name either, the share that name both. It
    sets apart what the count of shared articles ties (one shared article with an
    entity named nowhere else is closer than one with a country every article names),
    and does not favour the entities every article names. Ties: more shared articles,
    then slug. Rows: (slug, shared articles, articles naming either)."""
    found = np.flatnonzero(row)
    if not len(found):
        return ()
    shared = row[found]
    either = sizes[at] + sizes[found] - shared
    score = np.round(shared.astype(np.float64) / either, 9)
    order = np.lexsort((found, -shared, -score))[:limit]
    return tuple((slugs[found[i]], int(shared[i]), int(either[i])) for i in order)


NETWORK_NODES = 24       # a dossier's network: its most-mentioned entities
EGO_NODES = 12           # an entity's network: the entities most often named with it
EDGES_PER_NODE = 3       # each node keeps its strongest links, so the picture stays legible


def _network(named: tuple[np.ndarray, list[int]] | None, co: np.ndarray | None,
             weights: np.ndarray,
             slugs: Sequence[str], center: int | None = None,
             chosen: Sequence[int] | None = None) -> Network:
    """The most weighted entities of a row and the co-mentions among them: from some
    articles (``named``: the articles × entities matrix and the rows to use) or from a
    whole-site co-mention matrix ``co``. Each
    node keeps its ``EDGES_PER_NODE`` strongest edges (and an ego network every edge to
    its ``center``). ``chosen``: the nodes (besides the center), as the entity's
    "often mentioned with" list ranks them."""
    limit = EGO_NODES if center is not None else NETWORK_NODES
    if chosen is not None:
        order = list(chosen[:limit])
    else:
        found = np.flatnonzero(weights)
        order = list(found[np.lexsort((found, -weights[found]))][:limit])
    if center is not None:
        order = [center, *order]
    if len(order) < 2:
        return ((), ())
    at = np.array(order)
    if named is not None:
        matrix, rows = named           # only the dossier's articles, only these columns
        sub = matrix[np.ix_(np.asarray(rows, dtype=np.intp), at)]
        shared = sub.T @ sub
    else:
        assert co is not None
        shared = co[np.ix_(at, at)]
    np.fill_diagonal(shared, 0)
    keep: set[tuple[int, int]] = set()
    for i in range(len(order)):
        row = shared[i]
        nonzero = np.flatnonzero(row)
        best = nonzero[np.lexsort((nonzero, -row[nonzero]))][:EDGES_PER_NODE]
        keep.update((min(i, int(j)), max(i, int(j))) for j in best)
        if center is not None and i > 0 and row[0]:
            keep.add((0, i))
    nodes = tuple(sorted((slugs[j], int(weights[j]) if j != center else 0) for j in order))
    edges = tuple(sorted(
        (min(slugs[order[i]], slugs[order[j]]), max(slugs[order[i]], slugs[order[j]]),
         int(shared[i, j])) for i, j in keep))
    return nodes, edges


def _top(row: np.ndarray, slugs: Sequence[str], limit: int | None) -> Ranked:
    """The non-zero entries of a row, highest first, ties by slug (``slugs`` sorted)."""
    found = np.flatnonzero(row)
    if not len(found):
        return ()
    order = found[np.lexsort((found, -row[found]))]
    if limit:
        order = order[:limit]
    return tuple((slugs[at], int(row[at])) for at in order)
