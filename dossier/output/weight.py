"""The weight of the output against what GitHub Pages accepts: a published site of at
most 1 GB, and no file over 100 MB (GitHub refuses to store one in a repository)."""

from __future__ import annotations

import os
from collections.abc import Iterable

from dossier.errors import Diagnostic, warning

SITE_LIMIT = 1_000_000_000      # GitHub Pages: "no larger than 1 GB"
FILE_LIMIT = 100 * 1024 * 1024  # GitHub: files over 100 MiB are refused
FIELD = "size"


def tree_bytes(folder: str) -> int:
    """Bytes of the files under ``folder`` (links not followed)."""
    total = 0
    stack = [folder]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                else:
                    total += entry.stat(follow_symlinks=False).st_size
    return total


def _size(n: int) -> str:
    return f"{n / 1e9:.2f} GB" if n >= 1e9 else f"{n / 1e6:.0f} MB"


def limit_problems(place: str, total: int, articles: int,
                   large_files: Iterable[tuple[str, int]], limit: int | None = None
                   ) -> list[Diagnostic]:
    """Warnings (errors under ``check``) for a site GitHub Pages would refuse."""
    problems = []
    if total > (SITE_LIMIT if limit is None else limit):
        per = f", {total / articles / 1000:.0f} KB per article" if articles else ""
        problems.append(warning(
            place, 1, FIELD,
            f"the site is {_size(total)}{per}: GitHub Pages refuses sites over 1 GB; "
            "publish fewer articles, turn search off (search.enabled: false) or host "
            "it elsewhere"))
    for rel, size in sorted(large_files):
        if size > FILE_LIMIT:
            problems.append(warning(
                f"{place}{rel}", 1, FIELD,
                f"the file is {_size(size)}: GitHub refuses files over 100 MB; make it "
                "smaller or publish it elsewhere and link to it"))
    return problems
