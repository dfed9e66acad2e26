"""Write public/ atomically: build into a staging folder, then swap it in.

A failed build removes its staging folder and leaves the previous public/ as it
was. A file whose bytes equal the previous build's is hard-linked from it
instead of written again: a rebuild writes only what changed, and retiring the
old tree then frees only the changed files' blocks (on this kind of disk, ext4
with discard, freeing many blocks slows every write for a minute after).
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0)


def _staging(output: Path) -> Path:
    return output.parent / f".{output.name}.staging"


def _retired(output: Path) -> Path:
    # unique per build, not per process: a second build in one process (a warm build
    # after a cold one) must not meet the first one's folder still being removed
    return output.parent / f".{output.name}.retired-{os.getpid()}-{time.monotonic_ns()}"


@dataclass(frozen=True)
class Writer:
    staging: str
    previous: str | None     # the output being replaced, when there is one

    def write(self, rel: str, data: bytes) -> bool:
        """Write one file; True when its bytes differ from the previous build's."""
        if rel.startswith(("/", "../")) or "/../" in rel or rel == "..":
            raise ValueError(f"refusing to write outside the output folder: {rel!r}")
        target = os.path.join(self.staging, rel)
        if self.previous is not None and self._link_unchanged(rel, target, data):
            return False
        try:
            fd = os.open(target, _FLAGS, 0o644)
        except FileNotFoundError:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            fd = os.open(target, _FLAGS, 0o644)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
        return True

    def _link_unchanged(self, rel: str, target: str, data: bytes) -> bool:
        assert self.previous is not None
        old = os.path.join(self.previous, rel)
        try:
            if os.stat(old).st_size != len(data):
                return False
            with open(old, "rb") as handle:
                if handle.read() != data:
                    return False
            try:
                os.link(old, target)
            except FileNotFoundError:
                os.makedirs(os.path.dirname(target), exist_ok=True)
                os.link(old, target)
        except OSError:  # gone, unreadable, or no hard links on this file system
            return False
        return True

    def link(self, rel: str) -> bool:
        """Take the previous build's file as it is (the caller knows it is right);
        False when there is none to take."""
        if self.previous is None:
            return False
        target = os.path.join(self.staging, rel)
        old = os.path.join(self.previous, rel)
        try:
            try:
                os.link(old, target)
            except FileNotFoundError:
                os.makedirs(os.path.dirname(target), exist_ok=True)
                os.link(old, target)
        except OSError:  # gone, or no hard links on this file system
            return False
        return True

    def copy(self, source: Path, rel: str) -> bool:
        return self.write(rel, source.read_bytes())


def refusal(output: Path, root: Path) -> str | None:
    """Why a build must not replace ``output`` (the swap deletes what is there), or None.

    Refused: the site folder or any folder holding it, anything inside content/,
    static/ or themes/, and a folder with files that are not a dossier build
    (every build writes index.html and .nojekyll). The site's own public/ is always
    fair game: the contract calls it safe to delete."""
    out, site = output.resolve(), root.resolve()
    if out == site or site.is_relative_to(out):
        return f"{output} is the site folder or holds it; choose an output folder inside it"
    for name in ("content", "static", "themes"):
        if out.is_relative_to((site / name).resolve()):   # content/ may be a symlink
            return f"{output} is inside the site's {name}/ folder, which a build never writes"
    if out.exists() and not out.is_dir():
        return f"{output} is a file, not a folder; choose a folder for the site"
    if out == site / "public" or not out.is_dir() or not any(out.iterdir()):
        return None
    if (out / "index.html").is_file() and (out / ".nojekyll").exists():
        return None
    return (f"{output} holds files that are not from a dossier build and would be deleted; "
            "empty it or choose another folder")


def begin(output: Path) -> Writer:
    """A fresh, empty staging folder beside the output (same file system: rename is atomic)."""
    staging = _staging(output)
    if staging.exists():
        shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    previous = str(output) if output.is_dir() else None
    return Writer(str(staging), previous)


def commit(writer: Writer, output: Path) -> None:
    """Swap the staging folder in as ``output``; the old output is removed in the
    background, so the build is done as soon as the new site is in place."""
    retired = _retired(output)
    if output.exists():
        os.rename(output, retired)
    os.rename(writer.staging, output)
    if retired.exists():
        remove_in_background(retired)


def abort(writer: Writer) -> None:
    shutil.rmtree(writer.staging, ignore_errors=True)


def remove_in_background(path: Path) -> None:
    """Delete a folder from a detached grandchild process (no zombie is left)."""
    if not hasattr(os, "fork"):  # pragma: no cover - not POSIX
        shutil.rmtree(path, ignore_errors=True)
        return
    child = os.fork()
    if child == 0:
        try:
            if os.fork() == 0:
                os.setsid()
                shutil.rmtree(path, ignore_errors=True)
        finally:
            os._exit(0)
    os.waitpid(child, 0)


def leftovers(output: Path) -> list[Path]:
    """Retired outputs of earlier builds whose background removal did not finish."""
    return sorted(output.parent.glob(f".{output.name}.retired-*"))
