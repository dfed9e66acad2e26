"""The article in a saved page: find the main content, drop the furniture around
and inside it, and write what is left as Markdown (paragraphs, sub-headings,
lists, block quotes, links, figures)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from dossier.commands.imports.draft import DraftImage, word_count
from dossier.commands.imports.furniture import is_furniture

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
    readmore read-more print banner alert newsletters signin login contact
"""
_NOISE = frozenset(_NOISE_WORDS.split())
_SPLIT = re.compile(r"[\s_-]+")
_BODY_HINT = re.compile(r"(article|story|entry|post|content)[-_]*(body|text|content)|"
                        r"articlebody|storytext|post-?body", re.IGNORECASE)
_CREDIT_CLASS = re.compile(r"credit|copyright|source|photographer|byline|attribution",
                           re.IGNORECASE)
_CREDIT_TEXT = re.compile(
    r"(?:(?:(?<=[.!?])\s+|\s*[(\[]\s*|^)(?i:photo(?:graph)?|image|picture|credit|foto)s?\s*(?i:by|:)\s*"
    r"(?P<a>[^()\[\]]{2,80}?)[)\]]?\s*$)|(?:\s+(?P<b>[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.'-]+){0,3}"
    r"\s*/\s*(?:[A-Z][A-Za-z]+(?: [A-Z][a-z]+)?|AFP|AP|EPA|REUTERS|Getty Images))\s*$)|"
    r"(?:\s+(?P<c>(?:REUTERS|AFP|AP|EPA|KYODO|YONHAP|XINHUA)/[^.]{2,60}?)\s*$)")
_LEAD_LINK = re.compile(r"^(related|read more|read also|also read|see also|more|watch|listen|"
                        r"recommended|further reading|more on this)\s*[:>»|-]", re.IGNORECASE)
_BYLINE = re.compile(r"^(by|written by|words by)\s+\S", re.IGNORECASE)
AGENCY_CASE = {"REUTERS": "Reuters", "KYODO": "Kyodo", "YONHAP": "Yonhap", "XINHUA": "Xinhua"}


@dataclass(frozen=True)
class Body:
    markdown: str
    image: DraftImage | None
    paragraphs: int
    words: int


def _tokens(tag: Tag) -> set[str]:
    names = " ".join([*(tag.get("class") or []), str(tag.get("id") or "")]).lower()
    return {t for t in _SPLIT.split(names) if t} | ({names.strip()} if names.strip() else set())


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
    return bool(_tokens(tag) & _NOISE) and tag.name not in ("article",)


def _text_length(tag: Tag) -> int:
    return sum(len(p.get_text(" ", strip=True)) for p in tag.find_all("p"))


def strip_noise(root: Tag) -> None:
    """Remove scripts, navigation, share and subscribe blocks, asides, footers, banners:
    never a block that holds most of the page's paragraph text."""
    for comment in root.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in root.find_all(_DROP_TAGS):
        if not tag.decomposed:
            tag.decompose()
    paragraphs_from_breaks(root)
    total = max(_text_length(root), 1)
    for tag in root.find_all(True):
        if tag.decomposed or tag.parent is None:
            continue
        if _is_noise(tag) and _text_length(tag) < 0.5 * total:
            tag.decompose()


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
            if isinstance(child, Tag) and child.name not in _INLINE:
                groups.append([child])
                groups.append([])
                continue
            groups[-1].append(child)
        for child in children:
            child.extract()
        for group in groups:
            if not group:
                continue
            if len(group) == 1 and isinstance(group[0], Tag) and group[0].name not in _INLINE:
                block.append(group[0])
                continue
            if not "".join(g.get_text() if isinstance(g, Tag) else str(g) for g in group).strip():
                continue
            paragraph = BeautifulSoup("<p></p>", "html.parser").p
            assert paragraph is not None
            for node in group:
                paragraph.append(node)
            block.append(paragraph)


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
    declared = [t for t in declared if _text_length(t) > 200]
    if declared:
        return max(declared, key=_text_length)
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


def _prose(tag: Tag) -> _Prose:
    chars = links = blocks = 0
    for block in tag.find_all(["p", "li"]):
        if block.find_parent(["p", "li"]) is not None and block.find_parent(["p", "li"]) in \
                tag.find_all(["p", "li"]):
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


def _escape(text: str) -> str:
    text = re.sub(r"([\\`*_\[\]])", r"\\\1", text)
    return text.replace("<", "&lt;")


def _absolute(url: str, base: str) -> str:
    url = url.strip()
    if not url or url.startswith(("javascript:", "data:")):
        return ""
    if url.startswith("#"):
        return ""
    joined = urljoin(base, url) if base else url
    if not joined.startswith(("http://", "https://", "mailto:")):
        return ""   # a saved page's own files, or the outlet's paths with no address known
    return joined.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def _image_src(img: Tag, base: str) -> str:
    for key in ("src", "data-src", "data-original", "data-lazy-src"):
        value = str(img.get(key) or "")
        if value and not value.startswith("data:"):
            return _absolute(value, base)
    srcset = str(img.get("srcset") or img.get("data-srcset") or "")
    return _absolute(srcset.split(",")[0].split()[0], base) if srcset.strip() else ""


def _inline(node: Tag | NavigableString, base: str) -> str:
    if isinstance(node, NavigableString):
        return _escape(re.sub(r"\s+", " ", str(node)))
    if node.name == "br":
        return "\n"
    if node.name == "img":
        return ""
    inner = "".join(_inline(c, base) for c in node.children)
    if node.name == "a":
        href = _absolute(str(node.get("href") or ""), base)
        text = inner.strip()
        return f"[{text}]({href})" if href and text else inner
    if node.name in ("strong", "b") and inner.strip():
        return f"**{inner.strip()}**"
    if node.name in ("em", "i", "cite") and inner.strip():
        return f"*{inner.strip()}*"
    if node.name == "code" and inner.strip():
        return f"`{node.get_text()}`"
    return inner


def _clean_inline(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "  \n".join(line for line in lines if line)


def split_credit(caption_tag: Tag | None, text: str) -> tuple[str, str]:
    """A figure caption into (caption, credit)."""
    credit = ""
    if caption_tag is not None:
        for child in caption_tag.find_all(True):
            if _CREDIT_CLASS.search(" ".join(child.get("class") or [])) or child.name in (
                    "small", "cite"):
                credit = " ".join(child.get_text(" ").split())
                child.extract()
                text = " ".join(caption_tag.get_text(" ").split())
                break
    if not credit:
        m = _CREDIT_TEXT.search(text)
        if m:
            credit = (m.group("a") or m.group("b") or m.group("c") or "").strip()
            text = text[:m.start()].rstrip(" ,;-–—(")
    credit = re.sub(r"^(photo(graph)?|image|picture|credit)s?\s*(by|:)\s*", "", credit,
                    flags=re.IGNORECASE).strip(" ()[]")
    agency = re.match(r"^(REUTERS|KYODO|YONHAP|XINHUA|AFP|AP|EPA)/(.+)$", credit)
    if agency:   # REUTERS/Name -> Name/Reuters, as the wire reader writes it
        credit = f"{agency.group(2).strip()}/{AGENCY_CASE.get(agency.group(1), agency.group(1))}"
    return text.strip(), credit


def _figure(tag: Tag, base: str) -> DraftImage | None:
    img = tag.find(["img", "amp-img"]) if tag.name not in ("img", "amp-img") else tag
    caption_tag = tag.find("figcaption") if tag.name != "img" else None
    text = " ".join(caption_tag.get_text(" ").split()) if isinstance(caption_tag, Tag) else ""
    caption, credit = split_credit(caption_tag if isinstance(caption_tag, Tag) else None, text)
    src = _image_src(img, base) if isinstance(img, Tag) else ""
    alt = " ".join(str(img.get("alt") or "").split()) if isinstance(img, Tag) else ""
    if not src and not caption and not credit:
        return None
    return DraftImage(src=src, alt=alt or caption[:120], caption=caption, credit=credit)


class _Writer:
    def __init__(self, base: str, title: str, authors: tuple[str, ...]) -> None:
        self.base = base
        self.title = " ".join(title.lower().split())
        self.authors = [a.lower() for a in authors]
        self.blocks: list[str] = []
        self.lead: DraftImage | None = None
        self.paragraphs = 0

    def keep_paragraph(self, text: str, tag: Tag) -> bool:
        plain = " ".join(tag.get_text(" ").split())
        if not plain or is_furniture(plain):
            return False
        low = plain.lower()
        if low == self.title:
            return False
        if _BYLINE.match(plain) and len(plain) < 120:
            return False
        if self.authors and len(plain) < 120 and any(a in low for a in self.authors) \
                and len(plain.split()) <= 3 + 3 * len(self.authors):
            return False
        links = "".join(a.get_text(" ") for a in tag.find_all("a"))
        link_share = len(" ".join(links.split())) / max(len(plain), 1)
        if _LEAD_LINK.match(plain) and link_share > 0.4:
            return False
        return not (link_share > 0.9 and len(plain) < 160)

    def figure(self, tag: Tag) -> None:
        found = _figure(tag, self.base)
        if found is None:
            return
        if self.lead is None and self.paragraphs == 0:
            self.lead = found
            return
        if found.src:
            self.blocks.append(f"![{_escape(found.alt)}]({found.src})")
        caption = " ".join(x for x in (found.caption, f"({found.credit})" if found.credit
                                       else "") if x)
        if caption:
            self.blocks.append(f"*{_escape(caption)}*")

    def caption(self, tag: Tag) -> bool:
        """A paragraph marked as a caption, right after a picture: that picture's."""
        if not any("caption" in c or "credit" in c for c in tag.get("class") or []):
            return False
        text = " ".join(tag.get_text(" ").split())
        caption, credit = split_credit(None, text)
        if self.lead is not None and self.paragraphs == 0 and not self.lead.caption:
            self.lead = DraftImage(self.lead.src, self.lead.alt, caption, credit)
            return True
        if self.blocks and self.blocks[-1].startswith("!["):
            self.blocks.append(f"*{_escape(caption)}{f' ({_escape(credit)})' if credit else ''}*")
            return True
        return False

    def block(self, tag: Tag, depth: int = 0) -> None:
        name = tag.name
        if name == "p" and self.caption(tag):
            return
        if name in ("figure", "picture"):
            self.figure(tag)
        elif name in ("img", "amp-img"):
            if tag.get("width") in ("1", "0") or not _image_src(tag, self.base):
                return
            self.figure(tag)
        elif name in ("h1", "h2", "h3", "h4", "h5", "h6"):
            text = _clean_inline(_inline(tag, self.base)).replace("  \n", " ")
            plain = " ".join(tag.get_text(" ").split())
            if not text or plain.lower() == self.title or is_furniture(plain):
                return
            level = {"h1": 2, "h2": 2, "h3": 3}.get(name, 4)
            self.blocks.append(f"{'#' * level} {text}")
        elif name == "p":
            text = _clean_inline(_inline(tag, self.base))
            for figure in tag.find_all(["figure", "img"]):
                self.block(figure)
            if text and self.keep_paragraph(text, tag):
                self.blocks.append(re.sub(r"^(\d+)([.)])(\s)", r"\1\\\2\3",
                                          re.sub(r"^([#>+-])", r"\\\1", text)))
                self.paragraphs += 1
        elif name in ("ul", "ol"):
            items = []
            for index, item in enumerate(tag.find_all("li", recursive=False), 1):
                text = _clean_inline(_inline(item, self.base)).replace("  \n", " ")
                if text and not is_furniture(item.get_text(" ")):
                    marker = f"{index}." if name == "ol" else "-"
                    items.append(f"{marker} {text}")
            if items and not all(self._only_link(li) for li in tag.find_all("li")):
                self.blocks.append("\n".join(items))
                self.paragraphs += 1
        elif name == "blockquote":
            inner = _Writer(self.base, "", ())
            inner.walk(tag)
            if not inner.blocks:
                text = _clean_inline(_inline(tag, self.base))
                inner.blocks = [text] if text else []
            if inner.blocks:
                quoted = "\n>\n".join("\n".join(f"> {line}" for line in b.split("\n"))
                                      for b in inner.blocks)
                self.blocks.append(quoted)
                self.paragraphs += 1
        elif name == "pre":
            code = tag.get_text()
            self.blocks.append(f"```\n{code.rstrip()}\n```")
        elif name == "table":
            table = _table(tag, self.base)
            if table is None:
                self.walk(tag, depth + 1)   # a layout table: its cells hold the page
            elif table:
                self.blocks.extend(table)
        elif name in ("hr", "time", "address"):
            return
        else:
            self.walk(tag, depth + 1)

    @staticmethod
    def _only_link(item: Tag) -> bool:
        links = " ".join(a.get_text(" ", strip=True) for a in item.find_all("a"))
        return len(links) >= 0.9 * len(item.get_text(" ", strip=True))

    def walk(self, tag: Tag, depth: int = 0) -> None:
        loose: list[Tag | NavigableString] = []
        for child in list(tag.children):
            if isinstance(child, Tag) and child.name not in _INLINE:
                self._loose(loose)
                self.block(child, depth)
            elif isinstance(child, NavigableString | Tag):
                loose.append(child)
        self._loose(loose)

    def _loose(self, nodes: list[Tag | NavigableString]) -> None:
        """Text directly inside a <div> (old pages) is a paragraph too."""
        if not nodes:
            return
        holder = BeautifulSoup("<p></p>", "html.parser").p
        assert holder is not None
        for node in nodes:
            holder.append(node.extract() if isinstance(node, Tag) else NavigableString(str(node)))
        nodes.clear()
        if holder.get_text(strip=True):
            self.block(holder)


def _cell(cell: Tag, base: str) -> str:
    return _clean_inline(_inline(cell, base)).replace("  \n", " ").replace("|", "\\|")


def _table(table: Tag, base: str) -> list[str] | None:
    """A data table as Markdown (its caption a paragraph above it); None for a layout
    table (cells holding paragraphs, lists, images or other tables)."""
    if table.find(["p", "div", "table", "ul", "ol", "img", "h1", "h2", "h3"]):
        return None
    rows = [row for row in table.find_all("tr") if row.find_parent("table") is table]
    cells = [[_cell(c, base) for c in row.find_all(["th", "td"])] for row in rows]
    cells = [r for r in cells if any(r)]
    if len(cells) < 2:
        return None
    width = max(len(r) for r in cells)
    cells = [r + [""] * (width - len(r)) for r in cells]
    lines = ["| " + " | ".join(cells[0]) + " |", "|" + " --- |" * width]
    lines += ["| " + " | ".join(r) + " |" for r in cells[1:]]
    caption = table.find("caption")
    above = [_cell(caption, base)] if isinstance(caption, Tag) and caption.get_text(strip=True) \
        else []
    return [*above, "\n".join(lines)]


_INLINE = frozenset({"a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "dfn", "em",
                     "i", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub",
                     "sup", "u", "var", "wbr", "font", "del", "ins", "label"})


def lead_figure(root: Tag, container: Tag, base: str) -> DraftImage | None:
    """A figure that stands before the article text, outside its body element (in the
    article's header)."""
    scope = container.find_parent(["article", "main"]) or container.parent
    if not isinstance(scope, Tag):
        return None
    order = {id(tag): index for index, tag in enumerate(scope.find_all(True))}
    first_text = container.find("p")
    for figure in scope.find_all("figure"):
        if container in figure.parents or figure in container.parents:
            continue
        if first_text is not None and order[id(figure)] > order.get(id(first_text), 0):
            continue
        return _figure(figure, base)
    return None


def extract_body(container: Tag, base: str, title: str,
                 authors: tuple[str, ...]) -> Body:
    writer = _Writer(base, title, authors)
    writer.walk(container)
    markdown = "\n\n".join(writer.blocks)
    return Body(markdown + "\n" if markdown else "", writer.lead, writer.paragraphs,
                word_count(markdown))
