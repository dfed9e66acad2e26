"""`dossier check` end to end: it renders, checks the rendered site, writes nothing
into the site, and reports at the Markdown source line."""

from __future__ import annotations

import os
from pathlib import Path

from tests.helpers import copy_site, dossier, tree_digest


def _article(site: Path, name: str, body: str, front: str = "") -> Path:
    path = site / "content" / "articles" / name
    path.write_text(f"---\ntitle: {name}\ndate: 2020-02-01\n{front}---\n\n{body}\n",
                    encoding="utf-8")
    return path


def test_a_clean_site_passes_and_nothing_is_written(tmp_path: Path) -> None:
    site = copy_site("mentions", tmp_path)
    before = tree_digest(site)
    run = dossier("check", cwd=site)
    assert run.code == 0, run.stderr
    assert "Checked 11 articles" in run.stdout and "0 errors" in run.stdout
    assert tree_digest(site) == before
    assert not (site / "public").exists() and not list(site.glob(".public*"))


def test_check_fails_on_a_broken_link_written_in_markdown(tmp_path: Path) -> None:
    site = copy_site("mentions", tmp_path)
    _article(site, "2020-02-01-links.md",
             "A fine [link](/articles/possessives/) here.\n\n"
             "And a [broken one](/articles/no-such-article/).")
    run = dossier("check", cwd=site)
    assert run.code == 1
    assert ("content/articles/2020-02-01-links.md:8: link: broken link "
            "/sub/articles/no-such-article/: no such page or file in the site") in run.stderr
    assert "possessives" not in run.stderr
    assert dossier("build", "-q", cwd=site).code == 0   # the build itself does not look


def test_check_fails_on_a_broken_anchor(tmp_path: Path) -> None:
    site = copy_site("mentions", tmp_path)
    _article(site, "2020-02-01-anchors.md",
             "## A heading\n\nTo [the heading](#a-heading), to [nothing](#nothing),\n"
             "and to [another page's part](/articles/exclusions/#no-such-part).\n"
             "And [one that works](/articles/exclusions/#mattis-in-tokyo).")
    run = dossier("check", cwd=site)
    assert run.code == 1, run.stderr
    lines = [line for line in run.stderr.splitlines() if ": anchor: " in line]
    assert lines == [
        'content/articles/2020-02-01-anchors.md:8: anchor: broken anchor #nothing: this page '
        'has no element with id="nothing"',
        "content/articles/2020-02-01-anchors.md:9: anchor: broken anchor "
        "/sub/articles/exclusions/#no-such-part: articles/exclusions/index.html has no "
        'element with id="no-such-part"']


def test_a_missing_alt_text_is_a_warning_and_fails_strict(tmp_path: Path) -> None:
    site = copy_site("mentions", tmp_path)
    (site / "static" / "img").mkdir(parents=True)
    (site / "static" / "img" / "chart.png").write_bytes(b"png")
    _article(site, "2020-02-01-image.md", "A described ![A chart](/img/chart.png) and\n\n"
             "an undescribed one:\n\n![](/img/chart.png)")
    run = dossier("check", cwd=site)
    assert run.code == 0, run.stderr
    expected = ("content/articles/2020-02-01-image.md:6: image: image /sub/img/chart.png has "
                "no alt text")
    assert expected in run.stderr and "(warning)" in run.stderr
    strict = dossier("check", "--strict", cwd=site)
    assert strict.code == 1 and expected in strict.stderr


def test_static_links_outside_the_site_are_warnings(tmp_path: Path) -> None:
    site = copy_site("mentions", tmp_path)
    outside = tmp_path / "elsewhere"
    (outside / "folder").mkdir(parents=True)
    (outside / "secret.txt").write_text("x")
    (site / "static").mkdir()
    (site / "static" / "inside.txt").write_text("fine")
    os.symlink(outside / "secret.txt", site / "static" / "linked.txt")
    os.symlink(outside / "folder", site / "static" / "linked-folder")
    os.symlink(site / "static" / "inside.txt", site / "static" / "alias.txt")  # inside: fine
    run = dossier("check", cwd=site)
    assert run.code == 0, run.stderr
    assert "static/linked.txt:1: file: is a link to a file outside the site" in run.stderr
    assert ("static/linked-folder:1: file: is a link to a folder outside the site, which the "
            "build skips") in run.stderr
    assert "alias.txt" not in run.stderr
    assert dossier("check", "--strict", "-q", cwd=site).code == 1


def test_content_errors_stop_the_check(tmp_path: Path) -> None:
    site = copy_site("mentions", tmp_path)
    _article(site, "2020-02-01-bad.md", "Body.", front="dossiers: [no-such-dossier]\n")
    run = dossier("check", cwd=site)
    assert run.code == 1 and "no-such-dossier" in run.stderr
    assert "Check failed" in run.stderr
