"""Write public/ atomically: build into a staging folder, then swap it in.

A failed build removes its staging folder and leaves the previous public/ as it was.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def _staging(output: Path) -> Path:
    return output.parent / f".{output.name}.staging"


def _retired(output: Path) -> Path:
    return output.parent / f".{output.name}.retired"


def begin(output: Path) -> Path:
    """A fresh, empty staging folder beside the output (same file system: rename is atomic)."""
    staging = _staging(output)
    for leftover in (staging, _retired(output)):
        if leftover.exists():
            shutil.rmtree(leftover, ignore_errors=True)
    staging.mkdir(parents=True)
    return staging


_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0)


def write_bytes(staging: Path, rel: str, data: bytes) -> None:
    """Write one output file, making its folder on first need (plain os calls:
    this runs once per page, tens of thousands of times)."""
    target = os.path.join(staging, rel)
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


def copy_tree(files: list[tuple[Path, str]], staging: Path, prefix: str = "") -> int:
    made: set[Path] = set()
    for source, rel in files:
        target = staging / prefix / rel
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        shutil.copyfile(source, target)
    return len(files)


def commit(staging: Path, output: Path) -> None:
    """Swap the staging folder in as ``output``; the old output is removed afterwards."""
    retired = _retired(output)
    if output.exists():
        os.rename(output, retired)
    os.rename(staging, output)
    if retired.exists():
        shutil.rmtree(retired, ignore_errors=True)


def abort(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
