"""Real validators for end-to-end tests of built sites.

Everything here wraps a real tool, installed by ``tests/tools/install.sh`` (Debian
chromium and Java, npm's vnu-jar and axe-core) and the ``[test]`` extra (feedparser,
linkchecker, playwright). See shared TESTING.md for why each is used the way it is.

Typical use::

    with serve_dir(tmp_path / "public", base_path="/east-asia/") as base:
        code, out = linkchecker_broken(base)
        assert code == 0, out
    assert vnu_errors(tmp_path / "public") == []
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterator
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright

REPO_ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = REPO_ROOT / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"

#: WCAG rule tags that axe runs (TESTING.md).
AXE_TAGS: tuple[str, ...] = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")

#: Playwright default timeout for contexts and pages made by ``launch_chromium``'s browser.
DEFAULT_TIMEOUT_MS = 10_000

CHROMIUM_ARGS: tuple[str, ...] = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)

_INSTALL_HINT = "run `bash tests/tools/install.sh` from the repository root"

T = TypeVar("T")


# --------------------------------------------------------------------------- HTTP


class _SiteHandler(SimpleHTTPRequestHandler):
    """Serves ``directory`` at ``base_path``; anything else is a 404."""

    base_path = "/"
    extensions_map = {  # noqa: RUF012 - same shape as the base class attribute
        **SimpleHTTPRequestHandler.extensions_map,
        ".html": "text/html; charset=utf-8",
        ".css": "text/css; charset=utf-8",
        ".js": "text/javascript; charset=utf-8",
        ".mjs": "text/javascript; charset=utf-8",
        ".json": "application/json",
        ".xml": "application/xml",
        ".txt": "text/plain; charset=utf-8",
        ".svg": "image/svg+xml",
        ".wasm": "application/wasm",
        ".webmanifest": "application/manifest+json",
    }

    def end_headers(self) -> None:
        # LinkChecker throttles every host to 0.1-0.6 s per request (a 60-page site
        # takes 25 s) unless the host answers with a "LinkChecker" header; then its
        # maxrequestspersecond (set high by linkchecker_broken) applies.
        self.send_header("LinkChecker", "unthrottled")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _under_base(self) -> bool:
        path = urlsplit(self.path).path
        return path.startswith(self.base_path)

    def _redirect_to_base(self) -> bool:
        """``/east-asia`` -> ``/east-asia/``, as a real host does."""
        if self.base_path != "/" and urlsplit(self.path).path == self.base_path.rstrip("/"):
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", self.base_path)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return True
        return False

    def do_GET(self) -> None:
        if self._redirect_to_base():
            return
        if not self._under_base():
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        super().do_GET()

    def do_HEAD(self) -> None:
        if self._redirect_to_base():
            return
        if not self._under_base():
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        super().do_HEAD()

    def translate_path(self, path: str) -> str:
        # Keep the query/fragment handling of the base class; strip only the base path.
        if path.startswith(self.base_path):
            path = "/" + path[len(self.base_path) :]
        return super().translate_path(path)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code == HTTPStatus.NOT_FOUND and page.is_file():
            body = page.read_bytes()
            self.send_response(code, message)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A browser or linkchecker dropping a connection is not a test failure.
        pass


def _normalise_base(base_path: str) -> str:
    base = "/" + base_path.strip("/")
    return base if base == "/" else base + "/"


@contextlib.contextmanager
def serve_dir(root: Path, base_path: str = "/") -> Iterator[str]:
    """Serve ``root`` over HTTP on 127.0.0.1 (a free port) and yield the base URL.

    ``base_path`` mirrors a site built for a sub-path (``base_url:
    https://example.github.io/east-asia/``): ``serve_dir(public, base_path="/east-asia/")``
    yields ``http://127.0.0.1:PORT/east-asia/`` and answers ``/east-asia/x/`` from
    ``public/x/``. Requests outside the base path get 404; every 404 is served with
    ``root/404.html`` as its body when that file exists. The server runs in a thread
    of this process and is shut down when the block exits.
    """
    root = Path(root).resolve()
    if not root.is_dir():
        raise FileNotFoundError(f"serve_dir: not a directory: {root}")
    base = _normalise_base(base_path)
    handler = type("SiteHandler", (_SiteHandler,), {"base_path": base})
    server = _QuietServer(("127.0.0.1", 0), partial(handler, directory=str(root)))
    port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, name=f"serve_dir:{port}", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}{base}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


# --------------------------------------------------------------------------- HTML


def vnu_errors(path: Path) -> list[dict[str, Any]]:
    """Validate an HTML file or a whole folder with the Nu HTML Checker (npm vnu-jar).

    Returns vnu's messages (errors only; non-HTML files are skipped): each a dict with
    ``type``, ``url``, ``message``, ``lastLine`` and so on. An empty list means valid.
    """
    if not VNU_JAR.is_file():
        raise FileNotFoundError(f"{VNU_JAR} is missing: {_INSTALL_HINT}")
    java = shutil.which("java")
    if java is None:
        raise FileNotFoundError(f"java is not installed: {_INSTALL_HINT}")
    cmd = [
        java,
        "-jar",
        str(VNU_JAR),
        "--errors-only",
        "--skip-non-html",
        "--format",
        "json",
        "--stdout",
        str(Path(path).resolve()),
    ]
    proc = subprocess.run(
        cmd, cwd=REPO_ROOT, capture_output=True, text=True, timeout=600, check=False
    )
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError as exc:
        raise RuntimeError(
            f"vnu exited {proc.returncode} without a JSON report\n"
            f"stdout: {proc.stdout[-2000:]}\nstderr: {proc.stderr[-2000:]}"
        ) from exc
    messages: list[dict[str, Any]] = report.get("messages", [])
    if proc.returncode not in (0, 1) or (proc.returncode == 1 and not messages):
        raise RuntimeError(f"vnu exited {proc.returncode}: {proc.stderr[-2000:]}")
    return messages


def describe_vnu(messages: list[dict[str, Any]]) -> str:
    """One line per vnu message, for assertion messages."""
    return "\n".join(
        f"{m.get('url', '?')}:{m.get('lastLine', '?')}: {m.get('type')}: {m.get('message')}"
        for m in messages
    )


# --------------------------------------------------------------------------- feeds


def feed_problems(data: bytes) -> list[str]:
    """Problems with an Atom feed: not well-formed, not Atom 1.0, or missing required parts.

    Checks the feed's id, title and updated, and each entry's id, title, updated (a date)
    and link. An empty list means the feed is fine.
    """
    import feedparser

    # A BytesIO, never the bytes: feedparser would treat a short string as a URL or file name.
    feed = feedparser.parse(io.BytesIO(data))
    problems: list[str] = []
    if feed.bozo:
        problems.append(f"not well-formed: {feed.get('bozo_exception')!r}")
    if feed.version != "atom10":
        problems.append(f"version is {feed.version!r}, not 'atom10'")
    for key in ("id", "title", "updated"):
        if not feed.feed.get(key):
            problems.append(f"feed: missing {key}")
    for i, entry in enumerate(feed.entries):
        label = f"entry {i} ({entry.get('id') or entry.get('title') or '?'})"
        for key in ("id", "title", "updated", "link"):
            if not entry.get(key):
                problems.append(f"{label}: missing {key}")
        if entry.get("updated") and not entry.get("updated_parsed"):
            problems.append(f"{label}: updated is not a date: {entry['updated']!r}")
    return problems


# --------------------------------------------------------------------------- links


#: Check every URL on 127.0.0.1 (also outside the start URL), ignore all others.
LINKCHECKER_ARGS: tuple[str, ...] = (
    "--no-status",
    "--no-warnings",
    "--check-extern",
    r"--ignore-url=^(?!http://127\.0\.0\.1[:/])",
)


def linkchecker_broken(url: str) -> tuple[int, str]:
    """Run LinkChecker over a served site; return (exit code, combined output).

    Exit code 0 means no broken links; 1 means broken links (named in the output, with
    their parent page); 2 means LinkChecker itself failed. Every URL on 127.0.0.1 is
    checked (``--check-extern``, since LinkChecker counts only URLs under the start URL
    as internal) and every other URL is ignored: no network here. Always serve over
    HTTP: on file:// LinkChecker silently skips root-relative links.

    Serve with ``serve_dir``: its "LinkChecker" response header together with the
    config written here lifts LinkChecker's default 0.1-0.6 s pause between requests.
    """
    exe = shutil.which("linkchecker")
    if exe is None:
        raise FileNotFoundError("linkchecker is not installed: pip install -e '.[test]'")
    with tempfile.TemporaryDirectory(prefix="linkchecker-") as tmp:
        # Read before LinkChecker, run as root, drops privileges to "nobody".
        config = Path(tmp) / "linkcheckerrc"
        config.write_text("[checking]\nmaxrequestspersecond=1000\n", encoding="utf-8")
        config.chmod(0o644)
        Path(tmp).chmod(0o755)
        cmd = [exe, f"--config={config}", *LINKCHECKER_ARGS, url]
        proc = subprocess.run(
            cmd,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
            env={**os.environ, "LC_ALL": "C.UTF-8"},
        )
    return proc.returncode, proc.stdout + proc.stderr


# --------------------------------------------------------------------------- browser


def chromium_path() -> str | None:
    """Debian's chromium, or None if it is not installed."""
    found = shutil.which("chromium")
    if found:
        return found
    return "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None


def launch_chromium(playwright: Playwright, timeout_ms: int = DEFAULT_TIMEOUT_MS) -> Browser:
    """Launch Debian's chromium headless through Playwright (never `playwright install`).

    Contexts and pages made from the returned browser (``new_context``/``new_page``)
    get a default timeout of ``timeout_ms`` instead of Playwright's 30 s.
    """
    exe = chromium_path()
    if exe is None:
        raise FileNotFoundError(f"chromium is not installed: {_INSTALL_HINT}")
    browser = playwright.chromium.launch(
        executable_path=exe, args=list(CHROMIUM_ARGS), timeout=30_000
    )

    new_context = browser.new_context
    new_page = browser.new_page

    def _with_timeout(target: T) -> T:
        target.set_default_timeout(timeout_ms)  # type: ignore[attr-defined]
        target.set_default_navigation_timeout(timeout_ms)  # type: ignore[attr-defined]
        return target

    def new_context_with_timeout(*args: Any, **kwargs: Any) -> Any:
        return _with_timeout(new_context(*args, **kwargs))

    def new_page_with_timeout(*args: Any, **kwargs: Any) -> Any:
        return _with_timeout(new_page(*args, **kwargs))

    browser.new_context = new_context_with_timeout  # type: ignore[method-assign]
    browser.new_page = new_page_with_timeout  # type: ignore[method-assign]
    return browser


def axe_violations(page: Page, tags: tuple[str, ...] = AXE_TAGS) -> list[dict[str, Any]]:
    """Run axe-core (npm) on the page as it is now; return its violations (empty: none).

    Load the page first (``page.goto(url)``). A page whose Content-Security-Policy
    forbids inline scripts needs a context made with ``bypass_csp=True``.
    """
    if not AXE_JS.is_file():
        raise FileNotFoundError(f"{AXE_JS} is missing: {_INSTALL_HINT}")
    page.add_script_tag(path=str(AXE_JS))
    violations: list[dict[str, Any]] = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return result.violations;
        }""",
        list(tags),
    )
    return violations


def describe_axe(violations: list[dict[str, Any]]) -> str:
    """One line per violated rule and node, for assertion messages."""
    lines = []
    for v in violations:
        for node in v.get("nodes", []):
            target = ", ".join(map(str, node.get("target", [])))
            lines.append(f"{v['id']} ({v.get('impact')}): {v.get('help')}: {target}")
    return "\n".join(lines)


def call_in_thread(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Call ``fn`` in a fresh thread and return its result (or raise its exception).

    While Playwright's sync API is running (the session ``browser`` fixture),
    ``asyncio.run()`` fails in the main thread with "cannot be called from a running
    event loop". Anything that calls ``asyncio.run`` (Pagefind indexing in a build run
    in-process) must then run in another thread: ``call_in_thread(build, site_dir)``.
    """
    result: list[T] = []
    error: list[BaseException] = []

    def target() -> None:
        try:
            result.append(fn(*args, **kwargs))
        except BaseException as exc:  # re-raised in the caller's thread
            error.append(exc)

    thread = threading.Thread(target=target, name=f"call_in_thread:{getattr(fn, '__name__', fn)}")
    thread.start()
    thread.join()
    if error:
        raise error[0]
    return result[0]
