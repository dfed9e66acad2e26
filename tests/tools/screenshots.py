"""Screenshots of built pages in light and dark mode (headless Debian Chromium).

    python3 tests/tools/screenshots.py PUBLIC_DIR OUT_DIR /dossiers/x/ /entities/y/ ...

Serves PUBLIC_DIR on 127.0.0.1 (a free port) and writes OUT_DIR/<name>-light.png and
-dark.png for each path. The site's base path is taken from --base (default "/").
``--width 390 --suffix phone`` shoots at phone width into <name>-phone-light.png.
A path with a query (``/search/?q=Mattis``) is shot once its results are in
(``search-q-Mattis-light.png``)."""

from __future__ import annotations

import argparse
import functools
import http.server
import re
import shutil
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("public")
    parser.add_argument("out")
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--base", default="/")
    parser.add_argument("--height", type=int, default=1400)
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--suffix", default="", help="added to each file name (phone)")
    parser.add_argument("--full", action="store_true", help="the whole page")
    parser.add_argument("--selector", default="", help="only this element")
    args = parser.parse_args()
    root = Path(args.public).resolve()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    # serve root under the base path by mapping it away
    base = args.base.rstrip("/")

    class Handler(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:
            if base and path.startswith(base):
                path = path[len(base):] or "/"
            return super().translate_path(path)

        def log_message(self, *_: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    port = server.server_address[1]
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=shutil.which("chromium") or "/usr/bin/chromium", args=ARGS)
            for scheme in ("light", "dark"):
                page = browser.new_page(viewport={"width": args.width, "height": args.height},
                                        color_scheme=scheme)
                for path in args.paths:
                    page.goto(f"http://127.0.0.1:{port}{base}{path}", wait_until="networkidle")
                    if "?" in path:   # a search: its results come after the page
                        page.wait_for_timeout(1500)
                    name = re.sub(r"[^\w-]+", "-", path.strip("/")).strip("-") or "home"
                    if args.suffix:
                        name = f"{name}-{args.suffix}"
                    target = page.locator(args.selector).first if args.selector else page
                    if args.selector:
                        target.scroll_into_view_if_needed()
                        target.screenshot(path=str(out / f"{name}-{scheme}.png"))
                    else:
                        page.screenshot(path=str(out / f"{name}-{scheme}.png"),
                                        full_page=args.full)
                page.close()
            browser.close()
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
