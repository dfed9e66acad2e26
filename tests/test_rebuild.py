"""Rebuilding over a previous public/: only changed files are written, and the result
equals a cold build into an empty folder byte for byte."""

from __future__ import annotations

import time
from pathlib import Path

from tests.helpers import copy_site, dossier, tree_digest


def without_search(digest: dict[str, str]) -> dict[str, str]:
    return {path: value for path, value in digest.items() if not path.startswith("pagefind/")}


def test_rebuild_writes_only_what_changed_and_equals_a_cold_build(tmp_path: Path) -> None:
    site = copy_site("mentions", tmp_path)
    first = dossier("build", cwd=site)
    assert first.code == 0, first.stderr
    assert "files new or changed" in first.stdout

    again = dossier("build", cwd=site)
    assert "(0 files new or changed" in again.stdout, again.stdout

    article = site / "content" / "articles" / "2020-01-12-linked-all.md"
    article.write_text(article.read_text().replace("James Mattis left.", "Mattis left again."))
    edited = dossier("build", cwd=site)
    assert edited.code == 0, edited.stderr
    changed = int(edited.stdout.split("(")[1].split()[0])
    # the article, its lists, and its dossier's network (mention counts: the dossier
    # page's chart and network.gexf)
    assert 0 < changed < 12, edited.stdout

    cold = dossier("build", "--output", str(tmp_path / "cold"), cwd=site)
    assert cold.code == 0, cold.stderr
    assert without_search(tree_digest(site / "public")) == \
        without_search(tree_digest(tmp_path / "cold"))
    assert "Mattis left again." in (site / "public" / "articles" / "linked-all" /
                                    "index.html").read_text()


def test_retired_output_is_removed_in_the_background(tmp_path: Path) -> None:
    site = copy_site("mentions", tmp_path)
    assert dossier("build", cwd=site).code == 0
    assert dossier("build", cwd=site).code == 0
    deadline = time.monotonic() + 10
    while list(site.glob(".public.retired-*")) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not list(site.glob(".public.*"))
