"""An article's `aliases:`: old addresses that redirect to it, and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.content.slugs import redirect_alias
from tests.helpers import copy_site, dossier, tree_digest


@pytest.mark.parametrize(("value", "expected"), [
    ("old-slug", "old-slug"), ("/2017/01/one.html", "/2017/01/one.html"),
    ("/old/path", "/old/path/"), ("/articles/old-slug/", "old-slug"),
    ("../../content/x", None), ("/a/../b", None), ("Bad Alias!", None),
    ("https://other.site/x", None), ("/", None), ("//host/x", None), ("/a b", None),
])
def test_redirect_alias(value: str, expected: str | None) -> None:
    assert redirect_alias(value) == expected


def _article(site: Path, aliases: str) -> None:
    (site / "content" / "articles" / "2021-05-05-moved.md").write_text(
        f"---\ntitle: Moved\ndate: 2021-05-05\naliases: {aliases}\n---\nBody.\n")


def test_slug_and_path_aliases_redirect_to_the_article(tmp_path: Path) -> None:
    site = copy_site("mentions", tmp_path)
    _article(site, "[old-moved, /2017/01/moved.html, /news/moved]")
    run = dossier("build", "-q", cwd=site)
    assert run.code == 0, run.stderr
    public = site / "public"
    for rel in ("articles/old-moved/index.html", "2017/01/moved.html", "news/moved/index.html"):
        html = (public / rel).read_text()
        assert 'url=/sub/articles/moved/"' in html and 'rel="canonical"' in html, rel


@pytest.mark.parametrize("aliases", ['["../../content/articles/pwned"]', '["Bad Alias!"]',
                                     "[/dossiers/alliance/]", "[https://other.site/x]"])
def test_bad_aliases_are_errors_and_nothing_is_written(tmp_path: Path, aliases: str) -> None:
    site = copy_site("mentions", tmp_path)
    _article(site, aliases)
    before = tree_digest(tmp_path)
    run = dossier("build", cwd=site)
    assert run.code == 1, run.stderr
    assert "content/articles/2021-05-05-moved.md:4: aliases: " in run.stderr
    assert tree_digest(tmp_path) == before


@pytest.mark.parametrize("aliases", ["[moved]", "[/articles/moved/]", '["/index.html"]',
                                     "[/CNAME]"])
def test_an_alias_may_not_replace_the_article_or_the_home_page(tmp_path: Path,
                                                               aliases: str) -> None:
    site = copy_site("mentions", tmp_path)
    _article(site, aliases)
    run = dossier("build", cwd=site)
    assert run.code == 1, run.stderr
    assert "content/articles/2021-05-05-moved.md:4: aliases: " in run.stderr


def test_every_bad_alias_of_a_list_is_reported_at_once(tmp_path: Path) -> None:
    site = copy_site("mentions", tmp_path)
    _article(site, '["../x", "/dossiers/dx/", "/feed.xml", "possessives"]')
    run = dossier("build", cwd=site)
    assert run.code == 1
    for bad in ("'../x' is neither", "'/dossiers/dx/' is an address", "'/feed.xml' is an"):
        assert bad in run.stderr, (bad, run.stderr)


def test_an_alias_taking_another_articles_address_names_it(tmp_path: Path) -> None:
    site = copy_site("mentions", tmp_path)
    _article(site, "[possessives, /articles/possessives/]")
    run = dossier("build", cwd=site)
    assert run.code == 1
    lines = [line for line in run.stderr.splitlines() if "alias 'possessives'" in line]
    assert lines == ["content/articles/2021-05-05-moved.md:4: aliases: alias 'possessives' is "
                     "the address of content/articles/2020-01-01-possessives.md; remove the "
                     "alias"]
