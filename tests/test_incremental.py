"""The incremental site: after any change, every file the session serves equals a cold
build of the same content, byte for byte, and nothing of a removed source is left."""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from dossier.build import BuildOptions, build
from dossier.dev.session import Session
from tests.helpers import copy_site

Change = Callable[[Path], None]


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and "pagefind" not in p.relative_to(folder).parts}


def assert_same_as_cold(session: Session, root: Path, tmp: Path, label: str) -> None:
    cold = tmp / f"cold-{label}"
    build(root, BuildOptions(output=cold, cache=False, drafts=session.drafts, jobs=1,
                             search=False))
    served, expected = _files(session.out.folder), _files(cold)
    assert sorted(served.keys() - expected.keys()) == [], f"{label}: left behind"
    assert sorted(expected.keys() - served.keys()) == [], f"{label}: missing"
    different = sorted(k for k in expected if served[k] != expected[k])
    assert different == [], f"{label}: differ from a cold build"
    shutil.rmtree(cold)


def _edit(rel: str, old: str, new: str) -> Change:
    def change(root: Path) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return change


def _write(rel: str, text: str) -> Change:
    def change(root: Path) -> None:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return change


def _delete(rel: str) -> Change:
    def change(root: Path) -> None:
        (root / rel).unlink()
    return change


def _rename(rel: str, to: str) -> Change:
    def change(root: Path) -> None:
        (root / to).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).rename(root / to)
    return change


ARTICLE = "content/articles/2020-01-02-overlaps.md"
NEW_ARTICLE = ("---\ntitle: A new one\ndate: 2020-02-01\ntags: [alliance]\n---\n"
               "Jim Mattis met Shinzo Abe about South Korea.\n")

CHANGES: dict[str, tuple[list[str], Change]] = {
    "text": ([ARTICLE], _edit(ARTICLE, "peninsula.", "peninsula. Some plain text.")),
    "added mention": ([ARTICLE], _edit(ARTICLE, "peninsula.", "peninsula. Shinzo Abe said so.")),
    "title": ([ARTICLE], _edit(ARTICLE, "title: ", "title: Retitled ")),
    "new slug": ([ARTICLE], _edit(ARTICLE, "title: ", "slug: a-new-slug\ntitle: ")),
    "added file": (["content/articles/2020-02-01-new.md"],
                   _write("content/articles/2020-02-01-new.md", NEW_ARTICLE)),
    "deleted file": ([ARTICLE], _delete(ARTICLE)),
    "renamed file": ([ARTICLE, "content/articles/2020/2020-01-02-moved.md"],
                     _rename(ARTICLE, "content/articles/2020/2020-01-02-moved.md")),
    "entity alias": (["content/entities/shinzo-abe.md"],
                     _edit("content/entities/shinzo-abe.md", "aliases: [",
                           "aliases: [Prime Minister, ")),
    # what the reader's lists read of an entity or an article (docs/CONTENT.md)
    "entity roles": (["content/entities/shinzo-abe.md"],
                     _edit("content/entities/shinzo-abe.md", "description:",
                           "roles: [{title: Prime Minister of Japan, from: 2012-12-26, "
                           "to: 2020-09-16}]\ndescription:")),
    "entity sort name": (["content/entities/jim-mattis.md"],
                         _edit("content/entities/jim-mattis.md", "description:",
                               "sort_name: Zebulon Mattis\ndescription:")),
    "entity also known as": (["content/entities/jim-mattis.md"],
                             _edit("content/entities/jim-mattis.md", "description:",
                                   "also_known_as: [Mad Dog]\ndescription:")),
    "english headline": (["content/articles/2020-01-03-cjk.md"],
                         _edit("content/articles/2020-01-03-cjk.md",
                               "title_en: A Japanese article",
                               "title_en: An article in Japanese")),
    "entity description": (["content/entities/jim-mattis.md"],
                           _edit("content/entities/jim-mattis.md", "US defence secretary",
                                 "Changed")),
    # which mentions are links (issue 16): the pages of the articles that name him
    "entity link mode": (["content/entities/jim-mattis.md"],
                         _edit("content/entities/jim-mattis.md", "kind: person",
                               "kind: person\nlink: none")),
    "entity link all": (["content/entities/jim-mattis.md"],
                        _edit("content/entities/jim-mattis.md", "kind: person",
                              "kind: person\nlink: all")),
    # a summary is the standfirst of its page and the text of its cards
    "summary": ([ARTICLE], _edit(ARTICLE, "title: ", 'summary: It\'s "typeset" -- now\ntitle: ')),
    "dossier rule": (["content/dossiers/alliance.md"],
                     _edit("content/dossiers/alliance.md", "keywords: [",
                           'keywords: ["plain text", ')),
    "dossier title": (["content/dossiers/alliance.md"],
                      _edit("content/dossiers/alliance.md", "title: ", "title: The ")),
    # the oldest article moves to the month before: the order stays, the month charts
    # of its lists (a dossier's, each entity's) change
    "date, same order": (["content/articles/2020-01-01-possessives.md"],
                         _edit("content/articles/2020-01-01-possessives.md",
                               "date: 2020-01-01", "date: 2019-12-31")),
    "static file": (["static/files/note.txt"], _write("static/files/note.txt", "a note\n")),
    "template": (["themes/default/templates/partials/footer.html"],
                 _write("themes/default/templates/partials/footer.html",
                        "<footer>{{ site.title }} footer</footer>\n")),
    "theme in config": (["config.yaml", "themes/plain/templates/page.html"],
                        lambda root: (_write("themes/plain/templates/tag.html",
                                             '{% extends "default/tag.html" %}\n'
                                             "{% block content %}<p>tag {{ tag.name }}</p>"
                                             "{% endblock %}\n")(root),
                                      _edit("config.yaml", "language: en",
                                            "language: en\ntheme: plain")(root))),
}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return copy_site("mentions", tmp_path)


@pytest.mark.parametrize("name", list(CHANGES))
def test_each_kind_of_change_equals_a_cold_build(name: str, site: Path, tmp_path: Path
                                                  ) -> None:
    session = Session(site, output=tmp_path / "served", jobs=1)
    session.start()
    assert_same_as_cold(session, site, tmp_path, "start")
    paths, change = CHANGES[name]
    change(site)
    session.apply([site / p for p in paths])
    assert_same_as_cold(session, site, tmp_path, name)


def test_a_save_that_changes_no_bytes_renders_nothing(site: Path, tmp_path: Path) -> None:
    session = Session(site, output=tmp_path / "served", jobs=1)
    session.start()
    path = site / ARTICLE
    path.write_bytes(path.read_bytes())
    rebuild = session.apply([path])
    assert (rebuild.rendered, rebuild.written, rebuild.removed) == (0, (), ())


def test_an_article_edit_renders_only_what_shows_it(site: Path, tmp_path: Path) -> None:
    session = Session(site, output=tmp_path / "served", jobs=1)
    start = session.start()
    CHANGES["text"][1](site)
    rebuild = session.apply([site / ARTICLE])
    assert 0 < rebuild.rendered < start.rendered / 3
    assert "articles/overlaps/index.html" in rebuild.written
    assert "dossiers/index.html" not in rebuild.written


def test_a_failed_rebuild_keeps_the_last_good_site(site: Path, tmp_path: Path) -> None:
    from dossier.errors import ContentError

    session = Session(site, output=tmp_path / "served", jobs=1)
    session.start()
    before = _files(session.out.folder)
    (site / ARTICLE).write_text("---\ntitle: [unclosed\n---\nbody\n", encoding="utf-8")
    with pytest.raises(ContentError):
        session.apply([site / ARTICLE])
    assert _files(session.out.folder) == before
    (site / ARTICLE).write_text("---\ntitle: Fixed\ndate: 2020-01-02\n---\nJim Mattis.\n",
                                encoding="utf-8")
    session.apply([site / ARTICLE])
    assert_same_as_cold(session, site, tmp_path, "fixed")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_random_sequence_of_changes_equals_a_cold_build(seed: int, tmp_path: Path) -> None:
    site = copy_site("example" if seed == 3 else "mentions", tmp_path)
    rng = random.Random(seed)
    session = Session(site, output=tmp_path / "served", jobs=1, drafts=seed == 2)
    session.start()
    articles = sorted((site / "content/articles").rglob("*.md"))
    entities = sorted((site / "content/entities").rglob("*.md"))
    names = [e.read_text(encoding="utf-8").split("name:", 1)[1].split("\n", 1)[0].strip()
             for e in entities]
    for step in range(12):
        what = rng.choice(["edit", "mention", "add", "delete", "alias", "static", "title"])
        touched: list[Path] = []
        if what in ("edit", "mention", "title") and articles:
            path = rng.choice(articles)
            text = path.read_text(encoding="utf-8")
            if what == "title":
                text = text.replace("title: ", f"title: Step {step} ", 1)
            else:
                extra = rng.choice(names) if what == "mention" else f"Plain words {step}."
                text = text.rstrip("\n") + f"\n\n{extra} said more.\n"
            path.write_text(text, encoding="utf-8")
            touched = [path]
        elif what == "add":
            path = site / f"content/articles/2021-0{1 + step % 9}-1{step % 10}-step-{step}.md"
            path.write_text(f"---\ntitle: Step {step}\ndate: 2021-0{1 + step % 9}-1{step % 10}\n"
                            f"tags: [step, t{step % 3}]\n---\n{rng.choice(names)} spoke.\n",
                            encoding="utf-8")
            articles.append(path)
            touched = [path]
        elif what == "delete" and len(articles) > 3:
            path = articles.pop(rng.randrange(len(articles)))
            path.unlink()
            touched = [path]
        elif what == "alias" and entities:
            path = rng.choice(entities)
            text = path.read_text(encoding="utf-8")
            if "aliases: [" in text:
                text = text.replace("aliases: [", f"aliases: [Alias{step}, ", 1)
            else:
                text = text.replace("name:", f"aliases: [Alias{step}]\nname:", 1)
            path.write_text(text, encoding="utf-8")
            touched = [path]
        elif what == "static":
            path = site / f"static/step/{step % 2}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.exists() and rng.random() < 0.5:
                path.unlink()
            else:
                path.write_text(f"step {step}\n", encoding="utf-8")
            touched = [path]
        if touched:
            session.apply(touched)
            assert_same_as_cold(session, site, tmp_path, f"step {step} {what}")


def test_a_new_session_starts_from_the_last_ones_files(site: Path, tmp_path: Path) -> None:
    """Serve keeps what each file read when it stops; the next start renders only what
    changed in between, and still equals a cold build."""
    (site / "static").mkdir()
    (site / "static/old.txt").write_text("old\n", encoding="utf-8")
    first = Session(site, output=tmp_path / "served", jobs=1)
    everything = first.start().rendered
    first.close()
    CHANGES["text"][1](site)
    (site / "content/articles/2020-01-01-possessives.md").unlink()
    (site / "static/old.txt").unlink()
    second = Session(site, output=tmp_path / "served", jobs=1)
    rebuild = second.start()
    assert 0 < rebuild.rendered < everything / 2
    assert_same_as_cold(second, site, tmp_path, "second start")
    second.close()
    third = Session(site, output=tmp_path / "served", jobs=1)
    assert third.start().rendered == 0
    (tmp_path / "served" / "articles/overlaps/index.html").unlink()   # not ours to trust
    third.close()
    fourth = Session(site, output=tmp_path / "served", jobs=1)
    fourth.start()
    assert_same_as_cold(fourth, site, tmp_path, "a file went missing")
