"""`dossier entities suggest`: names removed from the registry come back as suggestions,
spelling variants are proposed as aliases, --write writes entity files (never over
one), and weekdays or months are never names."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.commands.names import Registry, fold, names_in, sentence_at
from tests.helpers import copy_site, dossier

REMOVED = {"donald-trump": "Donald Trump", "fumio-kishida": "Fumio Kishida",
           "joe-biden": "Joe Biden", "yoon-suk-yeol": "Yoon Suk Yeol",
           "moon-jae-in": "Moon Jae-in"}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    site = copy_site("example", tmp_path)
    for slug in REMOVED:
        (site / "content" / "entities" / f"{slug}.md").unlink()
    return site


def test_deleted_entities_come_back_as_suggestions(site: Path) -> None:
    run = dossier("entities", "suggest", cwd=site)
    assert run.code == 0, run.stderr
    lines = run.stdout.splitlines()
    for slug, name in REMOVED.items():
        line = next((x for x in lines if x.startswith(f"  {slug}  “{name}”")), None)
        assert line is not None, (slug, run.stdout)
        assert " articles, e.g. content/articles/" in line
    for word in ("Monday", "Tuesday", "January", "August", "Japanese", "Korean"):
        assert f"“{word}”" not in run.stdout
    limited = dossier("entities", "suggest", "--limit", "2", cwd=site)
    names = [x for x in limited.stdout.splitlines() if x.startswith("  ") and "“" in x]
    assert len(names) == 2 and "more (without --limit: all)" in limited.stdout


def test_spelling_variants_are_proposed_as_aliases(tmp_path: Path) -> None:
    site = copy_site("example", tmp_path)
    folder = site / "content" / "articles" / "2024"
    folder.mkdir()
    for day in (1, 2):
        (folder / f"2024-03-0{day}-variants.md").write_text(
            f"---\ntitle: Variants {day}\ndate: 2024-03-0{day}\n---\n\n"
            "Officials said Kim Jong-il met envoys, Moon Jae In nodded and Shinzō Abe spoke.\n")
    run = dossier("entities", "suggest", cwd=site)
    assert "“Moon Jae In” -> alias of moon-jae-in (Moon Jae-in)" in run.stdout, run.stdout
    assert "“Shinzō Abe” -> alias of shinzo-abe (Shinzo Abe)" in run.stdout


def test_write_creates_entity_files_and_never_overwrites(site: Path) -> None:
    run = dossier("entities", "suggest", "--write", "joe-biden", "fumio-kishida", cwd=site)
    assert run.code == 0, run.stderr
    written = site / "content" / "entities" / "joe-biden.md"
    assert 'name: "Joe Biden"' in written.read_text() and "kind: person" in written.read_text()
    written.write_text(written.read_text().replace("aliases: []", "aliases: [Biden]"))
    again = dossier("entities", "suggest", "--write", "joe-biden", "no-such-name", cwd=site)
    assert again.code == 1
    assert "content/entities/joe-biden.md already exists, left as it was" in again.stderr
    assert "'no-such-name' is not a suggested name" in again.stderr
    assert "aliases: [Biden]" in written.read_text()
    assert dossier("build", cwd=site).code == 0
    page = (site / "public" / "entities" / "joe-biden" / "index.html").read_text()
    assert "/articles/" in page   # the new entity has its articles


def test_names_in_text() -> None:
    registry = Registry.of([("tokyo", "Tokyo", ()), ("japan", "Japan", ())])
    text = ("The talks in Tokyo went on. On Monday officials of the Lowy Institute met "
            "Japan's Foreign Ministry. “Dialogue matters,” said Dr. Alan Ward.")
    found = {f.name: f.initial for f in names_in(text, registry)}
    assert found == {"Lowy Institute": False, "Foreign Ministry": False, "Dialogue": True,
                     "Dr. Alan Ward": False}
    assert fold("Kim Jong-un") == fold("kim jong un") == fold("Kim Jong Un")
    assert fold("Shinzō Abe") == fold("Shinzo Abe")


def test_sentence_around_a_name() -> None:
    text = "He left. Then Dr. Thornton met J. Smith at the U.S. Army base. Later it rained."
    assert sentence_at(text, text.index("Thornton")) == \
        "Then Dr. Thornton met J. Smith at the U.S. Army base."
    assert sentence_at(text, 0) == "He left."
