"""A warm `dossier build` (parse cache present, one article changed) against a cold one.

    python bench/warm_build.py --site /tmp/c/r10k/site --runs 3

Copies the site, then alternates, A B A B: a cold build (no .dossier-cache/) and a warm
build after appending a sentence to one article, each into a fresh output folder
(removed outside the timed region). Prints the medians and their ratio.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def timed_build(site: Path, out: Path, *extra: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "dossier", "build", "-q", "--output", str(out),
                    *extra], cwd=site, check=True, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/dossier-warm-bench"))
    args = parser.parse_args()
    work = args.workdir
    shutil.rmtree(work, ignore_errors=True)
    site = work / "site"
    shutil.copytree(args.site, site, ignore=shutil.ignore_patterns(
        "public", ".dossier-cache", ".public.*"))
    articles = sorted((site / "content/articles").rglob("*.md"))
    cold: list[float] = []
    warm: list[float] = []
    for run in range(args.runs):
        shutil.rmtree(site / ".dossier-cache", ignore_errors=True)
        cold.append(timed_build(site, work / f"cold-{run}"))
        shutil.rmtree(work / f"cold-{run}")
        time.sleep(2)
        with open(articles[run * 97 % len(articles)], "a", encoding="utf-8") as handle:
            handle.write(f"\n\nA warm edit, run {run}.\n")
        warm.append(timed_build(site, work / f"warm-{run}"))
        shutil.rmtree(work / f"warm-{run}")
        time.sleep(2)
    print(f"{len(articles):,} articles; medians of {args.runs} runs, A B A B")
    print(f"  cold build {statistics.median(cold):6.1f} s  ({', '.join(f'{t:.1f}' for t in cold)})")
    print(f"  warm build {statistics.median(warm):6.1f} s  ({', '.join(f'{t:.1f}' for t in warm)})")
    print(f"  warm / cold {statistics.median(warm) / statistics.median(cold):.2f}")


if __name__ == "__main__":
    main()
