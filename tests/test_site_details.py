"""Smaller promises of a build: what it warns about, counts and lists."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import copy_site, dossier


def _article(site: Path, name: str, front: str, body: str = "Body.") -> None:
    (site / "content" / "articles" / name).write_text(f"---\n{front}---\n{body}\n")


def test_static_file_replacing_a_generated_one_is_a_warning(tmp_path: Path) -> None:
    site = copy_site("mentions", tmp_path)
    (site / "static" / "assets").mkdir(parents=True)
    (site / "static" / "index.html").write_text("mine")
    (site / "static" / "assets" / "style.css").write_text("body{}")
    (site / "static" / "robots-extra.txt").write_text("fine")
    run = dossier("build", cwd=site)
    assert run.code == 0, run.stderr
    assert "static/index.html:1: file: replaces index.html" in run.stderr
    assert "static/assets/style.css:1: file: replaces assets/style.css" in run.stderr
    assert "robots-extra" not in run.stderr
    assert dossier("build", "--strict", cwd=site).code == 1


def test_tags_merged_onto_one_address_are_a_warning(tmp_path: Path) -> None:
    site = copy_site("mentions", tmp_path)
    _article(site, "2021-01-01-cpp.md", "title: C++\ndate: 2021-01-01\ntags: [C++]\n")
    _article(site, "2021-01-02-c.md", "title: C\ndate: 2021-01-02\ntags: [C, alliance]\n")
    run = dossier("build", cwd=site)
    assert run.code == 0, run.stderr
    assert "share the address /tags/c/" in run.stderr
    # case and spacing differences are the same tag, silently
    assert "“alliance” and “Alliance”" not in run.stderr
    assert "“Alliance” and “alliance”" not in run.stderr


def test_summary_counts_every_file_and_check_quiet(tmp_path: Path) -> None:
    site = copy_site("mentions", tmp_path)
    run = dossier("build", cwd=site)
    files = [p for p in (site / "public").rglob("*") if p.is_file()
             and "pagefind" not in p.parts]
    assert f"Built {len(files):,} files" in run.stdout, run.stdout
    quiet = dossier("check", "-q", cwd=site)
    assert quiet.code == 0 and quiet.stdout == ""


def test_search_page_left_out_of_the_sitemap_when_search_is_off(tmp_path: Path) -> None:
    site = copy_site("mentions", tmp_path)
    config = site / "config.yaml"
    assert dossier("build", "-q", cwd=site).code == 0
    assert "/sub/search/" in (site / "public" / "sitemap.xml").read_text()
    config.write_text(config.read_text() + "search:\n  enabled: false\n")
    assert dossier("build", "-q", cwd=site).code == 0
    assert "/sub/search/" not in (site / "public" / "sitemap.xml").read_text()


def test_a_param_an_article_does_not_set_reads_as_nothing(tmp_path: Path) -> None:
    site = copy_site("mentions", tmp_path)
    _article(site, "2021-01-01-sponsored.md", "title: Sponsored\ndate: 2021-01-01\n"
             "sponsor: ACME\n")
    (site / "themes" / "plain" / "templates").mkdir(parents=True)
    article = site / "themes" / "plain" / "templates" / "article.html"
    article.write_text('{% extends "default/article.html" %}{% block content %}'
                       "<main><p>sponsor={{ article.params.sponsor }}</p></main>"
                       "{% endblock %}\n")
    config = site / "config.yaml"
    config.write_text(config.read_text() + "theme: plain\n")
    run = dossier("build", "-q", cwd=site)
    assert run.code == 0, run.stderr
    public = site / "public" / "articles"
    assert "sponsor=ACME" in (public / "sponsored" / "index.html").read_text()
    assert "sponsor=None" in (public / "possessives" / "index.html").read_text()


def test_new_entity_accepts_other_spellings_of_a_kind(tmp_path: Path) -> None:
    site = copy_site("mentions", tmp_path)
    run = dossier("new", "entity", "Example Agency", "--kind", "organisation", cwd=site)
    assert run.code == 0, run.stderr
    assert "kind: organization" in (site / "content" / "entities" / "example-agency.md") \
        .read_text()


def test_markdown_outside_the_four_folders_is_named(tmp_path: Path) -> None:
    site = copy_site("mentions", tmp_path)
    (site / "content" / "misc").mkdir()
    (site / "content" / "misc" / "lost.md").write_text("---\ntitle: Lost\n---\n")
    (site / "content" / "root.md").write_text("---\ntitle: Root\n---\n")
    (site / "content" / "notes.txt").write_text("not markdown")
    run = dossier("build", cwd=site)
    assert run.code == 0
    assert "content/misc/lost.md:1: file: not read" in run.stderr
    assert "content/root.md:1: file: not read" in run.stderr
    assert "notes.txt" not in run.stderr


def test_init_makes_a_site_that_builds_strictly(tmp_path: Path) -> None:
    run = dossier("init", "my-site", "--base-url", "https://me.github.io/site/", cwd=tmp_path)
    assert run.code == 0, run.stderr
    site = tmp_path / "my-site"
    assert (site / ".github" / "workflows" / "pages.yml").is_file()
    assert ".public.*/" in (site / ".gitignore").read_text()
    build = dossier("build", "--strict", cwd=site)
    assert build.code == 0, build.stderr
    assert (site / "public" / "index.html").is_file()
    assert dossier("init", "my-site", cwd=tmp_path).code != 0   # never over an existing site
