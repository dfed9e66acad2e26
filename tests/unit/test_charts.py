"""The chart functions: pure, deterministic, accessible markup."""

from __future__ import annotations

import itertools
import unicodedata
import xml.etree.ElementTree as ET

from dossier.output import charts
from dossier.output.charts import Bin, Node

SVG = "{http://www.w3.org/2000/svg}"


def parse(markup: str) -> ET.Element:
    return ET.fromstring(markup)


def test_months_are_filled_and_long_spans_go_by_year() -> None:
    rows = [(2020, 11, 2), (2021, 2, 5)]
    assert charts.fill_months(rows) == [(2020, 11, 2), (2020, 12, 0), (2021, 1, 0),
                                        (2021, 2, 5)]
    months = charts.bins(rows)
    assert (months[0].year, months[0].month, months[0].count) == (2020, 11, 2)
    long = charts.bins([(2000, 1, 1), (2010, 6, 3), (2010, 7, 1)])
    assert (long[0].year, long[0].month, long[0].count) == (2000, 0, 1)
    assert long[-1] == Bin(2010, 0, 4)
    assert len(long) == 11


def test_a_linked_timeline_is_a_group_whose_bars_are_links() -> None:
    items = charts.bins([(2024, 1, 3), (2024, 3, 9)], lambda y, m: f"/d/x/#m{y}-{m:02d}")
    root = parse(charts.timeline(items, "c", "Coverage <&>", ("article", "articles")))
    assert root.get("role") == "group" and root.get("aria-labelledby") == "c-t"
    assert root.find(f"{SVG}title").text == "Coverage <&>"
    assert "9 articles" in root.find(f"{SVG}desc").text
    links = root.findall(f"{SVG}a")
    # the empty month in between is drawn but leads nowhere
    assert [a.get("href") for a in links] == ["/d/x/#m2024-01", "/d/x/#m2024-03"]
    assert [a.get("aria-label") for a in links] == ["January 2024: 3 articles",
                                                    "March 2024: 9 articles"]


def test_an_unlinked_timeline_is_an_image_and_marks_the_busiest_bars() -> None:
    items = charts.bins([(2024, m, c) for m, c in [(1, 1), (2, 8), (3, 2), (4, 7), (5, 6)]])
    markup = charts.timeline(items, "c", "T", ("article", "articles"))
    root = parse(markup)
    assert root.get("role") == "img" and not root.findall(f"{SVG}a")
    marked = [r for r in root.iter(f"{SVG}rect") if "chart__bar--marked" in r.get("class", "")]
    assert len(marked) == charts.MARKED
    assert "Most: February 2024 (8 articles); April 2024 (7 articles)" in markup


def test_sparkline_is_an_image_with_a_description() -> None:
    root = parse(charts.sparkline(charts.bins([(2024, 1, 1), (2024, 2, 4)]), "s", "S",
                                  ("article", "articles")))
    assert root.get("role") == "img"
    assert "most in February 2024 (4 articles)" in root.find(f"{SVG}desc").text


NODES = [Node("a", "Alpha", "person", 9, "/entities/a/"),
         Node("b", "Beta & Co", "organization", 4, "/entities/b/"),
         Node("c", "Gamma", "place", 2, "/entities/c/"),
         Node("d", "Delta", "place", 1, "/entities/d/")]
EDGES = [("a", "b", 3), ("a", "c", 2), ("b", "c", 1), ("c", "d", 1)]


def test_layout_is_the_same_whatever_the_order_of_its_input() -> None:
    one = charts.layout([n.slug for n in NODES], EDGES)
    two = charts.layout([n.slug for n in reversed(NODES)], list(reversed(EDGES)))
    assert one == two
    assert all(-1 <= x <= 1 and -1 <= y <= 1 for x, y in one.values())
    ego = charts.layout(["a", "b", "c"], EDGES[:3], center="a")
    assert ego["a"] == (0.0, 0.0)


def test_layout_memo_lays_out_a_graph_once() -> None:
    memo = charts.LayoutMemo()
    first = memo(["a", "b"], [("a", "b", 1)])
    assert memo(["b", "a"], [("a", "b", 1)]) is first
    assert memo(["a", "b", "c"], [("a", "b", 1)]) is not first


def test_network_links_every_node_but_the_centre() -> None:
    markup = charts.network(NODES, EDGES, "n", "Net", ("mention", "mentions"),
                            href=lambda u: "/base" + u, center="a")
    assert markup == charts.network(NODES, EDGES, "n", "Net", ("mention", "mentions"),
                                    href=lambda u: "/base" + u, center="a")
    root = parse(markup)
    assert root.get("role") == "group"
    hrefs = sorted(a.get("href") for a in root.iter(f"{SVG}a"))
    assert hrefs == ["/base/entities/b/", "/base/entities/c/", "/base/entities/d/"]
    labels = {t.text for t in root.iter(f"{SVG}text")}
    assert {"Alpha", "Beta & Co", "Gamma", "Delta"} <= labels
    assert len(root.findall(f"{SVG}g/{SVG}line")) == len(EDGES)
    names = [a.find(f"{SVG}title").text for a in root.iter(f"{SVG}a")]
    assert "Beta & Co: 4 mentions" in names


def test_a_network_of_one_is_not_drawn() -> None:
    assert charts.network(NODES[:1], [], "n", "Net", ("mention", "mentions")) == ""


def _counts(*counts: int) -> list[Bin]:
    return [Bin(2020 + i // 12, i % 12 + 1, c) for i, c in enumerate(counts)]


def test_a_mark_always_singles_something_out() -> None:
    assert charts._marked(_counts(5, 1)) == {0}
    assert charts._marked(_counts(1, 1)) == set()          # flat: nothing to single out
    assert charts._marked(_counts(1, 1, 1)) == set()
    assert charts._marked(_counts(10, 10, 10, 10, 2)) == set()   # four tied at the top
    assert charts._marked(_counts(9, 5, 5, 5, 1)) == {0}
    assert charts._marked(_counts(0, 4, 0, 4, 2)) == {1, 3}
    assert charts._marked(_counts(3)) == set()


def test_a_description_names_the_peak_even_when_nothing_is_marked() -> None:
    flat = charts.timeline(_counts(10, 10, 10, 10, 2), "c", "T", ("article", "articles"))
    assert "Most, 10 articles each: January 2020, February 2020" in flat
    assert "Most: ." not in flat
    one = charts.timeline(_counts(1200), "c", "T", ("article", "articles"))
    assert "1,200 articles in January 2020." in one


def _axis_labels(markup: str) -> list[tuple[float, float, str]]:
    root = parse(markup)
    return [(float(t.get("x")), float(t.get("y")), t.text or "")
            for t in root.iter(f"{SVG}text") if t.get("class") == "chart__axis"
            and t.get("text-anchor") != "end"]


def test_time_axis_labels_never_sit_on_each_other() -> None:
    # December 2019 to March 2023: the first label must not run into "2020"
    rows = [(2019, 12, 1), (2023, 3, 2)]
    labels = _axis_labels(charts.timeline(charts.bins(rows), "c", "T", ("a", "as")))
    for (x1, y1, t1), (x2, y2, _) in itertools.pairwise(labels):
        assert y1 != y2 or x2 - x1 >= len(t1) * charts.CHAR_W * 11 / 12, labels


def test_a_short_span_names_every_month() -> None:
    rows = [(2023, m, m) for m in range(1, 7)]
    labels = [t for _, _, t in _axis_labels(charts.timeline(charts.bins(rows), "c", "T",
                                                            ("a", "as")))]
    assert labels == ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "2023"]


def test_network_labels_fit_and_keep_clear_of_each_other() -> None:
    names = ["Ministry of Defense (Japan)", "United States", "China", "Japan",
             "Brismere Rail Corporation", "Senkaku Islands", "China Coast Guard",
             *(f"Prefectural Assembly {n}" for n in range(9))]
    nodes = [Node(f"n{i}", name, "organization", 30 - i, f"/entities/n{i}/")
             for i, name in enumerate(names)]
    edges = [(f"n{i}", f"n{j}", 1 + (i + j) % 4) for i in range(len(names))
             for j in range(i + 1, len(names))]
    root = parse(charts.network(nodes, edges, "n", "T", ("mention", "mentions")))
    boxes = []
    for text in root.iter(f"{SVG}text"):
        x, y, w = float(text.get("x")), float(text.get("y")), charts.label_width(text.text)
        anchor = text.get("text-anchor")
        x0 = x if anchor == "start" else x - w if anchor == "end" else x - w / 2
        boxes.append((x0, y - 10, x0 + w, y + 2))
        assert len(text.text) <= charts.LABEL_CHARS
    assert all(b[0] >= 0 and b[2] <= 720 and b[1] >= 0 and b[3] <= 440 for b in boxes), boxes
    assert not [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                if charts._overlap(a, b)]


def test_wide_labels_fit_too() -> None:
    """Chinese and Japanese names are a whole em a character: measured as Latin
    letters, 习近平 at the left edge of an entity's ring was cut (seen as "]近平")."""
    names = ["习近平", "王毅", "日本", "安全保障関連法", "Lone Committee", "北朝鮮の核"]
    nodes = [Node(f"n{i}", name, "person", 9 - i, f"/entities/n{i}/")
             for i, name in enumerate(names)]
    edges = [(f"n{i}", f"n{j}", 1) for i in range(len(names)) for j in range(i + 1, len(names))]
    def drawn_width(text: str) -> float:      # as a browser draws 12px text
        return sum(12 if unicodedata.east_asian_width(ch) in "WF" else charts.CHAR_W
                   for ch in text)

    assert charts.label_width("习近平") == drawn_width("习近平") == 36
    for center in ("", "n4"):
        root = parse(charts.network(nodes, edges, "n", "T", ("mention", "mentions"),
                                    center=center))
        for text in root.iter(f"{SVG}text"):
            x, w = float(text.get("x")), drawn_width(text.text)
            anchor = text.get("text-anchor")
            x0 = x if anchor == "start" else x - w if anchor == "end" else x - w / 2
            assert x0 >= 0 and x0 + w <= 720, (text.text, x0, w)
