"""`dossier serve`: build once, serve under the base path, rebuild only what a change
touches (:mod:`dossier.dev.session`)."""

from __future__ import annotations

import errno
import multiprocessing
import os
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from dossier.config import load_config
from dossier.dev.session import Rebuild, Session
from dossier.dev.watch import (
    SiteFilter,
    changed_since,
    root_state,
    source_snapshot,
    watched_folders,
)
from dossier.diagnostics import print_diagnostics
from dossier.errors import ConfigError, ContentError, Diagnostic

_CONTEXT = multiprocessing.get_context("fork")


class Gate:
    """Requests wait while a rebuild writes (MkDocs' dev server holds them the same
    way), so a page and the files it links to come from one build. Shared between
    the builder process and the server process."""

    def __init__(self) -> None:
        self._ready = _CONTEXT.Event()

    def close(self) -> None:
        self._ready.clear()

    def open(self) -> None:
        self._ready.set()

    def wait(self, timeout: float = 60.0) -> None:
        self._ready.wait(timeout)


def make_handler(folder: Path, base_path: str, gate: Gate) -> type[SimpleHTTPRequestHandler]:
    class Handler(SimpleHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(folder), **kwargs)

        def do_GET(self) -> None:
            gate.wait()
            path = urlsplit(self.path).path
            if path in ("", "/") and base_path != "/":
                self.send_response(302)
                self.send_header("Location", base_path)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            super().do_GET()

        def do_HEAD(self) -> None:
            gate.wait()
            super().do_HEAD()

        def translate_path(self, path: str) -> str:
            clean = unquote(urlsplit(path).path)
            if not clean.startswith(base_path) and clean + "/" != base_path:
                return str(folder / "__outside_base_path__")
            inside = clean[len(base_path):]
            if "\x00" in inside or any(part == ".." for part in inside.split("/")):
                return str(folder / "__outside__")
            target = Path(super().translate_path("/" + inside))
            try:   # never anything outside the folder, symbolic links included
                target.resolve().relative_to(folder.resolve())
            except ValueError:
                return str(folder / "__outside__")
            return str(target)

        def list_directory(self, path: str | Any) -> None:  # type: ignore[override]
            self.send_error(404)
            return None

        def send_error(self, code: int, message: str | None = None,
                       explain: str | None = None) -> None:
            page = folder / "404.html"
            if code == 404 and page.is_file():
                body = page.read_bytes()
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)
                return
            super().send_error(code, message, explain)

        def end_headers(self) -> None:
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return   # the browser went away (a tab closed mid-answer): nothing to say
        super().handle_error(request, client_address)


def bind(host: str, port: int) -> ThreadingHTTPServer | str:
    """The server, bound and listening; or why not (a port in use), in one line."""
    try:
        server = _Server((host, port), SimpleHTTPRequestHandler, bind_and_activate=False)
        server.allow_reuse_address = True
        server.daemon_threads = True
        server.server_bind()
        server.server_activate()
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            return (f"serve: port {port} on {host} is in use; choose another with "
                    "--port N, or --port 0 for any free port")
        if isinstance(exc, socket.gaierror) or exc.errno == errno.EADDRNOTAVAIL:
            return f"serve: cannot listen on {host!r}: {exc.strerror or exc}"
        return f"serve: cannot listen on {host}:{port}: {exc.strerror or exc}"
    return server


def _serve_forever(server: ThreadingHTTPServer, parent: int) -> None:
    """The server process: answers requests in threads of its own, so the builder
    process has none and may fork its workers safely; it ends with the builder."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)     # the builder stops it
    signal.signal(signal.SIGTERM, signal.SIG_DFL)

    def orphaned() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=orphaned, daemon=True).start()
    server.serve_forever()


def _print_problems(diagnostics: tuple[Diagnostic, ...], shown: set[Diagnostic],
                    verbose: bool = False) -> None:
    """Each problem once while it lasts (grouped as the build groups them): a rebuild
    that still has it says nothing of it."""
    print_diagnostics([d for d in diagnostics if d not in shown], verbose)
    shown.clear()
    shown.update(diagnostics)


def serve(root: Path, host: str = "127.0.0.1", port: int = 8000, drafts: bool = False,
          poll: bool = False, on_rebuild: Callable[[Rebuild | None], None] | None = None,
          verbose: bool = False) -> int:
    """``on_rebuild``: called after the first build (with None) and after each rebuild
    (the command uses it to tune the garbage collector for a long-lived site)."""
    server = bind(host, port)
    if isinstance(server, str):
        print(server, file=sys.stderr)
        return 2
    if host in ("0.0.0.0", "::", ""):
        print(f"serve: warning: listening on {host or 'every address'}: the site is visible "
              "to every machine on the network", file=sys.stderr)
    try:
        config, _ = load_config(root)
    except ConfigError as exc:
        print_diagnostics(exc.diagnostics)
        server.server_close()
        return 2
    session = Session(root, drafts=drafts)
    gate = Gate()
    server.RequestHandlerClass = make_handler(session.folder(config), config.base_path, gate)
    # the server process is made before any build: small, and the builder stays
    # without threads
    process = _CONTEXT.Process(target=_serve_forever, args=(server, os.getpid()), daemon=True)
    process.start()
    server.socket.close()
    try:
        return _build_and_watch(root, session, gate, server, port, host, poll, on_rebuild,
                                verbose)
    finally:
        process.terminate()
        process.join(5)


def _build_and_watch(root: Path, session: Session, gate: Gate, server: ThreadingHTTPServer,
                     port: int, host: str, poll: bool,
                     on_rebuild: Callable[[Rebuild | None], None] | None,
                     verbose: bool) -> int:
    from watchfiles import watch

    shown: set[Diagnostic] = set()
    try:
        first = session.start()
        _print_problems(first.diagnostics, shown, verbose)
        print(f"Built in {first.seconds:.2f} s: {first.rendered:,} pages rendered, "
              f"{len(first.written):,} files written (the rest as the last run left them)"
              if first.rendered < len(session.out.reads) else
              f"Built {len(first.written):,} files in {first.seconds:.2f} s", file=sys.stderr)
    except ConfigError as exc:
        print_diagnostics(exc.diagnostics)
        return 2
    except ContentError as exc:
        _print_problems(exc.diagnostics, shown, verbose)
        print("Build failed; fix the errors above and save: serve rebuilds on change.",
              file=sys.stderr)
    gate.open()
    if on_rebuild is not None:
        on_rebuild(None)
    config = session.config
    assert config is not None
    shown_port = server.server_address[1]
    print(f"Serving http://{host}:{shown_port}{config.base_path} (Ctrl+C to stop)"
          + (f"; port {port} was asked for" if port and port != shown_port else "")
          + ("; any free port was asked for" if port == 0 else ""), file=sys.stderr)
    root = root.resolve()
    try:
        before: dict[str, tuple[int, int]] | None = None
        while True:
            state = root_state(root)
            folders = watched_folders(root)
            restart = False
            if before is not None:
                # what changed while no watcher was on the new folders (the last
                # watcher's events are gone with it): found by comparing the files
                missed = changed_since(before, source_snapshot(root))
                if missed:
                    _rebuild(session, {root / rel for rel in missed}, gate, shown,
                             on_rebuild, verbose)
                before = None
            for changes in watch(*(folders or [root]), watch_filter=SiteFilter(root),
                                 debounce=1600, step=30, rust_timeout=500,
                                 yield_on_timeout=True, recursive=bool(folders),
                                 force_polling=poll or None):
                paths = {Path(p) for _, p in changes}
                now = root_state(root)
                if now != state:
                    restart = now[1:] != state[1:]
                    if now[0] != state[0]:
                        paths.add(root / "config.yaml")
                    if restart:   # a source folder made or removed: start over
                        paths.add(root / "config.yaml")
                        before = source_snapshot(root)
                    state = now
                if paths:
                    _rebuild(session, paths, gate, shown, on_rebuild, verbose)
                if restart:
                    break
    except KeyboardInterrupt:
        pass
    finally:
        session.close()
    return 0


def _rebuild(session: Session, paths: set[Path], gate: Gate, shown: set[Diagnostic],
             on_rebuild: Callable[[Rebuild | None], None] | None, verbose: bool) -> None:
    gate.close()
    try:
        rebuild = session.apply(paths)
    except (ConfigError, ContentError) as exc:
        _print_problems(exc.diagnostics, shown, verbose)
        print("Rebuild failed; still serving the last good site.", file=sys.stderr)
        return
    finally:
        gate.open()
    _print_problems(rebuild.diagnostics, shown, verbose)
    print(rebuild.line(), file=sys.stderr)
    if on_rebuild is not None:
        on_rebuild(rebuild)
