"""Spelling distances and "did you mean": pure helpers for messages and suggestions."""

from __future__ import annotations

from collections.abc import Iterable
from difflib import get_close_matches


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Optimal string alignment distance (an adjacent swap is one edit), capped at
    ``limit + 1``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


def nearest(word: str, choices: Iterable[str], n: int = 3, cutoff: float = 0.6) -> list[str]:
    """The choices closest to ``word``, best first (a word contained in a choice, as
    `mattis` in `jim-mattis`, counts as close)."""
    pool = sorted(set(choices))
    found = get_close_matches(word, pool, n=n, cutoff=cutoff)
    if len(found) < n and len(word) >= 4:
        found += [c for c in pool if word in c and c not in found][:n - len(found)]
    return found


def did_you_mean(word: str, choices: Iterable[str], small: int = 8) -> str:
    """``did you mean north-korea?``; a small registry is listed instead when nothing
    is close, a large one never is."""
    pool = sorted(set(choices))
    close = nearest(word, pool)
    if close:
        return "did you mean " + " or ".join(close) + "?"
    if not pool:
        return "none are defined"
    if len(pool) <= small:
        return "expected one of: " + ", ".join(pool)
    return f"no slug among the {len(pool):,} defined is close"
