"""Is this article already in the site? The same source address, or, without one,
the same title on the same day."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from dossier.linking.membership import normalise

_TRACKING = ("utm_", "fbclid", "gclid", "ocid", "cmpid", "smid", "ref")


def url_key(url: str) -> str:
    """An address without what differs between copies of one page: the scheme, a
    leading www., the fragment, tracking parameters and a trailing slash."""
    parts = urlsplit(url.strip())
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query)
                       if not k.lower().startswith(_TRACKING)])
    host = (parts.hostname or "").removeprefix("www.")
    return urlunsplit(("", host, parts.path.rstrip("/"), query, ""))


def title_key(title: str, day: date) -> str:
    return f"{day.isoformat()} {' '.join(normalise(title).split())}"


@dataclass
class Known:
    """The site's articles by address and by title and day (grown as a batch imports)."""

    by_url: dict[str, str] = field(default_factory=dict)
    by_title: dict[str, tuple[str, bool]] = field(default_factory=dict)  # path, has an address
    slugs: set[str] = field(default_factory=set)

    def add(self, path: str, slug: str, title: str, day: date, url: str | None) -> None:
        if url:
            self.by_url.setdefault(url_key(url), path)
        self.by_title.setdefault(title_key(title, day), (path, bool(url)))
        self.slugs.add(slug)

    def find(self, title: str, day: date, url: str | None) -> str | None:
        if url and url_key(url) in self.by_url:
            return self.by_url[url_key(url)]
        path, has_url = self.by_title.get(title_key(title, day), ("", False))
        # two addresses that differ are two pages, even under one headline
        return path if path and not (url and has_url) else None

    def free_slug(self, slug: str) -> str:
        """``slug``, or ``slug-2``, ``slug-3``… when another article has it."""
        candidate, number = slug, 2
        while candidate in self.slugs:
            candidate, number = f"{slug}-{number}", number + 1
        return candidate
