"""`dossier serve` in a browser: from saving an article to the open tab showing it.

    python bench/live_reload.py --site /tmp/c/r1k/site --edits 9
    python bench/live_reload.py --site /tmp/c/r10k/site --edits 9

Copies the site, starts `dossier serve --port 0` on it, opens the page of an article
in headless Chromium (Debian's, through Playwright) and a second tab on another
article, then for each edit appends a sentence to the first article and times how long
until the open tab shows it (live reload: the rebuild, the update over the WebSocket,
the tab's check and its reload, until the reloaded page's first contentful paint).
The baseline in the same run: the same kind of edit
to another article, timed until the server answers with it (polling over HTTP, as
bench/serve_edit.py does), so the difference is what live reload adds. Also counts the
reloads of the second tab (it must stay at zero).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from serve_edit import Server, append, article_slug, fetch, wait_for

from tests.validators import launch_chromium


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, required=True,
                        help="a dossier site (copied, never changed)")
    parser.add_argument("--edits", type=int, default=9)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/dossier-live-bench"))
    args = parser.parse_args()
    work = args.workdir
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    site = work / "site"
    shutil.copytree(args.site, site, ignore=shutil.ignore_patterns(
        "public", ".dossier-cache", ".public.*"))
    articles = sorted((site / "content/articles").rglob("*.md"))
    print(f"{len(articles):,} articles in {site}")
    server = Server(site, work / "serve.log")
    print(f"serve started in {server.start_s:.1f} s")
    from playwright.sync_api import sync_playwright

    shown: list[float] = []
    served: list[float] = []
    try:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright, timeout_ms=120_000)
            context = browser.new_context()
            edited, other = articles[len(articles) // 3], articles[2 * len(articles) // 3]
            polled = articles[len(articles) // 2]
            tab = context.new_page()
            tab.goto(f"{server.base}articles/{article_slug(edited)}/")
            second = context.new_page()
            second.goto(f"{server.base}articles/{article_slug(other)}/")
            second.evaluate("window.__kept = true")
            tab.wait_for_timeout(1000)
            polled_url = f"{server.base}articles/{article_slug(polled)}/"
            for n in range(args.edits):
                mark = f"LIVEMARK{n}X{time.monotonic_ns()}"
                started = time.time()
                append(edited, f"\n\n{mark} said nothing new.\n")
                tab.wait_for_function(f"document.body && document.body.innerText.includes("
                                      f"'{mark}')", polling="raf")
                # when the reloaded page first painted (the browser's own clock, the
                # same as this process's wall clock), not when Playwright noticed
                painted = tab.evaluate(
                    "performance.timeOrigin + (performance.getEntriesByName("
                    "'first-contentful-paint')[0]?.startTime ?? performance.now())")
                shown.append(painted / 1000 - started)
                tab.wait_for_timeout(300)
                mark = f"POLLMARK{n}X{time.monotonic_ns()}"
                fetch(polled_url)
                append(polled, f"\n\n{mark} said nothing new.\n")
                served.append(wait_for(polled_url, lambda s, b, m=mark: m in b))
                tab.wait_for_timeout(300)
            kept = bool(second.evaluate("window.__kept === true"))
            browser.close()
    finally:
        server.stop()
    page_ms = statistics.median(shown) * 1000
    http_ms = statistics.median(served) * 1000
    print(f"save -> open tab shows the edit: median {page_ms:.0f} ms "
          f"(min {min(shown) * 1000:.0f}, max {max(shown) * 1000:.0f}, n={len(shown)})")
    print(f"baseline, save -> server answers with the edit (HTTP polling): median "
          f"{http_ms:.0f} ms; live reload adds {page_ms - http_ms:.0f} ms "
          f"({page_ms / http_ms:.2f}x)")
    print(f"second tab on an unaffected article reloaded: {'no' if kept else 'YES'}")


if __name__ == "__main__":
    main()
