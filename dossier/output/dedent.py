"""A Jinja2 extension that takes the indentation out of templates as they load, so
pages do not carry it (it is there for whoever edits the template, not for readers).

Only template source is changed, never what it renders: text inserted at render
time (an article's body with its code blocks) is untouched. Inside ``<pre>`` and
``<textarea>`` in a template, where white space is content, lines are kept as they
are. Leading white space is never meaningful elsewhere in HTML: the line break
before it still separates words."""

from __future__ import annotations

import re

from jinja2.ext import Extension

_OPEN = re.compile(r"<(pre|textarea)[\s>]", re.IGNORECASE)


def dedent(source: str) -> str:
    """Every line without its leading spaces and tabs, but for those inside
    ``<pre>``/``<textarea>`` (the line that opens one is dedented before it)."""
    out: list[str] = []
    closing: str | None = None         # "</pre>" while inside one
    for line in source.splitlines(keepends=True):
        if closing is None:
            line = line.lstrip(" \t")
        rest = line
        while rest:
            if closing is None:
                found = _OPEN.search(rest)
                if found is None:
                    break
                closing = f"</{found.group(1).lower()}>"
                rest = rest[found.end():]
            else:
                end = rest.lower().find(closing)
                if end < 0:
                    break
                rest = rest[end + len(closing):]
                closing = None
        out.append(line)
    return "".join(out)


class DedentExtension(Extension):
    """``preprocess``: the template's source, dedented (see :func:`dedent`)."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return dedent(source)
