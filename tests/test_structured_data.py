"""What machines read from a built site: JSON-LD, link previews, the sitemap, hashed
asset names. Built through the real command line; every check is also shown failing
on a deliberately broken input (tests/structured_checks.py holds the checks)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.helpers import copy_site, dossier, page
from tests.structured_checks import (
    collection_page_problems,
    entity_problems,
    html_pages,
    jsonld_blocks,
    news_article_problems,
    page_kind,
    preview_problems,
    site_jsonld_problems,
    sitemap_problems,
    unhashed_assets,
    urlset_problems,
    website_problems,
)
from tests.validators import describe_vnu, vnu_errors

BASES = {"example": "https://example.github.io/east-asia/",
         "mentions": "https://example.org/sub/",
         "structured": "https://example.org/news/"}
SCRIPT_TITLE = ("Talks end </script><script>alert(\"x\")</script> with \"quotes\", "
                "'apostrophes' & <!-- a comment")
# as every page shows it: typeset like a body (curly quotes and apostrophes)
SHOWN_TITLE = ("Talks end </script><script>alert(“x”)</script> with “quotes”, "
               "‘apostrophes’ & <!-- a comment")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    publics = {}
    for name in BASES:
        site = copy_site(name, tmp_path_factory.mktemp(name))
        # the mentions fixture warns on purpose (ambiguous aliases, unused entities)
        run = dossier("build", *([] if name == "mentions" else ["--strict"]), cwd=site)
        assert run.code == 0, run.stderr
        publics[name] = site / "public"
    return publics


def _blocks(public: Path, address: str) -> list[dict]:
    path = public / address.strip("/") / "index.html" if address != "/" \
        else public / "index.html"
    blocks, problems = jsonld_blocks(path.read_text(encoding="utf-8"))
    assert problems == []
    return blocks


# --------------------------------------------------------------------------- JSON-LD


@pytest.mark.parametrize("name", list(BASES))
def test_every_jsonld_block_of_the_fixture_sites_has_its_type_and_fields(
        built: dict[str, Path], name: str) -> None:
    count, problems = site_jsonld_problems(built[name])
    assert problems == []
    pages = html_pages(built[name])
    # home, every article, dossier and entity page: one block each
    expected = sum(page_kind(p.relative_to(built[name]).as_posix()) != "other" for p in pages)
    assert count == expected > 3


def test_a_title_with_script_end_and_quotes_stays_inside_the_json(
        built: dict[str, Path]) -> None:
    public = built["structured"]
    html = (public / "articles/script-title/index.html").read_text(encoding="utf-8")
    (data,) = _blocks(public, "/articles/script-title/")
    assert data["headline"] == SHOWN_TITLE
    assert data["author"][1]["name"] == "B. </script> Reporter"
    assert data["publisher"] == {"@type": "Organization", "name": 'Agency "Wire" </script>'}
    soup_head = BeautifulSoup(html, "html.parser")
    assert soup_head.find("meta", attrs={"name": "description"})["content"].endswith(
        "line separator\u2028here.")
    # the page gains no element: the only scripts are the JSON-LD block and files
    soup = BeautifulSoup(html, "html.parser")
    scripts = soup.find_all("script")
    assert [s.get("type") for s in scripts if not s.get("src")] == ["application/ld+json"]
    assert soup.find("h1").get_text() == SHOWN_TITLE
    # the <title>, the preview and the feed say it as the page does
    assert soup.find("title").get_text().startswith(SHOWN_TITLE)
    assert soup.find("meta", property="og:title")["content"] == SHOWN_TITLE
    assert "alert(“x”)&lt;/script&gt; with “quotes”" in (public / "feed.xml").read_text()
    assert "alert(" not in "".join(s.get_text() for s in scripts if s.get("type") is None)
    # the same page's elements as the plain article's, tag for tag, in the <head>
    plain = BeautifulSoup((public / "articles/plain/index.html").read_text(), "html.parser")
    assert [t.name for t in soup.head.find_all(True) if t.name != "meta"] == \
        [t.name for t in plain.head.find_all(True) if t.name != "meta"]


def test_naive_json_in_a_script_element_is_caught() -> None:
    """The check that bites: the same title embedded with plain json.dumps."""
    data = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle",
                       "headline": SCRIPT_TITLE})
    html = f'<html><head><script type="application/ld+json">{data}</script></head></html>'
    blocks, problems = jsonld_blocks(html)
    assert problems, blocks
    assert any("not JSON" in p for p in problems)
    assert any("not JSON-LD" in p for p in problems)   # the <script> the title opened


def test_the_article_block_in_excerpt_mode(built: dict[str, Path]) -> None:
    public = built["structured"]
    (data,) = _blocks(public, "/articles/script-title/")
    raw = (public / "articles/script-title/index.html").read_text(encoding="utf-8")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', raw).group(1)
    # the source is the base, never the withheld text
    assert data["isBasedOn"] == "https://news.example.com/2020/03/01/talks?a=1&b=2"
    assert "WITHHELD-SENTINEL" not in block and "WITHHELD-SENTINEL" not in raw
    assert "articleBody" not in data
    assert data["isAccessibleForFree"] is True
    assert data["datePublished"] == "2020-03-01T00:30:00+00:00"   # the site's zone: UTC
    assert data["dateModified"] == "2020-03-05T00:00:00+00:00"
    assert data["url"] == "https://example.org/news/articles/script-title/"
    assert [a["name"] for a in data["author"]] == ["Ana Writer", "B. </script> Reporter"]
    assert data["isPartOf"] == [{"@type": "CollectionPage",
                                 "url": "https://example.org/news/dossiers/talks/",
                                 "name": 'The "talks" </script> dossier'}]
    # named in entities: -> about; found in the text (the withheld part too) -> mentions
    assert [(e["@type"], e["name"]) for e in data["about"]] == [
        ("Organization", "Treaty Organization")]
    assert data["about"][0]["sameAs"] == ["https://www.wikidata.org/wiki/Q1065",
                                          "https://treaty.example.org/"]
    mentions = {e["name"]: e for e in data["mentions"]}
    assert {n: e["@type"] for n, e in mentions.items()} == {
        "Ana Person": "Person", "Geneva": "Place", "Accord": "CreativeWork",
        "Summit": "Event", "Idea": "Thing"}
    assert mentions["Ana Person"]["url"] == "https://example.org/news/entities/ana-person/"
    assert mentions["Ana Person"]["sameAs"] == ["https://en.wikipedia.org/wiki/Ana_Person",
                                                "https://www.wikidata.org/wiki/Q42"]
    assert "sameAs" not in mentions["Summit"]
    assert data["image"] == {"@type": "ImageObject",
                             "url": "https://example.org/news/images/talks.svg",
                             "caption": "The talks.", "description": "Delegates at a table",
                             "creditText": "Photo Desk"}
    assert data["contentLocation"] == {"@type": "Place", "name": "Geneva"}


def test_an_article_without_source_is_published_by_the_site(built: dict[str, Path]) -> None:
    (data,) = _blocks(built["structured"], "/articles/plain/")
    assert data["publisher"]["name"] == 'Structured "Data" & </script> Site'
    assert "isBasedOn" not in data and "image" not in data and "author" not in data
    assert data["dateModified"] == data["datePublished"]


def test_dossier_pages_list_their_articles_with_positions_across_pages(
        built: dict[str, Path]) -> None:
    public = built["structured"]
    (first,) = _blocks(public, "/dossiers/talks/")
    (second,) = _blocks(public, "/dossiers/talks/page/2/")
    assert first["@type"] == "CollectionPage" and first["name"] == 'The "talks" </script> dossier'
    items = first["mainEntity"]["itemListElement"] + second["mainEntity"]["itemListElement"]
    assert [i["position"] for i in items] == [1, 2, 3]
    assert [i["url"].rsplit("/", 2)[1] for i in items] == ["script-title", "plain", "older"]
    assert first["mainEntity"]["numberOfItems"] == 3
    assert second["url"] == "https://example.org/news/dossiers/talks/page/2/"


@pytest.mark.parametrize(("slug", "kind"), [
    ("ana-person", "Person"), ("treaty-organization", "Organization"), ("geneva", "Place"),
    ("summit", "Event"), ("accord", "CreativeWork"), ("idea", "Thing")])
def test_entity_pages_have_their_kind_and_same_as(built: dict[str, Path], slug: str,
                                                  kind: str) -> None:
    (data,) = _blocks(built["structured"], f"/entities/{slug}/")
    assert data["@type"] == kind
    assert data["url"] == f"https://example.org/news/entities/{slug}/"
    if slug == "ana-person":
        assert data["sameAs"] == ["https://en.wikipedia.org/wiki/Ana_Person",
                                  "https://www.wikidata.org/wiki/Q42"]
        assert data["alternateName"] == ["A. Person"]


def test_the_home_page_is_a_website_with_a_search_action(built: dict[str, Path]) -> None:
    (data,) = _blocks(built["example"], "/")
    assert data["@type"] == "WebSite"
    assert data["potentialAction"]["target"]["urlTemplate"] == \
        "https://example.github.io/east-asia/search/?q={search_term_string}"


def test_no_search_action_when_search_is_off(tmp_path: Path) -> None:
    site = copy_site("mentions", tmp_path)
    (site / "config.yaml").write_text((site / "config.yaml").read_text()
                                      + "search:\n  enabled: false\n")
    assert dossier("build", "-q", cwd=site).code == 0
    (data,) = _blocks(site / "public", "/")
    assert website_problems(data, search=False) == []
    assert "potentialAction" not in data


def test_each_type_check_bites_on_a_broken_block() -> None:
    article = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "H",
               "datePublished": "2020-01-01T00:00:00+00:00",
               "dateModified": "2020-01-02T00:00:00+00:00",
               "url": "https://x.org/articles/a/", "mainEntityOfPage": "https://x.org/articles/a/",
               "publisher": {"@type": "Organization", "name": "P"},
               "isAccessibleForFree": True,
               "mentions": [{"@type": "Person", "name": "N", "url": "https://x.org/entities/n/",
                             "sameAs": ["https://w.org/N"]}]}
    assert news_article_problems(article) == []
    for broken in ({"headline": ""}, {"datePublished": "yesterday"},
                   {"dateModified": "2019-01-01T00:00:00+00:00"}, {"publisher": "P"},
                   {"isBasedOn": "/relative"}, {"articleBody": "withheld"},
                   {"mentions": [{"@type": "Robot", "name": "N",
                                  "url": "https://x.org/entities/n/"}]},
                   {"mentions": [{"@type": "Person", "name": "N",
                                  "url": "https://x.org/entities/n/", "sameAs": ["Q1"]}]},
                   {"@type": "Article"}):
        assert news_article_problems({**article, **broken}) != [], broken
    collection = {"@type": "CollectionPage", "name": "D", "url": "https://x.org/dossiers/d/",
                  "mainEntity": {"@type": "ItemList", "numberOfItems": 2, "itemListElement": [
                      {"@type": "ListItem", "position": 1, "url": "https://x.org/articles/a/",
                       "name": "A"},
                      {"@type": "ListItem", "position": 2, "url": "https://x.org/articles/b/",
                       "name": "B"}]}}
    assert collection_page_problems(collection) == []
    skipped = json.loads(json.dumps(collection))
    skipped["mainEntity"]["itemListElement"][1]["position"] = 3
    assert collection_page_problems(skipped) != []
    assert collection_page_problems({**collection, "mainEntity": []}) != []
    entity = {"@context": "https://schema.org", "@type": "Event", "name": "E",
              "url": "https://x.org/entities/e/"}
    assert entity_problems(entity) == []
    assert entity_problems({**entity, "@type": "Topic"}) != []
    assert entity_problems({**entity, "sameAs": ["en.wikipedia.org/wiki/E"]}) != []
    site = {"@type": "WebSite", "name": "S", "url": "https://x.org/",
            "potentialAction": {"@type": "SearchAction",
                                "target": {"urlTemplate":
                                           "https://x.org/search/?q={search_term_string}"},
                                "query-input": "required name=search_term_string"}}
    assert website_problems(site) == []
    assert website_problems({**site, "potentialAction": None}) != []


# --------------------------------------------------------------------------- previews


@pytest.mark.parametrize("name", list(BASES))
def test_every_page_has_open_graph_and_twitter_card_tags(built: dict[str, Path],
                                                         name: str) -> None:
    problems = {p.relative_to(built[name]).as_posix():
                preview_problems(p.read_text(encoding="utf-8")) for p in html_pages(built[name])}
    assert {k: v for k, v in problems.items() if v} == {}
    assert len(problems) > 10


def test_an_article_with_an_image_has_a_large_image_card(built: dict[str, Path]) -> None:
    soup = page(built["structured"], "/articles/script-title/")
    meta = {t.get("property") or t.get("name"): t.get("content") for t in soup.find_all("meta")}
    assert meta["og:image"] == "https://example.org/news/images/talks.svg"
    assert meta["twitter:image"] == meta["og:image"]
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["og:title"] == SHOWN_TITLE
    plain = page(built["structured"], "/articles/plain/")
    assert plain.find("meta", attrs={"name": "twitter:card"})["content"] == "summary"
    assert plain.find("meta", property="og:image") is None


def test_the_preview_check_bites() -> None:
    good = ('<meta property="og:title" content="T"><meta property="og:url" '
            'content="https://x.org/"><meta property="og:type" content="website">'
            '<meta property="og:site_name" content="S"><meta name="twitter:card" '
            'content="summary">')
    assert preview_problems(good) == []
    assert preview_problems(good.replace('name="twitter:card"', 'name="x"')) != []
    assert preview_problems(good.replace("https://x.org/", "/")) != []
    assert preview_problems(good.replace('"summary"', '"summary_large_image"')) != []


# --------------------------------------------------------------------------- sitemap


@pytest.mark.parametrize("name", list(BASES))
def test_the_sitemap_follows_the_protocol_and_lists_every_page_with_lastmod(
        built: dict[str, Path], name: str) -> None:
    locs, problems = sitemap_problems(built[name], BASES[name])
    assert problems == []
    assert len(locs) > 10


def test_lastmod_is_the_articles_update_or_a_lists_newest_member(
        built: dict[str, Path]) -> None:
    text = (built["structured"] / "sitemap.xml").read_text()
    lastmod = dict(re.findall(r"<loc>https://example.org/news/([^<]*)</loc>"
                              r"<lastmod>([^<]*)</lastmod>", text))
    assert lastmod["articles/script-title/"] == "2020-03-05T00:00:00Z"   # updated
    assert lastmod["articles/plain/"] == "2020-02-01T00:00:00Z"          # date
    # the dossier's newest member is the oldest article, updated last
    assert lastmod["dossiers/talks/"] == lastmod["dossiers/talks/page/2/"] == \
        "2020-04-01T00:00:00Z"
    assert lastmod["entities/ana-person/"] == "2020-03-05T00:00:00Z"
    assert lastmod["about/"] == "2019-06-01T00:00:00Z"                   # its updated:
    assert lastmod[""] == "2020-04-01T00:00:00Z"


def _urlset(locs: list[str], lastmod: str = "2020-01-01T00:00:00Z") -> bytes:
    rows = "".join(f"<url><loc>{u}</loc><lastmod>{lastmod}</lastmod></url>" for u in locs)
    return (f'<?xml version="1.0" encoding="UTF-8"?><urlset '
            f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</urlset>').encode()


def test_the_sitemap_check_bites_on_each_broken_rule() -> None:
    base = "https://x.org/"
    assert urlset_problems(_urlset([f"{base}a/"]), "s", base)[1] == []
    for lastmod in ("2020-13-01", "01/03/2020", "2020-01-01T10:00", "2020-01-01 10:00Z"):
        assert urlset_problems(_urlset([f"{base}a/"], lastmod), "s", base)[1] != [], lastmod
    for good in ("2020", "2020-05", "2020-05-03", "2020-05-03T10:00+09:00",
                 "2020-05-03T10:00:05.5Z"):
        assert urlset_problems(_urlset([f"{base}a/"], good), "s", base)[1] == [], good
    no_lastmod = _urlset([f"{base}a/"]).replace(b"<lastmod>2020-01-01T00:00:00Z</lastmod>", b"")
    assert urlset_problems(no_lastmod, "s", base)[1] != []
    assert urlset_problems(_urlset(["/a/"]), "s", base)[1] != []
    assert urlset_problems(_urlset(["https://y.org/a/"]), "s", base)[1] != []
    assert urlset_problems(_urlset([f"{base}{'a' * 2100}/"]), "s", base)[1] != []
    assert urlset_problems(_urlset([f"{base}a/", f"{base}a/"]), "s", base)[1] != []
    assert urlset_problems(b"<urlset", "s", base)[1] != []
    wrong = _urlset([f"{base}a/"]).replace(b"sitemap/0.9", b"sitemap/0.8")
    assert urlset_problems(wrong, "s", base)[1] != []
    # the protocol's limits: 50,000 URLs, 50 MB
    many = _urlset([f"{base}{i}/" for i in range(50_001)])
    assert any("50,001 URLs" in p for p in urlset_problems(many, "s", base)[1])
    large = _urlset([f"{base}{i}/{'x' * 2000}" for i in range(26_000)])
    assert any("bytes, over" in p for p in urlset_problems(large, "s", base)[1])


def test_a_page_missing_from_the_sitemap_is_caught(built: dict[str, Path],
                                                   tmp_path: Path) -> None:
    import shutil
    public = tmp_path / "public"
    shutil.copytree(built["structured"], public)
    sitemap = public / "sitemap.xml"
    text = sitemap.read_text()
    sitemap.write_text(re.sub(r"<url><loc>[^<]*/articles/plain/</loc>.*?</url>\n", "", text))
    assert any("articles/plain/ is a page of the site but not listed" in p
               for p in sitemap_problems(public, BASES["structured"])[1])
    sitemap.write_text(text.replace("/articles/plain/", "/articles/gone/"))
    assert any("not a page of the site" in p
               for p in sitemap_problems(public, BASES["structured"])[1])


# --------------------------------------------------------------------------- assets


def test_pages_load_theme_assets_by_hashed_names(built: dict[str, Path]) -> None:
    public = built["example"]
    for address in ("/", "/search/", "/articles/japan-hopes-mattis-visit/"):
        html = page(public, address)
        assert unhashed_assets(str(html)) == [], address
    hrefs = [t["href"] for t in page(public, "/").find_all("link", rel="stylesheet")]
    (style,) = [h for h in hrefs if "/assets/style." in h]
    assert (public / style.removeprefix("/east-asia/")).read_bytes() == \
        (public / "assets/style.css").read_bytes()
    assert unhashed_assets('<link rel="stylesheet" href="/x/assets/style.css">') != []


def _stylesheet(public: Path) -> str:
    (href,) = [t["href"] for t in page(public, "/").find_all("link", rel="stylesheet")
               if "/assets/" in t["href"]]
    return href


def test_changing_the_stylesheet_changes_its_name(tmp_path: Path) -> None:
    site = copy_site("mentions", tmp_path)
    assert dossier("build", "-q", cwd=site).code == 0
    before = _stylesheet(site / "public")
    again = dossier("build", "-q", cwd=site)
    assert again.code == 0 and _stylesheet(site / "public") == before   # stable
    override = site / "themes" / "default" / "static" / "style.css"
    override.parent.mkdir(parents=True)
    override.write_text("body { color: #111; }\n")
    assert dossier("build", "-q", cwd=site).code == 0
    after = _stylesheet(site / "public")
    assert after != before
    assert (site / "public" / after.removeprefix("/sub/")).read_text() == \
        "body { color: #111; }\n"


def test_an_asset_the_theme_lacks_is_a_template_error(tmp_path: Path) -> None:
    site = copy_site("mentions", tmp_path)
    footer = site / "themes" / "default" / "templates" / "partials" / "footer.html"
    footer.parent.mkdir(parents=True)
    footer.write_text("<footer><script src=\"{{ asset('missing.js') }}\"></script></footer>\n")
    run = dossier("build", "-q", cwd=site)
    assert run.code == 1
    assert "footer.html:1: template:" in run.stderr
    assert "asset('missing.js'): no such file" in run.stderr


# --------------------------------------------------------------------------- validator


def test_the_structured_fixture_is_valid_html(built: dict[str, Path]) -> None:
    messages = vnu_errors(built["structured"])
    assert messages == [], describe_vnu(messages)


def test_past_the_limit_the_sitemap_becomes_an_index(built: dict[str, Path], tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The real build with the URL limit lowered to 5 (a 50,001-page fixture would take
    minutes): /sitemap.xml becomes an index over files of at most 5 pages each."""
    from dossier.build import build
    from dossier.output import sitemap

    whole, _ = sitemap_problems(built["structured"], BASES["structured"])
    site = copy_site("structured", tmp_path)
    monkeypatch.setattr(sitemap, "MAX_URLS", 5)
    build(site)
    public = site / "public"
    index = (public / "sitemap.xml").read_text()
    assert index.count("<sitemap>") == -(-len(whole) // 5) >= 4
    assert "<urlset" not in index
    locs, problems = sitemap_problems(public, BASES["structured"])
    assert problems == []
    assert locs == whole                        # the same pages, in the same order
    for n in range(1, index.count("<sitemap>") + 1):
        part = (public / f"sitemap-{n}.xml").read_text()
        assert 1 <= part.count("<url>") <= 5
        assert f"<loc>https://example.org/news/sitemap-{n}.xml</loc><lastmod>" in index
    # the index's lastmod is its part's newest page's
    assert "<lastmod>2020-04-01T00:00:00Z</lastmod></sitemap>" in index
    # and the check bites on an index naming a file that is not there
    (public / "sitemap-2.xml").unlink()
    assert any("sitemap-2.xml is not a file of the site" in p
               for p in sitemap_problems(public, BASES["structured"])[1])


def test_a_site_of_50_001_pages_gets_a_sitemap_index(tmp_path: Path) -> None:
    """At the protocol's real limit, through the real command line (about 20 s)."""
    site = tmp_path / "big"
    (site / "content" / "articles").mkdir(parents=True)
    (site / "config.yaml").write_text("title: Big\nbase_url: https://example.org/big/\n"
                                      "search:\n  enabled: false\n")
    for i in range(49_998):   # + home, /dossiers/, /entities/, /tags/: 50,002 pages
        folder = site / "content" / "articles" / f"{i // 1000:03d}"
        folder.mkdir(exist_ok=True)
        day = 1 + i % 28
        (folder / f"a{i}.md").write_text(f"---\ntitle: Article {i}\ndate: 2020-02-{day:02d}\n"
                                         f"---\nBody {i}.\n")
    run = dossier("build", "-q", cwd=site)
    assert run.code == 0, run.stderr
    public = site / "public"
    index = (public / "sitemap.xml").read_text()
    assert index.count("<sitemap>") == 2
    locs, problems = sitemap_problems(public, "https://example.org/big/")
    assert problems == []
    assert len(locs) == len(set(locs)) == 50_002
    assert (public / "sitemap-1.xml").read_text().count("<url>") == 50_000
    assert (public / "sitemap-2.xml").read_text().count("<url>") == 2
