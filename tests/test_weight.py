"""GitHub Pages' limits: `build` warns and `check` errs when the output would be refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.build import BuildOptions, build
from dossier.commands.check import check
from dossier.output import weight
from tests.helpers import copy_site


def test_limit_problems() -> None:
    assert weight.limit_problems("public/", 999_999_999, 10, []) == []
    over = weight.limit_problems("public/", 1_200_000_000, 10_000, [])
    assert len(over) == 1 and over[0].severity == "warning"
    assert "1.20 GB" in over[0].message and "120 KB per article" in over[0].message
    assert over[0].format().startswith("public/:1: size: ")
    big = weight.limit_problems("public/", 10, 1, [("files/video.mp4", 200 * 2**20)])
    assert big[0].path == "public/files/video.mp4" and "100 MB" in big[0].message


def test_tree_bytes(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a/x").write_bytes(b"12345")
    (tmp_path / "y").write_bytes(b"123")
    (tmp_path / "link").symlink_to(tmp_path / "a")
    assert weight.tree_bytes(str(tmp_path)) == 8 + len(str(tmp_path / "a"))


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return copy_site("example", tmp_path)


def test_build_weighs_what_it_writes(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = build(site, BuildOptions(search=False))
    assert not [d for d in report.diagnostics if d.field == weight.FIELD]
    total = weight.tree_bytes(str(site / "public"))
    monkeypatch.setattr(weight, "SITE_LIMIT", total - 1)
    report = build(site, BuildOptions(search=False))
    found = [d for d in report.diagnostics if d.field == weight.FIELD]
    assert len(found) == 1 and found[0].severity == "warning", report.diagnostics
    assert found[0].path == "public/"
    # the weight counted is the weight written (pages, static files, all of it)
    monkeypatch.setattr(weight, "SITE_LIMIT", total)
    report = build(site, BuildOptions(search=False))
    assert not [d for d in report.diagnostics if d.field == weight.FIELD]


def test_check_errs(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(weight, "SITE_LIMIT", 1000)
    report = check(site)
    found = [d for d in report.diagnostics if d.field == weight.FIELD]
    assert len(found) == 1 and found[0].severity == "error"
