"""The rendered-site checks as pure functions over {output path: bytes}."""

from __future__ import annotations

from dossier.output.site_check import (
    Source,
    check_feeds,
    check_site,
    check_size,
    resolve,
    scan_html,
)

BASE = "/sub/"


def _page(body: str, title: str = "t") -> bytes:
    return (f'<!doctype html><html lang="en"><head><title>{title}</title>'
            f'<link rel="stylesheet" href="/sub/assets/style.css"></head>\n'
            f"<body>\n{body}\n</body></html>\n").encode()


def _site(**pages: str) -> dict[str, bytes]:
    files = {"assets/style.css": b"body{}", "img/a.png": b"png", "img/b.png": b"png"}
    for name, body in pages.items():
        files[name.replace("__", "/")] = _page(body)
    return files


def _messages(diagnostics: list) -> list[str]:  # type: ignore[type-arg]
    return [d.format() for d in diagnostics]


def test_a_site_whose_links_all_work_passes() -> None:
    files = _site(**{
        "index.html": '<a href="/sub/articles/a/">a</a> <a href="articles/a/#part">part</a>'
                      ' <a href="#top">top</a> <a href="https://other.example/x">x</a>'
                      ' <a href="mailto:x@y">m</a> <img src="/sub/img/a.png" alt="A chart">'
                      ' <a href="/sub/articles/a">no slash</a> <a href="">here</a>',
        "articles__a__index.html": '<h2 id="part">Part</h2><a href="../../">home</a>'
                                   '<a href="../../feed.xml">feed</a>'
                                   '<img src="../../img/a.png" alt="" role="presentation">',
    })
    files["feed.xml"] = b'<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>'
    assert check_site(files, BASE) == []


def test_a_broken_link_is_an_error_at_the_page_and_line() -> None:
    files = _site(**{"index.html": 'fine\n<script>\nvar a = "x";\n</script><!-- a\ncomment -->'
                                   '\n<a href="/sub/articles/missing/">gone</a>'})
    found = _messages(check_site(files, BASE))
    assert found == ["public/index.html:8: link: broken link /sub/articles/missing/: "
                     "no such page or file in the site"]


def test_a_root_relative_link_that_forgets_the_base_path_is_broken() -> None:
    files = _site(**{"index.html": '<a href="/articles/a/">a</a>',
                     "articles__a__index.html": "a"})
    [found] = check_site(files, BASE)
    assert "outside the site's base path /sub/" in found.message
    assert "/sub/articles/a/" in found.message


def test_a_broken_anchor_on_another_page_and_on_the_same_page() -> None:
    files = _site(**{"index.html": '<a href="articles/a/#nowhere">x</a><a href="#gone">y</a>',
                     "articles__a__index.html": '<h2 id="part">Part</h2>'})
    found = sorted(d.message for d in check_site(files, BASE))
    assert found == ['broken anchor #gone: this page has no element with id="gone"',
                     'broken anchor articles/a/#nowhere: articles/a/index.html has no '
                     'element with id="nowhere"']
    assert all(d.field == "anchor" and d.severity == "error" for d in check_site(files, BASE))


def test_an_image_without_alt_text_is_a_warning() -> None:
    files = _site(**{"index.html": '<img src="/sub/img/a.png">\n<img src="/sub/img/b.png" '
                                   'alt="  ">\n<img src="/sub/img/a.png" alt="" '
                                   'aria-hidden="true">'})
    found = check_site(files, BASE)
    assert [(d.field, d.line, d.severity) for d in found] == [("image", 3, "warning"),
                                                               ("image", 4, "warning")]


def test_a_finding_is_placed_at_the_source_line_that_wrote_it() -> None:
    files = _site(**{"articles__a__index.html": '<p>See <a href="/sub/articles/b/">b</a> and'
                     ' <img src="/sub/img/a.png" alt=""></p><a href="/sub/broken-theme/">t</a>',
                     "articles__c__index.html": '<a href="/sub/broken-theme/">t</a>'})
    source = Source("content/articles/a.md",
                    "---\ntitle: A\n---\n\nSee [b](/articles/b/) and\n![](/img/a.png)\n")
    found = _messages(check_site(files, BASE, lambda page: source
                                 if page == "articles/a/index.html" else None))
    assert found == [
        "content/articles/a.md:5: link: broken link /sub/articles/b/: no such page or file "
        "in the site",
        "content/articles/a.md:6: image: image /sub/img/a.png has no alt text: describe it "
        "(![what it shows](…) in Markdown, image.alt in front matter, alt=\"…\" in HTML) "
        "(warning)",
        # a link the theme makes on every page: once, with a count
        "public/articles/a/index.html:3: link: broken link /sub/broken-theme/: no such page "
        "or file in the site (and on 1 more page)",
    ]


def test_links_in_scripts_comments_and_external_schemes_are_not_checked() -> None:
    ids, links, _ = scan_html('<!-- <a href="/x/"> --><script>var a = "<a href=\'/y/\'>"'
                              '</script><script src="/sub/app.js"></script>'
                              '<a id=plain href=/sub/z/>z</a>')
    assert sorted(link.value for link in links) == ["/sub/app.js", "/sub/z/"]
    assert ids == {"plain"}
    assert resolve("tel:+1", "index.html", BASE, frozenset()) == (None, "", None)
    assert resolve("//cdn.example/x.js", "index.html", BASE, frozenset()) == (None, "", None)


def test_absolute_links_to_the_site_itself_are_checked() -> None:
    files = frozenset({"index.html"})
    origin = "https://example.org"
    assert resolve("https://example.org/sub/", "a/index.html", BASE, files, origin) == (
        "index.html", "", None)
    assert resolve("https://example.org/sub/nope/", "index.html", BASE, files,
                   origin)[2] is not None
    # the host's other sites (a user site above this project site) are not ours
    assert resolve("https://example.org/", "index.html", BASE, files, origin) == (
        None, "", None)


def test_srcset_and_meta_refresh_are_links() -> None:
    files = _site(**{"index.html": '<img alt="x" srcset="/sub/img/a.png 1x, /sub/img/c.png 2x">'
                                   '<meta http-equiv="refresh" content="0; url=/sub/old/">'})
    found = sorted(d.message for d in check_site(files, BASE))
    assert found == ["broken link /sub/img/c.png: no such page or file in the site",
                     "broken link /sub/old/: no such page or file in the site"]


def test_feeds_that_do_not_parse_are_errors() -> None:
    files = {"feed.xml": b'<feed xmlns="http://www.w3.org/2005/Atom"><title>x</feed>',
             "dossiers/a/feed.xml": b"<html></html>",
             "sitemap.xml": b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>',
             "dossiers/a/timeline.json": b'{"events": [}',
             "pagefind/pagefind-entry.json": b"not checked"}
    found = _messages(check_feeds(files))
    assert len(found) == 3
    assert found[0].startswith("public/dossiers/a/feed.xml:1: feed: is not an Atom or RSS")
    assert found[1].startswith("public/dossiers/a/timeline.json:1: feed: does not parse as JSON")
    assert found[2].startswith("public/feed.xml:1: feed: does not parse as XML: mismatched tag")


def test_an_output_over_the_pages_limit_is_an_error() -> None:
    files = {"a.bin": b"x" * 60, "b.bin": b"x" * 50}
    assert check_size(files, limit=200) == []
    [found] = check_size(files, limit=100)
    assert found.field == "size" and "GitHub Pages refuses" in found.message
    assert found.severity == "error"
