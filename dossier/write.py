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


def write_bytes(staging: Path, rel: str, data: bytes) -> None:
    target = staging / rel
    try:
        target.write_bytes(data)
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


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
