"""Front-matter values are always escaped; raw HTML in a body is kept."""

from __future__ import annotations

from pathlib import Path

from dossier.content.markdown import make_markdown
from dossier.content.readers import read_entity
from tests.helpers import dossier


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_front_matter_is_escaped_and_raw_body_html_kept(tmp_path: Path) -> None:
    write(tmp_path / "config.yaml", "title: T <i>x</i>\nsearch: {enabled: false}\n")
    write(tmp_path / "content/articles/2020-01-01-x.md",
          '---\ntitle: "<b>Bold</b> & \\"quotes\\""\ndate: 2020-01-01\n'
          'summary: "<script>alert(1)</script>"\ntags: ["<tag>"]\n'
          'source: {name: "<Agency>", url: "https://example.org/?a=1&b=2"}\n---\n'
          '<em>kept</em> and <iframe src="https://example.org/embed"></iframe>\n')
    run = dossier("build", cwd=tmp_path)
    assert run.code == 0, run.stderr
    html = (tmp_path / "public/articles/x/index.html").read_text()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; " in html
    assert "&lt;Agency&gt;" in html and "<b>Bold</b>" not in html
    assert "<em>kept</em>" in html and '<iframe src="https://example.org/embed">' in html
    feed = (tmp_path / "public/feed.xml").read_text()
    assert "<script>" not in feed and "&lt;b&gt;Bold" in feed


def test_entity_kind_spellings() -> None:
    raw = b"---\nname: Agency\nkind: Organisation\n---\n"
    entity, problems = read_entity("content/entities/agency.md", raw, make_markdown(), "/")
    assert entity is not None and entity.kind == "organization" and not problems
    raw = b"---\nname: Agency\nkind: planet\n---\n"
    entity, problems = read_entity("content/entities/agency.md", raw, make_markdown(), "/")
    assert entity is None
    assert problems[0].format().startswith("content/entities/agency.md:3: kind: got 'planet'")
