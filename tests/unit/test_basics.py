"""Slugs, dates, front matter and config: the pure pieces."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from dossier.config import parse_config
from dossier.content.dates import parse_date
from dossier.content.frontmatter import Fields, split
from dossier.content.slugs import is_slug, slug_from_filename, slugify
from dossier.errors import ConfigError

UTC = ZoneInfo("UTC")


@pytest.mark.parametrize(("text", "slug"), [
    ("US–Japan Alliance", "us-japan-alliance"), ("Japan's defence", "japans-defence"),
    ("Ünïcödé", "unicode"), ("安全保障", "anquanbaozhang"),
])
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug and is_slug(slug)


def test_slug_falls_back_to_a_stable_hash() -> None:
    assert slugify("!!!") == slugify("!!!") and slugify("!!!").startswith("h-")


def test_slug_from_filename_drops_the_date() -> None:
    assert slug_from_filename("2017-02-04-japan-hopes") == "japan-hopes"
    assert slug_from_filename("Odd Name") == "odd-name"


def test_dates_in_the_site_zone() -> None:
    tokyo = ZoneInfo("Asia/Tokyo")
    assert parse_date("2017-02-04", tokyo).isoformat() == "2017-02-04T00:00:00+09:00"
    moment = parse_date("2017-02-04T23:30:00-05:00", tokyo)
    assert moment.astimezone(tokyo).day == 5
    assert parse_date("2017-02-30", UTC) is None
    assert parse_date("4 February 2017", UTC) is None


def test_front_matter_lines_and_problems() -> None:
    text = "---\ntitle: 1\ndate: nope\ntags: [a, {b: c}]\n---\nBody\n"
    parts, problems = split("a.md", text)
    assert parts is not None and not problems and parts.body == "Body\n"
    fields = Fields("a.md", parts)
    assert fields.text("title") == "1"
    assert fields.moment("date", UTC) is None
    assert fields.texts("tags") == ("a",)
    assert [(p.line, p.field) for p in fields.problems] == [(3, "date"), (4, "tags[1]")]


@pytest.mark.parametrize(("text", "message"), [
    ("no fence\n", "missing"), ("---\ntitle: x\n", "not closed"),
    ("---\n- a\n---\n", "expected a mapping"), ("---\ntitle: [x\n---\n", "invalid YAML"),
])
def test_broken_front_matter(text: str, message: str) -> None:
    parts, problems = split("a.md", text)
    assert parts is None and message in problems[0].message


def test_config_types_and_unknown_keys() -> None:
    config, warnings = parse_config("title: T\nbase_url: https://x.org/sub\nextra: 1\n", Path("."))
    assert config.base_path == "/sub/" and config.base_url == "https://x.org/sub/"
    assert [(w.field, w.severity) for w in warnings] == [("extra", "warning")]
    with pytest.raises(ConfigError) as failure:
        parse_config("extra: 1\n", Path("."), strict=True)
    assert failure.value.diagnostics[0].field == "extra"
    with pytest.raises(ConfigError) as failure:
        parse_config("entities:\n  link: sometimes\narticles:\n  full_text: yes please\n"
                     "timezone: Mars/Base\n", Path("."))
    assert [(d.line, d.field) for d in failure.value.diagnostics] == [
        (2, "entities.link"), (4, "articles.full_text"), (5, "timezone")]


def test_a_path_only_base_url_warns_that_absolute_addresses_are_guessed() -> None:
    _, warnings = parse_config("title: T\nbase_url: /docs/sub\n", Path("."))
    assert [(w.line, w.field) for w in warnings] == [(2, "base_url")]
    assert "http://localhost" in warnings[0].message
    for fine in ("base_url: /\n", "base_url: https://x.org/docs/\n", ""):
        assert parse_config("title: T\n" + fine, Path("."))[1] == ()


def test_a_key_given_twice_is_a_warning_at_the_one_yaml_keeps() -> None:
    from dossier.content.frontmatter import Fields, split
    parts, _ = split("a.md", "---\ntitle: One\ndate: 2021-01-01\ntitle: Two\n---\nx\n")
    assert parts is not None
    fields = Fields("a.md", parts)
    assert fields.text("title") == "Two"
    assert [(p.line, p.field, p.severity) for p in fields.problems] == [(4, "title", "warning")]
    assert "line 2" in fields.problems[0].message


def test_base_url_path_is_percent_encoded_once() -> None:
    config, _ = parse_config("title: T\nbase_url: https://e.org/my dossiers/ü\n", Path("."))
    assert config.base_url == "https://e.org/my%20dossiers/%C3%BC/"
    assert config.base_path == "/my%20dossiers/%C3%BC/"
    config, _ = parse_config("title: T\nbase_url: https://e.org/a%20b/\n", Path("."))
    assert config.base_path == "/a%20b/"
