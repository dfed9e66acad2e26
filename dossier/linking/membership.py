"""Dossier membership: explicit `dossiers:`, `match:` rules, minus `exclude:`."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from dossier.content.scripts import SPACED_WORD, is_unspaced, joins_word
from dossier.content.slugs import slugify
from dossier.model import Article, Dossier, Membership

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‛": "'", "′": "'", "`": "'",
                         "“": '"', "”": '"', "„": '"', "″": '"', "«": '"', "»": '"'})
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Case-folded, quotes and apostrophes straightened, white space collapsed."""
    return _SPACE.sub(" ", text.translate(_QUOTES)).lower()


def keyword_key(keyword: str) -> str:
    """A keyword as matched and as recorded in ``Article.keywords``."""
    return normalise(keyword).strip("'\" ")


_APOSTROPHES = "['‘’‛′`]"
_DOUBLE_QUOTES = '["“”„″«»]'


def _keyword_pattern(keyword: str) -> re.Pattern[str]:
    """The keyword in lower-cased text: any quote style, any white space between words.
    The caller checks the left word boundary (a look-behind would be tried at every
    position of the text). A keyword ending in a script without spaces (日米同盟)
    has no right boundary; one ending in a letter may be followed by such a script."""
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
    end = "" if is_unspaced(keyword[-1]) else f"(?!{SPACED_WORD})"
    return re.compile("".join(parts) + end)


@dataclass(frozen=True)
class Keyword:
    text: str                  # normalised
    head: str                  # the literal text it starts with, up to the first quote/space
    pattern: re.Pattern[str]
    free_left: bool = False    # starts in a script without spaces: no left boundary

    def occurs_in(self, low: str) -> bool:
        """Whole-word occurrence in lower-cased text."""
        find = low.find
        at = find(self.head)
        while at >= 0:
            if (at == 0 or self.free_left or not joins_word(low[at - 1])) \
                    and self.pattern.match(low, at):
                return True
            at = find(self.head, at + 1)
        return False


@dataclass(frozen=True)
class KeywordMatcher:
    """Finds dossier keywords as whole words, case-insensitively, with straight and
    curly quotes alike: a plain substring search for each keyword's opening words,
    then a regular expression only where it may match."""

    keywords: tuple[Keyword, ...]

    @classmethod
    def from_dossiers(cls, dossiers: Iterable[Dossier]) -> KeywordMatcher:
        return cls.from_keywords(k for d in dossiers for k in d.match.keywords)

    @classmethod
    def from_keywords(cls, keywords: Iterable[str]) -> KeywordMatcher:
        texts = sorted({keyword_key(k) for k in keywords})
        return cls(tuple(Keyword(k, re.split(r"['\" ]", k)[0] or k[0], _keyword_pattern(k),
                                 is_unspaced(k[0]))
                         for k in texts if k))

    @property
    def fingerprint(self) -> str:
        return "\x1f".join(k.text for k in self.keywords)

    def find(self, text: str) -> frozenset[str]:
        if not self.keywords:
            return frozenset()
        low = text.lower()
        return frozenset(k.text for k in self.keywords if k.occurs_in(low))


def tag_key(tag: str) -> str:
    return slugify(tag)


def membership(article: Article, dossier: Dossier, entities: frozenset[str],
               article_tags: frozenset[str] | None = None) -> Membership | None:
    """Why ``article`` is in ``dossier``, or None. ``entities``: the article's entities
    (mentioned, or named in its `entities:`); ``article_tags``: its tags' keys."""
    if article.slug in dossier.exclude:
        return None
    reasons: list[str] = []
    if dossier.slug in article.dossiers:
        reasons.append(f"named in dossiers: (line {article.line('dossiers')})")
    matched = [slug for slug in dossier.match.entities if slug in entities]
    if matched:
        first_line = {m.entity: m.line for m in reversed(article.mentions)}
        for slug in matched:
            if slug in first_line:
                reasons.append(f"match.entities: mentions {slug} (line {first_line[slug]})")
            else:
                reasons.append(f"match.entities: names {slug} in entities:")
    if dossier.match.tags:
        if article_tags is None:
            article_tags = frozenset(tag_key(t) for t in article.tags)
        for tag in dossier.match.tags:
            if tag_key(tag) in article_tags:
                reasons.append(f"match.tags: tagged {tag}")
    for keyword in dossier.match.keywords:
        if keyword_key(keyword) in article.keywords:
            reasons.append(f"match.keywords: contains “{keyword}”")
    return Membership(dossier.slug, tuple(reasons)) if reasons else None
