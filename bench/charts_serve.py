"""Does `dossier serve` take longer from save to page with the charts? Two servers on
two copies of one site, one of them with the charts left out (bench/no_charts.py), the
same article edits made to each in turn:

    python3 bench/charts_serve.py --site /tmp/c/r10k/site --edits 9
    python3 bench/charts_serve.py --articles 1000

Prints the medians of save-to-page (ms) and their ratio.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve_edit import Server, append, article_slug, fetch, wait_for, work_site

BENCH = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a dossier site (copied, never changed)")
    parser.add_argument("--articles", type=int, help="generate bench/generate.py's corpus")
    parser.add_argument("--edits", type=int, default=9)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/dossier-charts-serve"))
    args = parser.parse_args()
    work = args.workdir
    source = work_site(work, args.site, args.articles)
    sites = {"with charts": work / "with", "without charts": work / "without"}
    commands = {"with charts": ("-m", "dossier"),
                "without charts": (str(BENCH / "no_charts.py"),)}
    servers = {}
    for name, site in sites.items():
        shutil.copytree(source, site)
        servers[name] = Server(site, work / f"{site.name}.log", commands[name])
        print(f"{name}: serve started in {servers[name].start_s:.1f} s")
    times: dict[str, list[float]] = {name: [] for name in sites}
    try:
        articles = sorted((source / "content/articles").rglob("*.md"))
        step = len(articles) // (args.edits + 1)
        for n in range(args.edits):
            relative = articles[(n + 1) * step].relative_to(source)
            order = list(sites) if n % 2 == 0 else list(reversed(sites))
            for name in order:
                path = sites[name] / relative
                url = f"{servers[name].base}articles/{article_slug(path)}/"
                fetch(url)
                time.sleep(0.3)
                mark = f"EDITMARK{n}X{time.monotonic_ns()}"
                append(path, f"\n\n{mark} said nothing new.\n")
                times[name].append(wait_for(url, lambda s, b, m=mark: m in b))
                time.sleep(0.3)
    finally:
        for server in servers.values():
            server.stop()
    for name, found in times.items():
        shown = ", ".join(f"{t * 1000:.0f}" for t in found)
        print(f"{name:15} median {statistics.median(found) * 1000:6.0f} ms  ({shown})")
    ratio = statistics.median(times["with charts"]) / statistics.median(times["without charts"])
    print(f"with / without: {ratio:.2f}")


if __name__ == "__main__":
    main()
