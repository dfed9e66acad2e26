"""The weight of a built site with search, against Hugo's output plus Pagefind's index of
the same corpus, and what each kind of page weighs.

    python bench/weight.py --site /tmp/w/r10k/site --hugo /tmp/w/r10k/raw/hugo

The dossier site is copied with `search.enabled: true` and built into a fresh folder;
the Hugo site is copied (Hugo writes `resources/` and `.hugo_build.lock` into its
source), built, and indexed by Pagefind's CLI (`pagefind --site`). Sizes are apparent
sizes (bytes of the files, as GitHub Pages counts them). Prints the totals, the ratio
dossier / (Hugo + Pagefind), bytes per article, and a table of page kinds (count,
MB, KB per page) with the heaviest pages; `--json FILE` writes the same figures.
`--no-hugo` skips the baseline (100,000 articles: Pagefind's CLI does not fit here);
`--keep` leaves the outputs in the work folder.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import find_hugo
from search import site_copy

REPO = Path(__file__).resolve().parent.parent


def kind_of(rel: str) -> str:
    """The kind of output file a path inside the output folder is."""
    parts = rel.split("/")
    top = parts[0]
    if top in ("pagefind", "assets") or len(parts) == 1:
        return top if len(parts) > 1 else "root files"
    if top in ("entities", "dossiers", "tags") and len(parts) > 2:
        top = {"entities": "entity", "dossiers": "dossier", "tags": "tag"}[top]
        rest = parts[2:]
        if rest == ["index.html"]:
            return f"{top} page"
        if rest[0] == "page":
            return f"{top} page/N"
        if rest[0] == "archive":
            return f"{top} archive"
        return f"{top} {Path(rest[-1]).suffix or rest[-1]}"
    if top == "articles":
        return "article" if parts[-1] == "index.html" else "article other"
    return f"{top}/"


def weigh(folder: Path) -> tuple[int, dict[str, list[int]], list[tuple[int, str]]]:
    """Total bytes, bytes per kind (one entry per file) and the heaviest files."""
    total = 0
    kinds: dict[str, list[int]] = defaultdict(list)
    files: list[tuple[int, str]] = []
    for root, _, names in os.walk(folder):
        for name in names:
            path = Path(root) / name
            if path.is_symlink():
                continue
            size = path.stat().st_size
            rel = path.relative_to(folder).as_posix()
            total += size
            kinds[kind_of(rel)].append(size)
            files.append((size, rel))
    files.sort(reverse=True)
    return total, kinds, files[:8]


def articles_in(site: Path) -> int:
    return sum(1 for _ in (site / "content" / "articles").rglob("*.md"))


def run(cmd: list[str], cwd: Path, log: Path) -> None:
    with log.open("wb") as out:
        done = subprocess.run(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
    if done.returncode != 0:
        sys.exit(f"weight.py: {' '.join(cmd)} failed ({done.returncode}); see {log}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--hugo", type=Path, help="the corpus's Hugo site (copied first)")
    parser.add_argument("--no-hugo", action="store_true")
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="dossier-weight-"))
    work.mkdir(parents=True, exist_ok=True)
    site = site_copy(args.site, work / "site", True)
    out = work / "dossier-out"
    shutil.rmtree(out, ignore_errors=True)
    env_cmd = [sys.executable, "-m", "dossier", "build", "--quiet", "--output", str(out)]
    os.environ["PYTHONPATH"] = str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")
    run(env_cmd, site, work / "dossier.log")
    n = articles_in(site)
    total, kinds, heavy = weigh(out)
    report: dict = {"articles": n, "dossier_bytes": total,
                    "per_article_bytes": total / n if n else 0,
                    "kinds": {k: {"files": len(v), "bytes": sum(v)} for k, v in kinds.items()}}
    print(f"dossier: {total / 1e6:.1f} MB for {n} articles, "
          f"{total / n / 1000:.1f} KB per article (with search)")
    print(f"{'kind':<22}{'files':>8}{'MB':>9}{'KB/file':>9}{'max KB':>9}")
    for kind, sizes in sorted(kinds.items(), key=lambda kv: -sum(kv[1])):
        mb = sum(sizes) / 1e6
        print(f"{kind:<22}{len(sizes):>8}{mb:>9.1f}{sum(sizes) / len(sizes) / 1000:>9.1f}"
              f"{max(sizes) / 1000:>9.1f}")
    print("heaviest files:", ", ".join(f"{rel} {size / 1000:.0f} KB" for size, rel in heavy))
    if args.hugo and not args.no_hugo:
        hugo_site = work / "hugo-site"
        shutil.rmtree(hugo_site, ignore_errors=True)
        shutil.copytree(args.hugo, hugo_site,
                        ignore=shutil.ignore_patterns("public", "resources", ".hugo_build.lock"))
        hugo_out = work / "hugo-out"
        shutil.rmtree(hugo_out, ignore_errors=True)
        run([*find_hugo(), "--quiet", "--destination", str(hugo_out),
             "--cacheDir", str(work / "hugo-cache")], hugo_site, work / "hugo.log")
        hugo_bytes, _, _ = weigh(hugo_out)
        import pagefind_bin
        run([str(pagefind_bin.get_executable()), "--site", str(hugo_out), "--quiet"],
            hugo_site, work / "pagefind.log")
        both, _, _ = weigh(hugo_out)
        report.update(hugo_bytes=hugo_bytes, hugo_pagefind_bytes=both, ratio=total / both)
        print(f"hugo: {hugo_bytes / 1e6:.1f} MB; + pagefind index: {both / 1e6:.1f} MB "
              f"({both / n / 1000:.1f} KB per article)")
        print(f"ratio dossier / (hugo + pagefind): {total / both:.2f}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1))
    if not args.keep and not args.workdir:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
