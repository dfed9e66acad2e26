"""Dossier, entity, home and index pages as a reader (and an editor) judges them, on
the example site and on the benchmark corpus: characteristic entities, a light
timeline, people by family name, ranked co-mentions, other names, roles, dossier rows
without holes, language labels."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from dossier.build import BuildOptions, build
from tests.helpers import REPO, copy_site, dossier, page
from tests.validators import axe_violations, describe_axe, serve_dir

BASE = "/east-asia/"


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = copy_site("example", tmp_path_factory.mktemp("example"))
    run = dossier("build", "--strict", cwd=site)
    assert run.code == 0, run.stderr
    return site / "public"


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The benchmark corpus at 500 articles (bench/generate.py), built without search."""
    root = tmp_path_factory.mktemp("bench") / "site"
    done = subprocess.run([sys.executable, str(REPO / "bench" / "generate.py"), "--articles",
                           "500", "--out", str(root)], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    build(root, BuildOptions(output=root / "public", search=False, jobs=1))
    return root / "public"


def _text(element) -> str:  # type: ignore[no-untyped-def]
    return " ".join(element.get_text(" ").split())


def _rail(soup: BeautifulSoup, ident: str) -> list[tuple[str, str]]:
    """(name, count label) of a rail box's entity list."""
    box = soup.find(id=ident).find_parent("section")
    return [(_text(li.a), _text(li.select_one(".entity-list__count")))
            for li in box.select(".entity-list > li")]


def _fraction(label: str) -> tuple[int, int]:
    found = re.match(r"(\d+) of (\d+) articles?", label)
    assert found, label
    return int(found[1]), int(found[2])


# --- 1. "Who and what" --------------------------------------------------------------

def test_korea_leads_with_its_own_people_and_places(public: Path) -> None:
    soup = page(public, "/dossiers/korea-tensions/")
    rows = _rail(soup, "top-entities")
    names = [name for name, _ in rows]
    assert names[:2] == ["North Korea", "South Korea"], names
    assert "Kim Jong Un" in names and "Moon Jae-in" in names, names
    assert names[0] not in ("Japan", "United States", "China")
    # the page says what the order means, in the box
    note = _text(soup.find(id="top-entities").find_parent("section").select_one(
        ".rail-box__note"))
    assert "Most characteristic first" in note and "articles naming it" in note
    # and each count is that measure: articles here of the articles naming it
    for _, label in rows:
        here, everywhere = _fraction(label)
        assert 0 < here <= everywhere


def test_each_dossier_leads_with_an_entity_of_its_own(public: Path, bench: Path) -> None:
    for root, slugs in ((public, ("korea-tensions", "us-japan-alliance", "east-china-sea")),
                        (bench, tuple(p.name for p in (bench / "dossiers").iterdir()
                                      if p.is_dir() and p.name != "page"))):
        leaders = [_rail(page(root, f"/dossiers/{slug}/"), "top-entities")[0]
                   for slug in slugs]
        assert len({name for name, _ in leaders}) == len(leaders), leaders
        # a single article never leads
        assert all(_fraction(label)[0] > 1 for _, label in leaders), leaders


def test_the_site_wide_most_mentioned_leads_no_dossier(bench: Path) -> None:
    index = page(bench, "/entities/")
    counts = {_text(li.select_one(".entity-index__name")):
              int(_text(li.select_one(".entity-index__count")).split()[0].replace(",", ""))
              for li in index.select(".entity-index__item")}
    most = max(counts, key=counts.__getitem__)
    for folder in (bench / "dossiers").iterdir():
        if folder.is_dir():
            names = [n for n, _ in _rail(page(bench, f"/dossiers/{folder.name}/"),
                                         "top-entities")]
            assert names[0] != most, (folder.name, names)


# --- 2. the timeline -----------------------------------------------------------------

SCAFFOLDING = """() => {
  const t = document.querySelector('.timeline');
  const cards = [...t.querySelectorAll('li > article.card')];
  const content = cards.reduce((s, c) => s + c.getBoundingClientRect().height, 0);
  const breaks = [...t.querySelectorAll('*')].map(e => getComputedStyle(e))
    .filter(s => ['page', 'always', 'left', 'right'].includes(s.breakBefore)
              || ['page', 'always', 'left', 'right'].includes(s.breakAfter)).length;
  const dot = getComputedStyle(t.querySelector('.timeline__list > li'), '::before').content;
  return {perArticle: (t.getBoundingClientRect().height - content) / cards.length,
          breaks, dot};
}"""

# what the timeline adds per article besides the articles themselves, in CSS pixels.
# Before this change: example site 135 (desktop) / 127 (phone), bench 77 / 76.
LIMITS = {("example", 1280): 60, ("example", 390): 105,
          ("bench", 1280): 45, ("bench", 390): 62}


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("which", ["example", "bench"])
def test_the_timeline_weighs_less_than_its_articles(public: Path, bench: Path, page_fixture,
                                                    which: str, width: int) -> None:
    root, base, address = ((public, BASE, "dossiers/korea-tensions/") if which == "example"
                           else (bench, "/bench/", "dossiers/courts-and-accountability/"))
    browser = page_fixture
    browser.set_viewport_size({"width": width, "height": 900})
    with serve_dir(root, base_path=base) as url:
        browser.goto(url.rstrip("/") + "/" + address)
        screen = browser.evaluate(SCAFFOLDING)
        browser.emulate_media(media="print")
        printed = browser.evaluate(SCAFFOLDING)
    assert screen["perArticle"] < LIMITS[(which, width)], screen
    assert screen["dot"] in ("none", "normal"), "a marker per article"
    # in print nothing forces a new page: a year starts where the last one ended
    assert printed["breaks"] == 0, printed
    assert printed["perArticle"] < LIMITS[(which, width)], printed


def test_timeline_months_keep_their_anchors(public: Path) -> None:
    soup = page(public, "/dossiers/korea-tensions/")
    month = soup.find(id="m2018-06")
    assert month is not None and month.name == "h3"
    assert _text(month) == "June 2018"          # " 2018" is there for screen readers
    assert soup.find(id="y2018").name == "h2"


# --- 3. the entity index -------------------------------------------------------------

def test_people_are_listed_by_family_name_as_written(public: Path) -> None:
    soup = page(public, "/entities/")
    people = soup.find(id="kind-person")
    names = [_text(a) for a in people.select(".entity-index__name")]
    assert names == ["Shinzo Abe", "Joe Biden", "Tomomi Inada", "Kim Jong Un",
                     "Fumio Kishida", "Jim Mattis", "Moon Jae-in", "Yoshihide Suga",
                     "Donald Trump", "Yoon Suk Yeol"]
    letters = {_text(group.select_one(".letter-group__letter")):
               [_text(a) for a in group.select(".entity-index__name")]
               for group in people.select(".letter-group")}
    assert letters["A"] == ["Shinzo Abe"]
    assert letters["K"] == ["Kim Jong Un", "Fumio Kishida"]    # Kim: family name first
    assert letters["M"] == ["Jim Mattis", "Moon Jae-in"]


def test_the_index_counts_what_each_entity_page_lists(public: Path) -> None:
    """An entity attached only by an article's `entities:` (Ministry of Defense (Japan):
    never named in the text) has that article on its page: the index does not say
    "0 mentions" beside it."""
    items = page(public, "/entities/").select(".entity-index__item")
    assert items
    for li in items:
        slug = li.select_one(".entity-index__name")["href"].rstrip("/").rsplit("/", 1)[-1]
        meta = _text(page(public, f"/entities/{slug}/").select_one(".page-header__meta"))
        said = re.match(r"Mentioned in (\d+ articles?)", meta)
        assert said, meta
        assert _text(li.select_one(".entity-index__count")) == said[1], slug
    ministry = next(li for li in items
                    if _text(li.a) == "Ministry of Defense (Japan)")
    assert _text(ministry.select_one(".entity-index__count")) == "1 article"


def test_dossier_summaries_and_entity_descriptions_are_typeset(public: Path) -> None:
    """They stand beside typeset titles and bodies (home, /dossiers/, the entity index,
    their own pages): "Japan's defence" with a straight apostrophe read as a typo."""
    shown = [*page(public, "/").select(".dossier-card__summary"),
             *page(public, "/dossiers/").select(".dossier-card__summary"),
             *page(public, "/entities/").select(".entity-index__desc"),
             page(public, "/dossiers/east-china-sea/").select_one(".page-header__lede"),
             page(public, "/entities/japan-self-defense-forces/").select_one(
                 ".page-header__lede")]
    texts = [_text(element) for element in shown]
    assert all("'" not in t and '"' not in t for t in texts), texts
    assert "the US commitment to Japan’s defence." in texts[0] + texts[1] + texts[2]
    assert texts[-1].startswith("Japan’s military")


def test_sort_name_places_an_entity(public: Path) -> None:
    organizations = page(public, "/entities/").find(id="kind-organization")
    names = [_text(a) for a in organizations.select(".entity-index__name")]
    # sort_name: United Nations Security Council
    assert names.index("UN Security Council") == names.index("United Nations") + 1, names


# --- 4. "Often mentioned with" -------------------------------------------------------

def test_often_mentioned_with_is_ranked_by_a_measure_it_shows(public: Path) -> None:
    soup = page(public, "/entities/jim-mattis/")
    rows = _rail(soup, "co-mentions")
    labels = [label for _, label in rows]
    assert len(set(labels)) > 1, labels                      # not "1 shared article" × 12
    shares = [shared / either for shared, either in map(_fraction, labels)]
    assert shares == sorted(shares, reverse=True), labels
    assert rows[0][0] == "Ministry of Defense (Japan)" and rows[1][0] == "Tomomi Inada"
    assert "Japan" not in [name for name, _ in rows[:6]]     # named in every article
    note = _text(soup.find(id="co-mentions").find_parent("section").select_one(
        ".rail-box__note"))
    assert "of the 5 articles naming either, 2 name both" in note
    # the network draws the same entities as the list
    # (by each node's tooltip: a label may be cut short with "…")
    drawn = {_text(t).rsplit(": ", 1)[0]
             for t in soup.select("#chart-network-c ~ .chart-scroll svg a > title")}
    assert {name for name, _ in rows} <= drawn | {"Jim Mattis"}, drawn


# --- 5. "Also known as" --------------------------------------------------------------

def test_also_known_as_shows_other_names_not_matching_rules(public: Path) -> None:
    mattis = page(public, "/entities/jim-mattis/")
    shown = [_text(s) for s in mattis.select(".aliases .alias")]
    assert shown == ["James Mattis"]                         # not the bare "Mattis"
    ld = json.loads(mattis.find("script", type="application/ld+json").string)
    assert "Mattis" in ld["alternateName"]                   # machines get every alias
    senkaku = page(public, "/entities/senkaku-islands/")
    assert [_text(s) for s in senkaku.select(".aliases .alias")] == ["Diaoyu Islands",
                                                                    "尖閣諸島"]


# --- 6. roles ------------------------------------------------------------------------

def test_an_entity_page_lists_its_roles(public: Path) -> None:
    items = page(public, "/entities/shinzo-abe/").select(".roles__item")
    assert [_text(i) for i in items] == [
        "Prime Minister of Japan 26 September 2006 – 26 September 2007",
        "Prime Minister of Japan 26 December 2012 – 16 September 2020"]
    assert items[1].find("time")["datetime"] == "2012-12-26"
    kim = page(public, "/entities/kim-jong-un/").select(".roles__item")
    assert [_text(i) for i in kim] == ["Leader of North Korea since December 2011"]


def _in_this_article(public: Path, slug: str) -> dict[str, str]:
    box = page(public, f"/articles/{slug}/").find(id="in-this-article").find_parent("section")
    return {_text(li.a): _text(li.select_one(".entity-list__role"))
            for li in box.select(".entity-list > li") if li.select_one(".entity-list__role")}


def test_an_article_says_what_its_people_were_then(public: Path) -> None:
    roles = _in_this_article(public, "japan-hopes-mattis-visit")       # 4 February 2017
    assert roles["Jim Mattis"] == "then-U.S. Secretary of Defense"
    assert roles["Tomomi Inada"] == "then-Minister of Defense of Japan"
    assert roles["Shinzo Abe"] == "then-Prime Minister of Japan"
    summit = _in_this_article(public, "trump-kim-singapore-summit")    # 12 June 2018
    assert summit["Kim Jong Un"] == "Leader of North Korea"            # still held
    assert summit["Moon Jae-in"] == "then-President of South Korea"
    camp_david = _in_this_article(public, "camp-david-trilateral-summit")  # August 2023
    assert "Shinzo Abe" not in camp_david and "Donald Trump" not in camp_david


def test_bad_roles_are_errors_at_their_line(tmp_path: Path) -> None:
    site = copy_site("example", tmp_path)
    path = site / "content/entities/jim-mattis.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  - {title: U.S. Secretary of Defense, from: 2017-01-20, "
                        "to: 2019-01-01}",
                        "  - {title: U.S. Secretary of Defense, from: 2017-01-20, "
                        "to: 2016-01-01}\n  - {titel: Marine general}")
    path.write_text(text, encoding="utf-8")
    run = dossier("build", cwd=site)
    assert run.code == 1
    line = text.splitlines().index("roles:") + 2
    assert (f"content/entities/jim-mattis.md:{line}: roles[0].to: 2016-01-01 is before "
            "from: 2017-01-20") in run.stderr, run.stderr
    assert f"content/entities/jim-mattis.md:{line + 1}: roles[1].titel:" in run.stderr


# --- 7. home and the dossier index ---------------------------------------------------

def test_home_says_the_site_title_once(public: Path) -> None:
    soup = page(public, "/")
    title = "East Asia Security Dossiers"
    assert [_text(h) for h in soup.find_all("h1")] == [title]
    assert soup.find("h1").find_parent("header", class_="site-header") is not None
    assert title not in _text(soup.find("main"))


@pytest.mark.parametrize("address", ["/", "/dossiers/"])
def test_each_dossier_shows_activity_latest_and_last_update(public: Path,
                                                            address: str) -> None:
    cards = page(public, address).select(".dossier-list .dossier-card")
    assert len(cards) == 3
    for card in cards:
        assert card.select_one("svg.chart--spark") is not None
        assert card.select_one(".dossier-card__latest a") is not None
        assert "updated" in _text(card.select_one(".dossier-card__meta"))
        assert card.select_one(".dossier-card__axis") is not None
    if address == "/dossiers/":
        korea = next(c for c in cards if "Korean" in _text(c.h2))
        assert "North Korea" in _text(korea.select_one(".dossier-card__entities"))


HOLES = """() => [...document.querySelectorAll('.dossier-list--rows, .card-list--columns')]
  .map(list => {
    const box = list.getBoundingClientRect();
    const items = [...list.children].map(li => li.getBoundingClientRect());
    return {list: list.className, width: box.width,
            rows: list.classList.contains('dossier-list--rows')
              ? items.map(r => [Math.round(r.left - box.left), Math.round(r.width)]) : null,
            columns: items.map(r => Math.round(r.left)),
            bottoms: items.map(r => r.bottom)};
  })"""


@pytest.mark.parametrize("width", [360, 600, 900, 1280, 1700])
@pytest.mark.parametrize("address", ["", "dossiers/"])
def test_dossier_rows_leave_no_holes(public: Path, page_fixture, address: str,
                                     width: int) -> None:
    browser = page_fixture
    browser.set_viewport_size({"width": width, "height": 900})
    with serve_dir(public, base_path=BASE) as url:
        browser.goto(url.rstrip("/") + "/" + address)
        lists = browser.evaluate(HOLES)
    rows = [entry for entry in lists if entry["rows"] is not None]
    assert rows, lists
    for entry in rows:      # every dossier takes the list's whole width: nothing beside it
        assert all(left == 0 and abs(w - entry["width"]) <= 1 for left, w in entry["rows"]), entry
    for entry in lists:
        if entry["rows"] is None:   # the latest articles: columns that end together
            by_column: dict[int, float] = {}
            for left, bottom in zip(entry["columns"], entry["bottoms"], strict=True):
                by_column[left] = max(by_column.get(left, 0), bottom)
            ends = sorted(by_column.values())
            assert ends[-1] - ends[0] < 400, entry


SIDEWAYS = """() => ({page: document.documentElement.scrollWidth,
  view: document.documentElement.clientWidth,
  text: Math.max(...[...document.querySelectorAll('main p, main h1, main h2')]
    .filter(e => !e.closest('.chart-scroll'))
    .map(e => e.getBoundingClientRect().right))})"""


@pytest.mark.parametrize("address", ["", "dossiers/korea-tensions/", "entities/japan/",
                                     "entities/shinzo-abe/",
                                     "articles/japan-hopes-mattis-visit/"])
def test_a_phone_never_scrolls_the_page_sideways(public: Path, page_fixture,
                                                 address: str) -> None:
    """A chart wider than a phone scrolls in its own box. Its minimum width used to
    widen the whole column (to 656px on a 390px screen): every line of a dossier's
    introduction and of the articles beside it ran off the screen."""
    browser = page_fixture
    browser.set_viewport_size({"width": 390, "height": 900})
    with serve_dir(public, base_path=BASE) as url:
        browser.goto(url.rstrip("/") + "/" + address)
        box = browser.evaluate(SIDEWAYS)
    assert box["page"] <= box["view"] and box["text"] <= box["view"], box


SPARK_AXIS = """() => [...document.querySelectorAll('.dossier-card__activity')].map(box => {
  const chart = box.querySelector('svg.chart--spark').getBoundingClientRect();
  const years = [...box.querySelectorAll('.dossier-card__axis span')]
    .map(s => s.getBoundingClientRect());
  return [chart.left, chart.right, years[0].left, years[years.length - 1].right];
})"""


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("address", ["", "dossiers/"])
def test_a_sparkline_has_its_years_under_its_ends(public: Path, page_fixture, address: str,
                                                  width: int) -> None:
    """The first and last year stood beyond the chart's right end (the axis was wider
    than the sparkline), so the last year labelled nothing."""
    browser = page_fixture
    browser.set_viewport_size({"width": width, "height": 900})
    with serve_dir(public, base_path=BASE) as url:
        browser.goto(url.rstrip("/") + "/" + address)
        boxes = browser.evaluate(SPARK_AXIS)
    assert len(boxes) == 3
    for left, right, first, last in boxes:
        assert abs(first - left) <= 4 and abs(last - right) <= 4, (left, right, first, last)


# --- 8. articles in another language -------------------------------------------------

JAPANESE = "japan-security-legislation-takes-effect"


@pytest.mark.parametrize("address", ["/", "/dossiers/us-japan-alliance/",
                                     "/entities/us-japan-security-treaty/"])
def test_a_foreign_article_carries_its_language_and_english_headline(public: Path,
                                                                     address: str) -> None:
    soup = page(public, address)
    cards = {card.select_one(".card__title a")["href"].rstrip("/").rsplit("/", 1)[1]: card
             for card in soup.select("article.card")}
    japanese = cards[JAPANESE]
    assert japanese.select_one(".card__title")["lang"] == "ja"
    assert _text(japanese.select_one(".card__language")) == "Japanese"
    assert _text(japanese.select_one(".card__title-en")) == (
        "[Security legislation takes effect, allowing limited collective self-defence]")
    others = [card for slug, card in cards.items() if slug != JAPANESE]
    assert others and all(card.select_one(".card__language") is None for card in others)


def test_a_foreign_article_page_gives_its_english_headline_and_language(
        public: Path) -> None:
    """The page an English reader lands on from a list says what the list said."""
    soup = page(public, f"/articles/{JAPANESE}/")
    english = soup.select_one(".article-header .article-title-en")
    assert english is not None and english.get("lang") == "en"
    assert _text(english) == (
        "[Security legislation takes effect, allowing limited collective self-defence]")
    assert english.find_previous_sibling("h1") is soup.select_one("h1.article-title")
    assert _text(soup.select_one(".byline__meta .byline__language")) == "Japanese"
    english_page = page(public, "/articles/camp-david-trilateral-summit/")
    assert english_page.select_one(".article-title-en, .byline__language") is None


# --- pages stay accessible -----------------------------------------------------------

@pytest.mark.parametrize("address", ["", "dossiers/", "dossiers/korea-tensions/",
                                     "entities/", "entities/shinzo-abe/",
                                     "entities/senkaku-islands/",
                                     "articles/japan-hopes-mattis-visit/",
                                     "articles/camp-david-trilateral-summit/",
                                     "articles/japan-security-legislation-takes-effect/",
                                     "tags/", "tags/alliance/", "about/", "search/?q=Mattis",
                                     "404.html"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_pages_are_accessible(public: Path, page_fixture, address: str, scheme: str,
                              width: int) -> None:
    browser = page_fixture
    browser.set_viewport_size({"width": width, "height": 900})
    browser.emulate_media(color_scheme=scheme)
    with serve_dir(public, base_path=BASE) as url:
        browser.goto(url.rstrip("/") + "/" + address)
        violations = axe_violations(browser)
    assert violations == [], describe_axe(violations)


@pytest.fixture
def page_fixture(page):  # type: ignore[no-untyped-def]
    return page
