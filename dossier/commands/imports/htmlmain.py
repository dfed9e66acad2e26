"""Where the article is in a cleaned page: a declared article body, else the block with
the most paragraph text (scored as Readability does), widened to the sections around it;
and how many teasers the page lists."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import Tag

from dossier.commands.imports.htmlclean import text_length

_BODY_HINT = re.compile(r"(article|story|entry|post|content)[-_]*(body|text|content)|"
                        r"articlebody|storytext|post-?body", re.IGNORECASE)


def _own_text(tag: Tag) -> int:
    """Paragraph text directly under a block, links discounted."""
    score = 0
    for p in tag.find_all(["p", "li", "blockquote"], recursive=False):
        text = len(p.get_text(" ", strip=True))
        links = sum(len(a.get_text(" ", strip=True)) for a in p.find_all("a"))
        score += max(text - 2 * links, 0)
    return score


_BLOCKS = frozenset({"div", "section", "article", "main", "td", "body"})


def _is_block(tag: Tag) -> bool:
    """A block that may hold the article: a <div> and its kin, or a custom element
    (``<story-body>``: its name has a hyphen), whose kind no list can know."""
    return tag.name in _BLOCKS or "-" in tag.name


def choose_container(root: Tag, live: bool = False) -> Tag | None:
    """The element holding the article text: a declared article body, the one
    <article>, else the block with the most paragraph text (scored as Readability
    does: a block gets its paragraphs' text, its parent half of it). On a live blog
    (``live``) each post declares its own body: the article is the feed of them all."""
    declared = [t for t in root.find_all(True) if t.get("itemprop") == "articleBody"
                or any(_BODY_HINT.search(c)
                       for c in [*(t.get("class") or []), str(t.get("id") or "")])]
    declared = [t for t in declared if text_length(t) > 200 or live]
    if declared:
        best = max(declared, key=text_length)
        posts = [t for t in declared if t.name == best.name
                 and t.get("class") == best.get("class")] if live else []
        if len(posts) >= 2:
            return _live_feed(_widen(_holding(posts), root))
        return _split_body(best, declared)
    scores: dict[int, tuple[float, Tag]] = {}
    for block in [root, *root.find_all(_is_block)]:
        own = _own_text(block)
        if not own:
            continue
        for tag, share in ((block, 1.0), (block.parent, 0.5)):
            if isinstance(tag, Tag) and tag.name not in ("[document]", "html"):
                score, _ = scores.get(id(tag), (0.0, tag))
                scores[id(tag)] = (score + own * share, tag)
    if not scores:
        return None
    return _widen(max(scores.values(), key=lambda item: item[0])[1], root)


def _split_body(best: Tag, declared: list[Tag]) -> Tag:
    """A body a site builder cuts into blocks of one kind around a picture or a
    newsletter box (Squarespace's ``sqs-html-content``): the element holding them all,
    where it holds one story (one headline at most, one ``<article>``)."""
    parts = [t for t in declared if t.name == best.name and t.get("class") == best.get("class")
             and not any(o is not t and t in o.descendants for o in declared)]
    if len(parts) < 2:
        return best
    holder = _holding(parts)
    if holder.name in ("body", "html", "[document]") or len(holder.find_all("h1")) > 1 \
            or len({id(part.find_parent("article")) for part in parts}) > 1:
        return best
    return holder


def _live_feed(feed: Tag) -> Tag:
    """A live blog's feed of posts, with the key points the page lists between its
    headline and the feed (plain sentences, no links) put first, as the page shows them."""
    for listed in feed.find_all_previous(["ul", "ol"]):
        block = listed.parent
        if not isinstance(block, Tag) or listed.find_previous("h1") is None:
            break
        if block.find("h1") is None and _key_points(block, _prose(block)):
            feed.insert(0, block.extract())
            break
    return feed


def _holding(tags: list[Tag]) -> Tag:
    """The innermost element that holds all of ``tags``."""
    inside = set(map(id, tags[1:]))
    for parent in tags[0].parents:
        if inside <= {id(t) for t in parent.find_all(tags[0].name)}:
            return parent
    return tags[0]


@dataclass(frozen=True)
class _Prose:
    chars: int
    link_chars: int
    blocks: int


def _inside_prose(block: Tag, top: Tag) -> bool:
    """A paragraph or item inside another one (counted with it) below ``top``."""
    for parent in block.parents:
        if parent is top:
            return False
        if parent.name in ("p", "li"):
            return True
    return False


def _prose(tag: Tag) -> _Prose:
    chars = links = blocks = 0
    for block in tag.find_all(["p", "li"]):
        if _inside_prose(block, tag):
            continue
        chars += len(block.get_text(" ", strip=True))
        links += sum(len(a.get_text(" ", strip=True)) for a in block.find_all("a"))
        blocks += 1
    return _Prose(chars, links, blocks)


def _is_prose(found: _Prose) -> bool:
    return found.chars / found.blocks >= 40 and found.link_chars <= 0.25 * found.chars


def _continues(node: Tag, sibling: Tag) -> bool:
    """A block after the article's that goes on with it: the next of its sections."""
    if node.get("class") is None and (node.get("id") or sibling.get("id")):
        return False   # <div id="left"> and <div id="right">: two columns, not two parts
    return sibling.name == node.name and sibling.get("class") == node.get("class")


def _pictures(tag: Tag) -> bool:
    """A block of captioned pictures and little else (a gallery, a slideshow)."""
    captions = tag.find_all("figcaption")
    if not captions:
        return False
    text = len(tag.get_text(" ", strip=True))
    captioned = sum(len(c.get_text(" ", strip=True)) for c in captions)
    links = sum(len(a.get_text(" ", strip=True)) for a in tag.find_all("a"))
    return captioned >= 0.7 * text and links <= 0.2 * text


def _key_points(tag: Tag, found: _Prose) -> bool:
    """A list of plain sentences (no links) before the text: the story's key points."""
    lists = tag.find_all(["ul", "ol"])
    items = tag.find_all("li")
    return bool(lists) and len(items) >= 2 and found.link_chars == 0 \
        and found.chars / found.blocks >= 20


def _widen(best: Tag, root: Tag) -> Tag:
    """The chosen block's ancestors, while what they add is more of the article: prose
    before it (a standfirst, a live page's summary), and after it only more blocks of
    its own kind (an article in sections), never teasers, short lines or links. A block
    that holds the headline is the article: a column beside it is not."""
    node = best
    while node is not root and isinstance(node.parent, Tag) \
            and node.parent.name not in ("html", "[document]") and node.find("h1") is None:
        added = False
        alone = True    # a wrapper with nothing else in it: look at the next one up
        before = True
        for sibling in node.parent.children:
            if sibling is node:
                before = False
                continue
            if not isinstance(sibling, Tag):
                continue
            found = _prose(sibling) if sibling.name not in ("p", "li") else _Prose(
                len(sibling.get_text(" ", strip=True)),
                sum(len(a.get_text(" ", strip=True)) for a in sibling.find_all("a")), 1)
            if not before and _pictures(sibling):
                added = True   # a gallery after the text: its pictures and captions
                continue
            if not found.blocks or not found.chars:
                continue
            alone = False
            if found.chars < 60 and found.link_chars == 0:
                continue   # a credit or byline line between the headline and the text
            if before and _key_points(sibling, found):
                added = True   # a live page's or explainer's summary of points
                continue
            if not _is_prose(found) or (not before and not _continues(node, sibling)):
                return _with_galleries(node)
            added = True
        if not added and not (alone and node.parent.name in ("div", "section")):
            return _with_galleries(node)
        node = node.parent
    return node


def _with_galleries(node: Tag) -> Tag:
    """The article's block with the galleries right after it (a photo essay's text is
    its intro and its pictures' captions) moved in after its text, when the block around
    both also holds what is not the article (more galleries, a membership ask)."""
    galleries: list[Tag] = []
    for sibling in node.next_siblings:
        if not isinstance(sibling, Tag):
            continue
        if _pictures(sibling):
            galleries.append(sibling)
        elif sibling.get_text(" ", strip=True) or sibling.find("img"):
            break
    for gallery in galleries:
        node.append(gallery.extract())
    return node


def articles_listed(root: Tag) -> int:
    """How many teasers the page lists: headings that are links to other pages."""
    count = 0
    for heading in root.find_all(["h2", "h3", "h4"]):
        link = heading.find("a", href=True)
        text = heading.get_text(" ", strip=True)
        if link and text and len(link.get_text(" ", strip=True)) >= 0.8 * len(text):
            count += 1
    return count


def repeated_teasers(root: Tag) -> int:
    """How many teasers the page lists as a run of like blocks (search results, cards),
    each a title link of three words or more beside a paragraph of its own."""
    best = 0
    for parent in [root, *root.find_all(True)]:
        groups: dict[tuple[str, tuple[str, ...]], int] = {}
        for child in parent.find_all(["div", "article", "section"], recursive=False):
            title = next((a for a in child.find_all("a", href=True)
                          if a.find_parent("p") is None
                          and len(a.get_text(" ", strip=True).split()) >= 3), None)
            if title is not None and child.find("p") is not None:
                key = (child.name, tuple(child.get("class") or ()))
                groups[key] = groups.get(key, 0) + 1
        best = max(best, *groups.values(), 0)
    return best
