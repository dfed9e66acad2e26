"""Turn what pages may read of the site (:class:`Facts`) into the view records of
:mod:`dossier.site.views`: pure functions, so a view is exactly what its reads say."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache
from itertools import groupby

from dossier.config import Config
from dossier.content.dates import MONTHS, human, local
from dossier.content.readers import link_label
from dossier.content.roles import context_label, human_partial
from dossier.content.sortnames import index_letter, sort_key
from dossier.linking.membership import tag_key
from dossier.model import Article, Entity, Role, SourceRef
from dossier.output import charts
from dossier.site import archives
from dossier.site.facts import EntityCardFields, Facts, excerpt_shows, title_en
from dossier.site.urls import (
    article_url,
    dossier_url,
    entity_url,
    feed_url,
    network_gexf_url,
    page_url,
    tag_url,
    timeline_json_url,
)
from dossier.site.views import (
    Archive,
    ArchiveRow,
    ArchiveView,
    ArchiveYear,
    ArticleCard,
    ArticleView,
    DateSpan,
    DateView,
    DossierCard,
    DossierView,
    EntityCard,
    EntityView,
    ImageView,
    KindGroup,
    LetterGroup,
    LinkView,
    MonthGroup,
    NameView,
    Neighbour,
    NetworkView,
    Pagination,
    PrevNext,
    RoleView,
    SourceView,
    TagView,
    YearGroup,
)

KIND_LABELS = {"person": ("Person", "People"), "organization": ("Organization", "Organizations"),
               "place": ("Place", "Places"), "event": ("Event", "Events"),
               "document": ("Document", "Documents"), "topic": ("Topic", "Topics")}

HOME_LATEST = 20


def date_view(facts: Facts, moment: datetime) -> DateView:
    seen = local(moment, facts.config.zone)
    return DateView(iso=seen.isoformat(), day=seen.date().isoformat(), human=human(seen),
                    year=seen.year, month=seen.month, month_name=MONTHS[seen.month - 1])


def dossier_link(facts: Facts, slug: str) -> LinkView:
    return LinkView(facts.dossier_title(slug), dossier_url(slug))


def _source(source: SourceRef | None) -> SourceView | None:
    return SourceView(source.name, source.url) if source else None


@lru_cache(maxsize=256)
def language_name(language: str, site_language: str) -> str:
    """The name of an article's language in the site's ("Japanese" on an English
    site), or "" when it is the site's language (``en-GB`` on an ``en`` site too)."""
    if not language or _primary(language) == _primary(site_language):
        return ""
    from babel import Locale, UnknownLocaleError  # only sites in several languages

    for reader in (site_language, "en"):
        try:
            name = Locale.parse(language, sep="-").get_display_name(
                Locale.parse(reader, sep="-"))
        except (ValueError, TypeError, UnknownLocaleError):
            continue
        if name:
            return name[:1].upper() + name[1:]
    return language


def _primary(tag: str) -> str:
    return tag.replace("_", "-").split("-")[0].lower()


def article_card(facts: Facts, slug: str, context: str = "") -> ArticleCard:
    card = facts.card(slug)
    return ArticleCard(
        slug=card.slug, url=article_url(card.slug), title=card.title,
        date=date_view(facts, card.date), summary=card.summary, source=_source(card.source),
        location=card.location, language=card.language,
        dossiers=tuple(dossier_link(facts, m.dossier) for m in facts.memberships(slug)),
        context=context, language_name=language_name(card.language, facts.config.language),
        title_en=_english_headline(card.language, card.title_en))


def entity_card(entity: Entity | EntityCardFields, count: int = 0, total: int = 0,
                role: str = "", sort_name: str = "") -> EntityCard:
    singular = KIND_LABELS[entity.kind][0]
    return EntityCard(entity.slug, entity_url(entity.slug), entity.name, entity.kind, singular,
                      entity.description, count, entity_links(entity), total, role,
                      sort_name)


def _script_language(text: str) -> str:
    """The language a name's script gives away: kana, Japanese; Hangul, Korean."""
    for ch in text:
        name = unicodedata.name(ch, "")
        if name.startswith(("HIRAGANA", "KATAKANA")):
            return "ja"
        if name.startswith("HANGUL"):
            return "ko"
    return ""


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\W_]+", text.casefold()) if w]


def other_names(entity: Entity) -> tuple[NameView, ...]:
    """The names "Also known as" shows: ``also_known_as:`` when the entity sets it,
    else its aliases that are not just a part of its name (``Mattis`` of ``Jim
    Mattis`` is a rule for finding mentions, not another name)."""
    if entity.also_known_as is not None:
        names = entity.also_known_as
    else:
        own = _words(entity.name)
        names = tuple(alias for alias in entity.aliases
                      if not _part_of(_words(alias), own))
    return tuple(NameView(n, _script_language(n)) for n in names if n != entity.name)


def _part_of(words: list[str], whole: list[str]) -> bool:
    """Are ``words`` a run of ``whole`` (and fewer)?"""
    size = len(words)
    return 0 < size < len(whole) and any(whole[i:i + size] == words
                                         for i in range(len(whole) - size + 1))


def _span(text: str) -> DateSpan | None:
    return DateSpan(text, human_partial(text)) if text else None


def role_views(roles: tuple[Role, ...]) -> tuple[RoleView, ...]:
    return tuple(RoleView(r.title, _span(r.start), _span(r.end)) for r in roles)


def entity_links(entity: Entity | EntityCardFields) -> tuple[LinkView, ...]:
    return tuple(LinkView(link_label(k), v) for k, v in dict(entity.links).items())


def full_text(config: Config, article: Article) -> bool:
    return config.full_text if article.full_text is None else article.full_text


RELATED_SHOWN = 5


def neighbours(facts: Facts, beside: Sequence[tuple[LinkView, str | None, str | None]]
               ) -> tuple[Neighbour, ...]:
    """``beside``: (dossier, older, newer) for each of an article's dossiers. Each
    article beside it once, with every dossier it is beside it in: the newer ones
    first, then the older, nearest first."""
    found: dict[str, tuple[bool, list[LinkView]]] = {}
    for dossier, older, newer in beside:
        for other, is_newer in ((newer, True), (older, False)):
            if other is None:
                continue
            if other in found:
                found[other][1].append(dossier)
            else:
                found[other] = (is_newer, [dossier])
    dates = {other: facts.date(other) for other in found}
    newer = sorted((o for o, f in found.items() if f[0]), key=lambda o: (dates[o], o))
    older = sorted((o for o, f in found.items() if not f[0]), key=lambda o: (dates[o], o),
                   reverse=True)
    return tuple(Neighbour(LinkView(facts.title(o), article_url(o)),
                           date_view(facts, dates[o]), found[o][0], tuple(found[o][1]))
                 for o in (*newer, *older))


def article_view(facts: Facts, slug: str) -> ArticleView:
    article = facts.article(slug)
    day = local(article.date, facts.config.zone).date()
    entities = tuple(entity_card(facts.entity_card(s), n,
                                 role=context_label(facts.roles(s), day))
                     for s, n in facts.article_entities(slug))
    memberships = facts.memberships(slug)
    prev_next = []
    beside = []
    for member in memberships:
        older, newer = facts.neighbours(member.dossier, slug)
        dossier = dossier_link(facts, member.dossier)
        beside.append((dossier, older, newer))
        prev_next.append(PrevNext(dossier, prev=_article_link(facts, older),
                                  next=_article_link(facts, newer)))
    shown_beside = {other for _, *pair in beside for other in pair if other}
    related = [other for other in facts.related(slug) if other not in shown_beside]
    image = article.image
    shows_all = full_text(facts.config, article)
    return ArticleView(
        slug=article.slug, url=article_url(article.slug), title=article.title,
        date=date_view(facts, article.date),
        updated=date_view(facts, article.updated) if article.updated else None,
        source=_source(article.source), authors=article.authors, summary=article.summary,
        location=article.location, language=article.language,
        tags=tuple(LinkView(t, tag_url(tag_key(t))) for t in article.tags),
        image=ImageView(image.src, image.alt, image.caption, image.credit) if image else None,
        full_text=shows_all,
        body_html=article.body_html if shows_all else article.excerpt_html,
        dossiers=tuple(dossier_link(facts, m.dossier) for m in memberships),
        entities=entities,
        related=tuple(article_card(facts, other) for other in related[:RELATED_SHOWN]),
        prev_next=tuple(prev_next), params=article.params,
        standfirst="" if excerpt_shows(article.summary, article) else article.summary,
        about=article.entities, neighbours=neighbours(facts, beside),
        language_name=language_name(article.language, facts.config.language),
        title_en=_english_headline(article.language, title_en(article.params)))


def _english_headline(language: str, headline: str) -> str:
    """The English headline shown beside a title in another language ("" for English)."""
    return headline if _primary(language) != "en" else ""


def _article_link(facts: Facts, slug: str | None) -> LinkView | None:
    if slug is None:
        return None
    return LinkView(facts.title(slug), article_url(slug))


def page_count(count: int, per_page: int) -> int:
    return max(1, -(-count // per_page))


def pagination(base: str, number: int, total: int) -> Pagination | None:
    if total <= 1:
        return None
    return Pagination(
        number=number, total=total,
        prev_url=page_url(base, number - 1) if number > 1 else None,
        next_url=page_url(base, number + 1) if number < total else None,
        pages=tuple(LinkView(str(n), page_url(base, n)) for n in range(1, total + 1)))


def timeline(cards: Sequence[ArticleCard]) -> tuple[YearGroup, ...]:
    years: dict[int, dict[int, list[ArticleCard]]] = {}
    for card in cards:
        years.setdefault(card.date.year, {}).setdefault(card.date.month, []).append(card)
    return tuple(
        YearGroup(year, tuple(MonthGroup(MONTHS[m - 1], m, tuple(cards))
                              for m, cards in sorted(months.items(), reverse=True)))
        for year, months in sorted(years.items(), reverse=True))


def month_anchor(year: int, month: int) -> str:
    """The id of a month's heading in a dossier's timeline."""
    return f"m{year}-{month:02d}"


def activity(facts: Facts, kind: str, slug: str, linked: bool = False) -> tuple[charts.Bin, ...]:
    """A list's articles over time; ``linked`` (dossiers): each bar leads to its month
    (or year) in the dossier's timeline, on the page that shows it."""
    months = facts.months(kind, slug)
    if not linked:
        return tuple(charts.bins([(y, m, c) for y, m, c, _ in months]))
    first: dict[tuple[int, int], int] = {}
    for y, m, _, position in months:
        first[(y, m)] = position
        first[(y, 0)] = min(first.get((y, 0), position), position)
    base = dossier_url(slug)
    per_page = facts.config.per_page

    def link(year: int, month: int) -> str:
        position = first[(year, month)]
        anchor = month_anchor(year, month) if month else f"y{year}"
        return f"{page_url(base, position // per_page + 1)}#{anchor}"

    return tuple(charts.bins([(y, m, c) for y, m, c, _ in months], link))


def network_view(facts: Facts, kind: str, slug: str) -> NetworkView | None:
    nodes, edges = facts.network(kind, slug)
    if len(nodes) < 2:
        return None
    shown = []
    for other, weight in nodes:
        card = facts.entity_card(other)
        shown.append(charts.Node(other, card.name, card.kind, weight,
                                 "" if kind == "entity" and other == slug
                                 else entity_url(other)))
    return NetworkView(tuple(shown), edges, slug if kind == "entity" else "")


INDEX_ENTITIES = 4      # the dossier index names a dossier's most characteristic few


def dossier_card(facts: Facts, slug: str, with_latest: bool = True,
                 with_activity: bool = False, with_entities: bool = False) -> DossierCard:
    """A dossier in a list. Dossier and entity pages list no article but their own, so
    there the card comes without its latest article (``with_latest=False``); home and
    the dossier index show its activity over time (``with_activity``), the index its
    most characteristic entities too (``with_entities``)."""
    dossier = facts.dossier(slug)
    count, oldest, newest = facts.dossier_span(slug)
    first = date_view(facts, facts.date(oldest)) if oldest else None
    last = date_view(facts, facts.date(newest)) if newest else None
    return DossierCard(dossier.slug, dossier_url(dossier.slug), dossier.title, dossier.summary,
                       count, first, last,
                       article_card(facts, newest) if newest and with_latest else None,
                       activity(facts, "dossier", slug) if with_activity else (),
                       tuple(LinkView(facts.entity_card(s).name, entity_url(s))
                             for s, *_ in facts.ranked("dossier_entities", slug)
                             [:INDEX_ENTITIES]) if with_entities else ())


def _page_slice(facts: Facts, kind: str, slug: str, number: int) -> tuple[str, ...]:
    per_page = facts.config.per_page
    start = (number - 1) * per_page
    return facts.members(kind, slug, start, start + per_page)


def dossier_view(facts: Facts, slug: str, number: int) -> DossierView:
    dossier = facts.dossier(slug)
    top = tuple(entity_card(facts.entity_card(s), here, total=everywhere)
                for s, here, everywhere in facts.ranked("dossier_entities", slug))
    card = dossier_card(facts, slug, with_latest=False)
    base = dossier_url(slug)
    cards = [article_card(facts, a) for a in _page_slice(facts, "dossier", slug, number)]
    return DossierView(
        slug=slug, url=page_url(base, number), feed_url=feed_url(base),
        timeline_url=timeline_json_url(base), network_url=network_gexf_url(base),
        title=dossier.title, summary=dossier.summary, intro_html=dossier.intro_html,
        count=card.count, first=card.first, last=card.last,
        timeline=timeline(cards), top_entities=top,
        related=tuple(dossier_card(facts, d, False)
                      for d, _ in facts.ranked("dossier_overlaps", slug)),
        pagination=pagination(base, number, page_count(card.count, facts.config.per_page)),
        params=dossier.params,
        activity=activity(facts, "dossier", slug, linked=True) if number == 1 else (),
        network=network_view(facts, "dossier", slug) if number == 1 else None)


def list_layout(facts: Facts, kind: str, slug: str) -> archives.Layout:
    """How an entity's or tag's list is laid out (:mod:`dossier.site.archives`)."""
    return archives.from_months(facts.count(kind, slug), facts.months(kind, slug))


def archive_row(facts: Facts, slug: str) -> ArchiveRow:
    card = facts.card(slug)
    date = date_view(facts, card.date)
    return ArchiveRow(article_url(slug), card.title, date, f"{date.human.rsplit(' ', 1)[0]}",
                      card.source.name if card.source else "", card.language,
                      _english_headline(card.language, card.title_en))


def _year_groups(rows: Sequence[ArchiveRow]) -> tuple[ArchiveYear, ...]:
    return tuple(ArchiveYear(year, len(group), "", tuple(group))
                 for year, group in ((y, list(g)) for y, g in
                                     groupby(rows, key=lambda r: r.date.year)))


def archive(facts: Facts, kind: str, slug: str, base: str) -> Archive | None:
    """The articles of a list older than its newest: on its page, or its years as
    links to their pages; None when the newest are all."""
    lay = list_layout(facts, kind, slug)
    if lay.count <= lay.newest:
        return None
    if lay.paged:
        return Archive(tuple(ArchiveYear(year, n, archives.archive_url(base, year))
                             for year, n, _ in lay.years), True)
    rows = [archive_row(facts, a) for a in facts.members(kind, slug, lay.newest, lay.count)]
    return Archive(_year_groups(rows), False)


def archive_view(facts: Facts, kind: str, slug: str, year: int) -> ArchiveView:
    """One year of a long list, on its own page."""
    base = entity_url(slug) if kind == "entity" else tag_url(slug)
    lay = list_layout(facts, kind, slug)
    start, stop = lay.year_span(year)
    name = facts.entity_card(slug).name if kind == "entity" else facts.tag_name(slug)
    return ArchiveView(
        kind=kind, slug=slug, url=archives.archive_url(base, year), name=name,
        list_url=base, year=year, total=lay.count,
        articles=tuple(archive_row(facts, a) for a in facts.members(kind, slug, start, stop)),
        years=tuple(ArchiveYear(y, n, archives.archive_url(base, y)) for y, n, _ in lay.years))


def entity_view(facts: Facts, slug: str, number: int = 1) -> EntityView:
    """An entity's page: its newest articles in context, the others in its archive."""
    entity = facts.entity(slug)
    listed = tuple(article_card(facts, a, facts.context(slug, a))
                   for a in facts.members("entity", slug, 0, archives.NEWEST))
    co_cards = tuple(entity_card(facts.entity_card(s), shared, total=either)
                     for s, shared, either in facts.ranked("co_mentions", slug))
    dossier_cards = tuple(dossier_card(facts, s, False)
                          for s, _ in facts.ranked("entity_dossiers", slug))
    base = entity_url(slug)
    count = facts.count("entity", slug)
    return EntityView(
        slug=slug, url=base, feed_url=feed_url(base),
        name=entity.name, kind=entity.kind, kind_label=KIND_LABELS[entity.kind][0],
        aliases=entity.aliases, description=entity.description,
        profile_html=entity.profile_html,
        links=entity_links(entity),
        count=count, articles=listed, dossiers=dossier_cards, co_mentions=co_cards,
        pagination=None, params=entity.params,
        activity=activity(facts, "entity", slug),
        network=network_view(facts, "entity", slug),
        other_names=other_names(entity), roles=role_views(entity.roles),
        archive=archive(facts, "entity", slug, base))


def entity_groups(facts: Facts) -> tuple[KindGroup, ...]:
    """The entity index: each kind in order of what its entities sort by (people by
    family name, shown as written); people also by the letter they sort under. Each
    with the articles that name it, as its page counts them (an entity attached only
    by an article's `entities:` has no mention in the text, but has that article)."""
    entities = facts.entities()
    groups = []
    for kind, (_, plural) in KIND_LABELS.items():
        members = sorted((e for e in entities if e.kind == kind),
                         key=lambda e: (sort_key(e.sort_name or e.name), e.slug))
        if not members:
            continue
        cards = tuple(entity_card(e, facts.count("entity", e.slug),
                                  sort_name=e.sort_name or e.name)
                      for e in members)
        letters: list[LetterGroup] = []
        if kind == "person":
            for letter, group in groupby(cards, key=lambda c: index_letter(c.sort_name)):
                letters.append(LetterGroup(letter, tuple(group)))
        groups.append(KindGroup(kind, plural, cards, tuple(letters)))
    return tuple(groups)


def tag_view(facts: Facts, slug: str, number: int = 1, with_articles: bool = True) -> TagView:
    """A tag's page: its newest articles, the others in its archive (or, for the tag
    index, its name and count alone)."""
    base = tag_url(slug)
    count = facts.count("tag", slug)
    if not with_articles:
        return TagView(slug, base, facts.tag_name(slug), count, (), None)
    cards = tuple(article_card(facts, a)
                  for a in facts.members("tag", slug, 0, archives.NEWEST))
    return TagView(slug, base, facts.tag_name(slug), count, cards, None,
                   archive(facts, "tag", slug, base))


def home_view(facts: Facts) -> tuple[tuple[DossierCard, ...], tuple[ArticleCard, ...]]:
    dossiers, _ = facts.globals()
    return (tuple(dossier_card(facts, slug, with_activity=True) for slug, _ in dossiers),
            tuple(article_card(facts, a) for a in facts.article_slugs(0, HOME_LATEST)))
