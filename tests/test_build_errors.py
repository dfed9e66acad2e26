"""Bad input: every problem in one run, exit 1, no traceback, previous output untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import copy_site, dossier, tree_digest

EXPECTED = [
    "content/articles/bad-date.md:3: date: cannot read '4 February 2017' as a date",
    "content/articles/bad-date.md:4: updated: 2017-02-30: February has 28 days in 2017",
    "content/articles/draft-unknown-entity.md:5: entities: unknown entity 'draft-ghost'",
    "content/articles/dup-one.md:4: slug: article slug 'same-slug' is also used by "
    "content/articles/dup-two.md",
    "content/articles/invalid-yaml.md:4: front matter: invalid YAML",
    "content/articles/missing-title-and-date.md:2: date: missing",
    "content/articles/missing-title-and-date.md:2: title: missing",
    "content/articles/no-front-matter.md:1: front matter: missing",
    "content/articles/not-a-mapping.md:2: front matter: expected a mapping",
    "content/articles/not-utf8.md:2: file: not UTF-8 text",
    "content/articles/unknown-refs.md:4: dossiers: unknown dossier 'no-such-dossier'",
    "content/articles/unknown-refs.md:5: entities: unknown entity 'no-such-entity'",
    "content/dossiers/alliance.md:3: match.entities: unknown entity 'ghost-entity'",
]


@pytest.fixture
def bad_site(tmp_path: Path) -> Path:
    return copy_site("bad-content", tmp_path)


def test_every_problem_is_reported_in_one_run(bad_site: Path) -> None:
    public = bad_site / "public"
    (public / "articles").mkdir(parents=True)
    (public / "index.html").write_text("previous build")
    (public / "articles" / "keep.html").write_text("kept")
    before_output = tree_digest(public)
    before_content = tree_digest(bad_site / "content")

    run = dossier("build", cwd=bad_site)

    assert run.code == 1, run.stderr
    assert "Traceback" not in run.stderr
    lines = run.stderr.splitlines()
    for expected in EXPECTED:
        assert any(line.startswith(expected) for line in lines), (expected, run.stderr)
    assert "Build failed: 13 errors" in run.stderr
    assert tree_digest(public) == before_output
    assert tree_digest(bad_site / "content") == before_content
    assert not list(bad_site.glob(".public.*")), "staging folder left behind"


def test_the_good_file_alone_builds(bad_site: Path) -> None:
    articles = bad_site / "content" / "articles"
    for path in articles.iterdir():
        if path.name != "2017-02-04-fine.md":
            path.unlink()
    (bad_site / "content" / "dossiers" / "alliance.md").unlink()
    run = dossier("build", cwd=bad_site)
    assert run.code == 0, run.stderr
    assert (bad_site / "public" / "articles" / "fine" / "index.html").is_file()


def test_config_wrong_type_is_exit_2_naming_the_key(tmp_path: Path) -> None:
    site = copy_site("bad-content", tmp_path)
    (site / "config.yaml").write_text("title: T\nentities:\n  link: sometimes\n"
                                      "search: {enabled: 'yes'}\n")
    run = dossier("build", cwd=site)
    assert run.code == 2
    assert "config.yaml:3: entities.link: got 'sometimes', expected one of first, all, none" \
        in run.stderr
    assert "config.yaml:4: search.enabled: got 'yes', expected true or false" in run.stderr
    assert not (site / "public").exists()


def test_unknown_config_key_warns_and_strict_refuses(tmp_path: Path) -> None:
    site = copy_site("mentions", tmp_path)
    config = site / "config.yaml"
    config.write_text(config.read_text() + "colour_scheme: blue\n")
    run = dossier("build", cwd=site)
    assert run.code == 0, run.stderr
    assert "config.yaml:6: colour_scheme: unknown setting, ignored (warning)" in run.stderr
    strict = dossier("build", "--strict", cwd=site)
    assert strict.code == 2
    assert "config.yaml:6: colour_scheme: unknown setting" in strict.stderr


def test_strict_turns_content_warnings_into_errors(tmp_path: Path) -> None:
    site = copy_site("mentions", tmp_path)
    run = dossier("build", "--strict", cwd=site)
    assert run.code == 1
    assert "never mentioned" in run.stderr and "(warning)" not in run.stderr


def test_missing_config_is_a_usage_error(tmp_path: Path) -> None:
    run = dossier("build", cwd=tmp_path)
    assert run.code == 2 and "no config.yaml" in run.stderr


def test_theme_template_error_names_the_template(tmp_path: Path) -> None:
    site = copy_site("mentions", tmp_path)
    (site / "config.yaml").write_text((site / "config.yaml").read_text() + "theme: broken\n")
    templates = site / "themes" / "broken" / "templates"
    templates.mkdir(parents=True)
    (templates / "article.html").write_text("{% extends 'base.html' %}\n"
                                            "{% block content %}{{ article.nope }}{% endblock %}\n")
    run = dossier("build", cwd=site)
    assert run.code == 1, run.stderr
    assert "article.html:2: template:" in run.stderr and "Traceback" not in run.stderr
    assert not (site / "public").exists()


@pytest.mark.parametrize("target", ["content", "content/articles", ".", "..", "static/x",
                                    "themes", "other", "config.yaml", "other/precious.txt"])
def test_output_that_would_destroy_files_is_refused(tmp_path: Path, target: str) -> None:
    site = copy_site("mentions", tmp_path)
    (site / "static").mkdir(exist_ok=True)
    (site / "themes").mkdir(exist_ok=True)
    (site / "other").mkdir()
    (site / "other" / "precious.txt").write_text("mine")
    before = tree_digest(tmp_path)
    run = dossier("build", "--output", target, cwd=site)
    assert run.code == 2, run.stderr
    assert "output: " in run.stderr and "Traceback" not in run.stderr
    assert tree_digest(tmp_path) == before


def test_output_may_replace_an_earlier_build_or_an_empty_folder(tmp_path: Path) -> None:
    site = copy_site("mentions", tmp_path)
    (tmp_path / "out").mkdir()
    assert dossier("build", "-q", "--output", str(tmp_path / "out"), cwd=site).code == 0
    assert dossier("build", "-q", "--output", str(tmp_path / "out"), cwd=site).code == 0
    assert (tmp_path / "out" / "index.html").is_file()


def test_a_file_with_errors_still_has_its_references_checked(tmp_path: Path) -> None:
    site = copy_site("mentions", tmp_path)
    content = site / "content"
    (content / "articles" / "2022-01-01-a.md").write_text(
        "---\ntitle: A\ndate: bogus\nentities: [nobody]\ndossiers: [nothing]\n---\nBody.\n")
    (content / "dossiers" / "bad.md").write_text(
        "---\ntitle: Bad\nmatch:\n  colour: red\n  entities: [nobody2, broken]\n---\nx\n")
    # an entity whose own file is wrong still exists: no "unknown entity 'broken'"
    (content / "entities" / "broken.md").write_text("---\nname: Broken\nkind: planet\n---\n")
    run = dossier("build", cwd=site)
    assert run.code == 1
    for expected in (
        "content/articles/2022-01-01-a.md:3: date: cannot read 'bogus'",
        "content/articles/2022-01-01-a.md:4: entities: unknown entity 'nobody'",
        "content/articles/2022-01-01-a.md:5: dossiers: unknown dossier 'nothing'",
        "content/dossiers/bad.md:3: match.entities: unknown entity 'nobody2'",
        "content/dossiers/bad.md:4: match.colour: unknown rule",
        "content/entities/broken.md:3: kind: ",
    ):
        assert expected in run.stderr, (expected, run.stderr)
    assert "'broken'" not in run.stderr


def test_output_inside_a_symlinked_content_folder_is_refused(tmp_path: Path) -> None:
    site = copy_site("mentions", tmp_path)
    real = tmp_path / "elsewhere"
    (site / "content").rename(real)
    (site / "content").symlink_to(real)
    before = tree_digest(real)
    run = dossier("build", "--output", str(real / "out"), cwd=site)
    assert run.code == 2, run.stderr
    assert tree_digest(real) == before
