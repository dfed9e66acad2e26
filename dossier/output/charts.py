"""Charts as inline SVG made at build time: pure functions from plain data to markup.

Every chart carries ``<title>`` and ``<desc>``; a chart whose parts are links is
``role="group"`` labelled by its title (links inside ``role="img"`` are hidden from
assistive technology), one without links is ``role="img"``. Colours come from the
theme's CSS (classes only), so dark mode and print follow the page. Output is a
function of the input alone: sorted inputs, a fixed seed, rounded coordinates.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun",
              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July",
               "August", "September", "October", "November", "December")
YEARS_BEYOND = 60        # spans longer than this many months are drawn by year
MARKED = 3               # the bins with the most coverage are marked


@dataclass(frozen=True)
class Bin:
    """One bar: a month (``month`` 1–12) or a whole year (``month`` 0)."""

    year: int
    month: int
    count: int
    url: str = ""            # where the bar leads ("" for none)

    @property
    def label(self) -> str:
        return str(self.year) if self.month == 0 else f"{MONTH_NAMES[self.month - 1]} {self.year}"

    @property
    def short(self) -> str:
        return str(self.year) if self.month == 0 else f"{MONTH_ABBR[self.month - 1]} {self.year}"


def _a(value: str) -> str:
    return escape(value, quote=True)


def _n(value: float) -> str:
    """A coordinate, rounded so the same input always prints the same bytes."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def fill_months(counts: Sequence[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """(year, month, count) for every month from the first to the last, empty ones 0."""
    if not counts:
        return []
    known = {(y, m): c for y, m, c in counts}
    (y0, m0), (y1, m1) = min(known), max(known)
    out = []
    y, m = y0, m0
    while (y, m) <= (y1, m1):
        out.append((y, m, known.get((y, m), 0)))
        y, m = (y, m + 1) if m < 12 else (y + 1, 1)
    return out


def bins(counts: Sequence[tuple[int, int, int]],
         link: Callable[[int, int], str] | None = None) -> list[Bin]:
    """Bars for (year, month, count) rows: by month, or by year when the span is long.
    ``link(year, month)`` (month 0 for a year) gives each bar's address."""
    months = fill_months(counts)
    if len(months) > YEARS_BEYOND:
        years: dict[int, int] = {}
        for y, _, c in months:
            years[y] = years.get(y, 0) + c
        rows = [(y, 0, c) for y, c in sorted(years.items())]
    else:
        rows = months
    return [Bin(y, m, c, link(y, m) if link and c else "") for y, m, c in rows]


def _marked(items: Sequence[Bin]) -> set[int]:
    """The (at most MARKED) busiest bars, those busier than every bar left unmarked:
    a tie at the edge marks none of the tied, so a flat chart marks nothing."""
    ranked = sorted(((-b.count, i) for i, b in enumerate(items) if b.count))
    if len(ranked) <= 1:
        return set()
    below = -ranked[MARKED][0] if len(ranked) > MARKED else 0
    return {i for minus, i in ranked[:MARKED] if -minus > below}


def _plural(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def timeline(items: Sequence[Bin], ident: str, title: str, noun: tuple[str, str],
             href: Callable[[str], str] = lambda u: u, width: int = 720,
             height: int = 200) -> str:
    """A bar chart of coverage over time; the busiest bars are marked and labelled."""
    if not items:
        return ""
    linked = any(b.url for b in items)
    top = max(b.count for b in items) or 1
    marked = _marked(items)
    left, right, head, foot = 34, 8, 22, 26
    plot_w, plot_h = width - left - right, height - head - foot
    step = plot_w / len(items)
    gap = min(2.0, step * 0.2)
    total = sum(b.count for b in items)
    busiest = sorted((items[i] for i in marked), key=lambda b: (-b.count, b.year, b.month))
    desc = (f"{_plural(total, *noun)} from {items[0].label} to {items[-1].label}, "
            f"{'by year' if items[0].month == 0 else 'by month'}. Most: "
            + "; ".join(f"{b.label} ({_plural(b.count, *noun)})" for b in busiest) + ".")
    role = (f'role="group" aria-labelledby="{ident}-t"' if linked
            else f'role="img" aria-labelledby="{ident}-t {ident}-d"')
    out = [f'<svg class="chart chart--timeline" viewBox="0 0 {width} {height}" '
           f'xmlns="http://www.w3.org/2000/svg" {role}>',
           f'<title id="{ident}-t">{_a(title)}</title>',
           f'<desc id="{ident}-d">{_a(desc)}</desc>']
    # gridlines at round values
    tick = _nice(top)
    value = 0
    while value <= top:
        y = head + plot_h - plot_h * value / top
        out.append(f'<line class="chart__grid" x1="{left}" x2="{width - right}" '
                   f'y1="{_n(y)}" y2="{_n(y)}"/>')
        out.append(f'<text class="chart__axis" x="{left - 4}" y="{_n(y + 4)}" '
                   f'text-anchor="end" aria-hidden="true">{value:,}</text>')
        value += tick
    by_year = items[0].month == 0
    label_every = max(1, math.ceil(len(items) / 12)) if by_year else 0
    for i, b in enumerate(items):
        x = left + i * step + gap / 2
        h = plot_h * b.count / top
        y = head + plot_h - h
        cls = "chart__bar chart__bar--marked" if i in marked else "chart__bar"
        bar = (f'<rect class="{cls}" x="{_n(x)}" y="{_n(y)}" width="{_n(step - gap)}" '
               f'height="{_n(h)}"/>')
        # an invisible full-height target makes thin bars easy to hit and hover
        hit = (f'<rect class="chart__hit" x="{_n(left + i * step)}" y="{head}" '
               f'width="{_n(step)}" height="{plot_h}"/>')
        name = f"{b.label}: {_plural(b.count, *noun)}"
        if b.url:
            out.append(f'<a href="{_a(href(b.url))}" aria-label="{_a(name)}">'
                       f'<title>{_a(name)}</title>{hit}{bar}</a>')
        else:
            out.append(f'<g><title>{_a(name)}</title>{hit}{bar}</g>')
        if i in marked:
            out.append(f'<text class="chart__value" x="{_n(x + (step - gap) / 2)}" '
                       f'y="{_n(y - 5)}" text-anchor="middle" aria-hidden="true">'
                       f'{b.count:,}</text>')
        show = (i % label_every == 0) if by_year else (b.month == 1 or i == 0)
        if show and (by_year or i == 0 or len(items) <= 48 or b.year % 2 == 0):
            text = b.short if i == 0 and not by_year else str(b.year)
            out.append(f'<text class="chart__axis" x="{_n(left + i * step)}" '
                       f'y="{height - 8}" aria-hidden="true">{text}</text>')
    out.append(f'<line class="chart__baseline" x1="{left}" x2="{width - right}" '
               f'y1="{head + plot_h}" y2="{head + plot_h}"/>')
    out.append("</svg>")
    return "".join(out)


def _nice(top: int) -> int:
    """A round gridline step giving two to four lines below ``top``."""
    raw = max(1, top / 3)
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return int(factor * power)
    return int(10 * power)


def sparkline(items: Sequence[Bin], ident: str, title: str, noun: tuple[str, str],
              width: int = 240, height: int = 40) -> str:
    """A small area chart of activity over time, an image (no links)."""
    if not items:
        return ""
    top = max(b.count for b in items) or 1
    total = sum(b.count for b in items)
    peak = max(items, key=lambda b: (b.count, -b.year, -b.month))
    if len(items) == 1:
        desc = f"{_plural(total, *noun)}, all in {peak.label}."
    else:
        desc = (f"{_plural(total, *noun)} from {items[0].label} to {items[-1].label}; "
                f"most in {peak.label} ({_plural(peak.count, *noun)}).")
    pad = 2
    drawn = list(items) if len(items) > 1 else [items[0], items[0]]  # one month: a level
    step = (width - 2 * pad) / (len(drawn) - 1)
    points = [(pad + i * step, height - pad - (height - 2 * pad) * b.count / top)
              for i, b in enumerate(drawn)]
    line = " ".join(f"{_n(x)},{_n(y)}" for x, y in points)
    area = f"{_n(points[0][0])},{height - pad} {line} {_n(points[-1][0])},{height - pad}"
    return (f'<svg class="chart chart--spark" viewBox="0 0 {width} {height}" '
            f'xmlns="http://www.w3.org/2000/svg" role="img" '
            f'aria-labelledby="{ident}-t {ident}-d">'
            f'<title id="{ident}-t">{_a(title)}</title><desc id="{ident}-d">{_a(desc)}</desc>'
            f'<polygon class="chart__area" points="{area}"/>'
            f'<polyline class="chart__line" points="{line}"/></svg>')


# --- networks ---------------------------------------------------------------------

@dataclass(frozen=True)
class Node:
    slug: str
    name: str
    kind: str
    weight: int              # mentions (dossier) or shared articles (entity)
    url: str


Edge = tuple[str, str, int]          # (slug, slug, co-mentions), first slug < second
Positions = dict[str, tuple[float, float]]


def layout(nodes: Sequence[str], edges: Sequence[Edge], center: str = "") -> Positions:
    """Positions in [-1, 1]² from networkx's force-directed layout (Fruchterman–
    Reingold), seeded and rounded so the same graph always lands the same way. An
    ego network keeps its ``center`` in the middle."""
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(sorted(nodes))
    for a, b, w in sorted(edges):
        graph.add_edge(a, b, weight=w)
    if not graph:
        return {}
    if len(graph) == 1:
        return {next(iter(graph)): (0.0, 0.0)}
    if center and center in graph:
        # an ego network: networkx's shell layout, the centre alone in the middle and
        # the others on a ring clockwise from the top by their links to it, so no label
        # sits on another (and it costs a fraction of a force layout: one per entity)
        link = {other: graph[center][other]["weight"] if graph.has_edge(center, other)
                else 0 for other in graph if other != center}
        ring = sorted(link, key=lambda s: (-link[s], s))
        # the second shell turns by twice ``rotate``: it starts at the top
        found = nx.shell_layout(graph, nlist=[[center], ring], rotate=-math.pi / 4)
    else:
        # unweighted: weighted pulls draw the hubs into one knot; line width shows weight
        found = nx.spring_layout(graph, k=2.2 / math.sqrt(len(graph)), iterations=60,
                                 weight=None, seed=7)
    xs = [float(p[0]) for p in found.values()]
    ys = [float(p[1]) for p in found.values()]
    span_x = max(max(xs) - min(xs), 1e-9) / 2
    span_y = max(max(ys) - min(ys), 1e-9) / 2
    mid_x, mid_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    if center and center in graph:
        mid_x, mid_y = (float(v) for v in found[center])
        span_x = max(abs(v - mid_x) for v in xs) or 1.0
        span_y = max(abs(v - mid_y) for v in ys) or 1.0
    return {slug: (round((float(p[0]) - mid_x) / span_x, 4) + 0.0,
                   round((float(p[1]) - mid_y) / span_y, 4) + 0.0)
            for slug, p in sorted(found.items())}


class LayoutMemo:
    """Layouts by their graph: a dict owned by whoever renders (a build, a serve
    session), so an unchanged network is laid out once."""

    def __init__(self) -> None:
        self._known: dict[tuple[object, ...], Positions] = {}

    def __call__(self, nodes: Sequence[str], edges: Sequence[Edge], center: str = "") -> Positions:
        key = (tuple(sorted(nodes)), tuple(sorted(edges)), center)
        found = self._known.get(key)
        if found is None:
            found = self._known[key] = layout(nodes, edges, center)
        return found


def network(nodes: Sequence[Node], edges: Sequence[Edge], ident: str, title: str,
            noun: tuple[str, str], href: Callable[[str], str] = lambda u: u,
            center: str = "", positions: Positions | None = None,
            width: int = 720, height: int = 440) -> str:
    """Entities as linked nodes (area by weight), co-mentions as edges (width by
    count); the centre of an ego network is drawn apart and not linked."""
    if len(nodes) < 2:
        return ""
    by_slug = {n.slug: n for n in nodes}
    pos = positions if positions is not None else layout(list(by_slug), edges, center)
    top = max(n.weight for n in nodes) or 1
    top_edge = max((w for _, _, w in edges), default=1) or 1
    margin_x, margin_y = 150, 34      # room for labels beside the outermost nodes
    half_w, half_h = width / 2 - margin_x, height / 2 - margin_y

    def xy(slug: str) -> tuple[float, float]:
        x, y = pos.get(slug, (0.0, 0.0))
        return width / 2 + x * half_w, height / 2 + y * half_h

    strongest = sorted(nodes, key=lambda n: (-n.weight, n.slug))
    desc = (f"{len(nodes)} entities; lines join those named in the same articles, "
            "thicker for more. Largest: "
            + ", ".join(f"{n.name} ({_plural(n.weight, *noun)})" for n in strongest[:5]
                        if n.slug != center) + ".")
    out = [f'<svg class="chart chart--network" viewBox="0 0 {width} {height}" '
           f'xmlns="http://www.w3.org/2000/svg" role="group" aria-labelledby="{ident}-t">',
           f'<title id="{ident}-t">{_a(title)}</title>',
           f'<desc id="{ident}-d">{_a(desc)}</desc>',
           '<g class="chart__edges" aria-hidden="true">']
    for a, b, w in sorted(edges, key=lambda e: (e[2], e[0], e[1])):
        if a not in by_slug or b not in by_slug:
            continue
        (x1, y1), (x2, y2) = xy(a), xy(b)
        out.append(f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" '
                   f'stroke-width="{_n(0.6 + 4.4 * w / top_edge)}"/>')
    out.append("</g>")
    for node in sorted(nodes, key=lambda n: (n.weight, n.slug)):
        x, y = xy(node.slug)
        r = 5 + 13 * math.sqrt(node.weight / top) if node.slug != center else 16
        # labels point away from the middle; near the vertical axis, above or below
        ty = y + 4
        if abs(x - width / 2) < 24 and node.slug != center:
            tx, anchor = x, "middle"
            ty = y - r - 5 if y < height / 2 else y + r + 13
        elif x > width / 2:
            tx, anchor = x + r + 4, "start"
        else:
            tx, anchor = x - r - 4, "end"
        if node.slug == center:
            tx, anchor, ty = x, "middle", y + r + 15
        kind = f" chart__node--{_a(node.kind)}" if node.kind else ""
        shape = (f'<circle class="chart__node{kind}" cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}"/>'
                 f'<text class="chart__label" x="{_n(tx)}" y="{_n(ty)}" '
                 f'text-anchor="{anchor}">{_a(node.name)}</text>')
        if node.slug == center or not node.url:
            out.append(f'<g class="chart__center" aria-hidden="true">{shape}</g>')
        else:
            name = f"{node.name}: {_plural(node.weight, *noun)}"
            # named by its <title> (SVG-AAM): an aria-label would hide the visible name
            out.append(f'<a href="{_a(href(node.url))}"><title>{_a(name)}</title>{shape}</a>')
    out.append("</svg>")
    return "".join(out)
