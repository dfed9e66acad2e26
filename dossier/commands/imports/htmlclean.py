"""A saved page without its furniture: scripts, navigation, share and subscribe blocks,
asides, footers, banners and hidden parts removed; text broken by ``<br><br>`` made
into paragraphs."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

_DROP_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "form", "button",
              "input", "select", "textarea", "object", "embed", "canvas", "link", "meta",
              "nav", "aside", "footer", "dialog", "video", "audio", "map")


_DROP_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search",
                         "dialog", "alertdialog", "menu", "menubar", "toolbar"})


_NOISE_WORDS = """
    share sharing sharebar social subscribe subscription newsletter signup promo promos
    advert advertisement adverts ad ads adslot adunit sponsor sponsored related
    recommended recommendations outbrain taboola cookie cookies consent gdpr popup modal
    paywall comment comments disqus breadcrumb breadcrumbs tags taglist topics byline
    bylines author authors timestamp dateline meta toolbar widget widgets sidebar rail
    footer masthead nav navbar menu skip follow trending mostread popular more-stories
    readmore read-more print banner alert newsletters signin login contact responses
    replies product donate donation donations poll cta feedback survey
"""


_NOISE = frozenset(_NOISE_WORDS.split())
OWN_BOX = "data-story-box"   # marks such a box, to be put with the story's text
# an <aside> of these, inside the story's <article>, is the story's own
_OWN_ASIDES = frozenset({"verdict", "factbox", "fact-box", "keypoints", "key-points",
                         "takeaways", "tldr", "at-a-glance", "ruling"})


_SPLIT = re.compile(r"[\s_-]+")


INLINE = frozenset({"a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "dfn", "em",
                     "i", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub",
                     "sup", "u", "var", "wbr", "font", "del", "ins", "label"})


_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def class_tokens(tag: Tag) -> set[str]:
    """The words of an element's class and id (``InlineNewsletter_box`` -> inline,
    newsletter, box)."""
    raw = " ".join([*(tag.get("class") or []), str(tag.get("id") or "")])
    names = raw.lower()
    # CSS-module and component names: "InlineNewsletter_box__9Fh1c" is a newsletter box
    words = _SPLIT.split(_CAMEL.sub(" ", raw).lower())
    return {t for t in [*_SPLIT.split(names), *words] if t} | (
        {names.strip()} if names.strip() else set())


def _is_noise(tag: Tag) -> bool:
    if tag.name in ("html", "body", "main"):
        return False
    role = str(tag.get("role") or "").lower()
    if role in _DROP_ROLES or tag.has_attr("hidden") or str(tag.get("aria-hidden")) == "true":
        return True
    if re.search(r"display\s*:\s*none", str(tag.get("style") or "")):
        return True
    if tag.name == "header" and not tag.find("h1"):
        return True
    return bool(class_tokens(tag) & _NOISE) and tag.name not in ("article",)


def text_length(tag: Tag) -> int:
    return sum(len(p.get_text(" ", strip=True)) for p in tag.find_all("p"))


def strip_noise(root: Tag) -> None:
    """Remove scripts, navigation, share and subscribe blocks, asides, footers, banners:
    never a block that holds most of the page's paragraph text."""
    for comment in root.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for aside in root.find_all("aside"):   # a fact-check's verdict, a story's key points
        if class_tokens(aside) & _OWN_ASIDES and aside.find_parent("article") is not None:
            aside.name = "div"
            aside[OWN_BOX] = ""
    for tag in root.find_all(_DROP_TAGS):
        if not tag.decomposed:
            tag.decompose()
    for tag in root.find_all(["div", "section"]):
        if not tag.decomposed and _link_teaser(tag):
            tag.decompose()
    paragraphs_from_breaks(root)
    divs_as_paragraphs(root)
    total = max(text_length(root), 1)
    headline = root.find("h1")
    for tag in root.find_all(True):
        if tag.decomposed or tag.parent is None:
            continue
        if _is_noise(tag) and (text_length(tag) < 0.5 * total or (
                class_tokens(tag) & _READERS and headline is not None
                and headline not in tag.descendants)):
            tag.decompose()


def _link_teaser(tag: Tag) -> bool:
    """A block set in the text that is a short label and one link to another story
    ("Read also | <a>Budget passes</a>", in any language): a teaser, not the story's
    text, which is written in paragraphs."""
    links = tag.find_all("a")
    if len(links) != 1 or tag.find(["img", "picture", "figure", "p", "li", "h2", "h3"]):
        return False
    text = " ".join(tag.get_text(" ").split())
    linked = " ".join(links[0].get_text(" ").split())
    label = text.replace(linked, "", 1).strip(" |:·-–—")
    return (len(linked.split()) >= 3 and 0 < len(label) <= 30
            and len(linked) >= 0.6 * len(text))


# readers' comments, whatever their length, once the headline is outside them
_READERS = frozenset({"comments", "comment", "disqus", "responses", "replies"})


def divs_as_paragraphs(root: Tag) -> None:
    """A <div> (or a custom element, ``<story-para>``) holding only text and inline
    markup is a paragraph (app pages write every paragraph so), as Readability reads it."""
    for block in root.find_all(lambda t: t.name == "div" or "-" in t.name):
        if block.find(lambda t: t.name not in INLINE) is None and len(
                block.get_text(" ", strip=True)) >= 25:
            block.name = "p"


def paragraphs_from_breaks(root: Tag) -> None:
    """Text written straight into a block and broken by ``<br><br>`` (portals, old
    pages) becomes paragraphs, so that it is weighed and written like any other."""
    for block in root.find_all(["div", "td", "section", "article", "font", "main"]):
        direct = "".join(str(c) for c in block.children if isinstance(c, NavigableString)
                         and not isinstance(c, Comment))
        if len(direct.strip()) < 150 or len(block.find_all("br", recursive=False)) < 2:
            continue
        groups: list[list[Tag | NavigableString]] = [[]]
        children = list(block.children)
        for child in children:
            if isinstance(child, Tag) and child.name == "br":
                if groups[-1]:
                    groups.append([])
                continue
            if isinstance(child, Tag) and child.name not in INLINE:
                groups.append([child])
                groups.append([])
                continue
            groups[-1].append(child)
        for child in children:
            child.extract()
        for group in groups:
            if not group:
                continue
            if len(group) == 1 and isinstance(group[0], Tag) and group[0].name not in INLINE:
                block.append(group[0])
                continue
            if not "".join(g.get_text() if isinstance(g, Tag) else str(g) for g in group).strip():
                continue
            paragraph = BeautifulSoup("<p></p>", "html.parser").p
            assert paragraph is not None
            for node in group:
                paragraph.append(node)
            block.append(paragraph)
