from __future__ import annotations

from dossier.content.markdown import excerpt_tokens, make_markdown, rebase_urls, render


def html(body: str, base: str = "/sub/") -> str:
    md = make_markdown()
    env: dict = {}
    tokens = md.parse(body, env)
    rebase_urls(tokens, base)
    return render(md, tokens, env)


def test_root_relative_links_and_images_get_the_base_path() -> None:
    out = html("[About](/about/) ![Map](/images/map.png) [Ext](https://x.org/a) "
               "[Proto](//cdn.example/x) [Rel](other/)")
    assert 'href="/sub/about/"' in out and 'src="/sub/images/map.png"' in out
    assert 'href="https://x.org/a"' in out and 'href="//cdn.example/x"' in out
    assert 'href="other/"' in out
    assert 'href="/about/"' in html("[About](/about/)", "/")


def test_tables_footnotes_anchors_quotes_and_raw_html() -> None:
    out = html('## A "quoted" heading\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n'
               'Text[^1] and <span class="x">raw</span>.\n\n[^1]: The note.\n')
    assert '<h2 id="a-quoted-heading">A “quoted” heading</h2>' in out
    assert "<table>" in out and 'class="footnotes"' in out
    assert '<span class="x">raw</span>' in out


def test_heading_ids_avoid_the_themes_own() -> None:
    assert '<h2 id="main-section">Main</h2>' in html("## Main")


def test_excerpt_takes_opening_paragraphs_before_a_heading() -> None:
    md = make_markdown()
    tokens = md.parse("First para.\n\nSecond para.\n\n## Later\n\nHidden.\n")
    out = render(md, excerpt_tokens(tokens, words=3), {})
    assert "First para." in out and "Second para." in out and "Hidden" not in out


def test_raw_html_addresses_get_the_base_path_too() -> None:
    out = html('<figure><img src="/images/a.jpg" alt="a"></figure>\n\n'
               'Inline <a href="/about/">about</a> and <img srcset="/s.jpg 1x, /l.jpg 2x" '
               'src=\'/s.jpg\' alt="s"> and <a href="//cdn.example/x">cdn</a> '
               '<a href="https://e.org/x">abs</a>')
    assert 'src="/sub/images/a.jpg"' in out
    assert 'href="/sub/about/"' in out
    assert 'srcset="/sub/s.jpg 1x, /sub/l.jpg 2x"' in out and "src='/sub/s.jpg'" in out
    assert 'href="//cdn.example/x"' in out and 'href="https://e.org/x"' in out
    assert html('<img src="/a.jpg" alt="a">', "/") == '<img src="/a.jpg" alt="a">'


def test_inline_script_is_kept_raw_and_its_quotes_straight() -> None:
    out = html("Embed <script>console.log('kept' && 1 < 2)</script> and 'curled' text.")
    assert "<script>console.log('kept' && 1 < 2)</script>" in out
    assert "‘curled’" in out
