"""`dossier serve` run as a user runs it: a real process on a free port, its terminal
output kept in a file, stopped with Ctrl-C (SIGINT) at the end."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SERVING = re.compile(r"Serving (http://\S+?)(/\S*) \(Ctrl\+C")


@dataclass
class Served:
    process: subprocess.Popen[bytes]
    log_path: Path
    origin: str            # http://127.0.0.1:PORT
    base: str              # the site's base path, e.g. /east-asia/

    @property
    def url(self) -> str:
        return self.origin + self.base

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def wait_for(self, pattern: str, count: int = 1, timeout: float = 60.0) -> str:
        """Wait until the terminal shows ``pattern`` (a regular expression) ``count``
        times; the log so far."""
        deadline = time.monotonic() + timeout
        while True:
            text = self.log()
            if len(re.findall(pattern, text)) >= count:
                return text
            if self.process.poll() is not None:
                raise AssertionError(f"serve exited ({self.process.returncode}):\n{text}")
            if time.monotonic() > deadline:
                raise AssertionError(f"no {pattern!r} x{count} in serve's output:\n{text}")
            time.sleep(0.05)

    def rebuilds(self) -> int:
        """Rebuilds finished so far (each prints one line with 'rendered' or 'failed')."""
        return len(re.findall(r" rendered, | failed", self.log()))


def serve_args(*args: str) -> list[str]:
    return [sys.executable, "-m", "dossier", "serve", *args]


@contextlib.contextmanager
def serving(site: Path, *args: str, port: str = "0", browser: str = "true"
            ) -> Iterator[Served]:
    """``browser``: what --open runs (the BROWSER variable of Python's webbrowser)."""
    log_path = site.parent / f"serve-{site.name}-{time.monotonic_ns()}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(serve_args("--port", port, *args), cwd=site, stdout=log,
                                   stderr=subprocess.STDOUT,
                                   env={**os.environ, "BROWSER": browser})
    served = Served(process, log_path, "", "/")
    try:
        text = served.wait_for(SERVING.pattern, timeout=120)
        match = SERVING.search(text)
        assert match is not None
        served.origin, served.base = match.group(1), match.group(2)
        yield served
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)
                raise AssertionError("serve did not stop on Ctrl-C") from None


def wait_until(check: object, timeout: float = 30.0, step: float = 0.05) -> None:
    deadline = time.monotonic() + timeout
    while not check():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {check}")
        time.sleep(step)
