"""Search as a reader uses it: the repository's example site, built for its sub-path
(/east-asia/), served over HTTP and driven in headless Chromium: typing, every filter,
both sorts, the address, the header box and its `/` shortcut, axe with results and
filters shown, CJK, and the serve-time recent index."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from dossier.output.search import FOLDER, RECENT, RecentIndex, Record, record_page
from tests.helpers import copy_site, dossier
from tests.validators import axe_violations, describe_axe, serve_dir

BASE = "/east-asia/"
SEED = f"{BASE}articles/japan-hopes-mattis-visit/"


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = copy_site("example", tmp_path_factory.mktemp("search"))
    run = dossier("build", "--strict", cwd=site)
    assert run.code == 0, run.stderr
    return site / "public"


def _results(page) -> list[str]:  # type: ignore[no-untyped-def]
    links = page.locator("#search-named a, #search-list a")
    return [links.nth(i).get_attribute("href") for i in range(links.count())]


def _wait_results(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_function("document.querySelector('#search-status').textContent"
                           ".includes('result')", timeout=30_000)


def _search(page, url: str, query: str = "") -> None:  # type: ignore[no-untyped-def]
    page.goto(url.rstrip("/") + "/search/" + query)
    page.wait_for_selector("#search[data-ready]", state="attached", timeout=30_000)


def _params(page) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    return parse_qs(urlsplit(page.url).query)


def test_listing_pages_are_never_indexed(public: Path) -> None:
    # records come from the site model: one per article, dossier and entity
    entry = json.loads((public / FOLDER / "pagefind-entry.json").read_text())
    pages = sum(lang["page_count"] for lang in entry["languages"].values())
    articles = len([p for p in (public / "articles").glob("*/index.html")
                    if 'http-equiv="refresh"' not in p.read_text()])   # not the alias
    dossiers = len(list((public / "dossiers").glob("*/index.html")))
    entities = len(list((public / "entities").glob("*/index.html")))
    assert pages == articles + dossiers + entities
    assert list(public.glob("tags/*/index.html")), "the fixture has listing pages"


def test_record_page_escapes_and_marks_filters() -> None:
    html = record_page(Record("/articles/x/", "A <b>", "one\ntwo & three",
                              {"year": ["2017"]}, {"date": "2017-02-04"}), "en")
    assert "<h1>A &lt;b&gt;</h1>" in html
    assert 'data-pagefind-filter="year:2017"' in html
    assert 'data-pagefind-filter="kind:article"' in html
    assert 'data-pagefind-sort="date:2017-02-04"' in html
    assert "<p>two &amp; three</p>" in html


def test_typing_finds_the_entity_first_then_articles(public: Path, page) -> None:  # type: ignore[no-untyped-def]
    with serve_dir(public, base_path=BASE) as url:
        _search(page, url)
        page.locator("#search-q").press_sequentially("Tomomi Inada", delay=20)
        _wait_results(page)
        page.wait_for_selector("#search-named a")
        first = page.locator("#search-named li").first
        assert first.locator("a").get_attribute("href") == f"{BASE}entities/tomomi-inada/"
        assert first.locator(".search-result__kind").inner_text().lower() == "entity"
        hrefs = _results(page)
        assert SEED in hrefs
        assert all(h.startswith(BASE) for h in hrefs)
        assert not any("/page/" in h for h in hrefs)
        assert page.locator("#search-list mark").count() > 0   # matched words highlighted
        assert _params(page)["q"] == ["Tomomi Inada"]


@pytest.mark.parametrize("key", ["dossier", "entity", "source", "year"])
def test_every_filter_narrows_and_lands_in_the_address(public: Path, page, key: str) -> None:  # type: ignore[no-untyped-def]
    with serve_dir(public, base_path=BASE) as url:
        _search(page, url, "?q=Japan")
        _wait_results(page)
        before = len(_results(page))
        group = page.locator(f'fieldset[data-filter="{key}"]')
        # the rarest value, read in one go (the list is re-rendered as results arrive)
        value, label = group.locator("li").last.evaluate(
            "li => [li.querySelector('input').value, li.querySelector('label').textContent]")
        count = int(label.rsplit("(", 1)[1].rstrip(")"))
        box = group.locator(f'input[value="{value}"]')
        box.check()
        page.wait_for_function(
            "n => document.querySelectorAll('#search-list li').length === n "
            "&& document.querySelector('#search-status').textContent.startsWith(n + ' result')",
            arg=min(count, 10), timeout=30_000)   # the machine may be busy
        assert _params(page)[key] == [value]
        assert 0 < len(_results(page)) <= count < before
        # the address alone runs the same search (shared, bookmarked)
        shared = page.url
        page.goto(shared)
        page.wait_for_selector("#search[data-ready]", state="attached", timeout=30_000)
        _wait_results(page)
        assert page.locator(f'fieldset[data-filter="{key}"] input:checked').get_attribute(
            "value") == value
        assert len(_results(page)) <= count


def test_sort_by_date_lists_newest_first(public: Path, page) -> None:  # type: ignore[no-untyped-def]
    with serve_dir(public, base_path=BASE) as url:
        _search(page, url, "?q=security")
        _wait_results(page)
        page.select_option("#search-sort", "date")
        page.wait_for_function("location.search.includes('sort=date')")
        _wait_results(page)
        page.wait_for_timeout(300)
        dates = page.eval_on_selector_all(
            "#search-list .search-result--article",
            "els => els.map(e => e.querySelector('.search-result__meta').textContent)")
        assert len(dates) >= 3
        from datetime import datetime

        days = [datetime.strptime(d.split(" · ")[1], "%d %B %Y") for d in dates]
        assert days == sorted(days, reverse=True)
        page.select_option("#search-sort", "")
        page.wait_for_function("!location.search.includes('sort=')")


def test_header_box_and_slash_shortcut(public: Path, page) -> None:  # type: ignore[no-untyped-def]
    with serve_dir(public, base_path=BASE) as url:
        page.goto(url)
        page.keyboard.press("/")
        assert page.evaluate("document.activeElement.id") == "site-search-q"
        page.keyboard.type("Mattis")
        page.keyboard.press("Enter")
        page.wait_for_url("**/east-asia/search/?q=Mattis")
        page.wait_for_selector("#search[data-ready]", state="attached", timeout=30_000)
        _wait_results(page)
        assert f"{BASE}entities/jim-mattis/" == _results(page)[0]


def test_cjk_and_excerpt_mode_text_are_found(public: Path, page) -> None:  # type: ignore[no-untyped-def]
    with serve_dir(public, base_path=BASE) as url:
        _search(page, url, "?q=安全保障")
        _wait_results(page)
        assert f"{BASE}articles/japan-security-legislation-takes-effect/" in _results(page)
        # the seed shows an excerpt; its whole text is searchable
        _search(page, url, "?q=feud")
        _wait_results(page)
        assert _results(page) == [SEED]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_page_with_results_and_filters_is_accessible(  # type: ignore[no-untyped-def]
        public: Path, page, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    with serve_dir(public, base_path=BASE) as url:
        _search(page, url, "?q=Japan&year=2017")
        _wait_results(page)
        assert page.locator("#search-filters fieldset").count() >= 3
        violations = axe_violations(page)
        origin = url.split(BASE)[0]
    assert violations == [], describe_axe(violations)
    assert requests and all(r.startswith(origin) for r in requests)   # no external requests


def test_search_off_writes_no_index_and_no_box(tmp_path: Path) -> None:
    site = copy_site("example", tmp_path)
    config = site / "config.yaml"
    config.write_text(config.read_text().replace("enabled: true", "enabled: false")
                      if "enabled: true" in config.read_text()
                      else config.read_text() + "search:\n  enabled: false\n")
    run = dossier("build", cwd=site)
    assert run.code == 0, run.stderr
    assert not (site / "public" / FOLDER).exists()
    home = (site / "public" / "index.html").read_text()
    assert "site-search" not in home and "search-shortcut" not in home


def test_recent_index_replaces_a_changed_article(public: Path, page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    served = tmp_path / "public"
    shutil.copytree(public, served)
    recent = RecentIndex(served, "en")
    record = Record("/articles/japan-hopes-mattis-visit/", "Japan hopes (edited)",
                    "A zanzibarite word only the edit has.", {"year": ["2017"]},
                    {"date": "2017-02-04"}, meta={"date": "4 February 2017"})
    assert recent.update([record]) == 1
    assert (served / FOLDER / RECENT / "pagefind-entry.json").is_file()
    with serve_dir(served, base_path=BASE) as url:
        _search(page, url, "?q=zanzibarite")
        _wait_results(page)
        assert _results(page) == [SEED]
        # the old text of the changed article is no longer a result
        _search(page, url, "?q=feud")
        page.wait_for_function("document.querySelector('#search-status').textContent"
                               ".includes('for')")
        page.wait_for_timeout(300)
        assert SEED not in _results(page)
    recent.update([], removed=["/articles/japan-hopes-mattis-visit/"])
    changes = json.loads((served / FOLDER / RECENT / "changes.json").read_text())
    assert changes == {"index": False, "replaced": ["/articles/japan-hopes-mattis-visit/"]}


def test_serve_session_indexes_an_edited_article_in_the_recent_index(tmp_path: Path) -> None:
    from dossier.dev.session import Session

    site = copy_site("example", tmp_path)
    session = Session(site, output=tmp_path / "served", jobs=1)
    session.start(allow_fork=False)
    folder = session.out.folder
    assert (folder / FOLDER / "pagefind-entry.json").is_file()
    assert json.loads((folder / FOLDER / RECENT / "changes.json").read_text())["index"] is False
    article = next((site / "content" / "articles").rglob("*japan-hopes-mattis-visit.md"))
    article.write_text(article.read_text() + "\nA zanzibarite sentence.\n")
    session.apply([article])
    changes = json.loads((folder / FOLDER / RECENT / "changes.json").read_text())
    assert changes["index"] is True
    assert "/articles/japan-hopes-mattis-visit/" in changes["replaced"]
    assert (folder / FOLDER / RECENT / "pagefind-entry.json").is_file()
    session.close()


# --- a large site's index in shards ------------------------------------------------

@pytest.fixture(scope="module")
def sharded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site with its index cut into shards of three records."""
    site = copy_site("example", tmp_path_factory.mktemp("sharded"))
    config = site / "config.yaml"
    text = config.read_text()
    assert "search:\n  enabled: true\n" in text
    config.write_text(text.replace("search:\n  enabled: true\n",
                                   "search:\n  enabled: true\n  shard_size: 3\n"))
    run = dossier("build", "--strict", cwd=site)
    assert run.code == 0, run.stderr
    return site / "public"


def _shown(page) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(address, day) of every article result listed, after loading them all."""
    _wait_results(page)
    page.wait_for_timeout(300)
    while page.is_visible("#search-more"):
        count = page.locator("#search-list li").count()
        page.click("#search-more")
        page.wait_for_function(f"document.querySelectorAll('#search-list li').length > {count}")
    return page.eval_on_selector_all(
        "#search-list .search-result--article",
        "els => els.map(e => [e.querySelector('a').getAttribute('href'),"
        " e.querySelector('.search-result__meta').textContent.split(' · ')[1]])")


def test_a_sharded_index_finds_sorts_and_counts_as_one(public: Path, sharded: Path,
                                                       page) -> None:  # type: ignore[no-untyped-def]
    """Shards of three records: what one index finds, the shards find too (a shard
    may match a little more: Pagefind widens a word it does not hold); sorted by date,
    newest first across the shards; the filters count the same."""
    from datetime import datetime

    entry = json.loads((sharded / FOLDER / "pagefind-entry.json").read_text())
    assert {"en", "en-x-1", "en-x-2"} <= set(entry["languages"]), entry["languages"]
    seen: dict[str, dict[str, object]] = {}
    for name, folder in (("one", public), ("shards", sharded)):
        with serve_dir(folder, base_path=BASE) as url:
            found: dict[str, object] = {}
            for query in ("?q=security", "?q=security&sort=date", "?q=japan&sort=date",
                          "?q=security&year=2017&sort=date"):
                _search(page, url, query)
                found[query] = _shown(page)
            _search(page, url)
            page.wait_for_selector("#search-filter-groups input[data-filter='year']")
            found["counts"] = page.text_content("#search-filter-groups")
            seen[name] = found
    for query, one in seen["one"].items():
        shards = seen["shards"][query]
        if query == "counts":
            assert shards == one
            continue
        assert {tuple(r) for r in one} <= {tuple(r) for r in shards}, query  # type: ignore[union-attr]
        if "sort=date" in query:
            days = [datetime.strptime(day, "%d %B %Y") for _, day in shards]  # type: ignore[union-attr]
            assert days == sorted(days, reverse=True), query
            assert len(days) >= 2, query
