"""Pure parts of the article page (issue 16): typography of plain text, which mentions
become links, link modes in config.yaml and in an entity's front matter."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.config import parse_config
from dossier.content.body import parse_body
from dossier.content.markdown import make_markdown
from dossier.content.readers import ParseSettings, parse_article, read_entity
from dossier.content.typography import typeset
from dossier.errors import ConfigError
from dossier.linking.mentions import EntityLink, choose_links

MD = make_markdown()


@pytest.mark.parametrize(("text", "shown"), [
    ("Japan's \"new\" plan", "Japan’s “new” plan"),
    ("Mattis' visit -- and more --- later...", "Mattis’ visit – and more — later…"),
    ("'single' quotes", "‘single’ quotes"),
    ("US-Japan talks", "US-Japan talks"),                # a hyphen stays a hyphen
    ("*not* <b>markup</b> &amp; `code`", "*not* <b>markup</b> &amp; `code`"),  # not Markdown
    ("", ""),
])
def test_typeset_is_the_bodys_typography_on_plain_text(text: str, shown: str) -> None:
    assert typeset(text, MD) == shown


def test_typeset_matches_what_the_body_renders() -> None:
    text = "Kim's \"offer\" -- a 'test'..."
    body = parse_body(MD, text, "/", 0)
    assert typeset(text, MD) == body.first_paragraph


def test_an_articles_title_summary_and_caption_are_typeset() -> None:
    raw = (b"---\ntitle: \"Abe's visit\"\ndate: 2020-01-01\nsummary: It was \"fine\" -- "
           b"mostly.\nimage: {caption: \"Abe's car\", credit: X}\n---\nBody.\n")
    parsed, problems = parse_article("content/articles/a.md", raw, ParseSettings())
    assert problems == []
    assert parsed.title == "Abe’s visit"
    assert parsed.summary == "It was “fine” – mostly."
    assert parsed.image.caption == "Abe’s car"


def _links(*entities: str) -> list[EntityLink]:
    return [EntityLink(i, 0, 1, e) for i, e in enumerate(entities)]


def test_choose_links_follows_each_entitys_mode() -> None:
    links = _links("a", "b", "c", "a", "b", "c", "a")
    modes = {"a": "first", "b": "all", "c": "none"}
    chosen = choose_links(links, modes.__getitem__)
    assert [(link.run, link.entity) for link in chosen] == [(0, "a"), (1, "b"), (4, "b")]


def test_choose_links_first_means_once_per_article_and_counts_hand_links() -> None:
    links = _links("a", "a", "b")
    assert [link.entity for link in choose_links(links, lambda _: "first")] == ["a", "b"]
    assert [link.entity for link in choose_links(links, lambda _: "first", {"a"})] == ["b"]


def test_link_modes_in_config_kind_then_entity() -> None:
    config, warnings = parse_config(
        "entities:\n  link: first\n  link_by_kind:\n    place: none\n    document: all\n",
        Path("."))
    assert warnings == ()
    assert config.link_mode("place") == "none"
    assert config.link_mode("document") == "all"
    assert config.link_mode("person") == "first"
    assert config.link_mode("place", "first") == "first"   # the entity's own wins
    assert parse_config("title: T\n", Path("."))[0].link_mode("place") == "first"


def test_link_modes_in_config_are_read_in_any_case_as_an_entitys_are() -> None:
    config, _ = parse_config("entities:\n  link: All\n  link_by_kind:\n    place: NONE\n",
                             Path("."))
    assert (config.link_mode("person"), config.link_mode("place")) == ("all", "none")


def test_a_bad_link_mode_in_config_is_an_error_at_its_line() -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config("title: T\nentities:\n  link_by_kind:\n    place: sometimes\n", Path("."))
    assert [d.format() for d in caught.value.diagnostics] == [
        "config.yaml:4: entities.link_by_kind.place: got 'sometimes', expected one of first, "
        "all, none"]
    with pytest.raises(ConfigError):
        parse_config("entities:\n  link_by_kind: none\n", Path("."))


def test_an_unknown_kind_is_reported_with_the_kinds() -> None:
    config, warnings = parse_config("entities:\n  link_by_kind:\n    palce: none\n", Path("."))
    assert config.entity_link_by_kind == {}
    (warning,) = warnings
    assert warning.format().startswith("config.yaml:3: entities.link_by_kind.palce: unknown "
                                   "setting, ignored: expected a kind, one of person,")


def _entity(front: str):  # type: ignore[no-untyped-def]
    return read_entity("content/entities/x.md", f"---\nname: X\n{front}---\n".encode(), MD, "/")


@pytest.mark.parametrize("value", ["none", "first", "all", "None", " all "])
def test_an_entitys_link_is_read(value: str) -> None:
    entity, problems = _entity(f"kind: place\nlink: {value}\n")
    assert problems == [] and entity.link == value.strip().lower()
    assert "link" not in entity.params


def test_an_entity_without_link_takes_its_kinds() -> None:
    entity, problems = _entity("kind: place\n")
    assert problems == [] and entity.link is None


@pytest.mark.parametrize(("value", "got", "hint"), [
    ("sometimes", "'sometimes'", ""),
    ("{wikipedia: x}", "a mapping", " (external links go under links:)"),
    ("no", "false", "")])
def test_a_bad_link_in_an_entity_is_an_error_at_its_line(value: str, got: str,
                                                         hint: str) -> None:
    entity, problems = _entity(f"kind: place\nlink: {value}\n")
    assert entity is None
    (problem,) = problems
    assert problem.format() == (
        f"content/entities/x.md:4: link: got {got}, expected one of first, all, none: "
        f"first links its first mention in each article, all every mention, none no "
        f"mention{hint}")
