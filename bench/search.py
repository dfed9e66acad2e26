"""Search at scale: what search adds to a cold `dossier build`, against Pagefind's own
CLI indexing Hugo's output of the same corpus, in the same run (A B A B).

    python bench/search.py --site /tmp/c/r10k/site --hugo /tmp/c/r10k/raw/hugo --runs 2

Per run: Hugo builds its site into a fresh folder (untimed baseline input); Pagefind's
CLI (`pagefind --site`) indexes it; dossier builds without search, then with search,
each into a fresh folder. Prints medians: Pagefind CLI wall time, what search adds
(with search minus without), their ratio (target <= 0.4), the whole build's peak
memory (all processes, Pss summed; target <= 1.5 GB), the index size, and the bytes
a cold query moves (node bench/query_bytes.mjs; target <= 300 KB median), plus the
serve-time update of one changed article (RecentIndex). `--no-hugo` skips the baseline
(for 100,000 articles, where Pagefind's CLI does not fit this machine).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import find_hugo, remove, settle, timed

REPO = Path(__file__).resolve().parent.parent
QUERIES = ("security", "alliance talks", "minister", "coast guard", "treaty")


def site_copy(src: Path, dst: Path, enabled: bool) -> Path:
    if not dst.exists():
        shutil.copytree(src, dst, ignore=shutil.ignore_patterns("public", ".dossier-cache"))
    cfg = dst / "config.yaml"
    text = cfg.read_text()
    text = text.replace("enabled: true", "enabled: X").replace("enabled: false", "enabled: X")
    cfg.write_text(text.replace("enabled: X", "enabled: true" if enabled else "enabled: false"))
    return dst


def query_bytes(output: Path, queries: tuple[str, ...]) -> list[dict]:
    done = subprocess.run(["node", str(REPO / "bench" / "query_bytes.mjs"), str(output),
                           *queries], capture_output=True, text=True, check=True)
    ui = sum(p.stat().st_size for p in (output / "assets").glob("search.*.js"))
    rows = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    for row in rows:
        row["bytes"] += ui
    return rows


def tree_bytes(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def serve_update(site: Path, output: Path) -> float:
    """Seconds for RecentIndex to re-index one changed article beside a full index."""
    sys.path.insert(0, str(REPO))
    from dossier.build import BuildOptions, Timer, load_site
    from dossier.cache import ParseCache
    from dossier.config import load_config
    from dossier.content.readers import ParseSettings
    from dossier.output.search import RecentIndex
    from dossier.site.search_records import article_record

    config, _ = load_config(site, False)
    linked, _ = load_site(config, BuildOptions(), Timer(),
                          ParseCache(ParseSettings.of(config).fingerprint))
    recent = RecentIndex(output, config.language)
    record = article_record(linked, 0)
    started = time.perf_counter()
    recent.update([record])
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site", type=Path, required=True, help="a dossier site (not modified)")
    ap.add_argument("--hugo", type=Path, help="Hugo's version of the same corpus")
    ap.add_argument("--no-hugo", action="store_true")
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "search-bench")
    ap.add_argument("--queries", nargs="*", default=list(QUERIES))
    args = ap.parse_args(argv)
    work = args.workdir
    work.mkdir(parents=True, exist_ok=True)
    logs = work / "logs"
    logs.mkdir(exist_ok=True)
    plain = site_copy(args.site, work / "site-plain", False)
    search = site_copy(args.site, work / "site-search", True)
    env_cmd = [sys.executable, "-m", "dossier", "build", "--quiet", "--no-cache", "--output"]
    os.environ["PYTHONPATH"] = str(REPO)
    import pagefind_bin  # the plain CLI, as users run it
    pagefind_cli = str(pagefind_bin.get_executable())
    rows: dict[str, list[float]] = {k: [] for k in
                                    ("pagefind_s", "pagefind_mb", "plain_s", "plain_mb",
                                     "search_s", "search_mb")}
    output = work / "out-search-0"
    for i in range(args.runs):
        if args.hugo and not args.no_hugo:
            hugo_out = work / f"hugo-{i}"
            remove(hugo_out)
            subprocess.run([*find_hugo(), "--quiet", "--destination", str(hugo_out)],
                           cwd=args.hugo, check=True, stdout=subprocess.DEVNULL)
            settle(2)
            status, wall, _, _, tree, _ = timed(
                [pagefind_cli, "--site", str(hugo_out), "--quiet"], args.hugo,
                logs / f"pagefind-{i}", True)
            assert status == 0, "pagefind CLI failed"
            rows["pagefind_s"].append(wall)
            rows["pagefind_mb"].append(tree)
            print(f"run {i}: pagefind CLI on Hugo's output {wall:.1f} s, {tree:.0f} MB",
                  flush=True)
            remove(hugo_out)
        for name, site in (("plain", plain), ("search", search)):
            output = work / f"out-{name}-{i}"
            remove(output)
            settle(2)
            status, wall, _, _, tree, _ = timed([*env_cmd, str(output)], site,
                                                logs / f"{name}-{i}", True)
            assert status in (0, 1), f"dossier build failed: see {logs}/{name}-{i}.err"
            rows[f"{name}_s"].append(wall)
            rows[f"{name}_mb"].append(tree)
            print(f"run {i}: dossier {name} {wall:.1f} s, {tree:.0f} MB", flush=True)
            if name == "plain" or i < args.runs - 1:
                remove(output)
    med = {k: statistics.median(v) for k, v in rows.items() if v}
    added = med["search_s"] - med["plain_s"]
    queries = query_bytes(output, tuple(args.queries))
    per_query = [q["bytes"] for q in queries]
    update = serve_update(search, output)
    print()
    print(f"runs: {args.runs} (medians; the machine is shared, figures are noisy)")
    if "pagefind_s" in med:
        print(f"Pagefind CLI on Hugo's output:  {med['pagefind_s']:.1f} s, "
              f"{med['pagefind_mb']:.0f} MB peak")
    print(f"dossier build without search:   {med['plain_s']:.1f} s, {med['plain_mb']:.0f} MB")
    print(f"dossier build with search:      {med['search_s']:.1f} s, {med['search_mb']:.0f} MB"
          "  (target <= 1536 MB)")
    if "pagefind_s" in med:
        print(f"search adds {added:.1f} s = {added / med['pagefind_s']:.2f} x Pagefind CLI"
              "  (target <= 0.40)")
    else:
        print(f"search adds {added:.1f} s")
    print(f"index: {tree_bytes(output / 'pagefind') / 1e6:.1f} MB")
    for q in queries:
        print(f"  cold query {q['q']!r}: {q['bytes'] / 1024:.0f} KB in {q['files']} files,"
              f" {q['results']} results")
    print(f"cold query median: {statistics.median(per_query) / 1024:.0f} KB"
          "  (target <= 300 KB)")
    print(f"serve: one changed article re-indexed in {update:.2f} s  (target <= 3 s)")
    remove(output)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
