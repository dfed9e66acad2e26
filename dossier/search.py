"""The Pagefind index, written into the staging folder before it is swapped in.

This first version indexes the rendered pages (the theme marks what to index
with data-pagefind-body and the filters with data-pagefind-filter). Every page
is indexed in the site's language, so an English search page also finds
articles written in Japanese.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex


async def _index(folder: Path, language: str) -> int:
    config = IndexConfig(output_path=str((folder / "pagefind").resolve()),
                         force_language=language)
    async with PagefindIndex(config) as index:
        result = await index.add_directory(path=str(folder.resolve()))
    return int(result.get("page_count", 0)) if isinstance(result, dict) else 0


def index_site(folder: Path, language: str) -> int:
    """Index ``folder``; returns the number of pages indexed.

    asyncio.run() cannot run inside a running event loop (an editor plugin, a
    test driving a browser), so the index is always built in its own thread.
    """
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, _index(folder, language)).result()
