"""A parsed Markdown body in the form linking needs: rendered HTML with the text that
may hold mentions cut out as runs.

Parsing does not know the entity registry. It renders the body once, with each run
of plain prose (text outside links, code and headings) replaced by a marker, and
keeps the runs' text, lines and sentences. Linking later scans only the runs and
puts the rendered HTML back together with entity links in them (see
:mod:`dossier.linking.mentions`). An entity edit therefore re-links articles without
parsing them again, and the parsed body can be cached on disk by content hash.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, NamedTuple

from markdown_it import MarkdownIt
from markdown_it.token import Token

from dossier.content.markdown import (
    excerpt_tokens,
    first_paragraph_text,
    parse,
    plain_text,
    rebase_urls,
    render,
)

_MARK = "\x00"          # parse() turns every NUL of the input into U+FFFD: never in text

_A_OPEN = re.compile(r"<a[\s>]", re.IGNORECASE)
_A_CLOSE = re.compile(r"</a\s*>", re.IGNORECASE)
_CODE_OPEN = re.compile(r"<(code|pre|kbd|samp|script|style)[\s>]", re.IGNORECASE)
_CODE_CLOSE = re.compile(r"</(code|pre|kbd|samp|script|style)\s*>", re.IGNORECASE)


class Run(NamedTuple):
    """Prose that may hold mentions: ``blocks[block][offset:offset + length]``."""

    block: int
    offset: int
    length: int
    line: int            # file line (1-based) where the run starts


@dataclass(frozen=True)
class Body:
    """``html`` and ``excerpt`` alternate fixed HTML (even places) and run numbers
    (odd places). ``blocks`` are the plain text of each paragraph-like block that
    holds runs, soft line breaks as "\\n" (the sentence around a mention)."""

    html: tuple[str | int, ...]
    excerpt: tuple[str | int, ...]
    runs: tuple[Run, ...]
    blocks: tuple[str, ...]
    text: str              # plain text without code: keywords and search
    excerpt_text: str      # plain text of the excerpt
    first_paragraph: str   # plain text of the first paragraph (the default summary)

    def run_text(self, index: int) -> str:
        block, offset, length, _ = self.runs[index]
        return self.blocks[block][offset:offset + length]


def parse_body(md: MarkdownIt, source: str, base_path: str, line_offset: int) -> Body:
    """Parse and render a Markdown body; ``line_offset``: the file line where it starts
    (0-based), so that runs know their lines in the file."""
    env: dict[str, Any] = {}
    tokens = parse(md, source, env)
    rebase_urls(tokens, base_path)
    # read before the runs are cut out (the excerpt's tokens are rendered after:
    # they are the same tokens)
    first_paragraph = first_paragraph_text(tokens)
    excerpt = excerpt_tokens(tokens)
    excerpt_text = plain_text(excerpt)
    runs: list[Run] = []
    blocks: list[str] = []
    text_parts: list[str] = []
    in_heading = False
    for token in tokens:
        if token.type == "heading_open":
            in_heading = True
        elif token.type == "heading_close":
            in_heading = False
        elif token.type == "inline" and token.children is not None:
            first_line = (token.map[0] if token.map else 0) + line_offset + 1
            token.children = _cut_runs(token.children, first_line, not in_heading, runs,
                                       blocks, text_parts)
    return Body(
        html=_pieces(render(md, tokens, env)),
        excerpt=_pieces(render(md, excerpt, {})) if excerpt else (),
        runs=tuple(runs), blocks=tuple(blocks), text=" ".join(text_parts),
        excerpt_text=excerpt_text, first_paragraph=first_paragraph)


def _pieces(html: str) -> tuple[str | int, ...]:
    parts: list[str | int] = html.split(_MARK)
    for index in range(1, len(parts), 2):
        parts[index] = int(parts[index])
    return tuple(parts)


def _marker(index: int) -> Token:
    return Token("html_inline", "", 0, content=f"{_MARK}{index}{_MARK}")


def _cut_runs(children: list[Token], line: int, scan: bool, runs: list[Run],
              blocks: list[str], text_parts: list[str]) -> list[Token]:
    """One inline block: runs of text and soft breaks outside links and raw code become
    markers; the block's plain text is kept for the sentences around mentions."""
    out: list[Token] = []
    paragraph: list[str] = []
    size = 0                      # characters in paragraph so far
    pending: list[tuple[int, int, int]] = []   # offset, length, line of this block's runs
    run: list[Token] = []
    link_depth = code_depth = 0
    line_now = line

    def flush() -> None:
        nonlocal line_now, size
        if not run:
            return
        joined = "".join("\n" if t.type == "softbreak" else t.content for t in run)
        text_parts.append(joined)
        if scan:
            pending.append((size, len(joined), line_now))
            out.append(_marker(len(runs) + len(pending) - 1))
        else:
            out.extend(run)
        paragraph.append(joined)
        size += len(joined)
        line_now += joined.count("\n")
        run.clear()

    def add(text: str) -> None:
        nonlocal size
        paragraph.append(text)
        size += len(text)

    for child in children:
        kind = child.type
        if kind in ("text", "softbreak") and link_depth == 0 and code_depth == 0:
            run.append(child)
            continue
        flush()
        out.append(child)
        if kind == "link_open":
            link_depth += 1
        elif kind == "link_close":
            link_depth = max(0, link_depth - 1)
        elif kind == "html_inline":
            content = child.content
            if _A_OPEN.match(content):
                link_depth += 1
            elif _A_CLOSE.match(content):
                link_depth = max(0, link_depth - 1)
            elif _CODE_OPEN.match(content):
                code_depth += 1
            elif _CODE_CLOSE.match(content):
                code_depth = max(0, code_depth - 1)
        elif kind == "text":   # inside a link or raw code: text, but no mentions
            add(child.content)
            if code_depth == 0:
                text_parts.append(child.content)
        elif kind == "code_inline":
            add(child.content)
        elif kind in ("softbreak", "hardbreak"):
            add(" ")
            line_now += 1
    flush()
    if pending:
        block = len(blocks)
        blocks.append("".join(paragraph))
        runs.extend(Run(block, offset, length, at) for offset, length, at in pending)
    return out
