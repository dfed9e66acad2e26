"""Per-file and site-wide silent-mistake checks, as pure functions."""

from __future__ import annotations

from dossier.content.checks import folder_of, near_key
from dossier.linking.lint import spelling_variant
from dossier.spelling import did_you_mean, edit_distance

ARTICLE_KEYS = ("title", "date", "tags", "dossiers", "summary", "aliases", "full_text")


def test_near_keys_are_one_small_edit_away() -> None:
    assert near_key("tag", ARTICLE_KEYS) == "tags"
    assert near_key("dossier", ARTICLE_KEYS) == "dossiers"
    assert near_key("titel", ARTICLE_KEYS) == "title"         # letters swapped
    assert near_key("Summary", ARTICLE_KEYS) == "summary"
    assert near_key("full-text", ARTICLE_KEYS) == "full_text"
    assert near_key("alias", ARTICLE_KEYS) == "aliases"       # cut short
    assert near_key("sponsor", ARTICLE_KEYS) is None          # a template param
    assert near_key("tags", ARTICLE_KEYS) is None
    assert near_key("ta", ARTICLE_KEYS) is None


def test_edit_distance_and_folders() -> None:
    assert edit_distance("kitten", "sitting") == 3
    assert edit_distance("ab", "ba") == 1
    assert folder_of("content/articles/2017/x.md") == "articles"
    assert folder_of("config.yaml") == ""


def test_keyword_spelling_variants() -> None:
    assert spelling_variant("denuclearisation", "denuclearization")
    assert spelling_variant("US–Japan alliance", "US-Japan alliance")
    assert spelling_variant("Japan-US alliance", "US-Japan alliance")
    assert not spelling_variant("Camp David", "Korean Peninsula")


def test_did_you_mean() -> None:
    assert did_you_mean("north-koera", ["north-korea", "south-korea", "japan"] * 5) == \
        "did you mean north-korea or south-korea?"
    assert did_you_mean("mattis", ["jim-mattis", "china"]) == "did you mean jim-mattis?"
    assert did_you_mean("zzz", ["a1", "b2"]) == "expected one of: a1, b2"
    assert did_you_mean("zzz", [f"e{i}" for i in range(50)]).startswith("no slug among")
