"""The diagnostics printer: repeated warnings grouped, errors never, --verbose all."""

from __future__ import annotations

from dossier.diagnostics import format_lines
from dossier.errors import error, warning

AMBIGUOUS = ("“Dr. Tang” could be tao-tang or wei-tang: not linked; "
             "name one of them in entities: to decide")


def test_repeated_ambiguity_is_one_line_with_counts_places_and_fix() -> None:
    found = [warning(f"a{i % 4}.md", i, "body", AMBIGUOUS) for i in range(1, 11)]
    lines = format_lines(found)
    assert len(lines) == 1
    line = lines[0]
    assert line.startswith("a1.md:1: body: “Dr. Tang” could be tao-tang or wei-tang")
    assert "10 mentions in 4 articles" in line
    assert "also a2.md:2, a3.md:3, a0.md:4 and 6 more" in line
    assert "fix: name one of them in entities:" in line and "--verbose" in line


def test_verbose_lists_every_place_and_errors_are_never_grouped() -> None:
    found = [warning("a.md", i, "body", AMBIGUOUS) for i in range(1, 6)]
    errors = [error("b.md", i, "date", "missing, this field is required") for i in (1, 2)]
    assert len(format_lines(found, verbose=True)) == 5
    lines = format_lines([*errors, *found])
    assert lines[:2] == [e.format() for e in errors]
    assert len(lines) == 3


def test_kinds_group_across_subjects_single_warnings_stay_as_they_were() -> None:
    never = [warning(f"content/entities/{s}.md", 2, "name",
                     f"entity {s!r} is never mentioned in any article") for s in "abcde"]
    lone = warning("x.md", 3, "image", "no alt text: describe the image")
    lines = format_lines([*never, lone])
    assert len(lines) == 2
    assert "[5 entities; also content/entities/b.md:2" in lines[0]
    assert lines[1] == lone.format()
    other_aliases = [warning("a.md", 1, "body", AMBIGUOUS),
                     warning("a.md", 2, "body", AMBIGUOUS.replace("Tang", "Nam"))]
    assert len(format_lines(other_aliases)) == 2
