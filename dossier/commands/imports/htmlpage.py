"""A saved news page into a draft: metadata from the head, the body from the main
content; a page that lists articles, or holds none, is refused."""

from __future__ import annotations

import copy
import re
import warnings
from datetime import datetime

from bs4 import BeautifulSoup, Tag, XMLParsedAsHTMLWarning

from dossier.commands.imports.draft import Draft, DraftImage, Refused
from dossier.commands.imports.htmlclean import OWN_BOX, strip_noise
from dossier.commands.imports.htmlfigures import lead_figure
from dossier.commands.imports.htmlmain import (
    articles_listed,
    choose_container,
    repeated_teasers,
)
from dossier.commands.imports.htmlmarkdown import extract_body
from dossier.commands.imports.htmlmeta import JsonItem, json_ld, read_meta, types_of
from dossier.commands.imports.pagedates import find_dates
from dossier.commands.imports.textdates import find_date
from dossier.commands.imports.wire import date_line, names_in, split_dateline, split_trailer

MIN_WORDS = 40


def _is_section_front(soup: BeautifulSoup, container: Tag | None, listed: int,
                      says_listing: bool, says_article: bool) -> bool:
    articles = soup.find_all("article")
    if container is not None and container.name != "article":
        main = container.find_parent("article")
        if main is not None and len(articles) > 1:
            articles = [a for a in articles if a is not main and main not in a.parents]
            return len(articles) >= 3 and not says_article
    if says_article and listed < 6:
        return False
    if says_listing and (listed >= 3 or len(articles) >= 3):
        return True
    return listed >= 4 or len(articles) >= 3


def parse_html(html: str, base_url: str = "", saved: datetime | None = None,
               now: datetime | None = None) -> Draft:
    """``saved``: when the page was saved (a web archive's Date), to count a relative
    date ("2 days ago") back from; ``now`` bounds the dates believed (default: now)."""
    # lxml builds the tree as browsers do (an unclosed <p> ends at the next block);
    # Python's html.parser nests it instead
    with warnings.catch_warnings():   # an XHTML page is read as HTML, as browsers do
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(html, "lxml")
    items = json_ld(soup)
    meta = read_meta(soup, base_url, items)
    base = meta.source_url or base_url
    base_tag = soup.find("base", href=True)
    if isinstance(base_tag, Tag) and not base:
        base = str(base_tag["href"])
    body_root = soup.body or soup
    listed = articles_listed(body_root)
    work = copy.copy(body_root)
    strip_noise(work)
    container = choose_container(work, live=_is_live(soup, items))
    if container is not None:
        _boxes_with_text(container)
    # the block chosen is a list of teasers (counted before writing, which moves nodes)
    inside = max(articles_listed(container), repeated_teasers(container)) \
        if container is not None else 0
    body = extract_body(container, base, meta.title, meta.authors) if container else None
    lone = body is None or body.words < MIN_WORDS
    # the block chosen is a list of teasers: its headings link elsewhere, one line each
    # (paragraphs of a few words, a date or "Continue reading", are not one's text)
    teasers = body is not None and inside >= 3 and min(
        body.paragraphs, _substantial(body.markdown)) <= inside + 1
    # a page that declares itself a list of stories is one, whatever its lead teaser's length
    if teasers or meta.lists_stories or (lone and _is_section_front(
            soup, container, listed, meta.is_listing, meta.is_article)):
        raise Refused(f"a page that lists {max(listed, inside, len(soup.find_all('article')))} "
                      "articles and has no main article (a section front or search page): "
                      "save the article's own page and import that")
    if body is None or lone:
        raise Refused("no article text found in this page (fewer than "
                      f"{MIN_WORDS} words of paragraphs): save the article's own page, or "
                      "copy its text into a .txt file and import that")
    image = body.image
    if image is None and container is not None:
        image = lead_figure(work, container, base)
    if image is None and meta.image:
        image = DraftImage(src=meta.image)
    elif image is not None and not image.src and meta.image:
        image = DraftImage(meta.image, image.alt, image.caption, image.credit)
    blocks = body.markdown.strip().split("\n\n")
    stated_authors = _stated_authors(soup) or _authors_under_headline(soup, meta.title)
    for index in range(min(3, len(blocks) - 1), -1, -1):
        # "Published 12 June 2019, by Lena Park": a date line, not story text (the
        # date itself is found with the page's others, below)
        line = blocks[index].strip("*_ ")
        found_line = date_line(line)
        if not found_line and len(line) < 120 and _BY_LINE.match(line) and find_date(line):
            found_line = (find_date(line),)   # "Por Beatriz Lima — 14 de julho de 2025"
        if found_line:
            named = _BY_NAMES.search(line) or _BY_LINE.match(line)
            stated_authors = stated_authors or (names_in(named.group("names")) if named else ())
            del blocks[index]
    dating = find_dates(soup, html, items, headline=_headline(soup, meta.title),
                        lead=re.sub(r"^\*\*([^*]{2,60})\*\*", r"\1", blocks[0]) if blocks else "",
                        base_url=meta.source_url or base_url, saved=saved, now=now)
    location = ""
    found = split_dateline(re.sub(r"^\*\*([^*]{2,60})\*\*", r"\1", blocks[0]))
    if found:
        location, _, _, blocks[0] = found
    reporters: tuple[str, ...] = ()
    trailer = split_trailer(blocks[-1])
    if trailer:
        blocks[-1], reporters = trailer
    blocks = [b for b in blocks if b.strip()]
    summary = meta.description
    if summary and blocks and _same(summary, blocks[0]) and _is_standfirst(soup, summary):
        del blocks[0]   # the standfirst above the text is the summary, not the body's
    elif summary and (len(summary.split()) < 6 or (blocks and _same(summary, blocks[0]))):
        summary = ""
    return Draft(
        editor_note=_editor_note(soup),
        title=meta.title, date=dating.published, updated=dating.updated,
        date_how=dating.how, date_relative=dating.relative,
        source_name=meta.source_name if meta.source_declared else (
            _stated_source(soup) or meta.source_name),
        source_url=meta.source_url,
        authors=meta.authors or stated_authors or reporters, location=location,
        summary=summary, image=image, language=meta.language, from_outlet=True,
        body="\n\n".join(blocks) + "\n")


_STANDFIRST = re.compile(r"standfirst|dek|subtitle|subhead|sub-head|summary|excerpt|"
                         r"sommario|entradilla|chapo|chapeau|teaser-text|intro", re.IGNORECASE)


def _is_live(soup: BeautifulSoup, items: list[JsonItem]) -> bool:
    """The page says it is a live blog: its posts, newest first, are its text."""
    return any("liveblogposting" in types_of(item) for _, item in items) or soup.find(
        attrs={"itemtype": re.compile(r"LiveBlogPosting", re.IGNORECASE)}) is not None


def _is_standfirst(soup: BeautifulSoup, summary: str) -> bool:
    """The page shows its description in a block marked as the standfirst."""
    return any(_same(summary, tag.get_text(" "))
               for tag in soup.find_all(True, class_=_STANDFIRST))


def _substantial(markdown: str) -> int:
    """Paragraphs of eight words or more (not headings)."""
    return sum(1 for block in markdown.split("\n\n")
               if not block.startswith("#") and len(block.split()) >= 8)


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).lower() == " ".join(b.replace("\\", "").split()).lower()


def _boxes_with_text(container: Tag) -> None:
    """The story's own boxes set before its text in the same ``<article>`` (a
    fact-check's verdict, the key points) put at the head of the text chosen."""
    article = container if container.name == "article" else container.find_parent("article")
    if article is None:
        return
    for box in reversed(article.find_all(attrs={OWN_BOX: True})):
        if container not in box.parents and box is not container:
            container.insert(0, box.extract())


def _headline(soup: BeautifulSoup, title: str) -> Tag | None:
    """The element that shows the headline: the heading whose text is the title (a
    blog's post title in an <h3> under the blog's name in the <h1>), else the <h1>,
    else any element whose text is the title (an old page's <b> or <font>)."""
    wanted = " ".join(title.split()).lower()

    def says_title(tag: Tag) -> bool:
        return " ".join(tag.get_text(" ").split()).lower() == wanted

    body = soup.body or soup
    headline = (next((h for h in body.find_all(["h1", "h2", "h3"]) if says_title(h)), None)
                if wanted else None) or soup.find("h1") or (soup.find(
                    lambda t: says_title(t) and t.name not in ("title", "html", "head"))
                    if wanted else None)
    return headline if isinstance(headline, Tag) else None


def _lines_under_headline(soup: BeautifulSoup, title: str) -> list[str]:
    """The first short lines after the headline (``By Ana Roy | Wednesday, June 11,
    2003``), however they are marked up."""
    headline = _headline(soup, title)
    if headline is None:
        return []
    lines: list[str] = []
    for text in headline.find_all_next(string=True):
        line = " ".join(str(text).split())
        if line and getattr(text.parent, "name", "") not in ("script", "style"):
            lines.append(line)
            if len(lines) >= 6:
                break
    return [line for line in lines if len(line) < 120]


_BYLINE_CLASS = re.compile(r"byline|author|entry-meta|post-meta|art-info|meta|dateline",
                           re.IGNORECASE)
_NAME = r"(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b)[A-Z][\w.'’-]*"
_BY_NAMES = re.compile(rf"\b[Bb]y\s+(?P<names>{_NAME}(?:(?:\s+|\s*,\s*|\s+and\s+|\s*&\s*)"
                       rf"{_NAME}){{0,8}})")


def _stated_authors(soup: BeautifulSoup) -> tuple[str, ...]:
    """Authors named in a byline (``By Sunil Varga and Hana Ruiz · 20 February 2025``)."""
    tags = sorted(soup.find_all(True, class_=_BYLINE_CLASS), key=lambda t: len(t.get_text()))
    for tag in tags:   # the smallest first: "By Tom Ellery", not "By Tom Ellery July 22"
        text = " ".join(tag.get_text(" ").split())
        if "bio" in " ".join(tag.get("class") or []) or len(text) > 140:
            continue
        m = _BY_NAMES.search(text)
        if m:
            return names_in(m.group("names"))
    return ()


_BY_LINE = re.compile(rf"^(?:[Bb]y|BY|[Vv]on|[Pp]ar|[Pp]or|[Dd]oor|[Dd]i)\s+(?P<names>{_NAME}"
                      rf"(?:(?:\s+|\s*,\s*|\s+(?:and|und|et|y|e|en)\s+|\s*&\s*){_NAME}){{0,8}})")


def _authors_under_headline(soup: BeautifulSoup, title: str) -> tuple[str, ...]:
    """``By Harold Quist, Staff Writer`` or ``Von Katrin Vogel | 12. Dezember 2024``
    on a line of its own under the headline."""
    for line in _lines_under_headline(soup, title)[:4]:
        if m := _BY_LINE.match(line):
            return tuple(n for n in names_in(m.group("names")) if not _ROLE.search(n))
    return ()


_ROLE = re.compile(r"\b(writer|reporter|correspondent|editor|staff|contributor|redakteur|"
                   r"redaktion|korrespondent)", re.IGNORECASE)


_SOURCE = re.compile(r"^(?:source|provided by|via)\s*:\s*(?P<name>[A-Z][\w&.'’ -]{1,40}?)"
                     r"\s*(?:[·|,–—]|\s-\s|$)", re.IGNORECASE)


def _stated_source(soup: BeautifulSoup) -> str:
    """The outlet a portal names for a story it carries (``Source: Mountain Wire``)."""
    for tag in soup.find_all(["div", "p", "span"], limit=200):
        text = " ".join(tag.get_text(" ").split())
        if len(text) < 80 and (m := _SOURCE.match(text)):
            return m.group("name").strip()
    return ""


_NOTE_CLASS = re.compile(r"correction|editor'?s?-?note|update-note|clarification", re.IGNORECASE)


def _editor_note(soup: BeautifulSoup) -> str:
    """A correction or editor's note the page shows with the article."""
    for tag in soup.find_all(True, class_=_NOTE_CLASS):
        text = " ".join(tag.get_text(" ").split())
        if 10 < len(text) < 600:
            return text
    return ""
