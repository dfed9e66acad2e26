"""Messages that say what to do: impossible days, YAML tabs and colons, did-you-mean,
and `dossier explain` finding articles by file name with the right line numbers."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import copy_site, dossier
from tests.test_silent_mistakes import ARTICLE, make_site

PATH = "content/articles/2017-02-04-visit.md"


def test_a_day_that_does_not_exist(tmp_path: Path) -> None:
    site = make_site(tmp_path, {PATH: ARTICLE.replace("2017-02-04", "2017-02-30")})
    run = dossier("build", cwd=site)
    assert run.code == 1
    assert f"{PATH}:3: date: 2017-02-30: February has 28 days in 2017" in run.stderr


def test_yaml_tab_and_unquoted_colon_say_the_fix(tmp_path: Path) -> None:
    tab = ARTICLE.replace("tags: [defence]", "tags:\n\t- defence")
    colon = ARTICLE.replace("title: Visit", "title: Tokyo: a visit")
    site = make_site(tmp_path, {PATH: tab, "content/articles/2017-02-05-colon.md": colon})
    run = dossier("build", cwd=site)
    assert run.code == 1
    assert f"{PATH}:6: front matter: invalid YAML" in run.stderr
    assert "a tab: YAML indents with spaces only; replace the tab with spaces" in run.stderr
    assert ("content/articles/2017-02-05-colon.md:2: front matter: invalid YAML") in run.stderr
    assert 'must be quoted: write title: "Tokyo: a visit"' in run.stderr, run.stderr


def test_unknown_slugs_suggest_the_nearest(tmp_path: Path) -> None:
    site = make_site(tmp_path, {PATH: ARTICLE.replace(
        "tags: [defence]", "tags: [defence]\nentities: [jim-matis]\ndossiers: [aliance]")})
    run = dossier("check", cwd=site)
    assert run.code == 1
    assert f"{PATH}:6: entities: unknown entity 'jim-matis'; did you mean jim-mattis?" \
        in run.stderr, run.stderr
    assert f"{PATH}:7: dossiers: unknown dossier 'aliance'; did you mean alliance?" \
        in run.stderr


def test_explain_accepts_file_name_and_stem_and_counts_lines_right(tmp_path: Path) -> None:
    site = copy_site("mentions", tmp_path)
    (site / "content/articles/2020-01-13-wrapped.md").write_text(
        "---\ntitle: Wrapped\ndate: 2020-01-13\n---\n\nFirst line.\nSecond line.\n"
        "They signed the mutual defence\ntreaty.\nThe mutual defence treaty again.\n")
    by_stem = dossier("explain", "2020-01-10-keyword", cwd=site)
    by_name = dossier("explain", "2020-01-10-keyword.md", cwd=site)
    assert by_stem.code == by_name.code == 0, by_stem.stderr
    assert by_stem.stdout == by_name.stdout
    assert "“mutual defence treaty” first at line 5" in by_stem.stdout, by_stem.stdout
    wrapped = dossier("explain", "2020-01-13-wrapped.md", cwd=site)
    assert "“mutual defence treaty” first at line 8" in wrapped.stdout, wrapped.stdout
    own_line = dossier("explain", "wrapped", cwd=site)
    assert own_line.stdout == wrapped.stdout
    missing = dossier("explain", "2020-01-10-keywrd", cwd=site)
    assert missing.code == 2 and "Did you mean: keyword?" in missing.stderr, missing.stderr
