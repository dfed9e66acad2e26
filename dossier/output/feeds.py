"""Atom feeds and robots.txt: plain XML written with escaping, no templates."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from xml.sax.saxutils import escape, quoteattr

from dossier.site.facts import Facts
from dossier.site.urls import SITEMAP, absolute, article_url
from dossier.site.viewmodel import full_text

FEED_ENTRIES = 30


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def atom(facts: Facts, title: str, path: str, page_path: str, slugs: Sequence[str],
         with_content: bool) -> bytes:
    """``slugs``: the newest articles first (the first FEED_ENTRIES are used)."""
    config = facts.config
    base_url = config.base_url
    feed_url = absolute(base_url, path)
    page_url = absolute(base_url, page_path)
    entries = [facts.article(slug) for slug in slugs[:FEED_ENTRIES]]
    newest = max((a.updated or a.date for a in entries), default=None)
    updated = _iso(newest) if newest else "1970-01-01T00:00:00Z"
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(config.language)}>\n',
        f"<title>{escape(title)}</title>\n",
        f"<id>{escape(feed_url)}</id>\n",
        f'<link rel="self" type="application/atom+xml" href={quoteattr(feed_url)}/>\n',
        f'<link rel="alternate" type="text/html" href={quoteattr(page_url)}/>\n',
        f"<updated>{updated}</updated>\n",
        f"<author><name>{escape(config.title)}</name></author>\n",
        '<generator uri="https://pypi.org/project/dossier/">dossier</generator>\n',
    ]
    for article in entries:
        url = absolute(base_url, article_url(article.slug))
        parts.append("<entry>\n")
        parts.append(f"<title>{escape(article.title)}</title>\n")
        parts.append(f'<link rel="alternate" type="text/html" href={quoteattr(url)}/>\n')
        parts.append(f"<id>{escape(url)}</id>\n")
        parts.append(f"<published>{_iso(article.date)}</published>\n")
        parts.append(f"<updated>{_iso(article.updated or article.date)}</updated>\n")
        for author in article.authors:
            parts.append(f"<author><name>{escape(author)}</name></author>\n")
        if article.summary:
            parts.append(f"<summary>{escape(article.summary)}</summary>\n")
        if with_content and full_text(config, article):
            parts.append(f'<content type="html">{escape(article.body_html)}</content>\n')
        for tag in article.tags:
            parts.append(f"<category term={quoteattr(tag)}/>\n")
        parts.append("</entry>\n")
    parts.append("</feed>\n")
    return "".join(parts).encode("utf-8")


def robots(base_url: str) -> bytes:
    return f"User-agent: *\nAllow: /\n\nSitemap: {absolute(base_url, SITEMAP)}\n".encode()
