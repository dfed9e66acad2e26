"""The search index of the site `dossier serve` serves, kept up to date.

At start the full index is made from the site model (as `dossier build` makes it).
After a rebuild, the site's records are made again (well under a second at 10,000
articles) and compared with the last ones by a digest: only the records that
changed go to a small "recent" index beside the full one (Pagefind cannot delete
a record: see :class:`dossier.output.search.RecentIndex`). Comparing records, not
pages written, also catches an article in excerpt mode whose page did not change
while its searchable text did. The session calls :meth:`after_rebuild`.
"""

from __future__ import annotations

import json
from pathlib import Path

from dossier.model import Site
from dossier.output.search import RecentIndex, Record, index_records
from dossier.site.search_records import article_record, search_records


def digest(record: Record) -> int:
    return hash((record.title, record.content, record.kind, record.language,
                 json.dumps([record.filters, record.sort, record.meta], sort_keys=True)))


class ServedSearch:
    """The served folder's index; one per session and served folder."""

    def __init__(self, folder: Path, language: str) -> None:
        self.folder = folder
        self.language = language
        self.recent: RecentIndex | None = None
        self.digests: dict[str, int] = {}
        # article -> its record, keyed by what the record reads: a rebuild re-links only
        # the articles it touches, so the others are the same objects and cost a lookup
        self._articles: dict[tuple[int, tuple[str, ...], tuple[str, ...]],
                             tuple[object, Record, int]] = {}

    def _records(self, site: Site) -> tuple[list[Record], dict[str, int]]:
        cache, records, digests = {}, [], {}
        for i, article in enumerate(site.articles):
            key = (id(article), tuple(site.dossier_by_slug[m.dossier].title
                                      for m in site.article_dossiers[i]),
                   tuple(site.entity_by_slug[e].name for e in site.article_entities[i]))
            hit = self._articles.get(key)
            if hit is None or hit[0] is not article:
                record = article_record(site, i)
                hit = (article, record, digest(record))
            cache[key] = hit
            records.append(hit[1])
            digests[hit[1].url] = hit[2]
        for record in search_records(site, articles=False):
            records.append(record)
            digests[record.url] = digest(record)
        self._articles = cache
        return records, digests

    def after_rebuild(self, site: Site, full: bool = False) -> int:
        """Index what changed in ``site`` since the last call (everything when
        ``full``); returns how many records were indexed."""
        records, digests = self._records(site)
        if full or self.recent is None:
            count = index_records(self.folder, self.language, records,
                                  site.config.search_shard)
            self.recent = RecentIndex(self.folder, self.language)
            self.digests = digests
            return count
        changed = [r for r in records if self.digests.get(r.url) != digests[r.url]]
        gone = sorted(self.digests.keys() - digests.keys())
        self.digests = digests
        if changed or gone:
            self.recent.update(changed, gone)
        return len(changed)
