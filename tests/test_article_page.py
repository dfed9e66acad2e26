"""The article page as a reader sees it (issue 16): the way to the original in excerpt
mode, a photo not reproduced, the standfirst, how many links the text carries, what
"In this article" counts, typography of titles and summaries, tags, and one box of the
articles next to it in its dossiers. Built end to end from tests/sites/articles/."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from bs4 import Tag

from tests.helpers import REPO, article_links_in_main, copy_site, dossier, page
from tests.validators import axe_violations, describe_axe, describe_vnu, serve_dir, vnu_errors

BASE = "/read/"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    site = copy_site("articles", tmp_path_factory.mktemp("articles"))
    run = dossier("build", cwd=site)
    assert run.code == 0, run.stderr
    return site / "public", run.stderr


@pytest.fixture(scope="module")
def public(built: tuple[Path, str]) -> Path:
    return built[0]


def _article(public: Path, slug: str) -> Tag:
    found = page(public, f"/articles/{slug}/").find("article")
    assert isinstance(found, Tag)
    return found


def _entity_links(element: Tag) -> Counter[str]:
    return Counter(a["href"].split("/entities/")[1].strip("/")
                   for a in element.find_all("a", href=True) if "/entities/" in a["href"])


# --- 1. excerpt mode: the way to the original --------------------------------------

def test_an_excerpt_links_to_the_original_before_and_after_the_excerpt(public: Path) -> None:
    article = _article(public, "excerpt")
    url = "https://wire.example.com/story/1"
    blocks = [el for el in article.find_all(["p", "section"], recursive=False)]
    classes = [" ".join(el.get("class", [])) for el in blocks]
    note, excerpt, after = (classes.index("source-note"), classes.index("excerpt"),
                            classes.index("read-source"))
    assert note < excerpt < after
    for at in (note, after):
        link = blocks[at].find("a", href=url)
        assert link is not None and link.get_text() == "Read the full article at Wire Service"
    # the note comes straight after the header: the first thing under the byline
    assert article.find("header").find_next_sibling() is blocks[note]


@pytest.mark.parametrize(("slug", "says"), [
    ("excerpt-no-url", "The full article was published by Old Gazette; the original is not "
                       "online."),
    ("excerpt-no-source", "The original is not online."),
])
def test_an_excerpt_without_an_address_says_the_original_is_not_online(
        public: Path, slug: str, says: str) -> None:
    article = _article(public, slug)
    note = article.find(class_="source-note")
    assert note is not None and says in " ".join(note.get_text().split())
    assert note.find("a") is None
    assert "not online" in article.find(class_="read-source").get_text()


def test_the_build_warns_for_an_excerpt_without_an_address(built: tuple[Path, str]) -> None:
    stderr = built[1]
    for name in ("2020-03-01-excerpt-no-url", "2020-04-01-excerpt-no-source"):
        assert re.search(rf"^content/articles/{name}\.md:4: full_text: full text is off and "
                         r"there is no source\.url: .* \(warning\)$", stderr, re.MULTILINE), stderr
    assert "2020-02-01-excerpt" not in stderr


# --- 2. a photo not reproduced -------------------------------------------------------

def test_a_photo_not_reproduced_is_a_caption_line_with_its_credit(public: Path) -> None:
    article = _article(public, "excerpt")
    assert article.find("figure") is None and article.find("img") is None
    note = article.find(class_="photo-note")
    assert note is not None and note.name == "p"
    assert " ".join(note.get_text().split()) == (
        "Photo not reproduced: Ana Lima arrives in Tokyo, February 1, 2020. "
        "Credit: A. Photographer/Wire")


def test_a_photo_not_reproduced_is_no_media_for_machines_either(public: Path) -> None:
    events = json.loads((public / "dossiers/alpha/timeline.json").read_text())["events"]
    (event,) = [e for e in events if e["unique_id"] == "excerpt"]
    assert "media" not in event
    soup = page(public, "/articles/excerpt/")
    assert soup.find("meta", property="og:image") is None
    (data,) = [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]
    assert "image" not in data


# --- 3. the standfirst ---------------------------------------------------------------

def test_a_full_text_article_shows_its_summary_above_the_body(public: Path) -> None:
    article = _article(public, "full-text")
    standfirst = article.find(class_="standfirst")
    assert standfirst is not None
    assert standfirst.find_parent(class_="article-body") is None
    assert standfirst.find_parent("header") is not None
    assert standfirst.get_text() == "Ana Lima’s team said the deal was “done” – and Tokyo agreed…"
    body = article.find(class_="article-body")
    assert standfirst.sourceline < body.sourceline


def test_a_summary_that_is_the_first_paragraph_is_not_said_twice(public: Path) -> None:
    assert _article(public, "default-summary").find(class_="standfirst") is None


# --- 4. link density -----------------------------------------------------------------

def test_each_entity_is_linked_as_its_mode_says(public: Path) -> None:
    links = _entity_links(_article(public, "full-text"))
    assert links == {"ana-lima": 1,         # first (the site's default), in 3 mentions
                     "japan": 1,            # its own link: first, over place: none
                     "harbour-treaty": 3}   # link: all
    # tokyo (place: none) and port-agency (link: none) are mentioned, never linked


def test_mentions_still_count_where_links_are_off(public: Path) -> None:
    rail = page(public, "/articles/full-text/").find(class_="article-rail")
    counts = {a.get_text(): a.find_next_sibling(class_="entity-list__count").get_text()
              for a in rail.select(".entity-list > li > a")}
    assert counts["Tokyo"] == "2 mentions" and counts["Port Agency"] == "2 mentions"
    assert "full-text" in article_links_in_main(page(public, "/entities/tokyo/"))
    assert "full-text" in article_links_in_main(page(public, "/entities/port-agency/"))
    # a dossier matching an entity that is never linked still holds its articles
    assert "full-text" in article_links_in_main(page(public, "/dossiers/harbour/"))
    assert "excerpt" in article_links_in_main(page(public, "/dossiers/harbour/"))


def test_under_first_one_link_per_entity_in_the_whole_article(public: Path) -> None:
    for folder in (public / "articles").iterdir():
        links = _entity_links(_article(public, folder.name))
        assert all(n == 1 for slug, n in links.items() if slug != "harbour-treaty"), (
            folder.name, links)
    # a link the curator wrote counts: the later mentions are not linked again
    assert _entity_links(_article(public, "hand-link")) == {"ana-lima": 1}


def test_bad_link_modes_are_errors_naming_file_line_and_field(tmp_path: Path) -> None:
    site = copy_site("articles", tmp_path)
    entity = site / "content" / "entities" / "tokyo.md"
    entity.write_text(entity.read_text().replace("kind: place\n", "kind: place\nlink: once\n"))
    run = dossier("build", cwd=site)
    assert run.code == 1
    assert "content/entities/tokyo.md:4: link: got 'once', expected one of first, all, " \
           "none" in run.stderr
    entity.write_text(entity.read_text().replace("link: once\n", ""))
    config = site / "config.yaml"
    config.write_text(config.read_text().replace("place: none", "place: nowhere"))
    run = dossier("build", cwd=site)
    assert run.code == 2
    assert "config.yaml:8: entities.link_by_kind.place: got 'nowhere', expected one of " \
           "first, all, none" in run.stderr


# --- 5. "In this article" in excerpt mode -----------------------------------------------

def test_in_this_article_says_its_counts_are_of_the_full_text(public: Path) -> None:
    note = page(public, "/articles/excerpt/").select_one(".article-rail .rail-box__note")
    assert note is not None and "full text" in note.get_text()
    assert page(public, "/articles/full-text/").select_one(".rail-box__note") is None


# --- 6. typography of titles and summaries ------------------------------------------

TITLE = "Lima’s “harbour” deal – the first of two"
SUMMARY = "Ana Lima’s team said the deal was “done” – and Tokyo agreed…"


def test_titles_and_summaries_are_typeset_wherever_they_are_shown(public: Path) -> None:
    soup = page(public, "/articles/full-text/")
    assert soup.find("h1").get_text() == TITLE
    assert soup.find("title").get_text().startswith(TITLE)
    assert soup.find("meta", property="og:title")["content"] == TITLE
    assert soup.find("meta", attrs={"name": "description"})["content"] == SUMMARY
    (data,) = [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]
    assert data["headline"] == TITLE
    assert soup.find("meta", property="og:description")["content"] == SUMMARY
    card = page(public, "/dossiers/alpha/").find("a", href=f"{BASE}articles/full-text/")
    assert card.get_text() == TITLE
    assert SUMMARY in page(public, "/dossiers/alpha/").get_text()
    neighbour = page(public, "/articles/excerpt/").select_one(
        f'.prev-next a[href="{BASE}articles/full-text/"]')
    assert neighbour.get_text() == TITLE
    assert f"<title>{TITLE}</title>" in (public / "feed.xml").read_text(encoding="utf-8")
    assert "'" not in TITLE and '"' not in SUMMARY


# --- 7. tags -----------------------------------------------------------------------

def test_tags_read_as_plain_labels(public: Path) -> None:
    tags = _article(public, "full-text").select(".tag")
    assert [t.get_text() for t in tags] == ["harbour deals", "talks"]
    css = (REPO / "dossier/themes/default/static/style.css").read_text()
    assert not re.search(r"\.tag::before\s*\{[^}]*content", css)


# --- 8. one box of the articles next to this one -------------------------------------

def test_the_articles_beside_it_in_its_dossiers_are_one_box_without_repeats(
        public: Path) -> None:
    soup = page(public, "/articles/excerpt/")
    boxes = soup.select("nav.prev-next")
    assert len(boxes) == 1
    box = boxes[0]
    assert box.find("h2").get_text() == "More in these dossiers"
    items = [(li.select_one(".prev-next__dir").get_text(" ", strip=True),
              li.find("a").get_text(), li.select_one(".prev-next__from").get_text())
             for li in box.select("li")]
    # alpha and beta hold the same articles: each neighbour once, with both dossiers;
    # harbour holds full-text and this one only
    assert items == [
        ("Newer · 1 March 2020", "An excerpt from an outlet that is not online",
         "In Alpha and Beta"),
        ("Newer · 1 July 2020", "In one dossier only", "In Harbour"),
        ("Older · 1 January 2020", TITLE, "In Alpha, Beta and Harbour"),
    ]
    # ... and the related articles do not list them again
    related = soup.find(class_="related")
    shown = {a["href"] for a in related.select(".card__title a")} if related else set()
    assert not shown & {a["href"] for a in box.find_all("a")}


def test_an_article_in_one_dossier_names_it_in_the_box(public: Path) -> None:
    (box,) = page(public, "/articles/one-dossier/").select("nav.prev-next")
    heading = box.find("h2")
    assert heading.get_text() == "More in Harbour"
    assert heading.find("a")["href"] == f"{BASE}dossiers/harbour/"
    assert box.select(".prev-next__from") == []
    assert [a.get_text() for a in box.select("li a")] == ["An excerpt with a way to the original"]
    (alone,) = page(public, "/articles/alone/").select("nav.prev-next")
    assert alone.find("h2").get_text() == "More in Solo"
    assert "the only article in the dossier so far" in alone.get_text()


# --- validators ------------------------------------------------------------------------

def test_the_article_pages_are_valid_html(public: Path) -> None:
    errors = vnu_errors(public)
    assert errors == [], describe_vnu(errors)


@pytest.mark.parametrize("slug", ["excerpt", "excerpt-no-url", "full-text"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_article_pages_are_accessible(public: Path, page_fixture, slug: str,
                                          scheme: str) -> None:
    browser_page = page_fixture
    browser_page.emulate_media(color_scheme=scheme)
    with serve_dir(public, base_path=BASE) as url:
        browser_page.goto(f"{url.rstrip('/')}/articles/{slug}/")
        violations = axe_violations(browser_page)
    assert violations == [], describe_axe(violations)


@pytest.fixture
def page_fixture(page):  # type: ignore[no-untyped-def]
    return page


def test_the_photo_note_and_source_note_print_plainly(public: Path, page_fixture) -> None:
    """In print, the note gives the original's address; no grey box is left."""
    browser_page = page_fixture
    browser_page.emulate_media(media="print")
    with serve_dir(public, base_path=BASE) as url:
        browser_page.goto(f"{url.rstrip('/')}/articles/excerpt/")
        after = browser_page.evaluate(
            "getComputedStyle(document.querySelector('.source-note__link'), '::after').content")
        box = browser_page.evaluate(
            "document.querySelector('.photo-note').getBoundingClientRect().height")
    assert "https://wire.example.com/story/1" in after
    assert box < 80
