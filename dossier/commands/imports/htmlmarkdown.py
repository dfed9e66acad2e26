"""The article block of a page written as Markdown: paragraphs, sub-headings, lists,
block quotes, data tables, links and figures; bylines, teasers and furniture inside it
dropped."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, NavigableString, Tag

from dossier.commands.imports.draft import DraftImage, word_count
from dossier.commands.imports.furniture import is_furniture
from dossier.commands.imports.htmlclean import INLINE
from dossier.commands.imports.htmlfigures import (
    absolute_url,
    image_src,
    read_figure,
    split_credit,
)

_LEAD_LINK = re.compile(r"^(related|read more|read also|also read|see also|more|watch|listen|"
                        r"recommended|further reading|more on this)\s*[:>»|-]", re.IGNORECASE)


_LABEL = re.compile(r"^[^\W\d][^:.!?\"“]{1,28}:\s")


_BYLINE = re.compile(r"^(by|written by|words by)\s+\S", re.IGNORECASE)


@dataclass(frozen=True)
class Body:
    markdown: str
    image: DraftImage | None
    paragraphs: int
    words: int


def escape_markdown(text: str) -> str:
    text = re.sub(r"([\\`*_\[\]])", r"\\\1", text)
    return text.replace("<", "&lt;")


def _inline(node: Tag | NavigableString, base: str) -> str:
    if isinstance(node, NavigableString):
        return escape_markdown(re.sub(r"\s+", " ", str(node)))
    if node.name == "br":
        return "\n"
    if node.name == "img":
        return ""
    inner = "".join(_inline(c, base) for c in node.children)
    if node.name == "a":
        href = absolute_url(str(node.get("href") or ""), base)
        text = inner.strip()
        return f"[{text}]({href})" if href and text else inner
    if node.name in ("strong", "b") and inner.strip():
        return f"**{inner.strip()}**"
    if node.name in ("em", "i", "cite") and inner.strip():
        return f"*{inner.strip()}*"
    if node.name == "code" and inner.strip():
        return f"`{node.get_text()}`"
    return inner


def _plain_line(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", re.sub(r"\]\([^)]*\)|[*_\[]", "", markdown))


def _clean_inline(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "  \n".join(line for line in lines if line)


_BLOCKS = ["p", "div", "ul", "ol", "table", "blockquote", "figure", "h2", "h3", "h4"]


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
        # a label and a link to another story, in any language ("Lesen Sie auch: ...")
        label = _LABEL.match(plain)
        if label and len(" ".join(links.split())) >= 0.8 * len(plain[label.end():].strip()):
            return False
        return not (link_share > 0.9 and len(plain) < 160)

    def _furniture_line(self, line: str) -> bool:
        plain = " ".join(line.split())
        return is_furniture(plain) or plain.lower() == self.title or bool(
            _BYLINE.match(plain) and len(plain) < 120)

    def figure(self, tag: Tag) -> None:
        found = read_figure(tag, self.base)
        if found is None:
            return
        if self.lead is None and self.paragraphs == 0:
            self.lead = found
            return
        if found.src:
            self.blocks.append(f"![{escape_markdown(found.alt)}]({found.src})")
        caption = " ".join(x for x in (found.caption, f"({found.credit})" if found.credit
                                       else "") if x)
        if caption:
            self.blocks.append(f"*{escape_markdown(caption)}*")

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
            credited = f" ({escape_markdown(credit)})" if credit else ""
            self.blocks.append(f"*{escape_markdown(caption)}{credited}*")
            return True
        return False

    def block(self, tag: Tag, depth: int = 0) -> None:
        name = tag.name
        if name == "p" and self.caption(tag):
            return
        if name in ("figure", "picture"):
            self.figure(tag)
        elif name in ("img", "amp-img"):
            if tag.get("width") in ("1", "0") or not image_src(tag, self.base):
                return
            self.figure(tag)
        elif name in ("h1", "h2", "h3", "h4", "h5", "h6"):
            text = _clean_inline(_inline(tag, self.base)).replace("  \n", " ")
            plain = " ".join(tag.get_text(" ").split())
            if not text or plain.lower() == self.title or is_furniture(plain):
                return
            level = {"h1": 2, "h2": 2, "h3": 3}.get(name, 4)
            self.blocks.append(f"{'#' * level} {text}")
        elif name == "p" and tag.find(_BLOCKS):
            self.walk(tag, depth + 1)   # paragraphs inside one, as old pages nest them
        elif name == "p":
            text = _clean_inline(_inline(tag, self.base))
            if "  \n" in text:   # lines broken by <br>: headline, byline, furniture dropped
                text = "  \n".join(line for line in text.split("  \n")
                                   if not self._furniture_line(_plain_line(line)))
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
            if isinstance(child, Tag) and child.name in INLINE and child.find(_BLOCKS):
                self._loose(loose)   # an old page's <font> around its paragraphs
                self.walk(child, depth + 1)
            elif isinstance(child, Tag) and child.name not in INLINE:
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


def extract_body(container: Tag, base: str, title: str,
                 authors: tuple[str, ...]) -> Body:
    writer = _Writer(base, title, authors)
    writer.walk(container)
    markdown = "\n\n".join(writer.blocks)
    return Body(markdown + "\n" if markdown else "", writer.lead, writer.paragraphs,
                word_count(markdown))
