"""The Pagefind index, written into the staging folder before it is swapped in.

This first version indexes the rendered pages (the theme marks what to index
with data-pagefind-body and the filters with data-pagefind-filter). Every page
is indexed in the site's language, so an English search page also finds
articles written in Japanese.

An article in excerpt mode (`full_text: false`) shows only part of its text, but
the whole text feeds search: its page is left out of the HTML indexing (no
data-pagefind-body) and it is added as a record made from the site model.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

FOLDER = "pagefind"      # where the index goes in the output


@dataclass(frozen=True)
class Record:
    """A search record made from the site model, not from a rendered page."""

    url: str                                  # site path, as Pagefind stores pages'
    title: str
    content: str
    filters: dict[str, list[str]]
    sort: dict[str, str]


async def _index(folder: Path, language: str, records: Sequence[Record]) -> int:
    config = IndexConfig(output_path=str((folder / FOLDER).resolve()),
                         force_language=language)
    async with PagefindIndex(config) as index:
        result = await index.add_directory(path=str(folder.resolve()))
        for record in records:
            await index.add_custom_record(
                url=record.url, content=record.content, language=language,
                meta={"title": record.title}, filters=record.filters, sort=record.sort)
    pages = int(result.get("page_count", 0)) if isinstance(result, dict) else 0
    return pages + len(records)


def index_site(folder: Path, language: str, records: Sequence[Record] = ()) -> int:
    """Index ``folder``; returns the number of pages indexed.

    asyncio.run() cannot run inside a running event loop (an editor plugin, a
    test driving a browser), so the index is always built in its own thread.
    """
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, _index(folder, language, records)).result()
