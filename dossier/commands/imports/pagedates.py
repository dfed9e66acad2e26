"""When a saved page's article was published, and last updated, from every way news
pages say so, the most trustworthy first:

1. declared in markup as the publication date: JSON-LD ``datePublished`` (an article's,
   at any depth: in ``@graph``, arrays, a ``WebPage``'s ``mainEntity``), the meta tags
   of Open Graph, Dublin Core and the CMSs, microdata ``itemprop="datePublished"``,
   microformats (``class="published"``, ``dt-published``), ``<time pubdate>``;
2. the page's address (``/2021/03/03/``): canonical, ``og:url``, where it was saved from;
3. the story's own ``<time datetime>`` (not an update's, not a teaser's or a comment's);
4. a date the page shows under the headline or in its byline ("Published 3 March 2021",
   "Veröffentlicht am 12.03.2024", "2021年3月3日"), the publication rather than the update
   when a line gives both;
5. the dateline of the first paragraph ("MONTREAL, Oct. 5, 2022 /Newswire/ --");
6. a relative date ("2 days ago"), counted back from when the page was saved;
7. htmldate's search of the whole page (trafilatura's date finder), when it names a
   day the page writes outside its prose (not a year or month it rounds to the first,
   not an event a sentence of the story tells of);
8. the last update the markup declares, when nothing states the publication.

A declared instant (``2025-01-15T03:15Z``) is written in the offset of the local time
the page shows readers when that is the same instant ("January 14, 2025 at 10:15 p.m.
EST"): the same moment, on the day the outlet gives it.

Dates in navigation, mastheads (the day the page was saved), asides, teasers of other
stories and comments are not the article's."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from bs4 import BeautifulSoup, Tag

from dossier.commands.imports.htmlclean import class_tokens
from dossier.commands.imports.htmlmeta import ARTICLE_TYPES, JsonItem, types_of
from dossier.commands.imports.textdates import (
    Stated,
    dates_in,
    machine_date,
    relative_day,
    relative_phrase,
    stated_dates,
    url_date,
    zoned_time,
)

Moment = date | datetime


@dataclass(frozen=True)
class Dating:
    published: Moment | None = None
    updated: Moment | None = None
    how: str = ""         # for the report, when the date is less than stated
    relative: str = ""    # a relative date that could not be counted back ("2 days ago")
    source: str = ""      # which of the ways above found it



# things a page describes that are not the article: their dates are not its date
_NOT_THE_ARTICLE = frozenset({
    "collectionpage", "itemlist", "searchresultspage", "imageobject", "person",
    "organization", "newsmediaorganization", "breadcrumblist", "listitem", "website",
    "searchaction", "comment", "rating", "aggregaterating", "place", "postaladdress",
    "offer", "product", "event", "sitenavigationelement", "wpheader", "wpfooter",
    "wpsidebar"})

# meta tags that carry the publication date (property=, name= or itemprop=, any case)
_PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "article.published",
    "datepublished", "pubdate", "publishdate", "publish-date", "publish_date",
    "published_time", "published-date", "publication_date", "publicationdate",
    "dc.date.issued", "dc.date.created", "dcterms.issued", "dcterms.created",
    "citation_publication_date", "citation_date", "parsely-pub-date", "sailthru.date",
    "og:pubdate", "originalpublicationdate", "article_date_original", "release_date",
    "cxenseparse:recs:publishtime", "date", "dc.date", "dcterms.date", "dc:date",
    "created", "datecreated", "dc:created", "dc:issued", "dcterms:created", "dcterms:issued")
_MODIFIED_META = (
    "article:modified_time", "og:updated_time", "og:article:modified_time",
    "datemodified", "dcterms.modified", "dc.date.modified", "last-modified",
    "lastmod", "article.updated", "updated_time", "modified_time")

# RDFa terms (schema:, dc:, dcterms: and the like, prefix dropped) in the page's body:
# Drupal's RDF module writes the node's dates as an empty span's content=
_RDFA_PUBLISHED = frozenset({"datepublished", "datecreated", "created", "issued", "date"})
_RDFA_MODIFIED = frozenset({"datemodified", "modified"})

# where dates are other stories', readers' or the site's, not the article's
_ELSEWHERE_WORDS = """
    related recommended recommendations trending mostread most-read popular more-stories
    morestories teaser teasers comment comments disqus responses replies sidebar rail
    widget widgets promo promos navbar nav menu footer breadcrumb breadcrumbs
    newsletter more also next previous prev pagination ticker weather today"""
_ELSEWHERE = frozenset(_ELSEWHERE_WORDS.split())
# the site's own bar, when it comes before the headline (an article's header follows it)
_SITE_BAR = frozenset({"header", "masthead", "topbar"})
_ELSEWHERE_TAGS = frozenset({"nav", "aside", "footer", "menu", "form"})
_UPDATE_MARK = re.compile(r"updat|modif|revis|edited|changed", re.IGNORECASE)
_PUBLISHED_MARK = re.compile(r"^(?:published|dt-published|entry-date|post-date|pubdate|"
                             r"date-published|publish-date|article-date|posted-on)$",
                             re.IGNORECASE)


@dataclass(frozen=True)
class _Order:
    """Where each element stands in the page, to tell what comes after the headline."""

    place: dict[int, int]
    headline: Tag | None
    story: Tag | None = None    # the post or article block that holds the headline

    @classmethod
    def of(cls, soup: BeautifulSoup, headline: Tag | None) -> _Order:
        story = None if headline is None else next(
            (p for p in headline.parents if isinstance(p, Tag) and _is_story_block(p)), None)
        return cls({id(t): i for i, t in enumerate(soup.find_all(True))}, headline, story)

    def after_headline(self, tag: Tag) -> bool:
        if self.headline is None:
            return True
        return self.place.get(id(tag), -1) > self.place.get(id(self.headline), -1)


def _elsewhere(tag: Tag, order: _Order) -> bool:
    """Inside navigation, an aside, a footer, the site's header before the headline,
    teasers of other stories or readers' comments."""
    headline = order.headline
    for parent in [tag, *tag.parents]:
        if not isinstance(parent, Tag) or parent.name in ("body", "html", "[document]"):
            return False
        if headline is not None and (parent is headline or headline in parent.descendants):
            return False   # the block that holds the headline is the story's
        if _story_meta(parent, order):
            continue       # the article's own byline and date, set in an aside beside it
        if _story_footer(parent, order):
            continue       # "Posted at 9:40 PM" in the post's own footer (Blogger)
        if parent.name in _ELSEWHERE_TAGS or (parent.name == "header" and (
                headline is None or headline not in parent.descendants)):
            return True
        tokens = class_tokens(parent)
        if tokens & _ELSEWHERE or (tokens & _SITE_BAR and not order.after_headline(parent)):
            return True
        if parent.name == "article" and tokens & {"teaser", "card", "promo"}:
            return True
        scope = str(parent.get("itemtype") or "").lower()
        if scope.endswith(("/comment", "/itemlist")):
            return True
    return False


_STORY_WORDS = frozenset({"hentry", "post", "entry", "article", "story", "h-entry"})
_STORY_TYPES = ("article", "blogposting", "newsarticle", "reportagenewsarticle")


def _is_story_block(tag: Tag) -> bool:
    """``<article>``, a block whose class says it is the post or story (``post hentry``),
    or one whose microdata says it is an article."""
    scope = str(tag.get("itemtype") or "").lower()
    return tag.name == "article" or bool(class_tokens(tag) & _STORY_WORDS) \
        or scope.endswith(_STORY_TYPES)


def _story_footer(tag: Tag, order: _Order) -> bool:
    """A footer inside the block of the story that holds the headline, which says
    nothing else of itself (no "related", "comments"): the story's own footer line."""
    story = order.story
    if story is None or story not in tag.parents:
        return False
    tokens = class_tokens(tag)
    footer = tag.name == "footer" or "footer" in tokens
    return footer and not (tokens - {"footer"}) & _ELSEWHERE


# an aside of these is the article's byline and date, set beside its text
_META_WORDS = frozenset({"meta", "byline", "dateline", "metadata", "article-meta",
                         "byline-block", "timestamp", "dates"})


def _story_meta(tag: Tag, order: _Order) -> bool:
    """An ``<aside>`` after the headline, in the article that holds it, whose class
    says it is the article's meta line (byline, date): some sites set their byline and
    "Published ..., updated ..." line in an aside beside the text."""
    headline = order.headline
    if tag.name != "aside" or headline is None or not class_tokens(tag) & _META_WORDS:
        return False
    article = headline.find_parent("article")
    return (article is not None and article in tag.parents
            and order.after_headline(tag))


def _marked_update(tag: Tag) -> bool:
    """An element that says it is the update: class, itemprop or the label before it."""
    marks = " ".join([*(tag.get("class") or []), str(tag.get("itemprop") or ""),
                      str(tag.get("id") or "")])
    if _UPDATE_MARK.search(marks):
        return True
    before = tag.find_previous(string=True)
    label = " ".join(str(before or "").split())[-30:]
    return bool(_UPDATE_MARK.search(label)) and not re.search(r"publi|post", label, re.I)


def _attribute_date(tag: Tag) -> Moment | None:
    for name in ("datetime", "content", "title", "value"):
        value = str(tag.get(name) or "").strip()
        if value and (found := machine_date(value)):
            return found
    return None


def _element_date(tag: Tag, language: str) -> Moment | None:
    return _attribute_date(tag) or next(
        (day for _, day in dates_in(tag.get_text(" "), language)), None)


def _rdfa_terms(tag: Tag) -> frozenset[str]:
    """The terms of an RDFa ``property`` attribute without their prefixes, lowercased:
    ``"dc:date dc:created"`` (Drupal 7) is {"date", "created"}."""
    return frozenset(term.rpartition(":")[2].rpartition("/")[2].lower()
                     for term in str(tag.get("property") or "").split())


def _metas(soup: BeautifulSoup) -> dict[str, str]:
    found: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = str(tag.get("property") or tag.get("name") or tag.get("itemprop") or "")
        content = " ".join(str(tag.get("content") or "").split())
        if key and content and tag.find_parent("body") is None:
            key = key.lower()
            found.setdefault(key.removeprefix("schema:"), content)   # RDFa's schema:dateCreated
    return found


def _from_meta(metas: dict[str, str], names: tuple[str, ...]) -> Moment | None:
    for name in names:
        if name in metas and (found := machine_date(metas[name])):
            return found
    return None


def _json_dates(items: list[JsonItem]) -> tuple[Moment | None, Moment | None]:
    """The article's datePublished and dateModified (the shallowest article), else,
    where the page holds no article, those of the page or video it says it is."""
    def moment(item: dict[str, object], *keys: str) -> Moment | None:
        for key in keys:
            value = item.get(key)
            value = value[0] if isinstance(value, list) and value else value
            if isinstance(value, str) and (found := machine_date(value)):
                return found
        return None

    articles = [item for _, item in items if types_of(item) & ARTICLE_TYPES]
    others = [item for _, item in items if types_of(item)
              and not types_of(item) & (ARTICLE_TYPES | _NOT_THE_ARTICLE)]
    # an article's page: a video or picture it embeds has its own date, not the story's
    for group in ([articles] if articles else [others]):
        for item in group:
            published = moment(item, "datePublished", "dateCreated", "uploadDate")
            if published:
                return published, moment(item, "dateModified")
    modified = next((m for item in articles + others if (m := moment(item, "dateModified"))),
                    None)
    return None, modified


def _declared(soup: BeautifulSoup, items: list[JsonItem], metas: dict[str, str],
              order: _Order, language: str) -> tuple[Moment | None, Moment | None]:
    """The publication and update dates the markup declares."""
    published, modified = _json_dates(items)
    published = published or _from_meta(metas, _PUBLISHED_META)
    modified = modified or _from_meta(metas, _MODIFIED_META)
    body = soup.body or soup
    if published is None or modified is None:
        for tag in body.find_all(attrs={"itemprop": True}):
            prop = str(tag.get("itemprop")).split()
            if _elsewhere(tag, order):
                continue
            if published is None and ("datePublished" in prop or "dateCreated" in prop):
                published = _element_date(tag, language)
            elif modified is None and "dateModified" in prop:
                modified = _element_date(tag, language)
    if published is None or modified is None:
        for tag in body.find_all(attrs={"property": True}):
            terms = _rdfa_terms(tag)
            if not terms & (_RDFA_PUBLISHED | _RDFA_MODIFIED) or _elsewhere(tag, order):
                continue
            if published is None and terms & _RDFA_PUBLISHED:
                published = _attribute_date(tag)
            elif modified is None and terms & _RDFA_MODIFIED:
                modified = _attribute_date(tag)
    if published is None or modified is None:
        for tag in body.find_all(["time", "abbr", "span", "div", "p", "data"]):
            classes = [str(c) for c in tag.get("class") or []]
            if _elsewhere(tag, order):
                continue
            if published is None and (tag.has_attr("pubdate") or any(
                    _PUBLISHED_MARK.match(c) for c in classes)) and not _marked_update(tag):
                published = _element_date(tag, language)
            elif modified is None and any(c in ("updated", "dt-updated", "modified",
                                                "date-modified", "updated-date")
                                          for c in classes):
                modified = _element_date(tag, language)
    return published, modified


def _addresses(soup: BeautifulSoup, metas: dict[str, str], base_url: str) -> list[str]:
    canonical = soup.find("link", rel="canonical")
    urls = [str(canonical.get("href") or "") if isinstance(canonical, Tag) else "",
            metas.get("og:url", ""), base_url]
    return [u for u in urls if u]


def _story_time(soup: BeautifulSoup, order: _Order) -> Moment | None:
    """The first ``<time datetime>`` of the story itself, after its headline when it
    has one: not an update's, a teaser's or a comment's."""
    times = [t for t in (soup.body or soup).find_all("time", attrs={"datetime": True})
             if not _elsewhere(t, order) and not _marked_update(t)]
    times = [t for t in times if order.after_headline(t)] or times
    return next((found for t in times if (found := _attribute_date(t))), None)


_DATE_CLASS = re.compile(r"date|time|posted|published|dateline|byline|meta|info|details|"
                         r"author|when|stamp", re.IGNORECASE)


_LINE = 120      # a line under the headline longer than this is story text
_CLASSED = 200   # an element whose class says it holds the date may say more


def _caption(tag: Tag) -> bool:
    return tag.name in ("figure", "figcaption") or tag.find_parent(
        ["figure", "figcaption"]) is not None or "caption" in class_tokens(tag)


def _shown_lines(soup: BeautifulSoup, order: _Order) -> list[str]:
    """The short lines a reader sees under the headline (the byline, the date), then
    those of elements whose class says they hold a date, as each block writes them
    (a label and its date in one line even when the date is a ``<time>``); not story
    sentences, which mention other days, nor pictures' captions."""
    lines: list[str] = []
    seen: set[int] = set()
    headline = order.headline

    def add(tag: Tag, limit: int) -> None:
        if id(tag) in seen or _elsewhere(tag, order) or _caption(tag):
            return
        seen.add(id(tag))
        text = " ".join(tag.get_text(" ").split())
        if 4 <= len(text) <= limit:
            lines.append(text)

    if headline is not None:
        count = 0
        for text in headline.find_all_next(string=True):
            parent = text.parent
            if not str(text).strip() or not isinstance(parent, Tag) or parent.name in (
                    "script", "style", "noscript"):
                continue
            block = parent
            while (block.parent is not None and isinstance(block.parent, Tag)
                   and len(block.parent.get_text(" ", strip=True)) <= _LINE
                   and block.parent.name not in ("body", "html")):
                block = block.parent
            add(block, _LINE)
            count += 1
            if count >= 10:
                break
    for tag in (soup.body or soup).find_all(class_=_DATE_CLASS):
        if order.after_headline(tag) or (headline is not None and headline in tag.descendants):
            add(tag, _CLASSED)
    return lines


_DATELINE_END = re.compile(r"\s(?:--|—|–|-)\s|/[^/\n]{2,40}/")


def _dateline_day(lead: str, language: str) -> date | None:
    """The date a first paragraph opens with, before its dash
    ("MONTREAL, Oct. 5, 2022 /Cedar Newswire/ -- ...", "BERLIN, 3. März 2024 (dpa) -")."""
    end = _DATELINE_END.search(lead[:160])
    if end is None:
        return None
    found = dates_in(lead[:end.start() + 1], language)
    return found[0][1] if found else None


def _htmldate(html: str, url: str, latest: date, stated: set[date]) -> date | None:
    """htmldate's answer when it names a day the story's part of the page states
    (``stated``): it rounds a year or month it found (a copyright line) to the first,
    which no page said, and reads teasers' and comments' dates as well."""
    import logging

    from htmldate import find_date as htmldate_find

    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    try:
        found = htmldate_find(html, original_date=True, url=url or None,
                              max_date=latest.isoformat())
    except (ValueError, TypeError):
        return None
    if not found:
        return None
    day = date.fromisoformat(found)
    return day if day in stated else None


def _stated_days(soup: BeautifulSoup, order: _Order, items: list[JsonItem],
                 language: str) -> set[date]:
    """Every day the story's part of the page states: in its lines (not its prose's
    sentences) and attributes outside navigation, asides, teasers and comments, in the
    head (the title, the meta tags) and the JSON-LD."""
    def days(text: str) -> set[date]:
        found = {day for _, day in dates_in(text, language)}
        moment = machine_date(text) if len(text) < 40 else None
        if moment is not None:
            found.add(moment.date() if isinstance(moment, datetime) else moment)
        return found

    stated: set[date] = set()
    head = soup.head
    if isinstance(head, Tag):
        stated |= days(head.get_text(" "))
    for meta in soup.find_all("meta"):
        stated |= days(str(meta.get("content") or ""))
    for _, item in items:
        for value in item.values():
            if isinstance(value, str) and len(value) < 40:
                stated |= days(value)
    verdicts: dict[int, bool] = {}
    for text in (soup.body or soup).find_all(string=True):
        parent = text.parent
        if not isinstance(parent, Tag) or parent.name in ("script", "style"):
            continue
        if id(parent) not in verdicts:
            verdicts[id(parent)] = _elsewhere(parent, order)
            if not verdicts[id(parent)]:
                for name in ("datetime", "content", "title", "value"):
                    stated |= days(str(parent.get(name) or ""))
        if not verdicts[id(parent)] and not _in_prose(parent):
            stated |= days(str(text))
    return stated


_PROSE = ("p", "li", "blockquote", "dd", "td")


def _in_prose(tag: Tag) -> bool:
    """Text in a sentence of the story (a paragraph longer than a line): a day it
    names is an event the story tells of ("On 3 March 2021 a ship ..."), not the day
    the page was published."""
    block = tag if tag.name in _PROSE else tag.find_parent(_PROSE)
    return block is not None and len(block.get_text(" ", strip=True)) > _LINE


def find_dates(soup: BeautifulSoup, html: str, items: list[JsonItem], *,
               headline: Tag | None, lead: str = "", base_url: str = "",
               saved: datetime | None = None, now: datetime | None = None) -> Dating:
    """The article's publication date and last update, where they were found, and
    how when that was less than stated (the order is the module's docstring's)."""
    language = _language(soup)
    latest = ((saved or now or datetime.now().astimezone()) + timedelta(days=1)).date()
    metas = _metas(soup)
    order = _Order.of(soup, headline)
    published, modified = _declared(soup, items, metas, order, language)
    lines = _shown_lines(soup, order)
    shown = [stated_dates(line, language) for line in lines]
    updated = modified or next((s.updated for s in shown if s.updated), None)
    addresses = _addresses(soup, metas, base_url)
    relative = next((phrase for line in lines if (phrase := relative_phrase(line))), "")

    def plausible(moment: Moment | None) -> bool:
        day = moment.date() if isinstance(moment, datetime) else moment
        return day is not None and date(1900, 1, 1) <= day <= latest

    def counted_back() -> date | None:
        return relative_day(relative, saved, language) if relative and saved else None

    def searched() -> date | None:
        stated = _stated_days(soup, order, items, language)
        stated |= {d for url in addresses if (d := url_date(url))}
        return _htmldate(html, addresses[0] if addresses else "", latest, stated)

    saved_day = saved.date().isoformat() if saved else ""
    candidates: list[tuple[str, Callable[[], Moment | None], str]] = [
        ("declared", lambda: published, ""),
        ("address", lambda: next((d for u in addresses if plausible(d := url_date(u))),
                                 None), ""),
        ("time element", lambda: _story_time(soup, order), ""),
        ("shown, published", lambda: next((s.published for s in shown
                                           if plausible(s.published)), None), ""),
        ("shown", lambda: next((s.unlabelled for s in shown if plausible(s.unlabelled)),
                               None), ""),
        ("dateline", lambda: _dateline_day(lead, language), ""),
        ("relative", counted_back,
         f'"{relative}" counted back from the day the page was saved, {saved_day}'),
        ("htmldate", searched, "found by htmldate's search of the whole page"),
    ]
    update_day = updated.date() if isinstance(updated, datetime) else updated
    for source, find, how in candidates:
        found = find()
        if found is not None and plausible(found):
            if source == "htmldate" and found == update_day:
                break   # what htmldate found is the update the markup declares
            zone = _local_zone(found, lines, shown)
            return Dating(_in_zone(found, zone), _in_zone(updated, zone), how,
                          source=source)
    if updated is not None and plausible(updated):
        return Dating(updated, None, "the page's last update: it states no publication date",
                      source="updated")
    return Dating(relative=relative)


def _local_zone(moment: Moment, lines: list[str], shown: list[Stated]) -> timedelta | None:
    """The offset of the local time the page shows readers ("January 14, 2025 at
    10:15 p.m. EST"), when it is the same instant as the declared one (a UTC
    ``2025-01-15T03:15Z``): the article's date is then written in it, the day the
    outlet gives (the site's zone still places the instant)."""
    if not isinstance(moment, datetime) or moment.tzinfo is None:
        return None
    for line, stated in zip(lines, shown, strict=True):
        zoned = zoned_time(line)
        if zoned is None:
            continue
        local = moment.astimezone(timezone(zoned.offset))
        if (local.hour, local.minute) == (zoned.hour, zoned.minute) and (
                stated.day is None or stated.day == local.date()):
            return zoned.offset
    return None


def _in_zone(moment: Moment | None, offset: timedelta | None) -> Moment | None:
    if offset is None or not isinstance(moment, datetime) or moment.tzinfo is None:
        return moment
    return moment.astimezone(timezone(offset))


def _language(soup: BeautifulSoup) -> str:
    """The page's language tag with its region (``en-US``), as numeric dates need."""
    html = soup.find("html")
    tag = str(html.get("lang") or html.get("xml:lang") or "") if isinstance(html, Tag) else ""
    if not tag:
        meta = soup.find("meta", attrs={"http-equiv": re.compile("content-language", re.I)}) \
            or soup.find("meta", attrs={"property": "og:locale"})
        tag = str(meta.get("content") or "") if isinstance(meta, Tag) else ""
    return tag.strip().replace("_", "-").split(",")[0]
