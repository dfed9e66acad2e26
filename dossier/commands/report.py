"""`dossier report`: the curator's report, a page written outside the published site
(report/ by default; never inside the output folder, so it is never deployed).

It shows what awaits a decision: ambiguous mentions, candidate entities and spelling
variants, entities never mentioned, dossiers by size and activity over the years,
and articles in no dossier. ``report_data`` is pure (site and suggestions in, plain
data out); ``render_html`` turns that data into one self-contained page.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import Any

from dossier.commands.suggest import Candidate
from dossier.model import Site

LISTED = 200   # rows of a long list shown on the page (the JSON has all)


def report_data(site: Site, new: Sequence[Candidate], variants: Sequence[Candidate],
                registered_names: dict[str, str]) -> dict[str, Any]:
    zone = site.config.zone
    ambiguous: dict[tuple[str, tuple[str, ...]], list[tuple[str, int]]] = defaultdict(list)
    for article in site.articles:
        for amb in article.ambiguities:
            if not any(slug in article.entities for slug in amb.candidates):
                ambiguous[(amb.alias, amb.candidates)].append((article.path, amb.line))
    ambiguities = [
        {"alias": alias, "candidates": list(candidates), "mentions": len(places),
         "articles": len({p for p, _ in places}),
         "places": [{"path": p, "line": line} for p, line in places]}
        for (alias, candidates), places in sorted(ambiguous.items(),
                                                  key=lambda kv: (-len(kv[1]), kv[0]))]
    never = [{"slug": e.slug, "name": e.name, "path": e.path} for e in site.entities
             if not site.entity_articles.get(e.slug)]
    years = sorted({a.date.astimezone(zone).year for a in site.articles})
    dossiers = []
    for d in site.dossiers:
        members = [site.articles[i] for i in site.dossier_articles.get(d.slug, ())]
        per_year = Counter(a.date.astimezone(zone).year for a in members)
        dates = sorted(a.date.astimezone(zone).date().isoformat() for a in members)
        dossiers.append({"slug": d.slug, "title": d.title, "path": d.path,
                         "articles": len(members),
                         "first": dates[0] if dates else None,
                         "last": dates[-1] if dates else None,
                         "per_year": {str(y): per_year.get(y, 0) for y in years}})
    dossiers.sort(key=lambda d: (-d["articles"], d["slug"]))
    orphans = [{"slug": a.slug, "title": a.title, "path": a.path,
                "date": a.date.astimezone(zone).date().isoformat()}
               for index, a in enumerate(site.articles) if not site.article_dossiers[index]]

    def candidate(c: Candidate) -> dict[str, Any]:
        return {"name": c.name, "slug": c.slug, "kind": c.kind, "mentions": c.mentions,
                "articles": c.articles, "near": c.near,
                "near_name": registered_names.get(c.near or ""),
                "examples": [{"path": p, "sentence": s} for p, s in c.examples]}

    return {"title": site.config.title, "articles": len(site.articles),
            "ambiguities": ambiguities, "candidates": [candidate(c) for c in new],
            "variants": [candidate(c) for c in variants], "never_mentioned": never,
            "years": [str(y) for y in years], "dossiers": dossiers,
            "in_no_dossier": orphans}


_STYLE = """
body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;
color:#1a1a1a}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}
th,td{border-bottom:1px solid #ccc;padding:.25rem .6rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right}
code{font-size:.9em}
.muted{color:#555}
"""


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _table(head: Sequence[str], rows: Sequence[Sequence[object]],
           numeric: Sequence[int] = ()) -> str:
    if not rows:
        return "<p class=\"muted\">None.</p>"

    def cell(tag: str, i: int, value: object) -> str:
        klass = ' class="n"' if i in numeric else ""
        return f"<{tag}{klass}>{value}</{tag}>"

    out = ["<table><thead><tr>", *(cell("th", i, _e(h)) for i, h in enumerate(head)),
           "</tr></thead><tbody>"]
    for row in rows[:LISTED]:
        out.append("<tr>" + "".join(cell("td", i, v) for i, v in enumerate(row)) + "</tr>")
    out.append("</tbody></table>")
    if len(rows) > LISTED:
        out.append(f"<p class=\"muted\">… and {len(rows) - LISTED:,} more "
                   "(all of them are in report.json).</p>")
    return "".join(out)


def _places(places: Sequence[dict[str, Any]], limit: int = 3) -> str:
    shown = ", ".join(f"<code>{_e(p['path'])}:{p['line']}</code>" for p in places[:limit])
    return shown + (f" and {len(places) - limit:,} more" if len(places) > limit else "")


def render_html(data: dict[str, Any]) -> str:
    parts = [
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Curator's report: {_e(data['title'])}</title>",
        f"<style>{_STYLE}</style>", "</head>", "<body>", "<main>",
        f"<h1>Curator's report: {_e(data['title'])}</h1>",
        f"<p class=\"muted\">{data['articles']:,} articles. This page is not part of the "
        "published site.</p>",
        "<h2 id=\"ambiguous\">Ambiguous mentions awaiting a decision</h2>",
        "<p>Not linked and counted for no entity until an article's <code>entities:</code> "
        "names one of the candidates, or each entity has an alias of its own.</p>",
        _table(["alias", "could be", "mentions", "articles", "first places"],
               [(_e(a["alias"]), _e(" or ".join(a["candidates"])), f"{a['mentions']:,}",
                 f"{a['articles']:,}", _places(a["places"]))
                for a in data["ambiguities"]], numeric=(2, 3)),
        "<h2 id=\"candidates\">Candidate entities</h2>",
        "<p>Names in no entity, in at least two articles, best first. "
        "<code>dossier entities suggest --write SLUG</code> writes an entity file.</p>",
        _table(["name", "slug", "kind?", "mentions", "articles", "for example"],
               [(_e(c["name"]), f"<code>{_e(c['slug'])}</code>", _e(c["kind"]),
                 f"{c['mentions']:,}", f"{c['articles']:,}",
                 f"“{_e(c['examples'][0]['sentence'])}” "
                 f"<span class=\"muted\">{_e(c['examples'][0]['path'])}</span>")
                for c in data["candidates"]], numeric=(3, 4)),
        "<h3 id=\"variants\">Spellings that miss a registered name</h3>",
        "<p>Add them to the entity's <code>aliases:</code>.</p>",
        _table(["spelling", "entity", "mentions", "articles", "for example"],
               [(_e(c["name"]), f"<code>{_e(c['near'])}</code> ({_e(c['near_name'])})",
                 f"{c['mentions']:,}", f"{c['articles']:,}",
                 f"<span class=\"muted\">{_e(c['examples'][0]['path'])}</span>")
                for c in data["variants"]], numeric=(2, 3)),
        "<h2 id=\"never\">Entities never mentioned</h2>",
        _table(["entity", "name", "file"],
               [(f"<code>{_e(e['slug'])}</code>", _e(e["name"]), _e(e["path"]))
                for e in data["never_mentioned"]]),
        "<h2 id=\"dossiers\">Dossiers by size and activity</h2>",
        _table(["dossier", "articles", "first", "last", *data["years"]],
               [(f"{_e(d['title'])} <code>{_e(d['slug'])}</code>", f"{d['articles']:,}",
                 _e(d["first"] or "–"), _e(d["last"] or "–"),
                 *(f"{n:,}" for n in d["per_year"].values()))
                for d in data["dossiers"]],
               numeric=(1, *range(4, 4 + len(data["years"])))),
        f"<h2 id=\"orphans\">Articles in no dossier ({len(data['in_no_dossier']):,})</h2>",
        _table(["date", "article", "file"],
               [(_e(a["date"]), _e(a["title"]), _e(a["path"]))
                for a in data["in_no_dossier"]]),
        "</main>", "</body>", "</html>", ""]
    return "\n".join(parts)


def refusal(target: Path, output: Path) -> str | None:
    """Why the report may not go to ``target``: never into the published output."""
    target, output = target.resolve(), output.resolve()
    if target == output or output in target.parents:
        return (f"{target} is inside the published output {output}; the report is for "
                "the curator only: choose a folder outside it (default: report/)")
    return None


def write_report(folder: Path, data: dict[str, Any]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    page, raw = folder / "index.html", folder / "report.json"
    page.write_text(render_html(data), encoding="utf-8")
    raw.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return [page, raw]
