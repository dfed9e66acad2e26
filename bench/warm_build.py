"""A warm `dossier build` (the last build's cache and state present, one article
changed) against a cold one, and Hugo's cold build of the same corpus.

    python bench/warm_build.py --site /tmp/c/r10k/site --hugo-site /tmp/c/r10k/raw/hugo --runs 3

Copies the site, then alternates, A B C A B C: a cold build (no .dossier-cache/) into a
fresh folder, a warm build into that same folder after appending a sentence to one
article (a warm build reuses the pages of the folder it replaces), and, with
--hugo-site, Hugo into a fresh folder. Outputs are removed outside the timed region.
Prints the medians and their ratios.
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


def timed_hugo(site: Path, out: Path) -> float:
    sys.path.insert(0, str(Path(__file__).parent))
    from run import find_hugo
    started = time.perf_counter()
    subprocess.run([*find_hugo(), "--quiet", "--destination", str(out), "--cacheDir",
                    str(out) + "-cache"], cwd=site, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def settle(*folders: Path) -> None:
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
    subprocess.run(["sync"], check=False)
    time.sleep(5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--hugo-site", type=Path, help="the same corpus as a Hugo site")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/dossier-warm-bench"))
    args = parser.parse_args()
    work = args.workdir
    shutil.rmtree(work, ignore_errors=True)
    site = work / "site"
    shutil.copytree(args.site, site, ignore=shutil.ignore_patterns(
        "public", ".dossier-cache", ".public.*"))
    articles = sorted((site / "content/articles").rglob("*.md"))
    hugo_site = work / "hugo-site"
    if args.hugo_site:     # Hugo writes a lock file into its site: a copy, too
        shutil.copytree(args.hugo_site, hugo_site, ignore=shutil.ignore_patterns(
            "public", "resources", ".hugo_build.lock"))
    cold: list[float] = []
    warm: list[float] = []
    hugo: list[float] = []
    for run in range(args.runs):
        shutil.rmtree(site / ".dossier-cache", ignore_errors=True)
        out = work / f"out-{run}"
        cold.append(timed_build(site, out))
        settle()
        with open(articles[run * 97 % len(articles)], "a", encoding="utf-8") as handle:
            handle.write(f"\n\nA warm edit, run {run}.\n")
        warm.append(timed_build(site, out))
        settle(out)
        if args.hugo_site:
            hugo.append(timed_hugo(hugo_site, work / f"hugo-{run}"))
            settle(work / f"hugo-{run}", work / f"hugo-{run}-cache")
        print(f"run {run}: cold {cold[-1]:.1f} s, warm {warm[-1]:.1f} s"
              + (f", hugo {hugo[-1]:.1f} s" if hugo else ""), flush=True)

    def show(name: str, times: list[float]) -> None:
        print(f"  {name} {statistics.median(times):6.1f} s  "
              f"({', '.join(f'{t:.1f}' for t in times)})")

    print(f"{len(articles):,} articles; medians of {args.runs} runs, alternating")
    show("cold build", cold)
    show("warm build", warm)
    print(f"  warm / cold {statistics.median(warm) / statistics.median(cold):.2f}")
    if hugo:
        show("hugo cold ", hugo)
        print(f"  cold / hugo {statistics.median(cold) / statistics.median(hugo):.2f}")
        print(f"  warm / hugo {statistics.median(warm) / statistics.median(hugo):.2f}"
              " (target: at most 0.25)")


if __name__ == "__main__":
    main()
