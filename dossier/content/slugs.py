"""Slugs: lowercase ASCII letters, digits and hyphens."""

from __future__ import annotations

import hashlib
import re

from anyascii import anyascii

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")


def is_slug(text: str) -> bool:
    return bool(_SLUG.match(text))


def slugify(text: str) -> str:
    """Transliterate to ASCII (anyascii: maintained tables for every script), then
    keep letters and digits; fall back to a short stable hash."""
    ascii_text = anyascii(text).lower().replace("'", "")
    slug = _NON_ALNUM.sub("-", ascii_text).strip("-")
    if slug:
        return slug[:80].rstrip("-")
    return "h-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def slug_from_filename(stem: str) -> str:
    """Article slugs default to the file name without a leading YYYY-MM-DD-."""
    stem = _DATE_PREFIX.sub("", stem)
    return stem if is_slug(stem) else slugify(stem)


RESERVED_PAGE_SLUGS = frozenset({
    "articles", "dossiers", "entities", "tags", "search", "assets", "pagefind", "page",
    "feed.xml", "sitemap.xml", "robots.txt", "404", "404.html", "index", "index.html",
    "CNAME", ".nojekyll"})


def first_segment(path: str) -> str:
    """``/2017/01/old.html`` -> ``2017``."""
    return path.strip("/").split("/")[0]


_PATH_SEGMENT = re.compile(r"^[A-Za-z0-9._~%!$&'()*+,;=:@-]+$")


def redirect_alias(value: str) -> str | None:
    """An article's old address as given in ``aliases:``, normalised: a slug (the old
    ``/articles/<slug>/``), or a site path starting with ``/`` (``/2017/01/old.html``;
    a path whose last part has no file extension gets a trailing slash). None when it
    is neither, or when it would leave the site (``..``) or be the home page."""
    value = value.strip()
    if is_slug(value):
        return value
    if not value.startswith("/") or value.startswith("//"):
        return None
    parts = value.strip("/").split("/")
    if not value.strip("/") or any(p in ("", ".", "..") or not _PATH_SEGMENT.match(p)
                                   for p in parts):
        return None
    if len(parts) == 2 and parts[0] == "articles" and is_slug(parts[1]):
        return parts[1]
    if value.endswith("/") or "." not in parts[-1]:
        return "/" + "/".join(parts) + "/"
    return "/" + "/".join(parts)
