"""Changes a review found the session got wrong: each equals a cold build now."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from dossier.dev.session import Session
from dossier.errors import ContentError
from tests.helpers import copy_site
from tests.test_incremental import assert_same_as_cold

ART = "content/articles/2020-01-02-overlaps.md"



def _session(site: Path, tmp_path: Path) -> Session:
    s = Session(site, output=tmp_path / "served", jobs=1)
    s.start()
    assert_same_as_cold(s, site, tmp_path, "start")
    return s


def test_redirect_follows_slug_change(tmp_path: Path) -> None:
    site = copy_site("mentions", tmp_path)
    p = site / ART
    p.write_text(p.read_text().replace("title: ", "aliases: [/old-overlaps/]\ntitle: ", 1))
    s = _session(site, tmp_path)
    p.write_text(p.read_text().replace("title: ", "slug: renamed-overlaps\ntitle: ", 1))
    s.apply([p])
    assert_same_as_cold(s, site, tmp_path, "slug change with alias")


def test_theme_asset_edit_updates_hashed_links(tmp_path: Path) -> None:
    site = copy_site("mentions", tmp_path)
    css = site / "themes/default/static/style.css"
    css.parent.mkdir(parents=True)
    css.write_text("body { color: red }\n")
    s = _session(site, tmp_path)
    css.write_text("body { color: blue }\n")
    s.apply([css])
    assert_same_as_cold(s, site, tmp_path, "theme css edit")


def test_static_file_shadowing_a_page_survives_page_rerender(tmp_path: Path) -> None:
    site = copy_site("mentions", tmp_path)
    s = _session(site, tmp_path)
    shadow = site / "static/articles/overlaps/index.html"
    shadow.parent.mkdir(parents=True)
    shadow.write_text("<p>static wins</p>\n")
    s.apply([shadow])
    assert_same_as_cold(s, site, tmp_path, "static added")
    p = site / ART
    p.write_text(p.read_text().replace("peninsula.", "peninsula. More words.", 1))
    s.apply([p])
    assert_same_as_cold(s, site, tmp_path, "shadowed page edited")


def test_static_file_shadowing_a_page_removed(tmp_path: Path) -> None:
    site = copy_site("mentions", tmp_path)
    shadow = site / "static/articles/overlaps/index.html"
    shadow.parent.mkdir(parents=True)
    shadow.write_text("<p>static wins</p>\n")
    s = _session(site, tmp_path)
    shadow.unlink()
    s.apply([shadow])
    assert_same_as_cold(s, site, tmp_path, "shadowing static removed")


def test_template_edit_while_content_broken(tmp_path: Path) -> None:
    site = copy_site("mentions", tmp_path)
    s = _session(site, tmp_path)
    p = site / ART
    good = p.read_text()
    p.write_text("---\ntitle: [unclosed\n---\nbody\n")
    with pytest.raises(ContentError):
        s.apply([p])
    footer = site / "themes/default/templates/partials/footer.html"
    footer.parent.mkdir(parents=True)
    footer.write_text("<footer>{{ site.title }} new footer</footer>\n")
    with pytest.raises(ContentError):
        s.apply([footer])
    p.write_text(good)
    s.apply([p])
    assert_same_as_cold(s, site, tmp_path, "template edited while broken")


def test_static_edit_while_content_broken(tmp_path: Path) -> None:
    site = copy_site("mentions", tmp_path)
    note = site / "static/note.txt"
    note.parent.mkdir(parents=True, exist_ok=True)
    note.write_text("one\n")
    s = _session(site, tmp_path)
    p = site / ART
    good = p.read_text()
    p.write_text("---\ntitle: [unclosed\n---\nbody\n")
    with pytest.raises(ContentError):
        s.apply([p])
    note.write_text("two\n")
    with contextlib.suppress(ContentError):
        s.apply([note])
    p.write_text(good)
    s.apply([p])
    assert_same_as_cold(s, site, tmp_path, "static edited while broken")





def _folder_removed_paths(site: Path, s: Session, name: str) -> set[Path]:
    # what dossier/dev/serve.py's watch loop gives when a source folder comes or goes
    return {site / "config.yaml"}


def test_themes_folder_removed(tmp_path: Path) -> None:
    import shutil
    site = copy_site("mentions", tmp_path)
    footer = site / "themes/default/templates/partials/footer.html"
    footer.parent.mkdir(parents=True)
    footer.write_text("<footer>{{ site.title }} custom footer</footer>\n")
    s = _session(site, tmp_path)
    shutil.rmtree(site / "themes")
    paths = _folder_removed_paths(site, s, "themes")
    if paths:
        s.apply(paths)
    assert_same_as_cold(s, site, tmp_path, "themes folder removed")


def test_content_folder_removed(tmp_path: Path) -> None:
    import shutil
    site = copy_site("mentions", tmp_path)
    s = _session(site, tmp_path)
    shutil.rmtree(site / "content")
    paths = _folder_removed_paths(site, s, "content")
    if paths:
        s.apply(paths)
    assert_same_as_cold(s, site, tmp_path, "content folder removed")


def test_watch_filter_drops_static_files_the_build_copies(tmp_path: Path) -> None:
    from watchfiles import Change

    from dossier.dev.watch import SiteFilter
    site = copy_site("mentions", tmp_path)
    data = site / "static/files/data.bak"
    data.parent.mkdir(parents=True)
    data.write_text("v1\n")
    s = _session(site, tmp_path)          # the build serves static/files/data.bak
    assert (s.out.folder / "files/data.bak").read_text() == "v1\n"
    data.write_text("version 2\n")
    seen = SiteFilter(site)(Change.modified, str(data))
    if seen:
        s.apply([data])
    assert_same_as_cold(s, site, tmp_path, "static .bak edited (watcher filter)")
