"""Live reload for `dossier serve`: what a rebuild tells the open tabs, and how.

The builder process sends one :class:`Update` per rebuild down a pipe; the server
process keeps the recent ones (:class:`LiveState`) and passes them to every open tab
over a WebSocket (``/__dossier/live``). A WebSocket, not server-sent events: browsers
allow six HTTP/1.1 connections to a host, and a writer with seven tabs open would see
the seventh hang; WebSockets do not count against that limit.

Each update carries a build *epoch* (MkDocs' dev server is the model): a tab knows
the epoch of the page it shows, so a tab that slept, went offline or came back from
the back-forward cache asks for what changed since, and catches up. The tab decides
what to do (``livereload.js``): reload if its page changed, swap a stylesheet in place
if only that changed, else nothing.

What the server adds to a page (one script tag) goes into served HTML responses
only, never into the files the build writes. The endpoint reads two query values, an
integer and a token, neither of which reaches the file system.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import threading
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape as html_escape
from pathlib import Path

PREFIX = "/__dossier/"                  # the server's own addresses, outside the site
SCRIPT = PREFIX + "livereload.js"
ENDPOINT = PREFIX + "live"
SCRIPT_FILE = Path(__file__).with_name("livereload.js")
HISTORY = 256                            # updates kept for tabs that catch up
MAX_URLS = 2000                          # past this, an update says "everything"
_WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
_RUN = re.compile(r"[0-9a-f]{1,32}")
_STYLESHEET = re.compile(rb"<link\b[^>]*\brel=[\"']?stylesheet\b[^>]*>", re.IGNORECASE)
_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)


@dataclass(frozen=True)
class Update:
    """What one rebuild did, as the tabs need it. ``urls`` is None when too much
    changed to list (every tab then checks its own page); a failed rebuild keeps the
    epoch and carries its errors."""

    epoch: int
    urls: tuple[str, ...] | None
    errors: tuple[str, ...] = ()
    navigate: str | None = None
    styles: bool = False      # only stylesheets were saved: pages may differ in their names


def site_url(rel: str, base_path: str) -> str:
    """The address a written file is served at: ``articles/x/index.html`` ->
    ``/base/articles/x/``."""
    if rel == "index.html":
        rel = ""
    elif rel.endswith("/index.html"):
        rel = rel[: -len("index.html")]
    return base_path + rel


def update_for(epoch: int, written: Iterable[str], removed: Iterable[str], base_path: str,
               navigate: str | None = None, styles: bool = False) -> Update:
    urls = sorted({site_url(rel, base_path) for rel in (*written, *removed)})
    return Update(epoch, tuple(urls) if len(urls) <= MAX_URLS else None, (), navigate,
                  styles)


class LiveState:
    """The server process's view of the builds: the current epoch, the recent updates
    and the errors of the last rebuild, with a condition tabs' threads wait on."""

    def __init__(self, run: str) -> None:
        self.run = run                   # this server's token: a tab of another run knows nothing
        self.epoch = 0
        self.errors: tuple[str, ...] = ()
        self.history: deque[Update] = deque(maxlen=HISTORY)
        self.changed = threading.Condition()

    def publish(self, update: Update) -> None:
        with self.changed:
            if update.epoch > self.epoch:
                self.history.append(update)
                self.epoch = update.epoch
            self.errors = update.errors
            self.changed.notify_all()

    def wait_for(self, epoch: int, timeout: float) -> bool:
        """Wait until the state has reached ``epoch`` (the one the files on disk are
        of); False on timeout."""
        with self.changed:
            return self.changed.wait_for(lambda: self.epoch >= epoch, timeout)

    def since(self, epoch: int) -> Update:
        """What changed after ``epoch``, as one update: every address changed (None
        when that is not known), the last navigation target, whether only
        stylesheets were saved."""
        with self.changed:
            return self._since(epoch)

    def _since(self, epoch: int) -> Update:
        if epoch >= self.epoch:
            return Update(self.epoch, ())
        newer = [u for u in self.history if u.epoch > epoch]
        if not newer or newer[0].epoch != epoch + 1 or any(u.urls is None for u in newer):
            return Update(self.epoch, None)    # older than the history kept
        urls: set[str] = set()
        for update in newer:
            urls.update(update.urls or ())
        return Update(self.epoch, tuple(sorted(urls)), (), newer[-1].navigate,
                      all(u.styles for u in newer))

    def next_message(self, epoch: int, errors: tuple[str, ...] | None,
                     timeout: float) -> tuple[int, tuple[str, ...], dict[str, object] | None]:
        """Wait for news for a tab that has seen ``epoch`` and ``errors``; return the
        tab's new (epoch, errors) and the message to send, or None on timeout."""
        with self.changed:
            self.changed.wait_for(
                lambda: self.epoch != epoch or self.errors != errors, timeout)
            if self.epoch != epoch:
                update = self._since(epoch)
                message: dict[str, object] = {
                    "type": "changed", "epoch": update.epoch, "urls": update.urls,
                    "navigate": update.navigate, "styles": update.styles,
                    "errors": list(self.errors)}
                return update.epoch, self.errors, message
            if self.errors != errors:
                return epoch, self.errors, {"type": "errors", "errors": list(self.errors)}
            return epoch, self.errors, None


def parse_query(query: str, run: str, epoch: int) -> int:
    """The epoch a connecting tab has seen, from ``epoch=N&run=TOKEN``: a tab of
    another run (the server was restarted) or with no valid epoch has seen nothing
    (-1), so it checks its page."""
    values: dict[str, str] = {}
    for part in query.split("&")[:4]:
        name, _, value = part.partition("=")
        values[name] = value[:40]
    seen = values.get("epoch", "")
    if not seen.isdigit() or not _RUN.fullmatch(values.get("run", "")):
        return -1
    if values["run"] != run:
        return -1
    return min(int(seen), epoch)


def content_hash(html: bytes) -> str:
    """A page's bytes without its stylesheet links: equal before and after a change
    that only renamed or edited a stylesheet, which a tab then swaps in place."""
    return hashlib.sha1(_STYLESHEET.sub(b"<link>", html)).hexdigest()[:16]


def inject(html: bytes, epoch: int, run: str, navigate: bool, page: str = "") -> bytes:
    """The page with the live-reload script added before ``</body>`` (or at the end).
    ``page``: the address of the file served when it is not the one asked for (the
    404 page), so that the tab follows that file's changes."""
    where = f' data-page="{html_escape(page)}"' if page else ""
    tag = (f'<script src="{SCRIPT}" data-dossier-live data-epoch="{epoch}" '
           f'data-run="{run}" data-hash="{content_hash(html)}" '
           f'data-navigate="{int(navigate)}"{where} defer></script>').encode()
    ends = list(_BODY_END.finditer(html))
    if not ends:
        return html + tag
    at = ends[-1].start()
    return html[:at] + tag + html[at:]


def failed_page() -> bytes:
    """What a page address answers before the first build has succeeded: the
    overlay shows the errors, and the page reloads once the site is built."""
    return (b"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            b"<title>Build failed</title></head><body><main><h1>The site has not been "
            b"built yet</h1><p>The build failed: fix the errors shown and save; this page "
            b"reloads by itself.</p></main></body></html>")


# -- WebSocket (RFC 6455), the little a server that only sends needs ------------------

def accept_key(key: str) -> str:
    return base64.b64encode(hashlib.sha1((key + _WS_GUID).encode()).digest()).decode()


def frame(message: dict[str, object] | None) -> bytes:
    """A text frame with the message as JSON, or a ping frame for None."""
    if message is None:
        return b"\x89\x00"
    data = json.dumps(message, separators=(",", ":")).encode()
    size = len(data)
    if size < 126:
        head = bytes((0x81, size))
    elif size < 1 << 16:
        head = bytes((0x81, 126)) + size.to_bytes(2, "big")
    else:
        head = bytes((0x81, 127)) + size.to_bytes(8, "big")
    return head + data
