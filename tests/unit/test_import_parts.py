"""The importer's pure parts: dates in text, furniture, datelines, credits, addresses,
decoding, page metadata; and the reader's check, shown to refuse a bad article."""

from __future__ import annotations

import codecs
import shutil
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from dossier.commands.imports.compose import Composed
from dossier.commands.imports.draft import Refused
from dossier.commands.imports.duplicates import url_key
from dossier.commands.imports.furniture import is_furniture
from dossier.commands.imports.htmlfigures import split_credit
from dossier.commands.imports.htmlmeta import json_ld, read_meta
from dossier.commands.imports.htmlpage import parse_html
from dossier.commands.imports.inputs import decode_input
from dossier.commands.imports.pagedates import find_dates
from dossier.commands.imports.run import ImportOptions, _session
from dossier.commands.imports.textdates import find_date, machine_date
from dossier.commands.imports.wire import parse_wire, split_dateline, split_trailer
from dossier.commands.scaffold import init_site


@pytest.mark.parametrize(("text", "expected"), [
    ("Published: February 4, 2017", date(2017, 2, 4)),
    ("Thu 2 Nov 2023 07.00 GMT", date(2023, 11, 2)),
    ("Sept. 9, 2021", date(2021, 9, 9)),
    ("2023/03/03 14:20 KST", date(2023, 3, 3)),
    ("2023-02-30", None),
    ("in March", None),
])
def test_dates_in_text(text: str, expected: date | None) -> None:
    assert find_date(text) == expected


def test_machine_dates_keep_a_time_with_an_offset_only() -> None:
    assert machine_date("2024-05-14T06:12:00+09:00") == datetime(
        2024, 5, 14, 6, 12, tzinfo=timezone(timedelta(hours=9)))
    assert machine_date("2023-08-30T14:05:00Z") == datetime(2023, 8, 30, 14, 5, tzinfo=UTC)
    assert machine_date("2021-09-08T10:00:00") == date(2021, 9, 8)
    assert machine_date("2025-02-20T00:00:00+00:00") == date(2025, 2, 20)


@pytest.mark.parametrize("line", ["Read Comments", "Share this article", "ADVERTISEMENT",
                                  "3 Min Read", "© 2022 Coast Post",
                                  "Sign up for our Energy Week newsletter",
                                  "Follow us on Twitter", "Copyright 2019 The Associated Press.",
                                  "New here? The Dispatch is a newsletter about ports.",
                                  "Members get every issue and the monthly brief.",
                                  "Is this page useful?", "Was this article helpful"])
def test_furniture(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize("line", [
    "Copyright law was changed in 2019 to cover news snippets, the court said.",
    "The share of exports rose to a record.", "Subscribers to the service rose by a third.",
    "Members get a vote on the board, the union said.",
    "New here, the minister said, was the size of the fund."])
def test_story_text_is_not_furniture(line: str) -> None:
    assert not is_furniture(line)


@pytest.mark.parametrize(("paragraph", "place", "agency", "rest"), [
    ("TOKYO (Reuters) - Japan said", "Tokyo", "Reuters", "Japan said"),
    ("SEOUL, March 3 (Yonhap) -- The city", "Seoul", "Yonhap", "The city"),
    ("PORTLAND, Maine (AP) — A row", "Portland, Maine", "AP", "A row"),
    ("Tokyo: Japanese defence minister", "Tokyo", "", "Japanese defence minister"),
    ("NEW YORK — Stocks rose", "New York", "", "Stocks rose"),
])
def test_datelines(paragraph: str, place: str, agency: str, rest: str) -> None:
    found = split_dateline(paragraph)
    assert found is not None
    assert (found[0], found[1], found[3]) == (place, agency, rest)


def test_a_sentence_with_a_parenthesis_is_not_a_dateline() -> None:
    assert split_dateline("Officials (who declined to be named) - said little.") is None
    assert split_dateline("The minister said: we will go.") is None


def test_reporting_trailers_name_the_reporters() -> None:
    assert split_trailer("It ended. (Reporting by A. Writer and B. Reporter in Tokyo; "
                         "Editing by C. Editor)") == ("It ended.", ("A. Writer", "B. Reporter"))
    assert split_trailer("No trailer here.") is None


@pytest.mark.parametrize(("text", "caption", "credit"), [
    ("Boats at dawn. REUTERS/Toru Hanai", "Boats at dawn.", "Toru Hanai/Reuters"),
    ("A ship at sea. (Photo: Lars Ekdahl/Tidemark)", "A ship at sea.", "Lars Ekdahl/Tidemark"),
    ("The galley. Photograph: Ines Moraga", "The galley.", "Ines Moraga"),
    ("A photo by the sea", "A photo by the sea", ""),
])
def test_captions_and_credits(text: str, caption: str, credit: str) -> None:
    assert split_credit(None, text) == (caption, credit)


def test_addresses_that_differ_only_in_tracking_are_one_page() -> None:
    assert url_key("https://www.example.org/a/b/?utm_source=x#top") == url_key(
        "http://example.org/a/b")
    assert url_key("https://example.org/a?id=1") != url_key("https://example.org/a?id=2")


def test_decoding() -> None:
    utf16 = codecs.BOM_UTF16_LE + "Title\n\nMay 1, 2020\n\nText.".encode("utf-16-le")
    assert decode_input("a.txt", utf16).text.startswith("Title")
    declared = '<html><head><meta charset="windows-1252"></head><body>caf\xe9</body></html>'
    assert "café" in decode_input("a.html", declared.encode("cp1252")).text
    with pytest.raises(Refused, match="character set 'klingon'"):
        decode_input("a.html", b'<html><meta charset="klingon"><p>x</p></html>')
    with pytest.raises(Refused, match="a PDF document"):
        decode_input("a.txt", b"%PDF-1.7\n...")
    assert decode_input("x", b"<!DOCTYPE html><html><p>hi</p></html>").kind == "html"


def test_metadata_from_a_json_ld_graph_and_open_graph() -> None:
    soup = BeautifulSoup("""<html lang="en-GB"><head>
    <script type="application/ld+json">{"@graph": [{"@type": "WebPage"},
      {"@type": ["NewsArticle"], "headline": "A headline", "datePublished": "2020-01-02",
       "author": "Ann Author", "publisher": {"name": "The Paper"}}]}</script>
    <meta property="og:url" content="https://paper.example/a"></head></html>""",
                         "html.parser")
    meta = read_meta(soup)
    assert (meta.title, meta.authors, meta.source_name, meta.source_url,
            meta.language) == ("A headline", ("Ann Author",), "The Paper",
                               "https://paper.example/a", "en")
    dating = find_dates(soup, str(soup), json_ld(soup), headline=None)
    assert dating.published == date(2020, 1, 2)


def test_page_text_keeps_structure_and_escapes_markup() -> None:
    paragraph = "<p>Story text that goes on long enough to count as an article body." * 4
    draft = parse_html(f"""<html><head><title>T</title></head><body><article><h1>T</h1>
    {paragraph}</p><p>1. A numbered opening is not a list, and &lt;b&gt; is not bold.</p>
    <h2>Sub</h2><ul><li>one <a href="/x">link</a></li><li>two</li></ul>
    <blockquote><p>Quoted words.</p></blockquote></article></body></html>""",
                       "https://site.example/story")
    assert "1\\. A numbered opening is not a list, and &lt;b> is not bold." in draft.body
    assert "## Sub" in draft.body
    assert "- one [link](https://site.example/x)\n- two" in draft.body
    assert "> Quoted words." in draft.body


def test_copied_text_stays_text() -> None:
    draft = parse_wire("Title\n\nMay 1, 2020\n\n# not a heading <script>x</script>\n\n"
                       "- not a list\n")
    assert draft.body == "\\# not a heading &lt;script>x&lt;/script>\n\n\\- not a list\n"


def test_the_build_reader_refuses_an_article_that_would_not_build(tmp_path: Path) -> None:
    init_site(tmp_path / "site")
    shutil.rmtree(tmp_path / "site" / "content" / "articles")
    session = _session(tmp_path / "site", ImportOptions())
    fine = Composed({"title": "Fine", "date": date(2020, 1, 2)}, "Text.\n", "fine",
                    date(2020, 1, 2))
    assert session.check(fine, fine.path())[0] is None
    bad = Composed({"title": "Bad", "date": "next Tuesday", "image": {"alt": "x"}}, "Text.\n",
                   "bad", date(2020, 1, 2))
    failed, *_ = session.check(bad, bad.path())
    assert failed is not None
    assert {(p.field, p.line) for p in failed.problems} == {("date", 3), ("image.src", 4)}


def test_a_long_article_among_many_teasers_is_an_article() -> None:
    teasers = "".join(f'<div class="teaser"><h3><a href="/t{i}">Teaser {i}</a></h3>'
                      f"<p>Short text {i}.</p></div>" for i in range(400))
    story = "".join(f"<p>Paragraph {i} of the story, long enough to read as prose.</p>"
                    for i in range(80))
    html = (f'<html><head><meta property="og:type" content="article"></head><body>'
            f'{"<div>" * 30}<article><h1>Big</h1>{story}</article>{"</div>" * 30}'
            f'<div class="more">{teasers}</div></body></html>')
    draft = parse_html(html)
    assert "Paragraph 79 of the story" in draft.body
    assert "Teaser" not in draft.body and "Short text" not in draft.body


def _meta_of(head: str, body: str):  # type: ignore[no-untyped-def]
    soup = BeautifulSoup(f"<html lang='en'><head>{head}</head><body>{body}</body></html>",
                         "lxml")
    return read_meta(soup)


@pytest.mark.parametrize(("head", "body", "title"), [
    # the metadata cuts the headline ("…") or shortens it: the page's <h1> is whole
    ('<meta property="og:title" content="Port levy passes, critics…">',
     "<article><h1>Port levy passes, critics stay unconvinced</h1></article>",
     "Port levy passes, critics stay unconvinced"),
    ('<meta property="og:title" content="Port levy passes">',
     "<article><h1>Port levy passes \u2013 but the cost is unclear</h1></article>",
     "Port levy passes \u2013 but the cost is unclear"),
    # a search-engine title of other words above the story's own headline
    ('<meta property="og:title" content="Levy vote: what it means for cruise lines">',
     "<header><h1>The Harbour Post</h1></header><main><article>"
     "<h1>Council votes for a cruise levy after a long debate</h1></article></main>",
     "Council votes for a cruise levy after a long debate"),
    # an <h1> in the site's bar is not the story's: the metadata stands
    ('<meta property="og:title" content="Council votes for a cruise levy">',
     "<header><h1>All the news from the harbour towns</h1></header><p>Text</p>",
     "Council votes for a cruise levy"),
])
def test_the_title_is_the_headline_the_page_shows(head: str, body: str, title: str) -> None:
    assert _meta_of(head, body).title == title


def test_an_embedded_videos_date_is_not_the_articles() -> None:
    html = """<html lang="en"><head><script type="application/ld+json">[
      {"@type": "VideoObject", "name": "Clip", "uploadDate": "2024-02-15T08:00:00Z"},
      {"@type": "NewsArticle", "headline": "Radar pact signed",
       "dateModified": "2024-03-09T10:00:00Z"}]</script></head><body><article>
      <h1>Radar pact signed</h1><p class="when">Published March 1, 2024</p>
      <p>Text of the story.</p></article></body></html>"""
    soup = BeautifulSoup(html, "lxml")
    dating = find_dates(soup, html, json_ld(soup), headline=soup.find("h1"))
    assert dating.published == date(2024, 3, 1)


def test_a_page_declaring_a_list_of_stories_is_refused_whatever_its_lead_teaser() -> None:
    items = ",".join(f'{{"@type": "ListItem", "position": {n}, "url": "https://x.example/{n}"}}'
                     for n in range(1, 5))
    lead = " ".join(["The lead story's teaser runs long, as a front page's does."] * 12)
    html = f"""<html lang="en"><head><script type="application/ld+json">
      {{"@type": "CollectionPage", "name": "Energy",
        "mainEntity": {{"@type": "ItemList", "itemListElement": [{items}]}}}}</script>
      </head><body><main><h1>Energy</h1><div class="lead"><h2><a href="/1">Cable cut
      off the coast</a></h2><p>{lead}</p></div></main></body></html>"""
    with pytest.raises(Refused):
        parse_html(html)


def test_korean_year_first_dotted_dates() -> None:
    assert find_date("입력 2024. 11. 7. 09:14 수정 2024. 11. 7. 10:02") == date(2024, 11, 7)
    assert find_date("version 2024. 1") is None


def test_a_search_results_page_is_refused_however_few_items_it_lists_in_json_ld() -> None:
    lead = " ".join(["A teaser of a story that matched the reader's search words."] * 10)
    html = f"""<html lang="en"><head><script type="application/ld+json">
      {{"@type": "SearchResultsPage", "datePublished": "2024-11-19",
        "mainEntity": {{"@type": "ItemList", "numberOfItems": 214}}}}</script></head>
      <body><main><h1>Search results for election</h1><p>{lead}</p></main></body></html>"""
    with pytest.raises(Refused):
        parse_html(html)


def test_a_blog_post_title_under_the_blogs_name_and_its_footer_time() -> None:
    text = " ".join(["The supply boat reached the shoal before dawn without incident."] * 6)
    html = f"""<html lang="en"><head><meta property="og:title" content="A quiet resupply">
      </head><body><div class="header"><h1>Shoal Watch Notes</h1></div>
      <div class="widget Blog"><div class="post hentry"><h3 class="post-title">A quiet
      resupply</h3><div class="post-body"><p>{text}</p></div><div class="post-footer">
      <span class="post-timestamp">at <abbr class="published" itemprop="datePublished"
      title="2024-01-26T21:40:00+08:00">9:40 PM</abbr></span></div></div></div>
      <div class="footer">Powered by a blog host</div></body></html>"""
    draft = parse_html(html)
    assert (draft.title, draft.date) == (
        "A quiet resupply", datetime(2024, 1, 26, 21, 40, tzinfo=timezone(timedelta(hours=8))))


def test_a_body_a_site_builder_cut_into_blocks_is_read_whole() -> None:
    part = " ".join(["The tanker contracts were awarded without any tender."] * 4)
    html = f"""<html lang="en"><head><title>Tankers | Civic Lab</title></head><body>
      <article><h1>Who fills the tankers?</h1><div class="layout">
      <div class="block html-block"><div class="wrap"><div class="html"><p>First {part}</p>
      </div></div></div>
      <div class="block image-block"><figure><img src="/t.jpg" alt="A tanker"></figure></div>
      <div class="block html-block"><div class="wrap"><div class="html"><p>Second {part}</p>
      <p>Third {part}</p></div></div></div></div></article></body></html>"""
    body = parse_html(html, now=datetime(2030, 1, 1, tzinfo=UTC)).body
    assert all(word in body for word in ("First", "Second", "Third")), body


def test_a_fact_checks_verdict_box_stays_at_the_head_of_its_text() -> None:
    text = " ".join(["A video claims the salt flats were sold, and we checked."] * 6)
    html = f"""<html lang="en"><head><title>Fact check | Check</title></head><body>
      <article><h1>Fact check: the salt flats were not sold</h1>
      <aside class="verdict-box"><p>Our ruling: no sale has taken place at all.</p></aside>
      <aside class="related">Other checks</aside>
      <div class="fc-body"><p>{text}</p><p>{text}</p></div></article></body></html>"""
    body = parse_html(html, now=datetime(2030, 1, 1, tzinfo=UTC)).body
    assert body.startswith("Our ruling: no sale") and "Other checks" not in body, body
