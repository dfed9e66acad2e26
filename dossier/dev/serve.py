"""`dossier serve`: build once, serve under the base path, rebuild only what a change
touches (:mod:`dossier.dev.session`), and tell the open tabs (:mod:`dossier.dev.livereload`).

Two processes: the builder (this one: the session, the watcher, worker forks) and the
server (forked before the first build; threads answer requests). The builder sends
each rebuild's :class:`~dossier.dev.livereload.Update` down a pipe before it lets
requests through again, so a page served after a rebuild carries that rebuild's epoch.
"""

from __future__ import annotations

import errno
import io
import multiprocessing
import os
import re
import secrets
import select
import signal
import socket
import sys
import threading
import time
import webbrowser
from collections.abc import Callable, Iterable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from dossier.config import load_config
from dossier.dev import livereload
from dossier.dev.livereload import LiveState, Update
from dossier.dev.session import Rebuild, Session
from dossier.dev.watch import (
    SiteFilter,
    changed_since,
    root_state,
    source_snapshot,
    watched_folders,
)
from dossier.diagnostics import format_lines, print_diagnostics
from dossier.errors import ConfigError, ContentError, Diagnostic, errors_in
from dossier.output.assets import HASH_LENGTH
from dossier.site.urls import article_url

_CONTEXT = multiprocessing.get_context("fork")
_HASHED = re.compile(rf"/assets/(?:[^/]+/)*[^/.]+\.[0-9a-f]{{{HASH_LENGTH}}}(?:\.[^/]+)?$")


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

    def wait(self, timeout: float = 900.0) -> None:
        self._ready.wait(timeout)   # a full rebuild at 10,000 articles takes a minute or more


class Place:
    """Where the site is served from and at: the builder changes it when config.yaml
    changes ``base_url``'s path or the cache folder, the server reads it per request."""

    SIZE = 4096

    def __init__(self, base_path: str, folder: Path) -> None:
        self._base = _CONTEXT.Array("c", self.SIZE, lock=False)
        self._folder = _CONTEXT.Array("c", self.SIZE, lock=False)
        self.set(base_path, folder)

    def set(self, base_path: str, folder: Path) -> bool:
        """Change it (before requests are let through); True when it changed."""
        base, where = base_path.encode()[: self.SIZE - 1], str(folder).encode()[: self.SIZE - 1]
        if base == self._base.value and where == self._folder.value:
            return False
        self._base.value, self._folder.value = base, where
        return True

    def get(self) -> tuple[str, Path]:
        return self._base.value.decode(), Path(self._folder.value.decode())


class Broadcast:
    """The builder's end of live reload: numbers the builds and sends each one's
    update to the server process before requests are let through again."""

    def __init__(self, base_path: str) -> None:
        self.base_path = base_path
        self.reader, self.writer = _CONTEXT.Pipe(duplex=False)
        self.shared = _CONTEXT.Value("q", 0, lock=False)   # the epoch of the files on disk
        self.epoch = 0

    def built(self, written: Iterable[str], removed: Iterable[str],
              navigate: str | None = None, styles: bool = False,
              everything: bool = False) -> None:
        self.epoch += 1
        update = livereload.update_for(self.epoch, written, removed, self.base_path,
                                       navigate, styles)
        self._send(Update(self.epoch, None) if everything else update)
        self.shared.value = self.epoch

    def failed(self, diagnostics: Iterable[Diagnostic]) -> None:
        self._send(Update(self.epoch, (), tuple(format_lines(errors_in(diagnostics)))))

    def _send(self, update: Update) -> None:
        with _ignored_pipe():
            self.writer.send(update)


class _ignored_pipe:
    """The server process may be gone (stopping): the builder goes on regardless."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> bool:
        return kind is not None and issubclass(kind, (BrokenPipeError, EOFError, OSError))


_LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1", "[::1]")


def _loopback_name(host: str) -> bool:
    """A Host header naming this machine (``localhost:8000``, ``127.0.0.1``, ``[::1]``)."""
    name = host.rsplit(":", 1)[0] if host.count(":") == 1 or host.startswith("[") \
        else host
    name = name.lower().rstrip(".")
    return (name in _LOOPBACK_NAMES or name.endswith(".localhost")
            or (name.startswith("127.") and name.replace(".", "").isdigit()))


def make_handler(place: Place, gate: Gate, live: LiveState | None = None,
                 shared: Any = None, navigate: bool = False, loopback: bool = True
                 ) -> type[SimpleHTTPRequestHandler]:
    """``loopback``: the server listens on this machine only, so a request naming
    another host is a page of another site reaching it through DNS rebinding, and is
    refused."""
    script = livereload.SCRIPT_FILE.read_bytes() if live is not None else b""

    class Handler(SimpleHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            self.base_path, self.folder = place.get()
            super().__init__(*args, directory=str(self.folder), **kwargs)

        def _settle(self) -> bool:
            gate.wait()
            if live is not None and shared is not None:
                live.wait_for(shared.value, 5.0)   # the update of the files on disk is in
            self.base_path, self.folder = place.get()
            self.directory = str(self.folder)
            if loopback and not _loopback_name(self.headers.get("Host", "localhost")):
                self._answer(403, "text/plain; charset=utf-8",
                             b"dossier serve answers only requests for this machine "
                             b"(localhost, 127.0.0.1); see --host\n")
                return False
            return True

        def _special(self) -> bool:
            """The server's own addresses and the redirect from /: answered here."""
            path = urlsplit(self.path).path
            if live is not None and path.startswith(livereload.PREFIX):
                self._live(path)
                return True
            if path in ("", "/") and self.base_path != "/":
                self.send_response(302)
                self.send_header("Location", self.base_path)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return True
            return False

        def do_GET(self) -> None:
            if self._settle() and not self._special():
                super().do_GET()

        def do_HEAD(self) -> None:
            if self._settle() and not self._special():
                super().do_HEAD()

        def _live(self, path: str) -> None:
            if path == livereload.SCRIPT:
                self._answer(200, "text/javascript; charset=utf-8", script)
            elif (path == livereload.ENDPOINT and self.command == "GET"
                  and self._is_upgrade()):
                self._socket()
            else:
                self.send_error(404)

        def _answer(self, code: int, kind: str, body: bytes) -> None:
            self.send_response(code)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _is_upgrade(self) -> bool:
            # a page of another site may open a WebSocket to 127.0.0.1 (browsers let
            # it): only the site's own pages get the errors and the pages changed
            origin = self.headers.get("Origin")
            host = self.headers.get("Host", "")
            return (self.headers.get("Upgrade", "").lower() == "websocket"
                    and bool(self.headers.get("Sec-WebSocket-Key"))
                    and (origin is None or urlsplit(origin).netloc == host))

        def _socket(self) -> None:
            """One tab's WebSocket: what changed since its epoch, then each update."""
            assert live is not None
            key = self.headers.get("Sec-WebSocket-Key", "")
            self.send_response_only(101)
            self.send_header("Upgrade", "websocket")
            self.send_header("Connection", "Upgrade")
            self.send_header("Sec-WebSocket-Accept", livereload.accept_key(key))
            super().end_headers()
            self.close_connection = True
            epoch = livereload.parse_query(urlsplit(self.path).query, live.run, live.epoch)
            errors: tuple[str, ...] | None = None
            connection = self.connection
            quiet = 0.0
            while True:
                epoch, errors, message = live.next_message(epoch, errors, 1.0)
                quiet = 0.0 if message is not None else quiet + 1.0
                try:
                    if message is not None or quiet >= 20:
                        connection.sendall(livereload.frame(message))
                        quiet = 0.0
                    readable, _, _ = select.select([connection], [], [], 0)
                    if readable:
                        data = connection.recv(4096)
                        if not data or data[0] & 0x0F == 0x8:   # gone, or a close frame
                            return
                except OSError:
                    return

        def send_head(self) -> io.BytesIO | Any:
            if live is None:
                return super().send_head()
            target = Path(self.translate_path(self.path))
            if target.is_dir() and urlsplit(self.path).path.endswith("/"):
                target = target / "index.html"
            if target.suffix in (".html", ".htm") and target.is_file():
                try:
                    body = target.read_bytes()
                except OSError:
                    self.send_error(404)
                    return None
                body = livereload.inject(body, live.epoch, live.run, navigate)
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                return io.BytesIO(body)
            return super().send_head()

        def translate_path(self, path: str) -> str:
            folder, base_path = self.folder, self.base_path
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
            page = self.folder / "404.html"
            if code == 404 and page.is_file():
                body = page.read_bytes()
                if live is not None:   # the tab follows 404.html's changes
                    body = livereload.inject(body, live.epoch, live.run, navigate,
                                             self.base_path + "404.html")
                self._answer(404, "text/html; charset=utf-8", body)
                return
            if code == 404 and live is not None and live.errors and live.epoch == 0:
                # nothing built yet: a page that shows the errors and reloads once fixed
                body = livereload.inject(livereload.failed_page(), 0, live.run, navigate)
                self._answer(503, "text/html; charset=utf-8", body)
                return
            super().send_error(code, message, explain)

        def end_headers(self) -> None:
            # a theme asset under its content-hashed name never changes: a reloaded
            # page need not fetch its stylesheet again
            hashed = _HASHED.search(urlsplit(self.path).path)
            self.send_header("Cache-Control", "public, max-age=31536000, immutable"
                             if hashed and self._status == 200 else "no-store")
            super().end_headers()

        def send_response(self, code: int, message: str | None = None) -> None:
            self._status = code
            super().send_response(code, message)

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


def _serve_forever(server: ThreadingHTTPServer, parent: int, place: Place, gate: Gate,
                   broadcast: Broadcast, navigate: bool, loopback: bool) -> None:
    """The server process: answers requests in threads of its own, so the builder
    process has none and may fork its workers safely; it ends with the builder."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)     # the builder stops it
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    broadcast.writer.close()
    live = LiveState(secrets.token_hex(8))
    server.RequestHandlerClass = make_handler(place, gate, live, broadcast.shared, navigate,
                                              loopback)

    def orphaned() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    def updates(reader: Connection) -> None:
        while True:
            try:
                live.publish(reader.recv())
            except (EOFError, OSError):
                return

    threading.Thread(target=orphaned, daemon=True).start()
    threading.Thread(target=updates, args=(broadcast.reader,), daemon=True).start()
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
          verbose: bool = False, open_browser: bool = False, navigate: bool = False) -> int:
    """``on_rebuild``: called after the first build (with None) and after each rebuild
    (the command uses it to tune the garbage collector for a long-lived site).
    ``open_browser``: open the site in the browser once it is served; ``navigate``:
    take the tab the writer used last to the page of the article just saved."""
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
    broadcast = Broadcast(config.base_path)
    place = Place(config.base_path, session.folder(config))
    loopback = _loopback_name(host) or host.startswith("127.")
    # the server process is made before any build: small, and the builder stays
    # without threads
    process = _CONTEXT.Process(
        target=_serve_forever,
        args=(server, os.getpid(), place, gate, broadcast, navigate, loopback),
        daemon=True)
    process.start()
    server.socket.close()
    broadcast.reader.close()
    watching = _Watching(session, gate, broadcast, place, on_rebuild, verbose, navigate)
    watching.address = f"http://{_url_host(host)}:{server.server_address[1]}"
    try:
        return _build_and_watch(root, watching, server, port, host, poll, open_browser)
    finally:
        process.terminate()
        process.join(5)
        broadcast.writer.close()


class _Watching:
    """What the watch loop carries from rebuild to rebuild."""

    def __init__(self, session: Session, gate: Gate, broadcast: Broadcast, place: Place,
                 on_rebuild: Callable[[Rebuild | None], None] | None, verbose: bool,
                 navigate: bool) -> None:
        self.session = session
        self.gate = gate
        self.broadcast = broadcast
        self.place = place
        self.address = ""
        self.on_rebuild = on_rebuild
        self.verbose = verbose
        self.navigate = navigate
        self.shown: set[Diagnostic] = set()


def _build_and_watch(root: Path, watching: _Watching, server: ThreadingHTTPServer,
                     port: int, host: str, poll: bool, open_browser: bool) -> int:
    from watchfiles import watch

    session, shown, verbose = watching.session, watching.shown, watching.verbose
    try:
        first = session.start()
        _print_problems(first.diagnostics, shown, verbose)
        print(f"Built in {first.seconds:.2f} s: {first.rendered:,} pages rendered, "
              f"{len(first.written):,} files written (the rest as the last run left them)"
              if first.rendered < len(session.out.reads) else
              f"Built {len(first.written):,} files in {first.seconds:.2f} s", file=sys.stderr)
        watching.broadcast.built((), ())
    except ConfigError as exc:
        print_diagnostics(exc.diagnostics)
        return 2
    except ContentError as exc:
        _print_problems(exc.diagnostics, shown, verbose)
        watching.broadcast.failed(exc.diagnostics)
        print("Build failed; fix the errors above and save: serve rebuilds on change.",
              file=sys.stderr)
    watching.gate.open()
    if watching.on_rebuild is not None:
        watching.on_rebuild(None)
    config = session.config
    assert config is not None
    shown_port = server.server_address[1]
    address = f"http://{_url_host(host)}:{shown_port}{config.base_path}"
    print(f"Serving {address} (Ctrl+C to stop)"
          + (f"; port {port} was asked for" if port and port != shown_port else "")
          + ("; any free port was asked for" if port == 0 else ""), file=sys.stderr)
    if open_browser:
        _open(address)
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
                    _rebuild(watching, {root / rel for rel in missed})
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
                    _rebuild(watching, paths)
                if restart:
                    break
    except KeyboardInterrupt:
        pass
    finally:
        session.close()
    return 0


def _url_host(host: str) -> str:
    if host in ("0.0.0.0", ""):
        return "127.0.0.1"
    if host == "::":
        return "[::1]"
    return f"[{host}]" if ":" in host else host


def _open(address: str) -> None:
    """Open the site in the browser without letting the browser's output or a missing
    browser disturb serve."""
    try:
        if not webbrowser.open(address):
            print(f"serve: no browser found to open {address}", file=sys.stderr)
    except webbrowser.Error as exc:
        print(f"serve: could not open a browser: {exc}", file=sys.stderr)


def _edited_page(session: Session, paths: Iterable[Path]) -> str | None:
    """The address of the article whose source was just saved (the last one, when
    several were), for --navigate."""
    site, config = session.site, session.config
    if site is None or config is None:
        return None
    root = config.root.resolve()
    saved = []
    for path in paths:
        try:
            saved.append(Path(path).resolve().relative_to(root).as_posix())
        except ValueError:
            continue
    wanted = {rel for rel in saved if rel.startswith("content/articles/")}
    if not wanted:
        return None
    found = [a for a in site.articles if a.path in wanted]
    if not found:
        return None
    newest = max(found, key=lambda a: (Path(root, a.path).stat().st_mtime
                                       if Path(root, a.path).exists() else 0, a.path))
    return config.base_path + article_url(newest.slug).lstrip("/")


def _rebuild(watching: _Watching, paths: set[Path]) -> None:
    session, gate, shown, verbose = (watching.session, watching.gate, watching.shown,
                                     watching.verbose)
    gate.close()
    try:
        try:
            rebuild = session.apply(paths)
        except (ConfigError, ContentError) as exc:
            _print_problems(exc.diagnostics, shown, verbose)
            watching.broadcast.failed(exc.diagnostics)
            print("Rebuild failed; still serving the last good site.", file=sys.stderr)
            return
        config = session.config
        assert config is not None
        moved = watching.place.set(config.base_path, session.folder(config))
        if moved:
            # base_url's path changed: the site is served at its new path from now on
            watching.broadcast.base_path = config.base_path
            print(f"serve: base_url's path is now {config.base_path}: serving "
                  f"{watching.address}{config.base_path}", file=sys.stderr)
        navigate = _edited_page(session, paths) if watching.navigate else None
        # a folder made with files in it may come as the folder alone (its files were
        # written before the watcher was on it): what is in it was saved too
        saved = [f for p in map(Path, paths)
                 for f in (sorted(q for q in p.rglob("*") if q.is_file()) if p.is_dir()
                           else [p])]
        styles = bool(saved) and all(Path(p).suffix.lower() == ".css" for p in saved)
        watching.broadcast.built(rebuild.written, rebuild.removed, navigate, styles, moved)
    finally:
        gate.open()
    _print_problems(rebuild.diagnostics, shown, verbose)
    print(rebuild.line(), file=sys.stderr)
    if watching.on_rebuild is not None:
        watching.on_rebuild(rebuild)
