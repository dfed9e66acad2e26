"""The search stage alone, timed step by step on a real site (in-process load, then
records, lean pages, Pagefind's binary under /usr/bin/time -v), the bytes a cold
query moves, and the serve-time update of one changed article.

    python bench/search_stage.py /tmp/c/r10k/site /tmp/search-stage

Compare the Pagefind step with Pagefind's CLI on Hugo's output of the same corpus
(bench/search.py does both in one run; this one is for a quick look).
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from search import QUERIES, query_bytes  # noqa: E402

from dossier.build import BuildOptions, Timer, load_site  # noqa: E402
from dossier.cache import ParseCache  # noqa: E402
from dossier.config import load_config  # noqa: E402
from dossier.content.readers import ParseSettings  # noqa: E402
from dossier.dev.served_search import ServedSearch  # noqa: E402
from dossier.output import search  # noqa: E402
from dossier.site.search_records import search_records  # noqa: E402


def main() -> int:
    site_dir, work = Path(sys.argv[1]), Path(sys.argv[2])
    shutil.rmtree(work, ignore_errors=True)
    (work / "out").mkdir(parents=True)
    config, _ = load_config(site_dir, False)
    t = time.perf_counter()
    site, _ = load_site(config, BuildOptions(), Timer(),
                        ParseCache(ParseSettings.of(config).fingerprint))
    print(f"load site: {time.perf_counter() - t:.1f} s ({len(site.articles)} articles)",
          flush=True)
    t = time.perf_counter()
    records = search_records(site)
    print(f"records: {time.perf_counter() - t:.2f} s ({len(records)})", flush=True)
    pages = work / "lean"
    t = time.perf_counter()
    search.write_record_pages(records, pages, config.language)
    print(f"lean pages written: {time.perf_counter() - t:.1f} s", flush=True)
    t = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "%e s %M KB", search.pagefind_binary(),
                           "--site", str(pages), "--output-path",
                           str(work / "out" / search.FOLDER), "--quiet"],
                          capture_output=True, text=True, check=True)
    print(f"pagefind binary: {time.perf_counter() - t:.1f} s wall; time -v: "
          f"{done.stderr.strip().splitlines()[-1]}", flush=True)
    shutil.rmtree(pages)
    (work / "out" / "assets").mkdir()
    for js in (REPO / "dossier/themes/default/static").glob("search*.js"):
        shutil.copy(js, work / "out" / "assets" / js.name.replace(".js", ".0.js"))
    rows = query_bytes(work / "out", QUERIES)
    for row in rows:
        print(f"  cold query {row['q']!r}: {row['bytes'] / 1024:.0f} KB, {row['results']} results")
    print(f"cold query median: {statistics.median(r['bytes'] for r in rows) / 1024:.0f} KB")
    served = ServedSearch(work / "out", config.language)
    served.recent = search.RecentIndex(work / "out", config.language)
    served.digests = {r.url: 0 for r in records}      # as if every record changed…
    served.digests.update({r.url: __import__("dossier.dev.served_search", fromlist=["x"])
                           .digest(r) for r in records[1:]})   # …but the first
    t = time.perf_counter()
    count = served.after_rebuild(site)
    print(f"serve: {count} changed record(s) re-indexed in {time.perf_counter() - t:.2f} s"
          " (records made again, compared, recent index written)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
