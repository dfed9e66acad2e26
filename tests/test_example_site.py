"""The repository's example site, built as a user would and checked with real validators."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.helpers import REPO, article_links_in_main, copy_site, dossier, page
from tests.validators import (
    axe_violations,
    describe_axe,
    describe_vnu,
    feed_problems,
    linkchecker_broken,
    serve_dir,
    vnu_errors,
)

SEED = "japan-hopes-mattis-visit"
BASE = "/east-asia/"


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = copy_site("example", tmp_path_factory.mktemp("example"))
    run = dossier("build", "--strict", cwd=site)
    assert run.code == 0, run.stderr
    assert "Built " in run.stdout and "stages:" in run.stdout
    return site / "public"


ADDRESSES = [
    "index.html", f"articles/{SEED}/index.html", "dossiers/index.html",
    "dossiers/us-japan-alliance/index.html", "dossiers/korea-tensions/index.html",
    "dossiers/east-china-sea/index.html", "entities/index.html", "entities/jim-mattis/index.html",
    "tags/index.html", "tags/alliance/index.html", "search/index.html", "about/index.html",
    "methodology/index.html", "feed.xml", "dossiers/us-japan-alliance/feed.xml",
    "entities/jim-mattis/feed.xml", "sitemap.xml", "robots.txt", "404.html",
    "assets/style.css",
]


@pytest.mark.parametrize("address", ADDRESSES)
def test_every_address_of_the_contract_exists(public: Path, address: str) -> None:
    assert (public / address).is_file()


def test_seed_is_shown_in_excerpt_mode_but_feeds_everything(public: Path) -> None:
    soup = page(public, f"/articles/{SEED}/")
    body = soup.select(".article-body")
    assert len(body) == 1
    text = soup.get_text(" ")
    assert "Reuters" in text and "Toru Hanai" in text
    # the last paragraph of the full text is not on the page ...
    assert "disputed East China Sea islands" not in text
    assert "Read Comments" not in text
    # ... but it still makes the article part of the East China Sea dossier and entity
    assert SEED in article_links_in_main(page(public, "/entities/east-china-sea/"))
    assert SEED in article_links_in_main(page(public, "/dossiers/east-china-sea/"))
    # and the entity page does not quote the withheld sentence as context
    assert "disputed East China Sea islands" not in page(
        public, "/entities/east-china-sea/").get_text(" ")
    # ... while a sentence the excerpt shows is quoted
    contexts = [c.get_text(" ") for c in page(public, "/entities/tomomi-inada/")
                .select(".card__context")]
    assert any("Japanese defence minister Tomomi Inada said on Saturday" in c for c in contexts)


def test_the_seed_page_reads_as_issue_16_asks(public: Path) -> None:
    """The example demonstrates the article page's options: a photo not reproduced is
    a caption line, the original is linked near the top, countries every article
    names are listed but not linked (their entities say link: none)."""
    soup = page(public, f"/articles/{SEED}/")
    article = soup.find("article")
    assert article.find("img") is None and article.find("figure") is None
    assert "Credit: Toru Hanai/Reuters" in article.find(class_="photo-note").get_text()
    note = article.find(class_="source-note")
    assert note.find("a")["href"] == "https://www.reuters.com/"
    assert article.find("header").find_next_sibling() is note
    body_links = {a["data-entity"] for a in article.select(".article-body a.entity")}
    rail = {a["href"].split("/entities/")[1].strip("/")
            for a in soup.select(".article-rail .entity-list a")}
    for slug in ("japan", "united-states", "tokyo", "washington"):
        assert slug not in body_links and slug in rail
    assert "jim-mattis" in body_links
    full = page(public, "/articles/camp-david-trilateral-summit/")
    assert full.find(class_="standfirst").find_parent(class_="article-body") is None
    assert len(full.select("nav.prev-next")) == 1


def test_site_theme_overrides_one_file(public: Path) -> None:
    footer = page(public, "/").find("footer")
    assert footer is not None and "Built with dossier" in footer.get_text()


def test_base_path_is_used_for_every_internal_link(public: Path) -> None:
    soup = page(public, f"/articles/{SEED}/")
    for tag, attr in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
        for element in soup.find_all(tag):
            value = element.get(attr)
            if value and value.startswith("/"):
                assert value.startswith(BASE), (tag, value)


def test_html_is_valid(public: Path) -> None:
    messages = vnu_errors(public)
    assert messages == [], describe_vnu(messages)


def test_feeds_are_valid_atom(public: Path) -> None:
    feeds = sorted(public.rglob("feed.xml"))
    assert len(feeds) > 3
    for feed in feeds:
        assert feed_problems(feed.read_bytes()) == [], feed


def test_no_broken_links(public: Path) -> None:
    with serve_dir(public, base_path=BASE) as url:
        code, output = linkchecker_broken(url)
    assert code == 0, output


@pytest.mark.parametrize("address", ["", f"articles/{SEED}/",
                                     "articles/camp-david-trilateral-summit/",
                                     "dossiers/korea-tensions/",
                                     "entities/jim-mattis/", "entities/", "tags/alliance/",
                                     "about/"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pages_are_accessible(public: Path, page_fixture, address: str, scheme: str) -> None:
    browser_page = page_fixture
    browser_page.emulate_media(color_scheme=scheme)
    with serve_dir(public, base_path=BASE) as url:
        browser_page.goto(url.rstrip("/") + "/" + address)
        violations = axe_violations(browser_page)
    assert violations == [], describe_axe(violations)


@pytest.fixture
def page_fixture(page):  # type: ignore[no-untyped-def]
    return page


def test_wheel_ships_the_default_theme(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path),
                    str(REPO)], check=True, capture_output=True, timeout=300)
    wheel = next(tmp_path.glob("dossier_ssg-*.whl"))   # the distribution is dossier-ssg
    names = zipfile.ZipFile(wheel).namelist()
    assert "dossier/themes/default/templates/base.html" in names
    assert "dossier/themes/default/static/style.css" in names


def test_search_page_runs_the_query_in_the_address(public: Path, page_fixture) -> None:
    browser_page = page_fixture
    with serve_dir(public, base_path=BASE) as url:
        browser_page.goto(url.rstrip("/") + "/search/?q=Inada")
        links = browser_page.locator("main #search-named a, main #search-list a")
        links.first.wait_for()
        hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert f"{BASE}articles/{SEED}/" in hrefs
    # a Japanese article is found from the English search page too
    with serve_dir(public, base_path=BASE) as url:
        browser_page.goto(url.rstrip("/") + "/search/?q=" + "安倍晋三")
        links = browser_page.locator("main #search-named a, main #search-list a")
        links.first.wait_for()
        hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert f"{BASE}articles/japan-security-legislation-takes-effect/" in hrefs
    # the seed shows an excerpt, but its whole text is searchable (here: its last
    # paragraphs, which its page does not show), and its result links to its page
    with serve_dir(public, base_path=BASE) as url:
        browser_page.goto(url.rstrip("/") + "/search/?q=feud")
        links = browser_page.locator("main #search-named a, main #search-list a")
        links.first.wait_for()
        hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert hrefs == [f"{BASE}articles/{SEED}/"]
    assert "feud" not in page(public, f"/articles/{SEED}/").get_text(" ")
