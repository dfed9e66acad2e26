"""Atom feeds and robots.txt: plain XML written with escaping, no templates."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from xml.sax.saxutils import escape, quoteattr

from dossier.model import Site
from dossier.site.viewmodel import article_url, full_text

FEED_ENTRIES = 30


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def absolute(site: Site, path: str) -> str:
    base = site.config.base_url
    if not base.startswith(("http://", "https://")):
        base = "http://localhost" + base
    return base + path.lstrip("/")


def atom(site: Site, title: str, path: str, page_path: str, indices: Sequence[int],
         with_content: bool) -> bytes:
    feed_url = absolute(site, path)
    entries = [site.articles[i] for i in indices[:FEED_ENTRIES]]
    newest = max((a.updated or a.date for a in entries), default=None)
    updated = _iso(newest) if newest else "1970-01-01T00:00:00Z"
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(site.config.language)}>\n',
        f"<title>{escape(title)}</title>\n",
        f"<id>{escape(feed_url)}</id>\n",
        f'<link rel="self" type="application/atom+xml" href={quoteattr(feed_url)}/>\n',
        f'<link rel="alternate" type="text/html" href={quoteattr(absolute(site, page_path))}/>\n',
        f"<updated>{updated}</updated>\n",
        f"<author><name>{escape(site.config.title)}</name></author>\n",
        '<generator uri="https://pypi.org/project/dossier/">dossier</generator>\n',
    ]
    for article in entries:
        url = absolute(site, article_url(article.slug))
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
        if with_content and full_text(site, article):
            parts.append(f'<content type="html">{escape(article.body_html)}</content>\n')
        for tag in article.tags:
            parts.append(f"<category term={quoteattr(tag)}/>\n")
        parts.append("</entry>\n")
    parts.append("</feed>\n")
    return "".join(parts).encode("utf-8")


def robots(site: Site) -> bytes:
    return f"User-agent: *\nAllow: /\n\nSitemap: {absolute(site, '/sitemap.xml')}\n".encode()
