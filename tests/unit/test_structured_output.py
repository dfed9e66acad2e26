"""The pure pieces of structured output: JSON-LD escaping and records, sitemap
splitting and lastmod, hashed asset names."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

from dossier.config import Config
from dossier.output import assets, jsonld, sitemap
from dossier.site.views import (
    ArticleView,
    DateView,
    EntityCard,
    EntityView,
    LinkView,
    SiteView,
    SourceView,
)

CONFIG = Config(root=Path("."), title="Site", base_url="https://x.org/s/")


def abs_url(path: str) -> str:
    return "https://x.org/s/" + path.lstrip("/")


class _Elements(HTMLParser):
    """Start tags and the text of script elements, as an HTML parser sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.script_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        if self.lasttag == "script":
            self.script_text.append(data)


@pytest.mark.parametrize("value", [
    "</script><script>alert(1)</script>", "</SCRIPT >", "<!--<script>", "a\u2028b\u2029c",
    "\"quoted\" and 'single' & ampersand", "]]>", "<\\/script>", "日本語 ‘curly’"])
def test_script_keeps_any_string_inside_the_json(value: str) -> None:
    html = jsonld.script({"headline": value, "list": [value], value: 1})
    parser = _Elements()
    parser.feed(html)
    assert parser.tags == ["script"]
    assert json.loads("".join(parser.script_text)) == {"headline": value, "list": [value],
                                                       value: 1}
    body = html.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in body and ">" not in body and "&" not in body
    assert "\u2028" not in body


def _date(iso: str) -> DateView:
    moment = datetime.fromisoformat(iso)
    return DateView(iso, iso[:10], "", moment.year, moment.month, "")


def _article(**changes: object) -> ArticleView:
    fields = dict(
        slug="a", url="/articles/a/", title="T", date=_date("2020-01-01T00:00:00+00:00"),
        updated=None, source=SourceView("Wire", "https://wire.example/a"), authors=(),
        summary="S", location="", language="en", tags=(), image=None, full_text=False,
        body_html="<p>excerpt</p>", dossiers=(LinkView("D", "/dossiers/d/"),),
        entities=(EntityCard("p", "/entities/p/", "P", "person", "Person", "", 1,
                             (LinkView("Wikidata", "https://www.wikidata.org/wiki/Q1"),
                              LinkView("Local", "/about/"))),),
        related=(), prev_next=())
    fields.update(changes)
    return ArticleView(**fields)  # type: ignore[arg-type]


def test_article_record() -> None:
    data = jsonld.article(_article(), CONFIG, abs_url)
    assert data["@type"] == "NewsArticle" and data["headline"] == "T"
    assert data["isBasedOn"] == "https://wire.example/a"
    assert data["publisher"] == {"@type": "Organization", "name": "Wire"}
    assert data["isPartOf"][0]["url"] == "https://x.org/s/dossiers/d/"
    # not named in entities: -> a mention; only external links are sameAs
    assert "about" not in data
    assert data["mentions"] == [{"@type": "Person", "name": "P",
                                 "url": "https://x.org/s/entities/p/",
                                 "sameAs": ["https://www.wikidata.org/wiki/Q1"]}]
    # what the meta tags carry (the summary) and a second copy of the address are not
    assert not {"description", "mainEntityOfPage", "@id"} & set(data)
    assert "excerpt" not in json.dumps(data)
    named = jsonld.article(_article(about=("p",)), CONFIG, abs_url)
    assert [e["name"] for e in named["about"]] == ["P"] and "mentions" not in named


def test_entity_record_id_is_the_same_on_every_page() -> None:
    view = EntityView(slug="page", url="/entities/page/page/2/", feed_url="", name="Page",
                      kind="document", kind_label="", aliases=(), description="",
                      profile_html="", links=(), count=0, articles=(), dossiers=(),
                      co_mentions=(), pagination=None)
    data = jsonld.for_view(view, CONFIG, abs_url)
    assert data["@type"] == "CreativeWork"
    assert data["@id"] == "https://x.org/s/entities/page/#entity"


def test_for_view_refuses_other_records() -> None:
    assert jsonld.for_view(SiteView("S", "", "en", "", True), CONFIG, abs_url)["@type"] \
        == "WebSite"
    with pytest.raises(TypeError, match="json_ld"):
        jsonld.for_view(LinkView("x", "/"), CONFIG, abs_url)


def test_parts_split_by_count_and_by_bytes() -> None:
    locs = [f"https://x.org/{i}/" for i in range(10)]
    assert sitemap.parts(locs) == [(0, 10)]
    assert sitemap.parts(locs, max_urls=4) == [(0, 4), (4, 8), (8, 10)]
    assert sitemap.parts([], max_urls=4) == [(0, 0)]
    dated = [sitemap.Entry(loc, datetime(2020, 1, 1, tzinfo=UTC)) for loc in locs]
    three = len(sitemap.urlset(dated[:3]))     # the bytes of a file of three entries
    assert sitemap.parts(locs, max_bytes=three) == [(0, 3), (3, 6), (6, 9), (9, 10)]
    assert sitemap.parts(locs, max_bytes=three - 1) == [(0, 2), (2, 4), (4, 6), (6, 8),
                                                        (8, 10)]


def test_the_protocol_limits() -> None:
    assert sitemap.MAX_URLS == 50_000 and sitemap.MAX_BYTES == 52_428_800
    locs = [f"https://x.org/{i}/" for i in range(50_001)]
    assert sitemap.parts(locs) == [(0, 50_000), (50_000, 50_001)]


def test_lastmod_is_a_w3c_datetime_in_utc() -> None:
    moment = datetime.fromisoformat("2020-03-01T09:30:00+09:00")
    assert sitemap.w3c(moment) == "2020-03-01T00:30:00Z"
    text = sitemap.urlset([sitemap.Entry("https://x.org/?a=1&b='2'", moment),
                           sitemap.Entry("https://x.org/b/", None)]).decode()
    assert "<loc>https://x.org/?a=1&amp;b=&apos;2&apos;</loc>" in text
    assert "<url><loc>https://x.org/b/</loc></url>" in text


@pytest.mark.parametrize(("rel", "name"), [
    ("style.css", "style.{h}.css"), ("js/app.min.js", "js/app.{h}.min.js"),
    ("LICENSE", "LICENSE.{h}"), (".well-known/x", ".well-known/x.{h}"),
    (".hidden", ".hidden.{h}")])
def test_hashed_names(rel: str, name: str) -> None:
    digest = assets.hashed_name("x", b"body")[2:]
    assert assets.hashed_name(rel, b"body") == name.format(h=digest)
    assert assets.hashed_name(rel, b"other") != assets.hashed_name(rel, b"body")


def test_asset_function() -> None:
    asset = assets.asset_function({"style.css": "style.abc.css"}, "/sub/")
    assert asset("style.css") == asset("/assets/style.css") == "/sub/assets/style.abc.css"
    with pytest.raises(ValueError, match=r"asset\('x.js'\): no such file.*style.css"):
        asset("x.js")


def test_site_theme_files_win(tmp_path: Path) -> None:
    for folder, text in (("site", "mine"), ("default", "theirs")):
        (tmp_path / folder / "static").mkdir(parents=True)
        (tmp_path / folder / "static" / "style.css").write_text(text)
    (tmp_path / "default" / "static" / "search.js").write_text("js")
    files = assets.theme_files([tmp_path / "site", tmp_path / "default"])
    assert files["style.css"].read_text() == "mine" and set(files) == {"style.css", "search.js"}
    names = assets.manifest(files)
    assert names["style.css"] == assets.hashed_name("style.css", b"mine")
    assert assets.hashed_copies(files, names) == [
        (files["search.js"], names["search.js"]), (files["style.css"], names["style.css"])]
