"""Long lists: an entity's or tag's newest articles in context, the rest in a compact
archive by year; every article stays reachable from each of its entities and tags,
and the old `page/N/` addresses lead to where their articles are listed now."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import pytest

from dossier.output.dedent import DedentExtension, dedent
from dossier.output.render import meta_description
from dossier.site import archives
from tests.helpers import article_links_in_main, dossier, page
from tests.validators import axe_violations, describe_axe, describe_vnu, serve_dir, vnu_errors

BASE = "/arch/"
ARTICLES = 330          # Alpha is in all: more than archives.INLINE, so year pages
YEARS = range(2015, 2026)


def _site(root: Path) -> Path:
    (root / "content/articles").mkdir(parents=True)
    (root / "content/entities").mkdir()
    (root / "content/dossiers").mkdir()
    (root / "config.yaml").write_text(
        f"title: Archives\nbase_url: https://example.org{BASE}\nlanguage: en\n"
        "search:\n  enabled: false\n")
    for slug, name in (("alpha", "Alpha Land"), ("beta", "Beta Corp"), ("gamma", "Gamma Ray")):
        (root / f"content/entities/{slug}.md").write_text(
            f"---\nname: {name}\nkind: topic\n---\n")
    (root / "content/dossiers/all.md").write_text(
        "---\ntitle: All\nmatch:\n  entities: [alpha]\n---\nEverything.\n")
    for i in range(ARTICLES):
        year = YEARS[i % len(YEARS)]
        month, day = 1 + i % 12, 1 + i % 28
        names = ["Alpha Land"] + (["Beta Corp"] if i % 3 == 0 else []) \
            + (["Gamma Ray"] if i % 50 == 0 else [])
        tags = "[common]" if i % 2 else "[common, odd]"
        (root / f"content/articles/a{i:03}.md").write_text(
            f"---\ntitle: Story {i}\ndate: {year}-{month:02}-{day:02}\n"
            f"source: Wire {i % 4}\ntags: {tags}\nsummary: Summary {i}.\n---\n"
            f"Today {' and '.join(names)} said something about number {i}.\n")
    return root


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = _site(tmp_path_factory.mktemp("archives") / "site")
    run = dossier("build", cwd=site)
    assert run.code == 0, run.stderr
    return site / "public"


def _members(public: Path) -> dict[str, set[str]]:
    """Which entities and tags each article lists, read from the article pages."""
    found: dict[str, set[str]] = {}
    for path in (public / "articles").glob("*/index.html"):
        html = path.read_text()
        slug = path.parent.name
        for kind, key in re.findall(r'href="/arch/(entities|tags)/([a-z0-9-]+)/"', html):
            found.setdefault(f"{kind}/{key}", set()).add(slug)
    return found


def _reachable(public: Path, list_path: str) -> set[str]:
    """Articles linked from a list page's <main> and from the archive pages it links."""
    soup = page(public, list_path)
    found = set(article_links_in_main(soup))
    for a in soup.select("main .archive__years a"):
        found |= set(article_links_in_main(page(public, a["href"].removeprefix(BASE))))
    return found


@pytest.mark.parametrize("listing", ["entities/alpha", "entities/beta", "entities/gamma",
                                     "tags/common", "tags/odd"])
def test_every_article_is_reachable_from_each_of_its_lists(public: Path, listing: str) -> None:
    expected = _members(public)[listing]
    assert _reachable(public, listing + "/") == expected
    assert len(expected) in (ARTICLES, ARTICLES // 3, 7, ARTICLES // 2 + 1, ARTICLES // 2) \
        or listing == "tags/common"


def test_the_three_layouts(public: Path) -> None:
    alpha = page(public, "entities/alpha/")
    assert len(alpha.select("main .card-list > li")) == archives.NEWEST
    years = [a.get_text() for a in alpha.select("main .archive__years a")]
    assert years == [str(y) for y in reversed(YEARS)]
    assert (public / "entities/alpha/archive/2020/index.html").is_file()
    beta = page(public, "entities/beta/")       # 110 articles: the archive is on the page
    assert len(beta.select("main .card-list > li")) == archives.NEWEST
    assert beta.select("main h3#y2015") and not beta.select("main .archive__years")
    assert len(beta.select("main .archive__list > li")) == ARTICLES // 3 - archives.NEWEST
    assert not (public / "entities/beta/archive").exists()
    gamma = page(public, "entities/gamma/")
    assert not gamma.select("main .archive") and len(gamma.select("main .card-list > li")) == 7


def test_a_year_page_lists_that_year_newest_first_with_date_title_source(public: Path) -> None:
    soup = page(public, "entities/alpha/archive/2020/")
    rows = soup.select("main .archive__list > li")
    assert len(rows) == ARTICLES // len(YEARS)
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ Story \d+ Wire \d", rows[0].get_text(" ", strip=True))
    assert soup.select_one('main a[aria-current="page"]').get_text() == "2020"
    assert soup.h1.get_text() == "Articles mentioning Alpha Land in 2020"


def test_old_page_addresses_redirect_to_where_their_first_article_is(public: Path) -> None:
    # paginate: 50 (the default) gave Alpha pages 2 to 7; each now leads on
    for number in range(2, 8):
        html = (public / f"entities/alpha/page/{number}/index.html").read_text()
        target = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', html).group(1)
        assert target.startswith(f"{BASE}entities/alpha/archive/")
        assert (public / target.removeprefix(BASE) / "index.html").is_file()
    assert not (public / "entities/alpha/page/8").exists()
    beta = (public / "entities/beta/page/2/index.html").read_text()   # inline: an anchor
    target = re.search(r'url=([^"]+)"', beta).group(1)
    anchor = target.split("#")[1]
    assert target.startswith(f"{BASE}entities/beta/#y")
    assert page(public, "entities/beta/").find(id=anchor)
    assert 'name="robots" content="noindex"' in beta
    sitemap = (public / "sitemap.xml").read_text()
    assert "entities/alpha/page/" not in sitemap and "entities/alpha/archive/2020/" in sitemap


def test_where_listed_finds_the_page_of_each_position() -> None:
    lay = archives.layout([2024] * 30 + [2023] * 400 + [2020] * 5)
    assert lay.paged and lay.newest == 20
    assert archives.where_listed("/e/x/", lay, 5) == "/e/x/"
    assert archives.where_listed("/e/x/", lay, 25) == "/e/x/archive/2024/"
    assert archives.where_listed("/e/x/", lay, 431) == "/e/x/archive/2020/"
    assert archives.old_pages("/e/x/", lay, 50)[0] == ("/e/x/page/2/", "/e/x/archive/2023/")
    assert len(archives.old_pages("/e/x/", lay, 50)) == 8       # 435 articles: 9 pages
    small = archives.layout([2024] * 10 + [2023] * 30)
    assert not small.paged and archives.where_listed("/t/", small, 30) == "/t/#y2023"
    months = ((2023, 1, 30, 10), (2024, 3, 4, 6), (2024, 5, 6, 0))
    assert archives.from_months(40, months) == small


def test_archive_pages_are_valid_html(public: Path) -> None:
    for rel in ("entities/alpha/archive/2020", "entities/alpha", "entities/beta",
                "tags/odd/archive/2016", "entities/alpha/page/3"):
        messages = vnu_errors(public / rel / "index.html")
        assert messages == [], describe_vnu(messages)


@pytest.mark.parametrize("address", ["entities/alpha/archive/2020/", "entities/beta/",
                                     "entities/alpha/"])
def test_archive_pages_are_accessible(public: Path, page, address: str) -> None:  # type: ignore[no-untyped-def]
    with serve_dir(public, base_path=BASE) as url:
        page.goto(url.rstrip("/") + "/" + address)
        violations = axe_violations(page)
    assert violations == [], describe_axe(violations)


def test_dedent_keeps_pre_and_textarea() -> None:
    source = ("<div>\n    <p>a</p>\n    <pre>\n  x = 1\n      y</pre>\n  <textarea>\n"
              "   keep\n  </textarea> <b>b</b>\n        <p>c</p>\n</div>\n")
    assert dedent(source) == ("<div>\n<p>a</p>\n<pre>\n  x = 1\n      y</pre>\n<textarea>\n"
                              "   keep\n  </textarea> <b>b</b>\n<p>c</p>\n</div>\n")
    env = jinja2.Environment(loader=jinja2.DictLoader({"t.html": (
        "<ul>\n  {% for i in items %}\n    <li>{{ i }}</li>\n  {% endfor %}\n</ul>\n"
        "  <pre>\n    {{ code }}\n  indented</pre>\n")}), trim_blocks=True, lstrip_blocks=True,
        extensions=[DedentExtension])
    out = env.get_template("t.html").render(items=[1, 2], code="  <kept>")
    assert out == "<ul>\n<li>1</li>\n<li>2</li>\n</ul>\n<pre>\n      <kept>\n  indented</pre>"


def test_a_code_block_in_an_article_keeps_its_indentation(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    (site / "content/articles/code.md").write_text(
        "---\ntitle: Code\ndate: 2020-01-01\n---\nText.\n\n```\ndef f():\n    return 1\n```\n")
    assert dossier("build", cwd=site).code == 0
    html = (site / "public/articles/code/index.html").read_text()
    assert "def f():\n    return 1\n" in html


def test_a_long_description_is_cut_at_a_word() -> None:
    assert meta_description("Short and sweet.") == "Short and sweet."
    text = "word " * 60
    cut = meta_description(text)
    assert len(cut) <= 200 and cut.endswith("word…")
    assert meta_description("x" * 300).endswith("…") and len(meta_description("x" * 300)) == 200
