"""The chart functions: pure, deterministic, accessible markup."""

from __future__ import annotations

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
