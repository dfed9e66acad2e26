"""The Pagefind index, made from search records (the site model), never from the
rendered pages.

Each record becomes one lean HTML page (title, summary, whole text, filters,
date) in a scratch folder, and Pagefind's own binary indexes that folder with
``--site``. Measured on the 10,000-article reference corpus (bench/search.py),
this is several times faster and lighter than feeding records one by one through
the Python package (each ``add_custom_record`` waits for a polled reply), and it
never indexes listing pages (page 2, 3 … of an entity), which the rendered
output holds by the thousand.

Pages are indexed in their own language (``<html lang>``): Pagefind keeps one
index per language, and the search page merges the other languages' indexes
(listed in ``pagefind-entry.json``) so that one search box finds them all. The
extended binary (``pagefind[extended]``) segments Japanese and Chinese words.

``dossier serve`` cannot delete from a Pagefind index: :class:`RecentIndex`
keeps a small second index of the articles changed since the full one was made,
plus the addresses they replace or remove (``recent/changes.json``); the search
page merges it and drops the full index's stale results.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

FOLDER = "pagefind"      # where the index goes in the output
RECENT = "recent"        # the serve-time index of changed articles, inside FOLDER
CHANGES = "changes.json"  # inside FOLDER/RECENT: {"index": bool, "replaced": [url…]}


@dataclass(frozen=True)
class Record:
    """A search record made from the site model, not from a rendered page."""

    url: str                                  # site path, as Pagefind stores pages'
    title: str
    content: str
    filters: dict[str, list[str]]
    sort: dict[str, str]
    kind: str = "article"                     # article | dossier | entity
    language: str = ""                        # "": the site's language
    meta: dict[str, str] = field(default_factory=dict)


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message carries its output."""


def record_page(record: Record, language: str) -> str:
    """The lean page Pagefind indexes for ``record``."""
    esc = html.escape
    lang = record.language or language
    meta = {"kind": record.kind, **record.meta}
    parts = [f'<!doctype html><html lang="{esc(lang)}"><head><meta charset="utf-8">'
             f"<title>{esc(record.title)}</title></head><body data-pagefind-body>",
             f"<h1>{esc(record.title)}</h1>"]
    for key, value in meta.items():
        if value:
            parts.append(f'<span data-pagefind-meta="{esc(key)}:{esc(value)}" hidden></span>')
    filters = {"kind": [record.kind], **record.filters}
    for key, values in filters.items():
        for value in values:
            parts.append(f'<span data-pagefind-filter="{esc(key)}:{esc(value)}" hidden></span>')
    for key, value in record.sort.items():
        parts.append(f'<span data-pagefind-sort="{esc(key)}:{esc(value)}" hidden></span>')
    for paragraph in record.content.split("\n"):
        if paragraph.strip():
            parts.append(f"<p>{esc(paragraph)}</p>")
    parts.append("</body></html>\n")
    return "".join(parts)


def _page_path(root: Path, url: str) -> Path:
    rel = url.strip("/")
    return root / rel / "index.html" if rel else root / "index.html"


def write_record_pages(records: Iterable[Record], root: Path, language: str) -> int:
    """Write one lean page per record under ``root``; returns how many."""
    count = 0
    made: set[Path] = set()
    for record in records:
        path = _page_path(root, record.url)
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_text(record_page(record, language), encoding="utf-8")
        count += 1
    return count


SEGMENTED = ("ja", "zh")    # languages written without spaces: the extended binary's


def pagefind_binary(segment: bool = False) -> str:
    """Pagefind's binary. With ``segment`` (the site has Japanese or Chinese pages)
    the extended one, which segments their words; else the plain one, which runs
    about 1.5 times faster (measured on the 1,000-article reference corpus)."""
    modules = ("pagefind_bin_extended", "pagefind_bin") if segment \
        else ("pagefind_bin", "pagefind_bin_extended")
    for module in modules:
        try:
            found = __import__(module).get_executable()
        except (ImportError, FileNotFoundError):
            continue
        return str(found)
    on_path = shutil.which("pagefind_extended") or shutil.which("pagefind")
    if on_path:
        return on_path
    raise SearchIndexError("Pagefind is not installed: pip install 'pagefind[extended]'")


def needs_segmenting(records: Iterable[Record]) -> bool:
    return any(r.language.split("-")[0].lower() in SEGMENTED for r in records)


def run_pagefind(site: Path, output: Path, segment: bool = False) -> None:
    """Index the lean pages under ``site`` into ``output`` with Pagefind's binary."""
    if output.exists():
        shutil.rmtree(output)
    if next(site.rglob("*.html"), None) is None:   # nothing to find (Pagefind would fail)
        output.mkdir(parents=True)
        return
    done = subprocess.run(
        [pagefind_binary(segment), "--site", str(site), "--output-path", str(output.resolve()),
         "--quiet"],
        capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SearchIndexError(f"pagefind failed ({done.returncode}): "
                               f"{(done.stderr or done.stdout).strip()[-2000:]}")


def _scratch(near: Path) -> Path:
    # beside the output, so the lean pages stay on the same disk; never inside it
    parent = near.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=".search-", dir=parent))


SHARD = 1500    # records per index at most: Pagefind holds every page it indexes in
                # memory (about 280 KB each), so an index is made one shard at a time
MAX_SHARDS = 64  # per language: larger shards past 96,000 records (the search page
                 # orders date-sorted shards by weights of 1e-4 a shard, a double's range)
SHARD_LIMIT = 9999   # a shard's largest score under a date sort (its dated pages) stays
                     # below a weight step


def shards(records: Sequence[Record], language: str, size: int = SHARD
           ) -> list[tuple[str, list[Record]]]:
    """The indexes to make, each a key and its records: one per language, its dated
    records (articles) cut into shards of at most ``size``, newest first; the
    undated ones (entities, dossiers) go in the first. A language's first shard is
    keyed by the language, the next ones ``<language>-x-<n>``: a private-use subtag,
    so Pagefind still stems by the language, and each record of shard n says n in
    its meta (the search page places by it the one result a date sort cannot).
    Japanese and Chinese are not cut (Pagefind segments their words by the
    language key)."""
    by_language: dict[str, list[Record]] = {}
    for record in records:
        by_language.setdefault((record.language or language).lower(), []).append(record)
    made = []
    for lang, found in by_language.items():
        dated = sorted((r for r in found if "date" in r.sort),
                       key=lambda r: r.sort["date"], reverse=True)
        cut = min(SHARD_LIMIT, max(size, -(-len(dated) // MAX_SHARDS)))
        if lang.split("-")[0] in SEGMENTED or len(dated) <= cut:
            made.append((lang, found))
            continue
        # the undated (entities, dossiers) all in the first: a shard without a dated
        # page would not sort by date at all
        made.append((lang, [r for r in found if "date" not in r.sort] + dated[:cut]))
        for number, start in enumerate(range(cut, len(dated), cut), start=1):
            key = f"{lang}-x-{number}"
            made.append((key, [replace(r, language=key, meta={**r.meta, "shard": str(number)})
                               for r in dated[start:start + cut]]))
    return made


def index_records(folder: Path, language: str, records: Sequence[Record],
                  shard: int = SHARD) -> int:
    """Index ``records`` into ``folder/pagefind``, one shard after another (see
    :func:`shards`), merged into one bundle whose ``pagefind-entry.json`` lists
    every shard as a language of its own; returns the number indexed."""
    scratch = _scratch(folder)
    target = folder / FOLDER
    try:
        groups = shards(records, language, shard)
        for number, (key, group) in enumerate(groups):
            pages = scratch / f"pages-{number}"
            write_record_pages(group, pages, language)
            # the first shard makes the bundle, the others merge into it; a group's
            # key is its records' language, so it alone says whether to segment
            made = target if number == 0 else scratch / f"index-{number}"
            run_pagefind(pages, made, key.split("-")[0] in SEGMENTED)
            if made != target:
                _merge_bundle(made, target)
            shutil.rmtree(pages, ignore_errors=True)
        if not groups:
            run_pagefind(scratch, target)
        # the search page asks for it: no recent index in a build
        (target / RECENT).mkdir()
        (target / RECENT / CHANGES).write_text(
            json.dumps({"index": False, "replaced": []}), encoding="utf-8")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return len(records)


ENTRY = "pagefind-entry.json"


def _merge_bundle(made: Path, target: Path) -> None:
    """Move the index Pagefind made in ``made`` into the bundle ``target``: its
    content-named files, and its languages into the entry (the scripts and the
    stemmer files are the same in both)."""
    if not (made / ENTRY).is_file():   # nothing was indexed
        return
    for path in sorted(made.rglob("*")):
        if path.is_file() and path.name != ENTRY:
            there = target / path.relative_to(made)
            if not there.exists():
                there.parent.mkdir(parents=True, exist_ok=True)
                os.replace(path, there)
    entry = json.loads((target / ENTRY).read_text(encoding="utf-8")) \
        if (target / ENTRY).is_file() else {}
    added = json.loads((made / ENTRY).read_text(encoding="utf-8"))
    entry.setdefault("version", added.get("version"))
    entry.setdefault("include_characters", added.get("include_characters", []))
    entry.setdefault("languages", {}).update(added.get("languages", {}))
    (target / ENTRY).write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")


class RecentIndex:
    """The search index as ``dossier serve`` keeps it up to date.

    ``full`` is the folder holding the full index (``FOLDER``) made at start-up.
    :meth:`update` takes the records of articles changed by a rebuild and the
    addresses of articles removed; it re-indexes only the articles changed since
    start-up into ``FOLDER/RECENT`` and lists, in ``changes.json``, every address
    whose full-index entry is stale. The search page merges the recent index and
    hides the full index's stale entries. Not thread-safe: one session owns it.
    """

    def __init__(self, full: Path, language: str) -> None:
        self.full = full
        self.language = language
        self._changed: dict[str, Record] = {}
        self._removed: set[str] = set()

    def update(self, changed: Iterable[Record], removed: Iterable[str] = ()) -> int:
        """Apply a rebuild's changes; returns how many records the recent index holds."""
        for record in changed:
            # marked, so the search page can tell it from the full index's stale entry
            self._changed[record.url] = replace(record, meta={**record.meta, "recent": "1"})
            self._removed.discard(record.url)
        for url in removed:
            self._changed.pop(url, None)
            self._removed.add(url)
        target = self.full / FOLDER / RECENT
        scratch = _scratch(self.full)
        try:
            write_record_pages(self._changed.values(), scratch, self.language)
            if self._changed:
                fresh = scratch.with_name(scratch.name + "-out")
                run_pagefind(scratch, fresh, needs_segmenting(self._changed.values())
                             or self.language.lower()[:2] in SEGMENTED)
            else:
                fresh = scratch.with_name(scratch.name + "-out")
                fresh.mkdir()
            replaced = sorted({*self._changed, *self._removed})
            (fresh / CHANGES).write_text(
                json.dumps({"index": bool(self._changed), "replaced": replaced}),
                encoding="utf-8")
            if target.exists():
                old = target.with_name(RECENT + ".old")
                shutil.rmtree(old, ignore_errors=True)
                os.replace(target, old)
                os.replace(fresh, target)
                shutil.rmtree(old, ignore_errors=True)
            else:
                os.replace(fresh, target)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        return len(self._changed)
