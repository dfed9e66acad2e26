"""Rebuilding over a previous public/: only changed files are written, and the result
equals a cold build into an empty folder byte for byte."""

from __future__ import annotations

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


def test_a_warm_build_leaves_unchanged_files_as_they_are(tmp_path: Path) -> None:
    """The output is updated in place: a page no input of which changed keeps its file
    (same inode, same time), the edited article's page is replaced, and no staging
    folder is left beside public/."""
    site = copy_site("mentions", tmp_path)
    assert dossier("build", cwd=site).code == 0
    public = site / "public"
    untouched = public / "articles" / "cjk-article" / "index.html"
    before = untouched.stat()
    article = site / "content" / "articles" / "2020-01-12-linked-all.md"
    article.write_text(article.read_text().replace("James Mattis left.", "Mattis left again."))
    assert dossier("build", cwd=site).code == 0
    after = untouched.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert "Mattis left again." in (public / "articles" / "linked-all" / "index.html").read_text()
    assert not list(site.glob(".public.*"))


def test_a_removed_article_takes_its_page_and_folder_with_it(tmp_path: Path) -> None:
    site = copy_site("mentions", tmp_path)
    assert dossier("build", cwd=site).code == 0
    assert (site / "public" / "articles" / "cjk-article" / "index.html").is_file()
    (site / "content" / "articles" / "2020-01-03-cjk.md").unlink()
    assert dossier("build", cwd=site).code == 0
    assert not (site / "public" / "articles" / "cjk-article").exists()
    cold = dossier("build", "--output", str(tmp_path / "cold"), cwd=site)
    assert cold.code == 0, cold.stderr
    assert without_search(tree_digest(site / "public")) == \
        without_search(tree_digest(tmp_path / "cold"))


def test_a_build_without_cache_in_between_leaves_no_stale_page(tmp_path: Path) -> None:
    """A build records the files it left, so that the next one removes those it no
    longer makes without listing the folder; a build without cache writes pages that
    record does not know, and must not leave it to be trusted."""
    site = copy_site("mentions", tmp_path)
    assert dossier("build", cwd=site).code == 0
    extra = site / "content" / "articles" / "2020-02-01-extra.md"
    extra.write_text("---\ntitle: An extra article\ndate: 2020-02-01\n---\n\nA body.\n")
    assert dossier("build", "--no-cache", cwd=site).code == 0
    assert (site / "public" / "articles" / "extra" / "index.html").is_file()
    extra.unlink()
    assert dossier("build", cwd=site).code == 0
    assert not (site / "public" / "articles" / "extra").exists()
