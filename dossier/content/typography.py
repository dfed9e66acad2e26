"""Typography for plain text shown beside a body: titles, summaries, captions.

A body is typeset by markdown-it's typographer (curly quotes and apostrophes,
``--`` and ``---`` as dashes, ``...`` as an ellipsis). A title or a summary written in
front matter is plain text, not Markdown, so it is not parsed: its text alone goes
through the same two rules of the same Markdown instance, and reads as the body does.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import replace, smartquotes
from markdown_it.rules_core.state_core import StateCore
from markdown_it.token import Token

# a text without any of these is left as it is (both rules look for them first)
_TOUCHED = frozenset("'\"-.+!?()")


def typeset(text: str, md: MarkdownIt) -> str:
    """``text`` with the typographer's replacements and smart quotes, as in a body
    rendered by ``md`` (its ``quotes`` option decides the quote marks)."""
    if not text or _TOUCHED.isdisjoint(text):
        return text
    child = Token("text", "", 0)
    child.content = text
    inline = Token("inline", "", 0)
    inline.content = text
    inline.children = [child]
    state = StateCore(text, md, {}, [inline])
    replace(state)
    smartquotes(state)
    return "".join(c.content for c in inline.children)
