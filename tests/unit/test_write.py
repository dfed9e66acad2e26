"""Writing the output in place: what a commit removes, keeps and moves in, and the
signals it holds until it is done."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from dossier.output import write


def tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text()
            for p in sorted(root.rglob("*")) if p.is_file()}


def output_with(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def test_a_commit_removes_what_the_build_no_longer_makes_and_moves_in_what_changed(
        tmp_path: Path) -> None:
    out = output_with(tmp_path / "public", {
        "index.html": "old home", "kept/index.html": "kept",
        "gone/deep/index.html": "gone", "file-then-folder": "a file"})
    writer = write.begin(out)
    assert writer.write("index.html", b"new home")
    assert not writer.write("kept/index.html", b"kept")      # same bytes: not staged
    assert writer.write("file-then-folder/index.html", b"now a folder")
    assert writer.write("new/index.html", b"new")
    assert writer.where("kept/index.html") == str(out / "kept/index.html")
    files = write.commit(writer, out, {"index.html", "kept/index.html",
                                       "file-then-folder/index.html", "new/index.html"})
    assert tree(out) == {"file-then-folder/index.html": "now a folder", "index.html": "new home",
                         "kept/index.html": "kept", "new/index.html": "new"}
    assert files == set(tree(out))
    assert not (out / "gone").exists()
    assert not Path(writer.staging).exists()


def test_a_commit_trusts_the_recorded_files_of_the_last_build(tmp_path: Path) -> None:
    out = output_with(tmp_path / "public", {"index.html": "home", "gone.html": "gone",
                                            "stray.html": "put there by hand"})
    writer = write.begin(out)
    write.commit(writer, out, {"index.html"}, previous={"index.html", "gone.html"})
    assert tree(out) == {"index.html": "home", "stray.html": "put there by hand"}
    writer = write.begin(out)
    write.commit(writer, out, {"index.html"})         # no record: the folder is listed
    assert tree(out) == {"index.html": "home"}


def test_a_first_build_is_the_staging_folder_renamed(tmp_path: Path) -> None:
    out = tmp_path / "public"
    writer = write.begin(out)
    assert writer.previous is None
    assert writer.write("a/index.html", b"a")
    assert write.commit(writer, out, {"a/index.html"}) == {"a/index.html"}
    assert tree(out) == {"a/index.html": "a"}


def test_ctrl_c_waits_until_the_commit_is_done(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    out = output_with(tmp_path / "public", {"index.html": "old"})
    writer = write.begin(out)
    writer.write("index.html", b"new")
    real_replace = os.replace
    moved = []

    def interrupted_replace(source: str, target: str) -> None:
        os.kill(os.getpid(), signal.SIGINT)      # Ctrl-C mid-commit
        real_replace(source, target)
        moved.append(target)

    monkeypatch.setattr(write.os, "replace", interrupted_replace)
    with pytest.raises(KeyboardInterrupt):
        write.commit(writer, out, {"index.html"})
    assert moved and tree(out) == {"index.html": "new"}


def test_a_file_written_twice_keeps_the_last_even_when_the_output_has_it(
        tmp_path: Path) -> None:
    """A static file in a page's place: the page is staged, then the static file,
    whose bytes the output already holds, must win over the staged page."""
    out = output_with(tmp_path / "public", {"about/index.html": "static"})
    writer = write.begin(out)
    assert writer.write("about/index.html", b"page")
    assert not writer.write("about/index.html", b"static")
    write.commit(writer, out, {"about/index.html"})
    assert tree(out) == {"about/index.html": "static"}


def test_what_stands_in_a_staged_file_s_way_is_removed(tmp_path: Path) -> None:
    """Left by hand, or by a build whose record was lost: a file where a folder must
    go, a folder (with a file the record does not know) where a file must go."""
    out = output_with(tmp_path / "public", {"about": "a file", "feed/stray.txt": "x",
                                            "index.html": "home"})
    writer = write.begin(out)
    assert writer.write("about/index.html", b"about")
    assert writer.write("feed", b"now a file")
    write.commit(writer, out, {"about/index.html", "feed", "index.html"},
                 previous={"index.html"})
    assert tree(out) == {"about/index.html": "about", "feed": "now a file",
                         "index.html": "home"}


def test_an_output_reached_through_a_symlink_is_staged_beside_its_folder(
        tmp_path: Path) -> None:
    real = output_with(tmp_path / "elsewhere" / "site", {"index.html": "old"})
    link = tmp_path / "public"
    link.symlink_to(real)
    writer = write.begin(link)
    assert Path(writer.staging).parent == real.parent
    writer.write("index.html", b"new")
    write.commit(writer, link, {"index.html"})
    assert link.is_symlink() and tree(real) == {"index.html": "new"}
