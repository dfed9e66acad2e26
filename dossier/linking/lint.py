"""Site-wide checks over the linked Site: mistakes that build without error but leave
the site saying something else than the curator meant.

- a dossier `match:` rule that no article matches (a tag nobody carries, a keyword
  that occurs nowhere, an entity nobody mentions);
- an article dated after the day of the build; an article without full text and
  without `source.url` (the reader gets an excerpt and no way to the original);
- `base_url` exactly as `dossier init` wrote it.

And no cascades: an article that failed to read is not in the Site, so the entities
and dossiers it names would look unused; those warnings are dropped.

``site_problems`` and ``without_cascades`` are pure; ``curate`` is the edge the build
calls (it reads the failed files' text and the clock).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from dossier.config import CONFIG_FILE
from dossier.content.discover import SourceFile
from dossier.errors import Diagnostic, warning
from dossier.linking.membership import keyword_key, tag_key
from dossier.model import Article, Site
from dossier.spelling import edit_distance, nearest

INIT_BASE_URL = "https://example.github.io/my-dossiers/"   # what `dossier init` writes


def _rule_problems(site: Site) -> list[Diagnostic]:
    tags = {tag_key(t) for a in site.articles for t in a.tags}
    keywords = set().union(*(a.keywords for a in site.articles)) if site.articles else set()
    problems = []
    for dossier in site.dossiers:
        line = dossier.line("match")
        for tag in dossier.match.tags:
            if tag_key(tag) not in tags:
                near = _nearest(tag_key(tag), tags)
                problems.append(warning(
                    dossier.path, line, "match.tags",
                    f"tag '{tag}' is carried by no article, so this rule never matches"
                    + (f"; did you mean {near}?" if near else "; check its spelling")))
        matched = [k for k in dossier.match.keywords if keyword_key(k) in keywords]
        for keyword in dossier.match.keywords:
            if keyword_key(keyword) not in keywords and not any(
                    spelling_variant(keyword, other) for other in matched):
                problems.append(warning(
                    dossier.path, line, "match.keywords",
                    f"keyword '{keyword}' occurs in no article, so this rule never matches; "
                    "check its spelling and hyphens"))
        for slug in dossier.match.entities:
            if slug in site.entity_by_slug and not site.entity_articles.get(slug):
                problems.append(warning(
                    dossier.path, line, "match.entities",
                    f"entity '{slug}' is mentioned in no article, so this rule never "
                    "matches; add the spellings the articles use to its aliases:"))
    return problems


_WORDS = re.compile(r"[\w']+")


def spelling_variant(a: str, b: str) -> bool:
    """Two spellings of one phrase, as a dossier lists them on purpose: hyphens and
    dashes aside, the same words in another order, or at most two letters apart
    (`denuclearisation`, `denuclearization`)."""
    words_a, words_b = _WORDS.findall(keyword_key(a)), _WORDS.findall(keyword_key(b))
    if sorted(words_a) == sorted(words_b):
        return True
    return edit_distance(" ".join(words_a), " ".join(words_b), 2) <= 2


def _nearest(word: str, choices: Iterable[str]) -> str | None:
    found = nearest(word, choices, n=1, cutoff=0.75)
    return found[0] if found else None


def _article_problems(site: Site, today: date) -> list[Diagnostic]:
    config = site.config
    zone = config.zone
    problems = []
    for article in site.articles:
        day = article.date.astimezone(zone).date()
        if day > today:
            problems.append(warning(
                article.path, article.line("date"), "date",
                f"{day.isoformat()} is after the day of the build ({today.isoformat()}): "
                "a typo? The article is built anyway; fix the date, or keep it a draft "
                "(draft: true) until then"))
        shows_all = config.full_text if article.full_text is None else article.full_text
        if not shows_all and (article.source is None or not article.source.url):
            key = "full_text" if article.full_text is False else "source"
            problems.append(warning(
                article.path, article.line(key), key,
                "full text is off and there is no source.url: the page shows an excerpt "
                "and says the original is not online; if it is, add source: "
                "{name: …, url: \"https://…\"}"))
    return problems


def _config_problems(site: Site, config_text: str) -> list[Diagnostic]:
    if site.config.base_url != INIT_BASE_URL:
        return []
    found = re.search(r"^base_url\s*:", config_text, re.MULTILINE)
    line = config_text.count("\n", 0, found.start()) + 1 if found else 1
    return [warning(CONFIG_FILE, line, "base_url",
                    f"still {INIT_BASE_URL}, as `dossier init` wrote it: set it to the "
                    "address the site is published at (feeds, the sitemap and canonical "
                    "links use it)")]


def site_problems(site: Site, today: date, config_text: str = "") -> list[Diagnostic]:
    """Every site-wide silent mistake of a linked site."""
    return [*_rule_problems(site), *_article_problems(site, today),
            *_config_problems(site, config_text)]


_UNUSED = re.compile(r"^(entity|dossier|tag|keyword) '(.+?)' (?:is never mentioned|has no "
                     r"articles|is carried by no|occurs in no|is mentioned in no)")


def _terms(site: Site, what: str, subject: str) -> list[str]:
    """What a failed article's text would contain if it were what makes ``subject``
    used: an entity's slug and names; a dossier's slug and its rules' words."""
    entity = site.entity_by_slug.get(subject)
    if what == "entity" and entity is not None:
        return [subject, *entity.names]
    dossier = site.dossier_by_slug.get(subject)
    if what == "dossier" and dossier is not None:
        return [subject, *dossier.match.tags, *dossier.match.keywords,
                *(n for s in dossier.match.entities if s in site.entity_by_slug
                  for n in site.entity_by_slug[s].names)]
    return [subject]


def without_cascades(problems: Sequence[Diagnostic], site: Site,
                     failed_texts: Sequence[str]) -> list[Diagnostic]:
    """Drop "never mentioned", "has no articles" and "matches no article" warnings that
    a failed article may cause: one that names the entity or dossier, or its words."""
    if not failed_texts:
        return list(problems)
    folded = [text.casefold() for text in failed_texts]
    kept = []
    for problem in problems:
        found = _UNUSED.match(problem.message) if problem.severity == "warning" else None
        if found and any(term.casefold() in text for term in
                         _terms(site, found.group(1), found.group(2)) for text in folded):
            continue
        kept.append(problem)
    return kept


def curate(problems: Sequence[Diagnostic], site: Site, article_files: Iterable[SourceFile],
           read: Sequence[Article]) -> list[Diagnostic]:
    """The build's hook: the site-wide checks added, cascades of failed articles removed.
    ``article_files``: every article file found; ``read``: the articles read."""
    root = site.config.root
    done = {article.path for article in read}
    failed = []
    for source in article_files:
        if source.rel not in done:
            try:
                failed.append(source.path.read_text("utf-8", errors="replace"))
            except OSError:
                continue
    try:
        config_text = (root / CONFIG_FILE).read_text("utf-8", errors="replace")
    except OSError:
        config_text = ""
    today = datetime.now(site.config.zone).date()
    return without_cascades([*problems, *site_problems(site, today, config_text)], site,
                            failed)
