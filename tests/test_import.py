"""`dossier import` end to end, through the real command line: saved pages and copied
wire text of many shapes, every front-matter field and the body checked against what
each input's .expect.yaml says; bad inputs; duplicates; the options."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.helpers import REPO, copy_site, dossier, tree_digest

PAGES = REPO / "tests" / "import_pages"
TEXTS = REPO / "tests" / "import_texts"
SEED = TEXTS / "seed.txt"
GOOD = sorted(p for folder in (PAGES, TEXTS) for p in folder.iterdir()
              if p.suffix in (".txt", ".html", ".mhtml")
              and p.with_suffix(".expect.yaml").exists()
              and not yaml.safe_load(p.with_suffix(".expect.yaml").read_text()).get("refuse"))
REFUSED = sorted(p for p in PAGES.iterdir() if p.suffix == ".html"
                 and yaml.safe_load(p.with_suffix(".expect.yaml").read_text()).get("refuse"))


def _split(text: str) -> tuple[dict, str]:
    _, header, body = text.split("---\n", 2)
    return yaml.safe_load(header), body


def _expect(source: Path) -> dict:
    return yaml.safe_load(source.with_suffix(".expect.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A new site, as `dossier init` makes it, with no articles."""
    done = dossier("init", "site", cwd=tmp_path)
    assert done.code == 0, done.stderr
    root = tmp_path / "site"
    shutil.rmtree(root / "content" / "articles")
    (root / "content" / "articles").mkdir()
    return root


def _builds_cleanly(site: Path) -> None:
    """The build passes, and has nothing to say about any imported article but what
    is true of wire copy: an excerpt with no address of the original to link to."""
    done = dossier("build", "--quiet", "--verbose", cwd=site)
    assert done.code == 0, done.stderr
    said = [line for line in done.stderr.splitlines() if "content/articles/" in line]
    assert all("full_text: full text is off and there is no source.url" in line
               for line in said), done.stderr


def _plain(markdown: str) -> str:
    return " ".join(markdown.replace("\\", "").split())


def test_every_shape_imports_with_its_expected_front_matter(site: Path) -> None:
    assert len(GOOD) >= 11   # the seed and at least ten others
    done = dossier("import", *map(str, GOOD), cwd=site)
    assert done.code == 0, done.stderr
    for source in GOOD:
        expect = _expect(source)
        target = site / expect["path"]
        assert target.is_file(), f"{source.name}: nothing at {expect['path']}\n{done.stdout}"
        front, body = _split(target.read_text(encoding="utf-8"))
        assert front == expect["front"], source.name
        image = front.get("image") or {}
        text = _plain(" ".join([body, front.get("summary", ""), front.get("editor_note", ""),
                                image.get("caption", ""), image.get("credit", "")]))
        for kept in expect["keep"]:
            assert kept in text, f"{source.name}: lost {kept!r}"
        for dropped in expect["drop"]:
            assert dropped not in body, f"{source.name}: kept boilerplate {dropped!r}"
        assert "<" not in body.replace("&lt;", ""), f"{source.name}: markup in the body"
        assert f"{source} -> {expect['path']}" in done.stdout
    _builds_cleanly(site)


def test_the_report_says_what_was_found_and_what_was_not(site: Path) -> None:
    done = dossier("import", str(TEXTS / "agency-yonhap.txt"), cwd=site)
    assert done.code == 0, done.stderr
    assert "title: Seoul to build three new flood tunnels after record rain" in done.stdout
    assert "date: 2023-03-03 · source: Yonhap · dateline: Seoul" in done.stdout
    assert "excerpt mode (full_text: false)" in done.stdout
    assert "not found: authors, image" in done.stdout
    assert "Imported 1 of 1 input." in done.stdout


def test_the_seed_lists_the_entities_it_mentions_and_the_dossiers_it_joins(
        tmp_path: Path) -> None:
    root = copy_site("example", tmp_path)
    (root / "content/articles/2017/2017-02-04-japan-hopes-mattis-visit.md").unlink()
    done = dossier("import", str(SEED), "--dossier", "korea-tensions", cwd=root)
    assert done.code == 0, done.stderr
    report = done.stdout
    entities = next(line for line in report.splitlines() if "entities:" in line)
    for slug in ("jim-mattis", "tomomi-inada", "shinzo-abe", "south-korea", "north-korea"):
        assert slug in entities
    dossiers = next(line for line in report.splitlines() if "dossiers:" in line)
    assert "us-japan-alliance" in dossiers and "korea-tensions" in dossiers
    written = root / _expect(SEED)["path"]
    front, _ = _split(written.read_text(encoding="utf-8"))
    assert front == {**_expect(SEED)["front"], "dossiers": ["korea-tensions"]}


def test_the_same_article_twice_is_named_and_not_written_again(site: Path) -> None:
    page = PAGES / "wire-jsonld.html"
    assert dossier("import", str(page), cwd=site).code == 0
    before = tree_digest(site / "content")
    again = dossier("import", str(page), cwd=site)
    assert again.code == 0
    assert (f"{page}: already imported as "
            "content/articles/2024/2024-05-14-harbour-pilots-end-strike-after-pay-deal.md"
            in again.stdout)
    assert tree_digest(site / "content") == before
    forced = dossier("import", str(page), "--force", cwd=site)
    assert forced.code == 0, forced.stderr
    beside = site / "content/articles/2024/2024-05-14-harbour-pilots-end-strike-after-pay-deal-2.md"
    assert beside.is_file()
    _builds_cleanly(site)


def test_without_an_address_the_same_title_and_day_is_the_same_article(tmp_path: Path) -> None:
    root = copy_site("example", tmp_path)   # holds the seed's article, written by hand
    before = tree_digest(root / "content")
    done = dossier("import", str(SEED), cwd=root)
    assert done.code == 0
    assert "already imported as content/articles/2017/2017-02-04-japan-hopes-mattis-visit.md" \
        in done.stdout
    assert tree_digest(root / "content") == before


def test_one_page_under_two_addresses_is_two_articles_with_two_slugs(site: Path,
                                                                   tmp_path: Path) -> None:
    page = (PAGES / "with-teasers.html").read_text(encoding="utf-8")
    other = tmp_path / "syndicated.html"
    other.write_text(page.replace("https://lanternreview.example/environment/",
                                  "https://partner.example/news/"), encoding="utf-8")
    done = dossier("import", str(PAGES / "with-teasers.html"), str(other), cwd=site)
    assert done.code == 0, done.stderr
    assert "this one is 'drought-rules-eased-as-reservoirs-refill-2'" in done.stdout
    _builds_cleanly(site)


BAD = {
    "empty.txt": "empty.txt:1: file: empty: nothing to import",
    "picture.txt": "picture.txt:1: file: a PNG image, not text",
    "latin1.txt": "latin1.txt:5: file: not UTF-8 text (byte 0xe9 at offset 169)",
    "no-date.txt": "no-date.txt:1: date: none found in the text; give one with --date",
}


def test_bad_inputs_fail_clearly_after_the_others_are_imported(site: Path) -> None:
    inputs = [TEXTS / name for name in BAD] + REFUSED + [SEED, site / "missing.html"]
    done = dossier("import", *map(str, inputs), cwd=site)
    assert done.code == 1
    for message in BAD.values():
        assert message in done.stderr
    assert "section-front.html:1: file: a page that lists 6 articles and has no main " \
        "article (a section front or search page)" in done.stderr
    assert "search-results.html:1: file: a page that lists 5 articles" in done.stderr
    assert "no-article.html:1: file: no article text found in this page" in done.stderr
    assert "missing.html:1: file: no such file" in done.stderr
    assert "Imported 1 of 9 inputs, 8 failed (above)." in done.stderr
    written = sorted(p.relative_to(site).as_posix() for p in (site / "content/articles")
                     .rglob("*.md"))
    assert written == [_expect(SEED)["path"]]


def test_a_date_given_rescues_a_text_without_one_and_the_overrides_win(site: Path) -> None:
    done = dossier("import", str(TEXTS / "no-date.txt"), "--date", "2021-05-06",
                   "--source", "Hill Weekly", "--slug", "village-shop", "--full-text",
                   "--dossier", "example-dossier", cwd=site)
    assert done.code == 0, done.stderr
    target = site / "content/articles/2021/2021-05-06-village-shop.md"
    front, body = _split(target.read_text(encoding="utf-8"))
    assert front == {"title": "Village shop saved by residents' share offer",
                     "date": __import__("datetime").date(2021, 5, 6),
                     "source": {"name": "Hill Weekly"}, "dossiers": ["example-dossier"],
                     "slug": "village-shop", "full_text": True}
    assert body.startswith("\nResidents of a hill village have raised enough money")
    assert "dossiers: example-dossier" in done.stdout


def test_dry_run_reports_and_writes_nothing(site: Path) -> None:
    before = tree_digest(site)
    done = dossier("import", "--dry-run", str(PAGES), cwd=site)
    assert done.code == 1   # the refused pages in the folder
    assert "wire-jsonld.html would be written to content/articles/2024/" in done.stdout
    assert "Would import 33 of 36 inputs, 3 failed (above)." in done.stderr
    assert tree_digest(site) == before


def test_standard_input(site: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "dossier", "import", "-"], cwd=site,
                          input=(PAGES / "og-magazine.html").read_bytes(), capture_output=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert b"<stdin> -> content/articles/2023/2023-11-02-the-quiet-return-of-the-night-ferry.md" \
        in done.stdout


def test_usage_errors_exit_2(site: Path) -> None:
    unknown = dossier("import", str(SEED), "--dossier", "nope", cwd=site)
    assert unknown.code == 2
    assert "--dossier: no dossier 'nope' in content/dossiers/" in unknown.stderr
    assert dossier("import", str(SEED), "--date", "soon", cwd=site).code == 2
    assert dossier("import", str(SEED), "--slug", "Not A Slug", cwd=site).code == 2
    two = dossier("import", str(SEED), str(TEXTS / "agency-ap.txt"), "--slug", "x", cwd=site)
    assert two.code == 2 and "--slug names one article" in two.stderr
    assert list((site / "content/articles").iterdir()) == []
