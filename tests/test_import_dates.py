"""How `dossier import` finds a saved page's date: each page in tests/import_dates/
states it in one way (nested JSON-LD, Dublin Core, microdata, microformats, the
address, a byline line in German, Japanese, Polish or Russian, day- or month-first
numbers, a press release's dateline, a relative date in a web archive) beside dates
that are not the article's (the masthead's day, an update, teasers, comments); and the
pure parts that read them."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from dossier.commands.imports import htmlpage
from dossier.commands.imports.htmlpage import parse_html
from dossier.commands.imports.inputs import decode_input
from dossier.commands.imports.pagedates import Dating, _htmldate, find_dates
from dossier.commands.imports.textdates import (
    dates_in,
    find_date,
    relative_day,
    relative_phrase,
    stated_dates,
    url_date,
    zoned_time,
)
from dossier.commands.imports.wire import split_dateline
from tests.helpers import REPO, dossier

DATES = REPO / "tests" / "import_dates"
PAGES = sorted(p for p in DATES.iterdir() if p.suffix in (".html", ".mhtml"))


def _expect(page: Path) -> dict:
    return yaml.safe_load(page.with_suffix(".expect.yaml").read_text(encoding="utf-8"))


def _day(value: object) -> object:
    return value.date() if isinstance(value, datetime) else value


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_each_way_of_stating_the_date(page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The right day, found the way the page states it (not rescued by a later way)."""
    expect = _expect(page)
    decoded = decode_input(page.name, page.read_bytes())
    found: list[Dating] = []

    def spy(*args: object, **kwargs: object) -> Dating:
        found.append(find_dates(*args, **kwargs))  # type: ignore[arg-type]
        return found[-1]

    monkeypatch.setattr(htmlpage, "find_dates", spy)
    draft = parse_html(decoded.text, decoded.base_url, decoded.saved,
                       now=datetime(2026, 12, 1, tzinfo=UTC))
    assert draft.title == expect["title"]
    assert _day(draft.date) == expect.get("date"), expect["form"]
    assert found[-1].source == expect.get("found_by", ""), expect["form"]


def test_an_update_marked_only_by_its_class_is_not_the_story_time() -> None:
    page = ("<html><body><h1>Council ward results</h1><p class='when'>"
            "<time class='last-updated' datetime='2023-02-10T14:05:00+01:00'>10 Feb</time> "
            f"<time datetime='2023-02-08T09:00:00+01:00'>8 Feb</time></p>{_STORY}"
            "</body></html>")
    assert _day(parse_html(page).date) == date(2023, 2, 8)


def test_the_update_is_kept_apart_from_the_publication() -> None:
    for name, updated in (("time-updated-first.html", date(2023, 2, 10)),
                          ("visible-updated-published.html", date(2021, 11, 19)),
                          ("german-numeric.html", date(2024, 3, 13)),
                          ("hentry-abbr.html", date(2020, 11, 6))):
        decoded = decode_input(name, (DATES / name).read_bytes())
        assert _day(parse_html(decoded.text, decoded.base_url).updated) == updated, name


def test_the_report_says_how_a_date_that_was_not_stated_was_found(tmp_path: Path) -> None:
    done = dossier("init", "site", cwd=tmp_path)
    assert done.code == 0, done.stderr
    site = tmp_path / "site"
    shutil.rmtree(site / "content" / "articles")
    (site / "content" / "articles").mkdir()
    done = dossier("import", str(DATES), cwd=site)
    assert done.code == 1   # the relative date with no time of saving
    assert ('relative-unsaved.html:1: date: the page dates the article only as "2 days '
            'ago", and when it was saved is not known; give the date with --date '
            "YYYY-MM-DD") in done.stderr
    assert ('date: 2024-05-12 ("2 days ago" counted back from the day the page was saved, '
            "2024-05-14)") in done.stdout
    assert ("date: 2025-02-03T12:30:00+00:00 (the page's last update: it states no "
            "publication date)") in done.stdout
    assert f"Imported {len(PAGES) - 1} of {len(PAGES)} inputs, 1 failed (above)." \
        in done.stderr
    written = {p.name[:10] for p in (site / "content" / "articles").rglob("*.md")}
    assert written == {_expect(p)["date"].isoformat() for p in PAGES if _expect(p).get("date")}
    again = dossier("import", str(DATES / "url-date.html"), cwd=site)
    assert again.code == 0 and "already imported as" in again.stdout
    built = dossier("build", "--quiet", cwd=site)
    assert built.code == 0, built.stderr


@pytest.mark.parametrize(("line", "published", "updated"), [
    ("Updated 19 November 2021, 11:20 | Published 18 November 2021", date(2021, 11, 18),
     date(2021, 11, 19)),
    ("Aktualisiert am 13.03.2024 – Veröffentlicht am 12.03.2024", date(2024, 3, 12),
     date(2024, 3, 13)),
    ("Publié le 3 mars 2016, mis à jour le 5 mars 2016", date(2016, 3, 3), date(2016, 3, 5)),
    ("Actualizado: 6 de mayo de 2023 · Publicado: 5 de mayo de 2023", date(2023, 5, 5),
     date(2023, 5, 6)),
    ("2021年3月3日 公開 2021年3月4日 更新", date(2021, 3, 3), date(2021, 3, 4)),
    ("公開日：2021年3月3日 更新日：2021年3月4日", date(2021, 3, 3), date(2021, 3, 4)),
    ("Last updated: 4 June 2019", None, date(2019, 6, 4)),
    ("Posted by Ann Roy | Updated 19 November 2021", None, date(2021, 11, 19)),
    ("By Ann Roy · 4 June 2019", None, None),
])
def test_which_date_of_a_line_is_the_publication(line: str, published: date | None,
                                                 updated: date | None) -> None:
    stated = stated_dates(line)
    assert (stated.published, stated.updated) == (published, updated)
    assert stated.day == (published or (None if updated else date(2019, 6, 4)))


def test_a_pictures_caption_is_not_the_date_line() -> None:
    page = ("<html><body><h1>Council ward results</h1><figure><img src='a.jpg'>"
            "<figcaption>Voters queue on 1 May 2019</figcaption></figure>"
            f"<p class='byline'>By Ann Roy, 4 June 2019</p>{_STORY}</body></html>")
    assert parse_html(page).date == date(2019, 6, 4)


@pytest.mark.parametrize(("text", "language", "day"), [
    ("12.03.2024, 08:15 Uhr", "de", date(2024, 3, 12)),
    ("18/07/2022", "en-GB", date(2022, 7, 18)),
    ("18/07/2022", "", date(2022, 7, 18)),          # no month 18: day first anywhere
    ("03/04/2022", "en-US", date(2022, 3, 4)),
    ("03/04/2022", "fr", date(2022, 4, 3)),
    ("03/04/2022", "en", None),                     # March or April: not guessed
    ("2021年3月3日 10時15分", "ja", date(2021, 3, 3)),
    ("2023년 5월 9일", "ko", date(2023, 5, 9)),
    ("opublikowano 3 marca 2021", "pl", date(2021, 3, 3)),
    ("Опубликовано 22 сентября 2020", "ru", date(2020, 9, 22)),
    ("4 Ekim 2020", "tr", date(2020, 10, 4)),
    ("Publikováno: 3. 6. 2021, 10:20", "cs", date(2021, 6, 3)),
    ("went out 12 2019", "", None),                 # a month in some language: not asked
    ("version 1.2.2020.5", "de", None),             # a version number is not a date
    ("Sept. 3, 2024 and 1 Oct 2024", "", date(2024, 9, 3)),
])
def test_numeric_eastern_and_other_languages_dates(text: str, language: str,
                                                   day: date | None) -> None:
    assert find_date(text, language) == day


def test_every_date_of_a_text_in_order() -> None:
    assert [d for _, d in dates_in("From 3 March 2021 to 2021-03-09, then 10.03.2021")] \
        == [date(2021, 3, 3), date(2021, 3, 9), date(2021, 3, 10)]


def test_relative_dates_count_back_from_when_the_page_was_saved() -> None:
    saved = datetime(2024, 5, 14, 18, 20, tzinfo=UTC)
    assert relative_phrase("Published 2 days ago · By Cara Nolan") == "2 days ago"
    assert relative_day("2 days ago", saved) == date(2024, 5, 12)
    assert relative_day("20 hours ago", saved) == date(2024, 5, 13)
    assert relative_day("yesterday", saved) == date(2024, 5, 13)
    assert relative_day("vor 3 Tagen", saved, "de") == date(2024, 5, 11)
    assert relative_day("hace 1 semana", saved, "es") == date(2024, 5, 7)
    assert relative_phrase("The ferry was late again") == ""


@pytest.mark.parametrize(("url", "day"), [
    ("https://post.example/2021/03/03/museum-roof-garden/", date(2021, 3, 3)),
    ("https://post.example/news/2019-08-21-reservoir.html", date(2019, 8, 21)),
    ("https://post.example/story/20220615/ferries", date(2022, 6, 15)),
    ("https://post.example/sport/2022/jun/15/boathouse", date(2022, 6, 15)),
    ("https://post.example/2021/03/museum/", None),            # a month is not a day
    ("https://post.example/2021/spring/15-things", None),      # a season is not a month
    ("https://post.example/id/1202103039991", None),           # digits of an id
    ("https://post.example/p/ab20210303cd", None),             # inside a word: an id
    ("https://post.example/a?date=2021-03-03", None),          # the query is not the path
])
def test_dates_in_web_addresses(url: str, day: date | None) -> None:
    assert url_date(url) == day


def test_a_press_release_dateline() -> None:
    assert split_dateline("MONTREAL, Oct. 5, 2022 /Cedar Newswire/ -- Cedar said today") \
        == ("Montreal", "Cedar Newswire", "Oct. 5, 2022", "Cedar said today")


_STORY = "<p>" + " ".join(["The council agreed the plan after a long debate."] * 8) + "</p>"


def test_htmldate_is_asked_last_and_believed_only_for_a_day_the_page_states() -> None:
    """The one place the date is the <title>: none of the ways above reads it, and
    htmldate does; a copyright year alone it rounds to 1 January, which no page said."""
    titled = (f"<html><head><title>Ward results 2023-06-14</title></head><body>"
              f"<h1>Council ward results</h1>{_STORY}</body></html>")
    draft = parse_html(titled)
    assert (draft.date, draft.date_how) == (date(2023, 6, 14),
                                            "found by htmldate's search of the whole page")
    copyright_only = (f"<html><body><h1>Council ward results</h1>{_STORY}"
                      f"<div>© 2025 The Ward Post</div></body></html>")
    assert parse_html(copyright_only).date is None
    latest = date(2026, 1, 1)
    assert _htmldate(copyright_only, "", latest, set()) is None
    assert _htmldate(copyright_only, "", latest, {date(2025, 1, 1)}) == date(2025, 1, 1)


def test_dates_after_the_time_the_page_was_read_are_not_believed() -> None:
    page = (f"<html><head><meta property='article:published_time' content='2031-01-01'>"
            f"</head><body><h1>Council ward results</h1><p>Posted 4 June 2019</p>{_STORY}"
            "</body></html>")
    now = datetime(2026, 12, 1, tzinfo=UTC)
    assert parse_html(page, now=now).date == date(2019, 6, 4)
    assert parse_html(page, now=now + timedelta(days=365 * 5)).date == date(2031, 1, 1)


def test_a_masthead_date_and_teasers_dates_are_not_the_articles() -> None:
    soup_page = (f"<html><body><header><a href='/'>Post</a> Monday 30 November 2026</header>"
                 f"<h1>Council ward results</h1>{_STORY}<aside><p>Flood warning lifted "
                 f"3 May 2024</p></aside><div class='comments'><p>4 May 2024</p></div>"
                 f"</body></html>")
    assert BeautifulSoup(soup_page, "lxml").h1 is not None
    assert parse_html(soup_page).date is None
    # htmldate reads the day saved from a site's bar marked only by its class
    site_bar = ("<html><body><div class='header-bar'><a href='/'>Post</a> Monday 30 "
                f"November 2026</div><h1>Council ward results</h1>{_STORY}</body></html>")
    assert parse_html(site_bar).date is None


def test_an_articles_own_header_after_the_headline_is_the_storys() -> None:
    """A component's "ArticleHeader_meta" block, after the headline, holds its date;
    the site's "Header_bar" before it does not."""
    page = ("<html><body><div class='Header_bar__Qx1'>Post · 30 November 2026</div>"
            "<h1 class='ArticleHeader_title__Zk'>Council ward results</h1>"
            "<div class='ArticleHeader_meta__mM'>Ann Roy · <time datetime="
            f"'2025-06-24T08:00:00Z'>June 24, 2025</time></div>{_STORY}</body></html>")
    assert _day(parse_html(page).date) == date(2025, 6, 24)


def test_an_aside_holding_the_articles_byline_and_date_is_the_storys() -> None:
    """A byline and "Published ..., updated ..." line set in an ``<aside class=meta>``
    inside the article: the publication it states wins over the update the markup
    declares (og:updated_time); a related-stories aside's date still is not the story's."""
    page = ("<html><head><meta property='og:updated_time' content='2022-05-19T10:00:00Z'>"
            "</head><body><article><h1>Harbour dredging to start in spring</h1>"
            "<aside class='story-meta'><p class='story-byline'>Ada Kerr</p>"
            "<p>Published 17 May 2022, updated 19 May 2022</p></aside>"
            f"{_STORY}<aside class='related'><p>Ferry fares frozen 2 May 2022</p></aside>"
            "</article></body></html>")
    draft = parse_html(page)
    assert (_day(draft.date), _day(draft.updated)) == (date(2022, 5, 17), date(2022, 5, 19))
    teaser_only = page.replace("<p>Published 17 May 2022, updated 19 May 2022</p>", "")
    assert _day(parse_html(teaser_only).date) == date(2022, 5, 19)   # only the update


def test_a_day_the_storys_prose_tells_of_is_not_its_publication() -> None:
    """A page that states no date, whose text tells of an event "On 9 June 2019":
    htmldate's search takes that day; it is an event, so no date is found."""
    page = ("<html><body><article><h1>A lighthouse keeper looks back</h1>"
            "<p>On 9 June 2019 the storm took the jetty away, and with it the last of "
            "the old boats that had been tied there since the war, so we rebuilt it.</p>"
            f"{_STORY}</article></body></html>")
    assert parse_html(page).date is None
    # the same day written as a short line of its own (under the headline) is stated
    lined = page.replace("<h1>A lighthouse keeper looks back</h1>",
                         "<h1>A lighthouse keeper looks back</h1><div>9 June 2019</div>")
    assert _day(parse_html(lined).date) == date(2019, 6, 9)


def test_a_utc_instant_is_written_in_the_local_zone_the_page_shows() -> None:
    """Markup declares the instant in UTC (the 6th, 02:30Z); the page shows readers
    "May 5, 2024, 7:30 p.m. PDT": the same instant, so the date is written in that
    offset and its day is the outlet's; a shown time that is not the instant (or a
    zone whose offset is unknown) leaves the instant as declared."""
    def page(line: str) -> str:
        return ("<html><head><meta property='article:published_time' "
                "content='2024-05-06T02:30:00Z'></head><body><h1>Bridge tolls to rise in "
                f"autumn</h1><p class='dateline'>{line}</p>{_STORY}</body></html>")

    local = parse_html(page("May 5, 2024, 7:30 p.m. PDT")).date
    assert isinstance(local, datetime)
    assert (local.date(), local.utcoffset()) == (date(2024, 5, 5), timedelta(hours=-7))
    assert local == datetime(2024, 5, 6, 2, 30, tzinfo=UTC)   # the same instant
    for other in ("May 5, 2024, 9:30 p.m. PDT", "May 5, 2024, 7:30 p.m. XYZ"):
        assert parse_html(page(other)).date == datetime(2024, 5, 6, 2, 30, tzinfo=UTC)


@pytest.mark.parametrize(("line", "expected"), [
    ("January 14, 2025 at 10:15 p.m. EST", (22, 15, -5)),
    ("Updated 08:05 JST, 3 March", (8, 5, 9)),
    ("14.03.2024, 12.30 Uhr MEZ", None),              # "Uhr" comes before the zone
    ("Posted 12:05 am (GMT+5:30)", (0, 5, 5.5)),
    ("Listen 5 min", None),
    ("2 EST", None),                                   # no minutes nor a.m./p.m.
])
def test_times_written_with_their_zone(line: str, expected: tuple | None) -> None:
    found = zoned_time(line)
    got = (found.hour, found.minute, found.offset / timedelta(hours=1)) if found else None
    assert got == expected
