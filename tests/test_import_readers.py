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
