"""`dossier serve`: build, serve public/ under the base path, rebuild on change.

This is the plain first version: every change runs a full build (which swaps
public/ atomically, so the server never serves a half-built site). Incremental
rebuilds and live reload build on the route dependencies in routes.py.
"""

from __future__ import annotations

import functools
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from dossier.build import BuildOptions, build
from dossier.config import load_config
from dossier.diagnostics import print_diagnostics
from dossier.errors import ConfigError, ContentError


class _Handler(SimpleHTTPRequestHandler):
    base_path = "/"

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if not clean.startswith(self.base_path) and clean + "/" != self.base_path:
            return str(Path(self.directory) / "__outside_base_path__")
        return super().translate_path("/" + clean[len(self.base_path):])

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code == 404 and page.is_file():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format: str, *args: object) -> None:
        pass


def _rebuild(root: Path, drafts: bool, verbose: bool = False) -> None:
    try:
        report = build(root, BuildOptions(drafts=drafts))
    except (ConfigError, ContentError) as exc:
        print_diagnostics(exc.diagnostics, verbose)
        print("Build failed; still serving the previous build.", file=sys.stderr)
        return
    print_diagnostics(report.diagnostics, verbose)
    total = sum(seconds for _, seconds in report.timings)
    print(f"Rebuilt in {total:.2f} s", file=sys.stderr)


def serve(root: Path, host: str = "127.0.0.1", port: int = 8000, drafts: bool = False,
          verbose: bool = False) -> int:
    from watchfiles import watch

    try:
        config, _ = load_config(root)
    except ConfigError as exc:
        print_diagnostics(exc.diagnostics, verbose)
        return 2
    _rebuild(root, drafts, verbose)
    output = config.output_dir
    output.mkdir(exist_ok=True)
    handler = type("Handler", (_Handler,), {"base_path": config.base_path})
    server = ThreadingHTTPServer((host, port), functools.partial(handler,
                                                                 directory=str(output)))
    address = f"http://{host}:{server.server_address[1]}{config.base_path}"
    print(f"Serving {address} (Ctrl+C to stop)", file=sys.stderr)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    watched = [p for p in (root / "content", root / "static", root / "themes",
                           root / "config.yaml") if p.exists()]
    try:
        for _changes in watch(*watched):
            _rebuild(root, drafts, verbose)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0
