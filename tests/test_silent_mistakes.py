"""Mistakes that used to pass in silence: each is a warning, and an error under --strict."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.helpers import Run, dossier

CONFIG = "title: T\nbase_url: https://example.org/site/\nlanguage: en\n"
ENTITY = "---\nname: Jim Mattis\nkind: person\naliases: [Mattis]\n---\n"
DOSSIER = "---\ntitle: Alliance\nmatch:\n  entities: [jim-mattis]\n---\nIntro.\n"
ARTICLE = ("---\ntitle: Visit\ndate: 2017-02-04\nsource: {name: Reuters, url: "
           "\"https://example.org/a\"}\ntags: [defence]\n---\n\nJim Mattis visited Tokyo.\n")


def make_site(root: Path, files: dict[str, str]) -> Path:
    base = {"config.yaml": CONFIG, "content/entities/jim-mattis.md": ENTITY,
            "content/dossiers/alliance.md": DOSSIER,
            "content/articles/2017-02-04-visit.md": ARTICLE}
    for rel, text in {**base, **files}.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def both(site: Path) -> tuple[Run, Run]:
    return dossier("build", cwd=site), dossier("build", "--strict", cwd=site)


def test_the_base_site_is_clean(tmp_path: Path) -> None:
    run = dossier("build", "--strict", cwd=make_site(tmp_path, {}))
    assert run.code == 0 and run.stderr == "", run.stderr


FUTURE = (date.today() + timedelta(days=400)).isoformat()

CASES = {
    "aliases as one text with commas": (
        {"content/entities/jim-mattis.md": "---\nname: Jim Mattis\nkind: person\n"
         "aliases: James Mattis, Mattis\n---\n"},
        "content/entities/jim-mattis.md:4: aliases: 'James Mattis, Mattis' is one text, so "
        "it is read as a single item; write a list: aliases: [James Mattis, Mattis]"),
    "tags as one text with commas": (
        {"content/articles/2017-02-04-visit.md": ARTICLE.replace(
            "tags: [defence]", "tags: defence, diplomacy")},
        "content/articles/2017-02-04-visit.md:5: tags: 'defence, diplomacy' is one text"),
    "tag: for tags:": (
        {"content/articles/2017-02-04-visit.md": ARTICLE.replace("tags:", "tag:")},
        "content/articles/2017-02-04-visit.md:5: tag: not a field; did you mean tags:?"),
    "dossier: for dossiers:": (
        {"content/articles/2017-02-04-visit.md": ARTICLE.replace(
            "tags: [defence]", "tags: [defence]\ndossier: [alliance]")},
        "content/articles/2017-02-04-visit.md:6: dossier: not a field; did you mean "
        "dossiers:?"),
    "match.tags that no article carries": (
        {"content/dossiers/alliance.md": DOSSIER.replace(
            "entities: [jim-mattis]", "entities: [jim-mattis]\n  tags: [defense]")},
        "content/dossiers/alliance.md:3: match.tags: tag 'defense' is carried by no article, "
        "so this rule never matches; did you mean defence?"),
    "match.keywords that occur nowhere": (
        {"content/dossiers/alliance.md": DOSSIER.replace(
            "entities: [jim-mattis]", "entities: [jim-mattis]\n  keywords: [Camp David]")},
        "content/dossiers/alliance.md:3: match.keywords: keyword 'Camp David' occurs in no "
        "article"),
    "match.entities nobody mentions": (
        {"content/entities/inada.md": "---\nname: Tomomi Inada\nkind: person\n---\n",
         "content/dossiers/alliance.md": DOSSIER.replace("[jim-mattis]",
                                                         "[jim-mattis, inada]")},
        "content/dossiers/alliance.md:3: match.entities: entity 'inada' is mentioned in no "
        "article, so this rule never matches"),
    "a duplicate alias": (
        {"content/entities/jim-mattis.md": ENTITY.replace("[Mattis]", "[Mattis, Mattis]")},
        "content/entities/jim-mattis.md:4: aliases[1]: “Mattis” is given twice; remove one"),
    "a blank alias": (
        {"content/entities/jim-mattis.md": ENTITY.replace("[Mattis]", "[Mattis, '']")},
        "content/entities/jim-mattis.md:4: aliases[1]: blank alias: remove it"),
    "full_text: false without source.url": (
        {"content/articles/2017-02-04-visit.md": ARTICLE.replace(
            ', url: "https://example.org/a"', "").replace("tags:", "full_text: false\ntags:")},
        "content/articles/2017-02-04-visit.md:5: full_text: full text is off and there is no "
        "source.url"),
    "an article dated after the day of the build": (
        {f"content/articles/{FUTURE}-later.md": ARTICLE.replace("2017-02-04", FUTURE)},
        f"content/articles/{FUTURE}-later.md:3: date: {FUTURE} is after the day of the build"),
}


@pytest.mark.parametrize("name", CASES)
def test_silent_mistake_warns_and_strict_refuses(tmp_path: Path, name: str) -> None:
    files, expected = CASES[name]
    run, strict = both(make_site(tmp_path, files))
    assert run.code == 0, run.stderr
    assert f"{expected}" in run.stderr, run.stderr
    line = next(x for x in run.stderr.splitlines() if expected in x)
    assert line.endswith("(warning)"), line
    assert strict.code == 1, strict.stderr
    assert expected in strict.stderr and "(warning)" not in strict.stderr, strict.stderr


def test_text_left_as_new_wrote_it(tmp_path: Path) -> None:
    site = make_site(tmp_path, {})
    assert dossier("new", "article", "Fresh news", "--date", "2017-03-01", cwd=site).code == 0
    run, strict = both(site)
    path = "content/articles/2017/2017-03-01-fresh-news.md"
    assert f"{path}:4: summary: still the placeholder `new` wrote" in run.stderr, run.stderr
    assert f"{path}:10: body: still the placeholder `new` wrote (“Write the article here.”)" \
        in run.stderr, run.stderr
    assert strict.code == 1 and "still the placeholder" in strict.stderr


def test_base_url_left_as_init_wrote_it(tmp_path: Path) -> None:
    assert dossier("init", "site", cwd=tmp_path).code == 0
    run, strict = both(tmp_path / "site")
    expected = ("config.yaml:3: base_url: still https://example.github.io/my-dossiers/, as "
                "`dossier init` wrote it")
    assert run.code == 0 and expected in run.stderr, run.stderr
    assert strict.code == 1 and expected in strict.stderr, strict.stderr


def test_keyword_spelling_variants_are_not_reported(tmp_path: Path) -> None:
    dossier_text = DOSSIER.replace("entities: [jim-mattis]",
                                   "keywords: [Tokyo visit, Tokio visit, visit Tokyo]")
    site = make_site(tmp_path, {
        "content/dossiers/alliance.md": dossier_text,
        "content/articles/2017-02-04-visit.md": ARTICLE.replace("visited Tokyo",
                                                                "made a Tokyo visit")})
    run = dossier("build", "--strict", cwd=site)
    assert run.code == 0, run.stderr


def test_no_cascade_from_an_article_that_fails_to_read(tmp_path: Path) -> None:
    broken = ARTICLE.replace("date: 2017-02-04\n", "date: 2017-02-30\n")
    site = make_site(tmp_path, {"content/articles/2017-02-04-visit.md": broken})
    run = dossier("build", cwd=site)
    assert run.code == 1
    assert "content/articles/2017-02-04-visit.md:3: date:" in run.stderr
    assert "never mentioned" not in run.stderr and "has no articles" not in run.stderr
    assert "mentioned in no article" not in run.stderr, run.stderr


def test_repeated_warnings_are_one_line_verbose_lists_all_count_is_exact(tmp_path: Path) -> None:
    twins = {f"content/entities/{slug}.md": f"---\nname: {name}\nkind: person\n"
             "aliases: [Dr. Tang]\n---\n" for slug, name in (("tao-tang", "Tao Tang"),
                                                              ("wei-tang", "Wei Tang"))}
    articles = {f"content/articles/2017-03-0{day}-tang-{day}.md":
                f"---\ntitle: Tang {day}\ndate: 2017-03-0{day}\n---\n\n"
                "Dr. Tang spoke.\n\nLater Dr. Tang left. Jim Mattis, Tao Tang and Wei Tang.\n"
                for day in (1, 2, 3)}
    site = make_site(tmp_path, {**twins, **articles})
    run = dossier("build", cwd=site)
    assert run.code == 0, run.stderr
    grouped = [x for x in run.stderr.splitlines() if "“Dr. Tang” could be" in x]
    assert len(grouped) == 1, run.stderr
    assert ("[6 mentions in 3 articles; also content/articles/2017-03-01-tang-1.md:8, "
            "content/articles/2017-03-02-tang-2.md:6") in grouped[0]
    assert "fix: name one of them in entities:" in grouped[0]
    assert "7 warnings (above)" in run.stdout   # 6 mentions + the alias both claim
    verbose = dossier("build", "--verbose", cwd=site)
    assert sum("“Dr. Tang” could be" in x for x in verbose.stderr.splitlines()) == 6
    strict = dossier("build", "--strict", cwd=site)
    assert strict.code == 1
    assert sum("“Dr. Tang” could be" in x for x in strict.stderr.splitlines()) == 6
