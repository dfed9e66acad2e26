"""The saved-page reader's pure parts that unseen pages taught it: dates in other
languages and under the headline, the headline inside an old page's <title>, component
class names, furniture lines, paragraphs written as <div>s, readers' comments."""

from __future__ import annotations

from datetime import date

import pytest
from bs4 import BeautifulSoup

from dossier.commands.imports.draft import Refused
from dossier.commands.imports.furniture import is_furniture
from dossier.commands.imports.htmlclean import strip_noise
from dossier.commands.imports.htmlmeta import read_meta
from dossier.commands.imports.htmlpage import parse_html
from dossier.commands.imports.textdates import find_date, month_day

TEXT = " ".join(["The council agreed the plan after a long debate on Tuesday evening."] * 6)


@pytest.mark.parametrize(("text", "day"), [
    ("Von Katrin Vogel | 12. Dezember 2024, 16:30 Uhr", date(2024, 12, 12)),
    ("8 de abril de 2025", date(2025, 4, 8)),
    ("14 de julho de 2025, às 18h20", date(2025, 7, 14)),
    ("1er janvier 2020", date(2020, 1, 1)),
    ("di Paolo Rinaldi - 3 marzo 2025", date(2025, 3, 3)),
    ("5 mei 2025", date(2025, 5, 5)),
    ("Wednesday, June 11, 2003", date(2003, 6, 11)),
    ("Sept. 3, 2024", date(2024, 9, 3)),
    ("the Mars 3 mission in 2020", None),      # a word that starts like a month
    ("went out 12 2019", None),                # short forms that are English words
])
def test_dates_as_pages_write_them(text: str, day: date | None) -> None:
    assert find_date(text) == day


def test_a_dateline_month_is_a_whole_word() -> None:
    assert month_day("SEOUL, March 3 (Yonhap)", 2020) == date(2020, 3, 3)
    assert month_day("Maybe 3 people came", 2020) is None


@pytest.mark.parametrize("line", [
    "E-mail this story | Printer-friendly version", "Condividi: Facebook | X | WhatsApp",
    "Compartilhe: Facebook · WhatsApp · Telegram", "1 of 3",
    "If you enjoy it, consider becoming a paid member.", "Shop now at 24 pounds"])
def test_furniture_lines(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize("line", [
    "Facebook said on Tuesday that it would appeal.", "The vote was 1 of 3 held this year",
    "Members: the club has 300 of them"])
def test_story_lines_are_not_furniture(line: str) -> None:
    assert not is_furniture(line)


def test_the_headline_is_the_part_of_the_title_the_page_shows() -> None:
    soup = BeautifulSoup("<title>Valley Star - Mill workers vote to accept new contract</title>"
                         "<body><font><b>Mill workers vote to accept new contract</b></font>"
                         "</body>", "lxml")
    assert read_meta(soup).title == "Mill workers vote to accept new contract"


def test_a_component_newsletter_box_is_dropped() -> None:
    soup = BeautifulSoup(f"<body><div class='Body_x__1'><p>{TEXT}</p>"
                         "<div class='InlineNewsletter_box__9Fh1c'><p>Every Friday, free.</p>"
                         "</div></div></body>", "lxml")
    strip_noise(soup.body)
    assert "Every Friday" not in soup.get_text()


def test_comments_longer_than_the_story_are_dropped() -> None:
    comment = "I have lived here for thirty years and nothing will change at all. " * 8
    soup = BeautifulSoup(f"<body><h1>Plan dropped</h1><div><p>{TEXT}</p></div>"
                         f"<div class='responses'><p>{comment}</p></div></body>", "lxml")
    strip_noise(soup.body)
    assert "thirty years" not in soup.get_text() and "long debate" in soup.get_text()


def test_paragraphs_written_as_divs_and_the_date_under_the_headline() -> None:
    page = ("<html><head><title>Cable comes ashore</title></head><body>"
            "<h1>Cable comes ashore</h1><div>Por Beatriz Lima — 14 de julho de 2025</div>"
            + "".join(f"<div class='text-block'>{TEXT} {n}</div>" for n in range(3))
            + "</body></html>")
    draft = parse_html(page)
    assert draft.date == date(2025, 7, 14)
    assert draft.authors == ("Beatriz Lima",)
    assert draft.body.count("long debate") == 18
    assert "14 de julho" not in draft.body


@pytest.mark.parametrize("paragraph", [
    "<story-para><p>{}</p></story-para>",   # a <p> inside a custom element
    "<story-para>{}</story-para>",          # a custom element as the paragraph
])
def test_paragraphs_inside_custom_elements(paragraph: str) -> None:
    page = ("<html><head><title>Cable comes ashore</title><meta property="
            "'article:published_time' content='2025-07-14'></head><body>"
            "<h1>Cable comes ashore</h1><story-body>"
            + "".join(paragraph.format(f"{TEXT} {n}") for n in range(3))
            + "</story-body><footer>All rights reserved.</footer></body></html>")
    draft = parse_html(page)
    assert draft.body.count("long debate") == 18
    assert draft.body.count("\n\n") >= 2 and "rights" not in draft.body


def test_a_run_of_search_results_is_refused() -> None:
    results = "".join(f"<div class='result'><a href='/{n}'>Library story number {n} here</a>"
                      f"<p>{TEXT[:90]} {n}</p></div>" for n in range(4))
    page = f"<html><head><title>Search</title></head><body><div>{results}</div></body></html>"
    with pytest.raises(Refused, match="lists 4 articles"):
        parse_html(page)


_POST = ("<article class='update'><div class='update-meta'><time datetime='{t}'>{h}</time>"
         "</div><h2>{title}</h2><div class='entry-content'><p>{text}</p></div></article>")


def _live_page() -> str:
    kind = "LiveBlogPosting"
    posts = "".join(_POST.format(t=f"2024-10-06T{h}:00:00+02:00", h=f"{h}:00", title=title,
                                 text=text) for h, title, text in (
        ("18", "Last runner crosses the line",
         "The final finisher came home after seven hours to loud applause from volunteers "
         "who had stayed at the line all afternoon, and the organisers closed the course."),
        ("12", "Course record falls on the river loop",
         "The women's winner broke the course record by forty seconds after a fast second "
         "half along the river, where a tail wind helped the leading group all the way."),
        ("08", "Runners gather at the start",
         "About twelve thousand runners gathered in the cold at the start line this "
         "morning, and the first wave set off on time despite a brief shower of rain.")))
    return (f"<html><head><script type='application/ld+json'>{{\"@type\": \"{kind}\", "
            "\"headline\": \"City marathon: live\", \"datePublished\": "
            "\"2024-10-06T07:30:00+02:00\"}</script></head><body><main>"
            "<div class='live-head'><h1>City marathon: live</h1><div class='summary'>"
            "<h2>Key points</h2><ul><li>The women's course record fell by forty seconds</li>"
            "<li>Twelve thousand runners started in light rain</li></ul></div></div>"
            f"<div class='feed'>{posts}</div><section class='more'><h2>More sport</h2>"
            "<ul><li><a href='/a'>Rowing club wins regatta</a></li></ul></section>"
            "</main></body></html>")


def test_a_live_blogs_text_is_its_posts_newest_first_after_its_key_points() -> None:
    """Each post of a live blog declares its own body (``entry-content``): the article
    is all of them, in the page's order, with the key points before them."""
    body = parse_html(_live_page()).body
    order = [body.find(s) for s in ("forty seconds</", "Last runner", "Course record",
                                     "Runners gather")]
    assert "More sport" not in body and "Rowing club" not in body
    assert body.find("women's course record fell") >= 0
    assert all(at >= 0 for at in order[1:]) and order[1:] == sorted(order[1:]), body


def test_a_photo_essays_captions_are_its_text() -> None:
    """A photo essay: a short intro, then a gallery of captioned pictures, then more
    galleries and a membership ask in the same block: the captions are kept (as
    inline images with captions), the rest is not."""
    slides = "".join(
        f"<figure class='slide'><img src='/p/{n}.jpg' alt='Photo {n}'><figcaption>{cap}"
        "</figcaption><a href='/prints'>Buy a print</a></figure>" for n, cap in enumerate((
            "A ferryman ties up his boat at the old quay before the first crossing.",
            "Passengers wait under the awning while the tide turns in the channel.",
            "The last ferry of the day leaves the island at dusk with three cars.")))
    page = ("<html><body><main><div class='head'><p><a href='/photo'>Photo essay</a></p>"
            "<h1>The island ferry's final summer</h1></div><div class='intro'><p>"
            f"{TEXT}</p></div><div class='gallery'>{slides}</div><section class='more'>"
            "<h2>More photo essays</h2><ul><li><a href='/g1'>Harvest on the terraces</a>"
            "</li><li><a href='/g2'>Night market lights</a></li></ul></section>"
            "<section class='ask'><p>Become a member from 3 euros a month.</p></section>"
            "</main></body></html>")
    body = parse_html(page).body
    for caption in ("ferryman ties up", "tide turns in the channel", "leaves the island"):
        assert caption in body, body
    assert "Harvest on the terraces" not in body and "Become a member" not in body


@pytest.mark.parametrize("teaser", [
    "<section class='inline'><span>See also</span> | <a href='/x'>Tram line to reopen "
    "after repairs</a></section>",
    "<div class='box'><b>Lesen Sie auch</b><a href='/y'>Neue Brücke über den Hafen "
    "eröffnet</a></div>",
    "<div class='premium-cta'><p>Members read every story: first month free.</p>"
    "<a href='/join'>Join</a></div>",
])
def test_a_read_also_teaser_and_a_call_to_subscribe_in_the_text_are_dropped(
        teaser: str) -> None:
    page = (f"<html><body><article><h1>Harbour plan approved</h1><p>{TEXT}</p>{teaser}"
            f"<p>{TEXT}</p><p>Read <a href='/r'>the council's full report</a> online "
            "before the vote next week.</p></article></body></html>")
    body = parse_html(page).body
    for gone in ("Tram line", "Neue Brücke", "first month free"):
        assert gone not in body, body
    assert "the council's full report" in body   # a link in a sentence is text
