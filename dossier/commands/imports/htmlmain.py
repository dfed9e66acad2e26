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


def choose_container(root: Tag) -> Tag | None:
    """The element holding the article text: a declared article body, the one
    <article>, else the block with the most paragraph text (scored as Readability
    does: a block gets its paragraphs' text, its parent half of it)."""
    declared = [t for t in root.find_all(True) if t.get("itemprop") == "articleBody"
                or any(_BODY_HINT.search(c)
                       for c in [*(t.get("class") or []), str(t.get("id") or "")])]
    declared = [t for t in declared if text_length(t) > 200]
    if declared:
        return max(declared, key=text_length)
    scores: dict[int, tuple[float, Tag]] = {}
    for block in [root, *root.find_all(["div", "section", "article", "main", "td", "body"])]:
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


def _widen(best: Tag, root: Tag) -> Tag:
    """The chosen block's ancestors, while what they add is more of the article:
    paragraphs of prose (an article in sections, a live page's summary above its
    entries), not teasers (short lines, mostly links). A block that holds the headline
    is the article: a column beside it is not."""
    node = best
    while node is not root and isinstance(node.parent, Tag) \
            and node.parent.name not in ("html", "[document]") and node.find("h1") is None:
        whole, have = _prose(node.parent), _prose(node)
        blocks = whole.blocks - have.blocks
        chars = whole.chars - have.chars
        links = whole.link_chars - have.link_chars
        if not blocks or chars / blocks < 40 or links > 0.25 * chars:
            break
        node = node.parent
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
