"""Entity and dossier lists as readers see them: sort names, roles, other names, the
ranking of "Who and what" and "Often mentioned with", language names."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from dossier.content.markdown import make_markdown
from dossier.content.readers import read_entity
from dossier.content.roles import context_label, held_on
from dossier.content.sortnames import family_name_first, index_letter, person_sort_name
from dossier.linking.link import _characteristic, _partners, wilson_lower
from dossier.model import Entity, Role
from dossier.site.viewmodel import language_name, other_names

# --- sort names ----------------------------------------------------------------------


@pytest.mark.parametrize(("name", "key"), [
    ("Shinzo Abe", "Abe Shinzo"),
    ("Jim Mattis", "Mattis Jim"),
    ("Ludwig van Beethoven", "Beethoven Ludwig van"),
    ("Ursula von der Leyen", "Leyen Ursula von der"),
    ("Martin Luther King Jr.", "King Martin Luther"),
    ("Madonna", "Madonna"),
    ("Kim Jong Un", "Kim Jong Un"),            # family name first: kept
    ("Moon Jae-in", "Moon Jae-in"),
    ("Yoon Suk Yeol", "Yoon Suk Yeol"),
    ("Xi Jinping", "Xi Jinping"),
    ("Lee Hsien Loong", "Lee Hsien Loong"),
    ("安倍晋三", "安倍晋三"),
    ("Kim Kardashian", "Kardashian Kim"),       # a Western name that starts with Kim
    ("Lee Harvey Oswald", "Oswald Lee Harvey"),
])
def test_people_sort_by_family_name(name: str, key: str) -> None:
    assert person_sort_name(name) == key


def test_family_name_first_needs_a_short_romanised_given_name() -> None:
    assert family_name_first("Park Chung-hee")
    assert not family_name_first("Kim Basinger")
    assert not family_name_first("Moon")            # one word: nothing to tell


def test_index_letters_set_script_and_accents_aside() -> None:
    assert index_letter("Ōno Yoshinori") == "O"
    assert index_letter("2022 summit") == "#"


def _entity(front: str) -> tuple[Entity | None, list]:
    raw = f"---\n{front}---\nProfile.\n".encode()
    return read_entity("content/entities/x.md", raw, make_markdown(), "/")


def test_an_entity_sorts_by_its_sort_name_or_by_kind() -> None:
    person, _ = _entity("name: Shinzo Abe\nkind: person\n")
    assert person is not None and person.sort_name == "Abe Shinzo"
    place, _ = _entity("name: South Korea\nkind: place\n")
    assert place is not None and place.sort_name == "South Korea"
    chosen, _ = _entity("name: Fumio Kishida\nkind: person\nsort_name: Kishida Fumio\n")
    assert chosen is not None and chosen.sort_name == "Kishida Fumio"


# --- roles ---------------------------------------------------------------------------

GOOD_ROLES = """name: Shinzo Abe
kind: person
roles:
  - {title: Prime Minister of Japan, from: 2012-12-26, to: 2020-09-16}
  - {title: Prime Minister of Japan, from: 2006-09, to: 2007}
  - Member of the House of Representatives
  - {title: Party leader, from: 2012}
"""


def test_roles_are_read_oldest_first() -> None:
    entity, problems = _entity(GOOD_ROLES)
    assert problems == []
    assert entity is not None
    assert entity.roles == (
        Role("Prime Minister of Japan", "2006-09", "2007"),
        Role("Party leader", "2012"),
        Role("Prime Minister of Japan", "2012-12-26", "2020-09-16"),
        Role("Member of the House of Representatives"))


@pytest.mark.parametrize(("day", "label"), [
    (date(2017, 2, 4), "Party leader and then-Prime Minister of Japan"),   # oldest first
    (date(2012, 12, 25), "Party leader"),                  # the day before the office
    (date(2006, 9, 1), "then-Prime Minister of Japan"),    # "2006-09": the whole month
    (date(2007, 12, 31), "then-Prime Minister of Japan"),  # "to: 2007": the whole year
    (date(2008, 1, 1), ""),
])
def test_the_role_held_on_a_day(day: date, label: str) -> None:
    entity, _ = _entity(GOOD_ROLES)
    assert entity is not None
    assert context_label(entity.roles, day) == label


def test_a_role_without_dates_is_never_said_of_a_day() -> None:
    assert held_on((Role("Senator"),), date(2020, 1, 1)) == ()


@pytest.mark.parametrize(("roles", "field", "words"), [
    ("roles: Prime Minister\n", "roles", "expected a list"),
    ("roles:\n  - [a, b]\n", "roles[0]", "expected a role"),
    ("roles:\n  - {from: 2012}\n", "roles[0]", "missing, expected the role's title"),
    ("roles:\n  - {title: PM, from: 2012-13}\n", "roles[0].from", "no month 13"),
    ("roles:\n  - {title: PM, to: 2019-02-30}\n", "roles[0].to", "February has 28 days"),
    ("roles:\n  - {title: PM, from: soon}\n", "roles[0].from", "cannot read 'soon'"),
    ("roles:\n  - {title: PM, from: 2020, to: 2019}\n", "roles[0].to", "before from"),
    ("roles:\n  - {title: PM}\n  - {title: FM, form: 2012}\n", "roles[1].form",
     "did you mean from:?"),
])
def test_bad_roles_are_errors_at_their_line(roles: str, field: str, words: str) -> None:
    entity, problems = _entity(f"name: X\nkind: person\n{roles}")
    assert entity is None
    errors = [p for p in problems if p.severity == "error"]
    assert [p.field for p in errors] == [field]
    assert words in errors[0].message
    line = 4 if field == "roles" else 5 + int(field[6])   # the file line of that role
    assert errors[0].line == line


# --- other names ---------------------------------------------------------------------

def test_also_known_as_hides_the_parts_of_the_name() -> None:
    entity, _ = _entity("name: Jim Mattis\nkind: person\n"
                        "aliases: [James Mattis, Mattis, Jim, Mad Dog Mattis]\n")
    assert entity is not None
    assert [n.name for n in other_names(entity)] == ["James Mattis", "Mad Dog Mattis"]


def test_also_known_as_may_be_chosen_and_knows_its_script() -> None:
    entity, _ = _entity("name: Senkaku Islands\nkind: place\n"
                        "aliases: [Senkakus, Diaoyu, せんかく]\n"
                        "also_known_as: [Diaoyu Islands, せんかく]\n")
    assert entity is not None
    assert entity.aliases == ("Senkakus", "Diaoyu", "せんかく")   # still matched
    assert [(n.name, n.lang) for n in other_names(entity)] == [
        ("Diaoyu Islands", ""), ("せんかく", "ja")]
    none, _ = _entity("name: X\naliases: [Y]\nalso_known_as: []\n")
    assert none is not None and other_names(none) == ()


# --- rankings ------------------------------------------------------------------------

SLUGS = ("common", "exclusive", "once", "pair", "rare")


def test_who_and_what_ranks_by_share_counted_cautiously() -> None:
    # articles in the dossier, on the site, mentions in the dossier
    here = np.array([6, 5, 1, 2, 2, 0], dtype=np.float32)
    sizes = np.array([8, 5, 1, 2, 20, 3], dtype=np.float32)
    mentions = np.array([30, 9, 4, 2, 2, 0], dtype=np.float32)
    rows = _characteristic(here, sizes, mentions, (*SLUGS, "absent"), 12)
    # 5 of 5 before 6 of 8 before 2 of 2 (fewer, so less sure) before 2 of 20; the
    # single article, though 1 of 1 (a better share than 2 of 20), comes last; an
    # entity not in the dossier is not listed
    assert rows == (("exclusive", 5, 5), ("common", 6, 8), ("pair", 2, 2), ("rare", 2, 20),
                    ("once", 1, 1))


def test_wilson_lower_bound_is_cautious_with_few() -> None:
    low = wilson_lower(np.array([1.0, 5.0, 40.0]), np.array([1.0, 5.0, 50.0]))
    assert low[0] < low[1] < 1 and low[2] > low[1]


def test_often_mentioned_with_separates_what_counts_tie() -> None:
    # entity 0 has 4 articles; it shares 1 with each of the others
    co_row = np.array([0, 1, 1, 1, 3], dtype=np.float32)
    sizes = np.array([4, 1, 9, 3, 6], dtype=np.float32)
    rows = _partners(co_row, sizes, 0, SLUGS, 12)
    # Jaccard: rare 3/7, exclusive 1/4, pair 1/6, once 1/12
    assert rows == (("rare", 3, 7), ("exclusive", 1, 4), ("pair", 1, 6), ("once", 1, 12))


# --- language names ------------------------------------------------------------------

def test_language_names_in_the_sites_language() -> None:
    assert language_name("ja", "en") == "Japanese"
    assert language_name("zh-Hant", "en") == "Chinese (Traditional)"
    assert language_name("ja", "fr") == "Japonais"
    assert language_name("en-GB", "en") == ""
    assert language_name("en", "en") == ""
    assert language_name("xx", "en") == "xx"
