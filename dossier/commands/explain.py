"""`dossier explain ARTICLE`: each dossier an article joined and why, and each mention."""

from __future__ import annotations

from pathlib import Path

from dossier.build import BuildOptions, Timer, load_site
from dossier.config import load_config
from dossier.content.slugs import slug_from_filename
from dossier.diagnostics import format_lines
from dossier.linking.link import ambiguity_message
from dossier.linking.membership import KeywordMatcher, keyword_key, membership
from dossier.model import Site
from dossier.spelling import nearest


def _find(site: Site, wanted: str, root: Path) -> int | None:
    """An article by slug, old address (alias), path (from the site or the current
    folder), file name (`2017-02-04-x.md`) or file name without `.md`."""
    wanted_path = Path(wanted)
    candidate = (Path.cwd() / wanted_path).resolve() if not wanted_path.is_absolute() \
        else wanted_path
    by_name = None
    for index, article in enumerate(site.articles):
        if wanted in (article.slug, article.path) or wanted in article.aliases:
            return index
        if candidate == (root / article.path).resolve():
            return index
        name = Path(article.path).name
        if by_name is None and wanted in (name, Path(name).stem):
            by_name = index
    return by_name


def explain(root: Path, wanted: str) -> tuple[str, bool]:
    config, _ = load_config(root)
    site, problems = load_site(config, BuildOptions(drafts=True), Timer())
    index = _find(site, wanted, root)
    if index is None:
        key = Path(wanted).stem.lower()
        near = sorted(a.slug for a in site.articles if key in a.slug)[:5] or nearest(
            slug_from_filename(key), (a.slug for a in site.articles))
        hint = f" Did you mean: {', '.join(near)}?" if near else ""
        return f"explain: no article with the slug or path {wanted!r}.{hint}", False
    article = site.articles[index]
    lines = [f"{article.path} -> {config.base_path}articles/{article.slug}/",
             f"  {article.title} ({article.date.date().isoformat()})"
             + ("  [draft]" if article.draft else ""), "", "Dossiers:"]
    joined = {m.dossier: m for m in site.article_dossiers[index]}
    source_lines = _source_lines(root, article.path)
    entity_set = frozenset(site.article_entities[index])
    for dossier in site.dossiers:
        member = joined.get(dossier.slug)
        if member:
            lines.append(f"  + {dossier.slug} ({dossier.title})")
            lines.extend(f"      {reason}" for reason in member.reasons)
            for keyword in dossier.match.keywords:
                if keyword_key(keyword) in article.keywords:
                    at = _keyword_line(source_lines, keyword)
                    if at:
                        lines.append(f"      “{keyword}” first at line {at}")
        elif article.slug in dossier.exclude:
            would = membership(article, _without_exclude(dossier), entity_set)
            why = "; ".join(would.reasons) if would else "no rule matched either"
            lines.append(f"  - {dossier.slug}: excluded by exclude: in {dossier.path} ({why})")
        else:
            lines.append(f"  - {dossier.slug}: no rule matched")
    lines += ["", "Entities:"]
    if not site.article_entities[index]:
        lines.append("  (none)")
    for slug in site.article_entities[index]:
        entity = site.entity_by_slug[slug]
        found = [m for m in article.mentions if m.entity == slug]
        if found:
            where = ", ".join(f"line {m.line} “{m.alias}”" for m in found)
            lines.append(f"  {slug} ({entity.name}): {len(found)} mention"
                         f"{'' if len(found) == 1 else 's'}: {where}")
        else:
            lines.append(f"  {slug} ({entity.name}): named in entities: "
                         f"(line {article.line('entities')}), not mentioned in the text")
    if article.ambiguities:
        lines += ["", "Ambiguous (not linked, not counted):"]
        lines.extend(f"  line {a.line} {ambiguity_message(a, article.entities)}"
                     for a in article.ambiguities)
    own = [p for p in problems if p.path == article.path]
    if own:
        lines += ["", "Problems:"] + [f"  {line}" for line in format_lines(own, verbose=True)]
    return "\n".join(lines), True


def _source_lines(root: Path, rel: str) -> list[str]:
    try:
        return (root / rel).read_text("utf-8", errors="replace").splitlines()
    except OSError:
        return []


def _keyword_line(source: list[str], keyword: str) -> int | None:
    """The first line of the file where the keyword occurs (or starts, when it is
    wrapped over two lines)."""
    matcher = KeywordMatcher.from_keywords([keyword])
    for number, line in enumerate(source, start=1):
        if matcher.find(line):
            return number
        following = source[number] if number < len(source) else ""
        # wrapped: it starts on this line only if the next line alone lacks it
        if following and not matcher.find(following) and matcher.find(f"{line} {following}"):
            return number
    return None


def _without_exclude(dossier):  # type: ignore[no-untyped-def]
    from dataclasses import replace
    return replace(dossier, exclude=())
