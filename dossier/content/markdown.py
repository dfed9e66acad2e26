"""Markdown through markdown-it-py: CommonMark + tables, footnotes, heading anchors,
typographic quotes; raw HTML kept (curators paste embeds)."""

from __future__ import annotations

import re
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin

from dossier.content.slugs import slugify

# ids the theme uses itself: a heading must not take them
RESERVED_IDS = frozenset({"main", "content", "search", "site-header", "site-footer", "top"})
EXCERPT_WORDS = 60


def _heading_id(title: str) -> str:
    slug = slugify(title)
    return f"{slug}-section" if slug in RESERVED_IDS else slug


def make_markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "typographer": True})
    md.enable(["table", "strikethrough", "replacements", "smartquotes"])
    md.use(footnote_plugin)
    md.use(anchors_plugin, min_level=2, max_level=4, slug_func=_heading_id)
    # its "normalize" rule rewrites every text with a regular expression; parse()
    # below does the same only for the rare text that needs it
    md.disable("normalize")
    md.core.ruler.before("replacements", "raw_inline_script", _raw_inline_script)
    return md


_SCRIPT_OPEN = re.compile(r"<(script|style)[\s>]", re.IGNORECASE)
_SCRIPT_CLOSE = re.compile(r"</(script|style)\s*>", re.IGNORECASE)


def _raw_inline_script(state: Any) -> None:
    """Text between an inline <script> or <style> and its end tag is code: keep it as
    raw HTML, so the typographer does not curl its quotes and it is not escaped."""
    for block in state.tokens:
        children = block.children
        if block.type != "inline" or not children or not any(
                c.type == "html_inline" and _SCRIPT_OPEN.match(c.content) for c in children):
            continue
        inside = False
        for child in children:
            if child.type == "html_inline":
                if _SCRIPT_OPEN.match(child.content):
                    inside = True
                elif _SCRIPT_CLOSE.match(child.content):
                    inside = False
            elif inside and child.type == "text":
                child.type = "html_inline"
            elif inside and child.type == "softbreak":
                child.type, child.content = "html_inline", "\n"


def parse(md: MarkdownIt, text: str, env: dict[str, Any]) -> list[Token]:
    """md.parse, with markdown-it's input normalisation done only when needed."""
    if "\r" in text or "\0" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd")
    return md.parse(text, env)


_RAW_URL = re.compile(r"""(\s(?:href|src|poster)\s*=\s*["']?)/(?!/)""", re.IGNORECASE)
_RAW_SRCSET = re.compile(r"""(\ssrcset\s*=\s*)(["'])(.*?)\2""", re.IGNORECASE | re.DOTALL)


def rebase_html(html: str, prefix: str) -> str:
    """Root-relative href/src/poster/srcset addresses in raw HTML get the base path."""
    if "/" not in html:
        return html
    html = _RAW_URL.sub(lambda m: m.group(1) + prefix + "/", html)

    def rebase_srcset(m: re.Match[str]) -> str:
        candidates = [c.strip() for c in m.group(3).split(",")]
        rebased = [prefix + c if c.startswith("/") and not c.startswith("//") else c
                   for c in candidates]
        return f"{m.group(1)}{m.group(2)}{', '.join(rebased)}{m.group(2)}"

    return _RAW_SRCSET.sub(rebase_srcset, html)


def rebase_urls(tokens: list[Token], base_path: str) -> None:
    """Root-relative links and images (``/images/x.jpg``) get the site's base path,
    in Markdown and in raw HTML (a pasted ``<img src="/images/x.jpg">``)."""
    if base_path == "/":
        return
    prefix = base_path[:-1]
    for token in tokens:
        if token.type == "html_block":
            token.content = rebase_html(token.content, prefix)
        for child in token.children or ():
            if child.type == "html_inline":
                child.content = rebase_html(child.content, prefix)
                continue
            name = "href" if child.type == "link_open" else "src" if child.type == "image" \
                else None
            if name is None:
                continue
            value = child.attrs.get(name)
            if isinstance(value, str) and value.startswith("/") and not value.startswith("//"):
                child.attrs[name] = prefix + value


def render(md: MarkdownIt, tokens: list[Token], env: dict | None = None) -> str:
    return md.renderer.render(tokens, md.options, env if env is not None else {})


def excerpt_tokens(tokens: list[Token], words: int = EXCERPT_WORDS) -> list[Token]:
    """The opening paragraphs (top-level, before any heading) up to about ``words`` words."""
    picked: list[Token] = []
    count = 0
    index = 0
    while index < len(tokens) and count < words:
        token = tokens[index]
        if token.level != 0 or token.nesting == -1:
            index += 1
            continue
        if token.type == "heading_open":
            break
        end = _block_end(tokens, index)
        if token.type == "paragraph_open":
            inline = tokens[index + 1]
            text = "".join(c.content for c in inline.children or () if c.type == "text")
            if text.strip():
                picked.extend(tokens[index:end + 1])
                count += len(text.split())
        index = end + 1
    return picked


def _block_end(tokens: list[Token], start: int) -> int:
    if tokens[start].nesting != 1:
        return start
    depth = 0
    for index in range(start, len(tokens)):
        depth += tokens[index].nesting
        if depth == 0:
            return index
    return len(tokens) - 1


def _inline_text(inline: Token) -> str:
    text = "".join(c.content if c.type in ("text", "code_inline") else " "
                   if c.type in ("softbreak", "hardbreak") else ""
                   for c in inline.children or ())
    return " ".join(text.split())


def first_paragraph_text(tokens: list[Token]) -> str:
    for index, token in enumerate(tokens):
        if token.type == "paragraph_open" and token.level == 0:
            text = _inline_text(tokens[index + 1])
            if text:
                return text
    return ""


def plain_text(tokens: list[Token]) -> str:
    """The text of every inline token, one space between blocks."""
    return " ".join(_inline_text(t) for t in tokens if t.type == "inline")
