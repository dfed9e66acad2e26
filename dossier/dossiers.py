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


_APOSTROPHES = "['‘’‛′`]"
_DOUBLE_QUOTES = '["“”„″«»]'
_WORDS = re.compile(r"\w+")


def _keyword_pattern(keyword: str) -> re.Pattern[str]:
    """Whole words, any case, any quote style, any white space between words."""
    parts = []
    for ch in keyword:
        if ch == "'":
            parts.append(_APOSTROPHES)
        elif ch == '"':
            parts.append(_DOUBLE_QUOTES)
        elif ch == " ":
            parts.append(r"\s+")
        else:
            parts.append(re.escape(ch))
    return re.compile(r"(?<!\w)" + "".join(parts) + r"(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class KeywordMatcher:
    """Finds dossier keywords as whole words, case-insensitively, with straight and
    curly quotes alike. Each keyword's longest word is looked for first (a plain
    substring test), so the regular expression runs only where it may match."""

    patterns: tuple[tuple[str, str, re.Pattern[str]], ...]

    @classmethod
    def from_dossiers(cls, dossiers: Iterable[Dossier]) -> KeywordMatcher:
        keywords = sorted({normalise(k).strip() for d in dossiers for k in d.match.keywords})
        return cls(tuple((k, max(_WORDS.findall(k) or [""], key=len), _keyword_pattern(k))
                         for k in keywords if k))

    def find(self, text: str) -> frozenset[str]:
        if not self.patterns:
            return frozenset()
        low = text.lower()
        return frozenset(k for k, anchor, pattern in self.patterns
                         if anchor in low and pattern.search(text))


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
