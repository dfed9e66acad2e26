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
