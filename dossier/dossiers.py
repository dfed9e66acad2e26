"""Dossier membership: explicit `dossiers:`, `match:` rules, minus `exclude:`."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from dossier.model import Article, Dossier, Membership
from dossier.slugs import slugify

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‛": "'", "′": "'", "`": "'",
                         "“": '"', "”": '"', "„": '"', "″": '"', "«": '"', "»": '"'})
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Case-folded, quotes and apostrophes straightened, white space collapsed."""
    return _SPACE.sub(" ", text.translate(_QUOTES)).casefold()


@dataclass(frozen=True)
class KeywordMatcher:
    """Finds dossier keywords as whole words, case-insensitively."""

    patterns: tuple[tuple[str, re.Pattern[str]], ...]

    @classmethod
    def from_dossiers(cls, dossiers: Iterable[Dossier]) -> KeywordMatcher:
        keywords = sorted({normalise(k).strip() for d in dossiers for k in d.match.keywords})
        return cls(tuple(
            (k, re.compile(r"(?<!\w)" + re.escape(k) + r"(?!\w)")) for k in keywords if k))

    def find(self, text: str) -> frozenset[str]:
        if not self.patterns:
            return frozenset()
        folded = normalise(text)
        return frozenset(k for k, pattern in self.patterns
                         if k in folded and pattern.search(folded))


def tag_key(tag: str) -> str:
    return slugify(tag)


def membership(article: Article, dossier: Dossier, entities: frozenset[str]) -> Membership | None:
    """Why ``article`` is in ``dossier``, or None. ``entities``: the article's entities
    (mentioned, or named in its `entities:`)."""
    if article.slug in dossier.exclude:
        return None
    reasons: list[str] = []
    if dossier.slug in article.dossiers:
        reasons.append(f"named in dossiers: (line {article.line('dossiers')})")
    first_line = {m.entity: m.line for m in reversed(article.mentions)}
    for slug in dossier.match.entities:
        if slug in entities:
            if slug in first_line:
                reasons.append(f"match.entities: mentions {slug} (line {first_line[slug]})")
            else:
                reasons.append(f"match.entities: names {slug} in entities:")
    article_tags = {tag_key(t) for t in article.tags}
    for tag in dossier.match.tags:
        if tag_key(tag) in article_tags:
            reasons.append(f"match.tags: tagged {tag}")
    for keyword in dossier.match.keywords:
        if normalise(keyword).strip() in article.keywords:
            reasons.append(f"match.keywords: contains “{keyword}”")
    return Membership(dossier.slug, tuple(reasons)) if reasons else None
