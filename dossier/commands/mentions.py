"""`dossier mentions NAME… | --file names.csv`: a watchlist. For each name, the articles
that mention it (with dates and a sentence) and the dossiers they are in, or whose
introduction mentions it; as a terminal table, CSV or JSON.

A name that is an entity (its slug, name or an alias) is looked up as the site counts
it: every mention of any of its names, and articles that name it in `entities:`. Any
other name is searched in the title and text of each article (not in code), as the
site matches names: case-sensitively, as a whole word, a possessive still counting.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from dossier.commands.names import excerpt, sentence_at
from dossier.content.scripts import NO_SPACE, SPACED_WORD
from dossier.model import Entity, Site

FORMATS = ("table", "csv", "json")


@dataclass(frozen=True)
class Hit:
    kind: str                 # article | dossier
    slug: str
    path: str
    title: str
    date: str                 # YYYY-MM-DD (articles)
    dossiers: tuple[str, ...]
    mentions: int
    sentence: str


@dataclass(frozen=True)
class Watch:
    name: str
    entity: str               # the entity's slug, or "" for a name in no entity
    hits: tuple[Hit, ...]     # articles newest first, then dossiers

    @property
    def articles(self) -> tuple[Hit, ...]:
        return tuple(h for h in self.hits if h.kind == "article")


def _entity_for(site: Site, name: str) -> Entity | None:
    """The entity a name stands for: by slug, or the one entity with that name or
    alias (an alias two entities claim is searched as text)."""
    wanted = name.strip()
    if wanted in site.entity_by_slug:
        return site.entity_by_slug[wanted]
    owners = [entity for entity in site.entities if wanted in entity.names]
    return owners[0] if len(owners) == 1 else None


def name_pattern(names: Sequence[str]) -> re.Pattern[str]:
    """Whole-word, case-sensitive matching of any of ``names`` (longest first); names in
    a script without spaces match anywhere."""
    parts = []
    for name in sorted(set(names), key=len, reverse=True):
        escaped = re.escape(name)
        if NO_SPACE.search(name):
            parts.append(escaped)
        else:   # a possessive (Mattis's, Mattis') still counts: the ' is no word
            parts.append(rf"(?<!{SPACED_WORD}){escaped}(?!{SPACED_WORD})")
    return re.compile("|".join(parts) or r"(?!)")


def _plain(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def watch(site: Site, name: str) -> Watch:
    entity = _entity_for(site, name)
    pattern = name_pattern(entity.names if entity else [name])
    zone = site.config.zone
    hits = []
    listed = set(site.entity_articles.get(entity.slug, ())) if entity else set()
    for index, article in enumerate(site.articles):
        if entity:
            if index not in listed:
                continue
            count = site.mention_counts[index].get(entity.slug, 0)
            first = next((m for m in article.mentions if m.entity == entity.slug), None)
            sentence = first.context if first else "(named in entities:, not in the text)"
        else:
            found = list(pattern.finditer(article.text))
            if not found:
                continue
            count = len(found)
            sentence = sentence_at(article.text, found[0].start())
        hits.append(Hit("article", article.slug, article.path, article.title,
                        article.date.astimezone(zone).date().isoformat(),
                        tuple(m.dossier for m in site.article_dossiers[index]), count,
                        excerpt(" ".join(sentence.split()))))
    for dossier in site.dossiers:
        text = f"{dossier.title}\n{dossier.summary}\n{_plain(dossier.intro_html)}"
        found = list(pattern.finditer(text))
        if found:
            hits.append(Hit("dossier", dossier.slug, dossier.path, dossier.title, "", (),
                            len(found), excerpt(sentence_at(text, found[0].start()))))
    return Watch(name, entity.slug if entity else "", tuple(hits))


def read_names(path: Path) -> list[str]:
    """Names from a CSV file: its `name` column if it has one, else the first column;
    blank lines and lines starting with # are skipped."""
    rows = [row for row in csv.reader(io.StringIO(path.read_text("utf-8-sig")))
            if row and row[0].strip() and not row[0].lstrip().startswith("#")]
    if not rows:
        return []
    header = [cell.strip().lower() for cell in rows[0]]
    column = header.index("name") if "name" in header else 0
    body = rows[1:] if "name" in header else rows
    return [row[column].strip() for row in body if len(row) > column and row[column].strip()]


COLUMNS = ("name", "entity", "kind", "date", "slug", "path", "title", "dossiers",
           "mentions", "sentence")


def as_csv(watches: Sequence[Watch]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for w in watches:
        for h in w.hits:
            writer.writerow([w.name, w.entity, h.kind, h.date, h.slug, h.path, h.title,
                             " ".join(h.dossiers), h.mentions, h.sentence])
    return out.getvalue()


def as_json(watches: Sequence[Watch]) -> str:
    data = []
    for w in watches:
        in_dossiers = Counter(d for h in w.articles for d in h.dossiers)
        data.append({
            "name": w.name, "entity": w.entity or None,
            "articles": [{k: v for k, v in asdict(h).items() if k != "kind"}
                         for h in w.articles],
            "dossiers": [{"slug": h.slug, "title": h.title, "path": h.path,
                          "mentions": h.mentions, "sentence": h.sentence}
                         for h in w.hits if h.kind == "dossier"],
            "articles_by_dossier": dict(sorted(in_dossiers.items(),
                                               key=lambda kv: (-kv[1], kv[0]))),
        })
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def as_table(watches: Sequence[Watch], width: int | None = None) -> str:
    width = width or max(100, shutil.get_terminal_size((120, 20)).columns)
    lines = []
    for w in watches:
        articles = w.articles
        what = f"entity {w.entity}" if w.entity else "in no entity"
        total = sum(h.mentions for h in articles)
        lines.append(f"{w.name} ({what}): {len(articles):,} article"
                     f"{'' if len(articles) == 1 else 's'}, "
                     f"{total:,} mention{'' if total == 1 else 's'}")
        if articles:
            slugs = min(40, max(len(h.slug) for h in articles))
            groups = min(30, max(8, *(len(",".join(h.dossiers)) for h in articles)))
            rest = max(30, width - slugs - groups - 23)
            lines.append(f"  {'DATE':10}  {'ARTICLE':{slugs}}  {'N':>3}  "
                         f"{'DOSSIERS':{groups}}  SENTENCE")
            for h in articles:
                lines.append(f"  {h.date:10}  {_cut(h.slug, slugs):{slugs}}  {h.mentions:>3}  "
                             f"{_cut(','.join(h.dossiers) or '-', groups):{groups}}  "
                             f"{_cut(h.sentence, rest)}")
        in_dossiers = Counter(d for h in articles for d in h.dossiers)
        if in_dossiers:
            lines.append("  in dossiers: " + ", ".join(
                f"{slug} ({count})" for slug, count in sorted(
                    in_dossiers.items(), key=lambda kv: (-kv[1], kv[0]))))
        for h in w.hits:
            if h.kind == "dossier":
                lines.append(f"  dossier {h.slug} ({h.path}) mentions it: "
                             f"{_cut(h.sentence, 60)}")
        lines.append("")
    return "\n".join(lines)


def render(watches: Sequence[Watch], fmt: str) -> str:
    return {"csv": as_csv, "json": as_json, "table": as_table}[fmt](watches)
