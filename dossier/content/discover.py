"""Discover content files; nothing here parses them."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

KINDS = ("articles", "dossiers", "entities", "pages")
MARKDOWN = (".md", ".markdown")


@dataclass(frozen=True)
class SourceFile:
    kind: str        # one of KINDS
    rel: str         # path relative to the site root, posix: content/articles/x.md
    path: Path       # absolute


def _skipped(name: str) -> bool:
    return name.startswith((".", "_", "#")) or name.endswith(("~", ".swp", ".tmp"))


def discover(root: Path) -> dict[str, list[SourceFile]]:
    """Every Markdown file under content/<kind>/, sorted, hidden and editor files skipped."""
    found: dict[str, list[SourceFile]] = {kind: [] for kind in KINDS}
    content = root / "content"
    for kind in KINDS:
        top = content / kind
        if not top.is_dir():
            continue
        for folder, dirs, files in os.walk(top):
            dirs[:] = sorted(d for d in dirs if not _skipped(d))
            for name in sorted(files):
                if _skipped(name) or not name.lower().endswith(MARKDOWN):
                    continue
                path = Path(folder, name)
                found[kind].append(SourceFile(kind, path.relative_to(root).as_posix(), path))
    return found


def unplaced(root: Path) -> list[str]:
    """Markdown files under content/ but outside its four folders: never read, so the
    build says so instead of leaving a curator to wonder where an article went."""
    content = root / "content"
    if not content.is_dir():
        return []
    stray = []
    for folder, dirs, files in os.walk(content):
        here = Path(folder)
        if here == content:
            dirs[:] = sorted(d for d in dirs if d not in KINDS and not _skipped(d))
        else:
            dirs[:] = sorted(d for d in dirs if not _skipped(d))
        stray.extend((here / name).relative_to(root).as_posix() for name in sorted(files)
                     if not _skipped(name) and name.lower().endswith(MARKDOWN))
    return stray


def walk_files(top: Path) -> list[tuple[Path, str]]:
    """All files under ``top`` (for static folders) as (absolute path, relative posix)."""
    if not top.is_dir():
        return []
    files = []
    for folder, dirs, names in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.startswith(".") and name not in (".nojekyll", ".well-known"):
                continue
            path = Path(folder, name)
            files.append((path, path.relative_to(top).as_posix()))
    return files
