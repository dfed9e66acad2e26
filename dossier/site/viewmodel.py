"""Turn the linked Site into the view records of :mod:`dossier.site.views`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from dossier.content.dates import MONTHS, human, local
from dossier.content.readers import link_label
from dossier.linking.link import related_articles
from dossier.linking.membership import normalise, tag_key
from dossier.model import Aggregates, Article, Dossier, Entity, Site
from dossier.output.search import Record
from dossier.site.views import (
    ArticleCard,
    ArticleView,
    DateView,
    DossierCard,
    DossierView,
    EntityCard,
    EntityView,
    ImageView,
    KindGroup,
    LinkView,
    MonthGroup,
    Pagination,
    PrevNext,
    SourceView,
    TagView,
    YearGroup,
)

KIND_LABELS = {"person": ("Person", "People"), "organization": ("Organization", "Organizations"),
               "place": ("Place", "Places"), "event": ("Event", "Events"),
               "document": ("Document", "Documents"), "topic": ("Topic", "Topics")}


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


def page_url(base: str, number: int) -> str:
    return base if number == 1 else f"{base}page/{number}/"


def date_view(site: Site, moment: datetime) -> DateView:
    seen = local(moment, site.config.zone)
    return DateView(iso=seen.isoformat(), day=seen.date().isoformat(), human=human(seen),
                    year=seen.year, month=seen.month, month_name=MONTHS[seen.month - 1])


def dossier_link(site: Site, slug: str) -> LinkView:
    return LinkView(site.dossier_by_slug[slug].title, dossier_url(slug))


def article_card(site: Site, index: int, context: str = "") -> ArticleCard:
    article = site.articles[index]
    source = SourceView(article.source.name, article.source.url) if article.source else None
    return ArticleCard(
        slug=article.slug, url=article_url(article.slug), title=article.title,
        date=date_view(site, article.date), summary=article.summary, source=source,
        location=article.location, language=article.language,
        dossiers=tuple(dossier_link(site, m.dossier) for m in site.article_dossiers[index]),
        context=context)


@dataclass
class Cards:
    """Article cards, made once per article and process: one article appears on
    dozens of list pages (its dossiers, entities, tags, related articles)."""

    site: Site
    memo: dict[int, ArticleCard] = field(default_factory=dict)

    def __call__(self, index: int, context: str = "") -> ArticleCard:
        card = self.memo.get(index)
        if card is None:
            card = self.memo[index] = article_card(self.site, index)
        return replace(card, context=context) if context else card


def _shown(text: str, article: Article) -> bool:
    """Is the text part of the excerpt an excerpt-mode article shows?"""
    return normalise(text.strip("…").strip()) in article.excerpt_text


def entity_card(entity: Entity, count: int = 0) -> EntityCard:
    singular = KIND_LABELS[entity.kind][0]
    return EntityCard(entity.slug, entity_url(entity.slug), entity.name, entity.kind, singular,
                      entity.description, count, entity_links(entity))


def entity_links(entity: Entity) -> tuple[LinkView, ...]:
    return tuple(LinkView(link_label(k), v) for k, v in entity.links.items())


def full_text(site: Site, article: Article) -> bool:
    return site.config.full_text if article.full_text is None else article.full_text


def article_view(site: Site, index: int, cards: Cards) -> ArticleView:
    article = site.articles[index]
    counts = site.mention_counts[index]
    entities = tuple(entity_card(site.entity_by_slug[s], counts.get(s, 0))
                     for s in site.article_entities[index])
    prev_next = []
    for member in site.article_dossiers[index]:
        members = site.dossier_articles[member.dossier]
        at = _aggregates(site).dossier_positions[member.dossier][index]
        newer = members[at - 1] if at > 0 else None
        older = members[at + 1] if at + 1 < len(members) else None
        prev_next.append(PrevNext(
            dossier_link(site, member.dossier),
            prev=_article_link(site, older), next=_article_link(site, newer)))
    image = article.image
    shows_all = full_text(site, article)
    return ArticleView(
        slug=article.slug, url=article_url(article.slug), title=article.title,
        date=date_view(site, article.date),
        updated=date_view(site, article.updated) if article.updated else None,
        source=SourceView(article.source.name, article.source.url) if article.source else None,
        authors=article.authors, summary=article.summary, location=article.location,
        language=article.language,
        tags=tuple(LinkView(t, tag_url(tag_key(t))) for t in article.tags),
        image=ImageView(image.src, image.alt, image.caption, image.credit) if image else None,
        full_text=shows_all,
        body_html=article.body_html if shows_all else article.excerpt_html,
        dossiers=tuple(dossier_link(site, m.dossier) for m in site.article_dossiers[index]),
        entities=entities,
        related=tuple(cards(i) for i in related_articles(site, index)),
        prev_next=tuple(prev_next), params=article.params,
        standfirst="" if shows_all or _shown(article.summary, article) else article.summary,
        about=article.entities)


def _article_link(site: Site, index: int | None) -> LinkView | None:
    if index is None:
        return None
    article = site.articles[index]
    return LinkView(article.title, article_url(article.slug))


def paginate(items: Sequence[int], per_page: int) -> list[Sequence[int]]:
    if not items:
        return [items]
    return [items[i:i + per_page] for i in range(0, len(items), per_page)]


def pagination(base: str, number: int, total: int) -> Pagination | None:
    if total <= 1:
        return None
    return Pagination(
        number=number, total=total,
        prev_url=page_url(base, number - 1) if number > 1 else None,
        next_url=page_url(base, number + 1) if number < total else None,
        pages=tuple(LinkView(str(n), page_url(base, n)) for n in range(1, total + 1)))


def timeline(cards: Cards, indices: Sequence[int]) -> tuple[YearGroup, ...]:
    years: dict[int, dict[int, list[ArticleCard]]] = {}
    for index in indices:
        card = cards(index)
        years.setdefault(card.date.year, {}).setdefault(card.date.month, []).append(card)
    return tuple(
        YearGroup(year, tuple(MonthGroup(MONTHS[m - 1], m, tuple(cards))
                              for m, cards in sorted(months.items(), reverse=True)))
        for year, months in sorted(years.items(), reverse=True))


def dossier_card(site: Site, dossier: Dossier, with_latest: bool = True,
                 cards: Cards | None = None) -> DossierCard:
    """A dossier in a list. Dossier and entity pages list no article but their own, so
    there the card comes without its latest article (``with_latest=False``)."""
    members = site.dossier_articles[dossier.slug]
    first = date_view(site, site.articles[members[-1]].date) if members else None
    last = date_view(site, site.articles[members[0]].date) if members else None
    return DossierCard(dossier.slug, dossier_url(dossier.slug), dossier.title, dossier.summary,
                       len(members), first, last,
                       (cards or Cards(site))(members[0]) if members and with_latest else None)


def _aggregates(site: Site) -> Aggregates:
    assert site.aggregates is not None, "the site is not linked"
    return site.aggregates


def dossier_view(site: Site, dossier: Dossier, number: int, total: int,
                 page_items: Sequence[int], cards: Cards) -> DossierView:
    members = site.dossier_articles[dossier.slug]
    aggregates = _aggregates(site)
    top = tuple(entity_card(site.entity_by_slug[s], n)
                for s, n in aggregates.dossier_entities[dossier.slug])
    card = dossier_card(site, dossier)
    base = dossier_url(dossier.slug)
    return DossierView(
        slug=dossier.slug, url=page_url(base, number), feed_url=f"{base}feed.xml",
        title=dossier.title, summary=dossier.summary, intro_html=dossier.intro_html,
        count=len(members), first=card.first, last=card.last,
        timeline=timeline(cards, page_items), top_entities=top,
        related=tuple(dossier_card(site, site.dossier_by_slug[d], False)
                      for d, _ in aggregates.dossier_overlaps[dossier.slug]),
        pagination=pagination(base, number, total), params=dossier.params)


def entity_view(site: Site, entity: Entity, number: int, total: int,
                page_items: Sequence[int], cards: Cards) -> EntityView:
    members = site.entity_articles[entity.slug]
    listed = []
    for index in page_items:
        article = site.articles[index]
        context = next((m.context for m in article.mentions if m.entity == entity.slug), "")
        if context and not full_text(site, article) and not _shown(context, article):
            context = ""   # an excerpt-mode article: never quote what its page withholds
        listed.append(cards(index, context))
    aggregates = _aggregates(site)
    co_cards = tuple(entity_card(site.entity_by_slug[s], n)
                     for s, n in aggregates.co_mentions[entity.slug])
    dossier_cards = tuple(dossier_card(site, site.dossier_by_slug[s], False)
                          for s, _ in aggregates.entity_dossiers[entity.slug])
    base = entity_url(entity.slug)
    singular = KIND_LABELS[entity.kind][0]
    return EntityView(
        slug=entity.slug, url=page_url(base, number), feed_url=f"{base}feed.xml",
        name=entity.name, kind=entity.kind, kind_label=singular, aliases=entity.aliases,
        description=entity.description, profile_html=entity.profile_html,
        links=entity_links(entity),
        count=len(members), articles=tuple(listed), dossiers=dossier_cards,
        co_mentions=co_cards, pagination=pagination(base, number, total),
        params=entity.params)


def entity_groups(site: Site) -> tuple[KindGroup, ...]:
    groups = []
    for kind, (_, plural) in KIND_LABELS.items():
        members = [e for e in site.entities if e.kind == kind]
        if members:
            totals = _aggregates(site).mention_totals
            groups.append(KindGroup(kind, plural, tuple(
                entity_card(e, totals[e.slug]) for e in members)))
    return tuple(groups)


def tag_view(site: Site, slug: str, number: int = 1, total: int = 1,
             page_items: Sequence[int] = (), cards: Cards | None = None) -> TagView:
    name = next(t.name for t in site.tags if t.slug == slug)
    base = tag_url(slug)
    return TagView(slug, page_url(base, number), name, len(site.tag_articles[slug]),
                   tuple((cards or Cards(site))(i) for i in page_items),
                   pagination(base, number, total))


def excerpt_search_records(site: Site) -> list[Record]:
    """Search records for the articles whose pages show an excerpt: their whole text
    is searchable, with the filters their pages would carry."""
    records = []
    for index, article in enumerate(site.articles):
        if full_text(site, article):
            continue
        day = date_view(site, article.date)
        filters = {"year": [str(day.year)],
                   "dossier": [site.dossier_by_slug[m.dossier].title
                               for m in site.article_dossiers[index]],
                   "entity": [site.entity_by_slug[s].name
                              for s in site.article_entities[index]]}
        if article.source:
            filters["source"] = [article.source.name]
        records.append(Record(article_url(article.slug), article.title,
                              f"{article.summary}\n{article.text}",
                              {k: v for k, v in filters.items() if v}, {"date": day.day}))
    return records
