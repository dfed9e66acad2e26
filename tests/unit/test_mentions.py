"""The contract's mention rules, on the matcher and on the token walk."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.content.body import parse_body
from dossier.content.markdown import make_markdown
from dossier.linking.mentions import (
    Linked,
    assemble,
    build_alias_table,
    find_mentions,
    sentence_around,
)
from dossier.model import Entity


def entity(slug: str, name: str, *aliases: str) -> Entity:
    return Entity(f"content/entities/{slug}.md", slug, name, "person", aliases, f"About {name}",
                  {}, "", {}, {})


TABLE = build_alias_table([
    entity("south-korea", "South Korea"),
    entity("korea", "Korea"),
    entity("jim-mattis", "Jim Mattis", "Mattis", "James Mattis"),
    entity("james", "James"),
    entity("shinzo-abe", "Shinzo Abe", "Abe", "安倍晋三"),
    entity("washington-dc", "Washington, D.C.", "Washington"),
    entity("us-government", "US government", "Washington"),
])


def found(text: str) -> list[tuple[str, str]]:
    return [(text[h.start:h.end], "|".join(h.owners)) for h in TABLE.scan(text)]


@pytest.mark.parametrize("text", [
    "Mattis's plan", "Mattis’s plan", "Mattis' plan", "Mattis’ plan", "(Mattis)", "Mattis.",
])
def test_possessives_and_punctuation_still_count(text: str) -> None:
    assert found(text) == [("Mattis", "jim-mattis")]


def test_bare_apostrophe_after_s() -> None:
    assert found("James' dog and James’ cat") == [("James", "james"), ("James", "james")]


def test_longest_match_wins_and_south_korean_is_not_south_korea() -> None:
    assert found("South Korea and Korea") == [("South Korea", "south-korea"), ("Korea", "korea")]
    assert found("South Korean officials and Korean food") == []
    assert found("James Mattis spoke") == [("James Mattis", "jim-mattis")]


def test_case_sensitive_whole_words() -> None:
    assert found("mattis and Mattisse and AMattis and abe and Abed") == []


def test_cjk_aliases_match_without_word_boundaries() -> None:
    assert found("安倍晋三首相は述べた") == [("安倍晋三", "shinzo-abe")]


def test_shared_alias_keeps_both_owners() -> None:
    assert found("in Washington today") == [("Washington", "us-government|washington-dc")]


def link(body: str, mode: str = "first", explicit: tuple[str, ...] = (),
         table=TABLE) -> tuple[Linked, str]:
    parsed = parse_body(make_markdown(), body, "/", 0)
    result = find_mentions(parsed, table, explicit=explicit, link_mode=mode)
    html = assemble(parsed.html, parsed, result.links, lambda s: f"/entities/{s}/",
                    {"jim-mattis": "Defence"})
    return result, html


def test_first_mention_is_linked_and_every_mention_counts() -> None:
    result, html = link("Jim Mattis came. Mattis spoke.\n\nMattis left.")
    assert html.count('class="entity"') == 1
    assert ('<a class="entity" data-entity="jim-mattis" href="/entities/jim-mattis/" '
            'title="Defence">Jim Mattis</a>') in html
    assert [m.entity for m in result.mentions] == ["jim-mattis"] * 3
    assert [m.line for m in result.mentions] == [1, 1, 3]


def test_link_all_and_none() -> None:
    assert link("Mattis and Mattis", "all")[1].count('class="entity"') == 2
    result, html = link("Mattis and Mattis", "none")
    assert "<a" not in html and len(result.mentions) == 2


def test_code_links_headings_and_raw_html_are_never_mentions() -> None:
    body = ("## Mattis heading\n\n`Mattis` and [Mattis](https://x.org/) and "
            "<a href=\"https://x.org/\">Abe</a> and <code>Abe</code>\n\n```\nMattis\n```\n\n"
            "    Abe indented\n")
    result, html = link(body)
    assert result.mentions == ()
    assert 'class="entity"' not in html


def test_link_is_never_nested_in_markup() -> None:
    _, html = link("*Jim Mattis* and **Abe**")
    assert "<em><a class=\"entity\" data-entity=\"jim-mattis\"" in html
    assert "<strong><a class=\"entity\" data-entity=\"shinzo-abe\"" in html


def test_mention_across_a_line_break() -> None:
    result, html = link("Jim\nMattis spoke")
    assert [m.entity for m in result.mentions] == ["jim-mattis"]
    assert 'data-entity="jim-mattis"' in html


def test_ambiguous_alias_is_neither_linked_nor_counted_unless_named() -> None:
    result, html = link("Officials in Washington said.")
    assert result.mentions == () and "<a" not in html
    assert [(a.alias, a.candidates) for a in result.ambiguities] == [
        ("Washington", ("us-government", "washington-dc"))]
    result, html = link("Officials in Washington said.", explicit=("washington-dc",))
    assert [m.entity for m in result.mentions] == ["washington-dc"]
    assert 'data-entity="washington-dc"' in html and not result.ambiguities


def test_context_is_the_sentence_of_the_mention() -> None:
    result, _ = link("U.S. officials met. Then Mattis spoke to Gen. Smith at length. Later more.")
    assert result.mentions[0].context == "Then Mattis spoke to Gen. Smith at length."


def test_sentence_around_limits_long_text() -> None:
    text = "word " * 200 + "Mattis " + "word " * 200
    sentence = sentence_around(text, 1000, 1006)
    assert "Mattis" in sentence and len(sentence) <= 330


def test_no_entities_means_no_matches(tmp_path: Path) -> None:
    empty = build_alias_table([])
    assert empty.scan("Mattis") == []


APOSTROPHES = build_alias_table([entity("obrien", "Pat O'Brien", "O'Brien"),
                                 entity("oneill", "O’Neill")])


def test_names_match_with_either_apostrophe() -> None:
    text = "Pat O’Brien came. O'Brien’s cat. O’Neill and O'Neill."
    assert [(text[h.start:h.end], h.owners) for h in APOSTROPHES.scan(text)] == [
        ("Pat O’Brien", ("obrien",)), ("O'Brien", ("obrien",)), ("O’Neill", ("oneill",)),
        ("O'Neill", ("oneill",))]


def test_name_with_straight_apostrophe_is_found_after_the_typographer() -> None:
    # the typographer makes it O’Brien
    result, _ = link("Pat O'Brien spoke.", table=APOSTROPHES)
    assert [m.entity for m in result.mentions] == ["obrien"]


def test_name_wrapped_over_two_source_lines_is_one_mention() -> None:
    result, html = link("Officials from South\nKorea met James\nMattis.")
    assert [m.entity for m in result.mentions] == ["south-korea", "jim-mattis"]
    assert 'href="/entities/south-korea/">South\nKorea</a>' in html


def test_latin_name_next_to_japanese_text_is_a_whole_word() -> None:
    assert found("Abeは来た。今日Mattisが来た。") == [("Abe", "shinzo-abe"),
                                                   ("Mattis", "jim-mattis")]
    assert found("Abedは来た") == []


@pytest.mark.parametrize("text", [
    "see https://example.com/Mattis now", "www.Mattis.gov", "desk@Mattis.org",
    "Mattis.com/news", "example.com/Mattis",
])
def test_names_inside_bare_addresses_are_not_mentions(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize("text", ["Mattis/Abe talks", "Mattis.", "Mattis: no", "U.S./Mattis"])
def test_names_beside_slashes_and_stops_in_prose_still_count(text: str) -> None:
    assert ("Mattis", "jim-mattis") in found(text)


def test_one_ambiguity_report_per_alias_and_line() -> None:
    result, _ = link("Washington and Washington again.\n\nWashington.")
    assert [(a.alias, a.line) for a in result.ambiguities] == [("Washington", 1),
                                                               ("Washington", 3)]
