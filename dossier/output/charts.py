"""Charts as inline SVG made at build time: pure functions from plain data to markup.

Every chart carries ``<title>`` and ``<desc>``; a chart whose parts are links is
``role="group"`` labelled by its title (links inside ``role="img"`` are hidden from
assistive technology), one without links is ``role="img"``. Colours come from the
theme's CSS (classes only), so dark mode and print follow the page. Output is a
function of the input alone: sorted inputs, a fixed seed, rounded coordinates.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Iterable, Sequence
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
        rows = [(y, 0, c) for y, c in _year_totals((y, c) for y, _, c in months)]
    else:
        rows = months
    return [Bin(y, m, c, link(y, m) if link and c else "") for y, m, c in rows]


def _year_totals(counts: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """(year, count) pairs summed by year, oldest first."""
    years: dict[int, int] = {}
    for year, count in counts:
        years[year] = years.get(year, 0) + count
    return sorted(years.items())


def _marked(items: Sequence[Bin]) -> set[int]:
    """The busiest bars (at most MARKED), each busier than every bar left unmarked and
    fewer than the bars with coverage, so a mark always singles something out: [5, 1]
    marks the 5; a flat chart, or a tie at the top of more than MARKED, marks none."""
    ranked = sorted(((-b.count, i) for i, b in enumerate(items) if b.count))
    for k in range(min(MARKED, len(ranked) - 1), 0, -1):
        if -ranked[k - 1][0] > -ranked[k][0]:
            return {i for _, i in ranked[:k]}
    return set()


def _busiest(items: Sequence[Bin], marked: set[int], noun: tuple[str, str]) -> str:
    """What a description says of the peaks: the marked bars, or else the busiest."""
    if marked:
        peaks = sorted((items[i] for i in marked), key=lambda b: (-b.count, b.year, b.month))
        return "Most: " + "; ".join(f"{b.label} ({_plural(b.count, *noun)})" for b in peaks)
    top = max(b.count for b in items)
    tied = [b for b in items if b.count == top]
    if len(tied) == 1:
        return f"Most: {tied[0].label} ({_plural(top, *noun)})"
    if len(tied) == len(items):
        return f"{_plural(top, *noun)} each"
    return (f"Most, {_plural(top, *noun)} each: "
            + ", ".join(b.label for b in tied[:6]) + (" and others" if len(tied) > 6 else ""))


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
    by_year = items[0].month == 0
    short_span = not by_year and len(items) <= 18     # every month named, years below
    left, right, head, foot = 34, 8, 22, (36 if short_span else 26)
    plot_w, plot_h = width - left - right, height - head - foot
    step = plot_w / len(items)
    gap = min(2.0, step * 0.2)
    total = sum(b.count for b in items)
    span = (f"in {items[0].label}" if len(items) == 1 else
            f"from {items[0].label} to {items[-1].label}, "
            f"{'by year' if by_year else 'by month'}")
    desc = (f"{_plural(total, *noun)} {span}." if len(items) == 1 else
            f"{_plural(total, *noun)} {span}. {_busiest(items, marked, noun)}.")
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
    out.extend(_axis(items, left, step, height, short_span))
    out.append(f'<line class="chart__baseline" x1="{left}" x2="{width - right}" '
               f'y1="{head + plot_h}" y2="{head + plot_h}"/>')
    out.append("</svg>")
    return "".join(out)


def _axis(items: Sequence[Bin], left: float, step: float, height: int,
          short_span: bool) -> list[str]:
    """The time axis's labels, none on another: years (every second one on long
    spans), the first bar's month and year where there is room before the next label;
    on spans of up to 18 months every month (every other on narrow bars) with the
    years on a second line."""
    def text(i: int, label: str, y: float) -> str:
        return (f'<text class="chart__axis" x="{_n(left + i * step)}" y="{_n(y)}" '
                f'aria-hidden="true">{label}</text>')

    if short_span:
        every = 1 if step >= 30 else 2
        out = [text(i, MONTH_ABBR[b.month - 1], height - 20) for i, b in enumerate(items)
               if i % every == 0]
        out += [text(i, str(b.year), height - 6) for i, b in enumerate(items)
                if i == 0 or b.month == 1]
        return out
    if items[0].month == 0:
        every = max(1, math.ceil(len(items) / 12))
        return [text(i, str(b.year), height - 8) for i, b in enumerate(items)
                if i % every == 0]
    every_other = len(items) > 48
    years = [i for i, b in enumerate(items)
             if b.month == 1 and i > 0 and (not every_other or b.year % 2 == 0)]
    out = [text(i, str(items[i].year), height - 8) for i in years]
    first = items[0].short
    room = (years[0] * step) if years else math.inf
    if room >= len(first) * 6.5 + 8:
        out.insert(0, text(0, first, height - 8))
    elif not years or years[0] * step >= 38:
        out.insert(0, text(0, str(items[0].year), height - 8))
    return out


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
        years = _year_totals((b.year, b.count) for b in items)
        desc = (f"{_plural(total, *noun)} from {items[0].label} to {items[-1].label}; "
                f"most in {peak.label} ({_plural(peak.count, *noun)}). By year: "
                + ", ".join(f"{y}: {c:,}" for y, c in years) + ".")
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
        found = nx.spring_layout(graph, k=4.0 / math.sqrt(len(graph)), iterations=100,
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


LABEL_CHARS = 26          # longer names are cut with an ellipsis (whole in the tooltip)
CHAR_W, LABEL_H = 7.1, 14  # a 12px sans label's average advance and line box


WIDE_W = 12.0             # a wide character (kanji, kana, hangul) is a full 12px em


def _label(name: str) -> str:
    return name if len(name) <= LABEL_CHARS else name[:LABEL_CHARS - 1].rstrip() + "…"


def label_width(text: str) -> float:
    """A label's width in the chart's units: wide (CJK) characters take a whole em,
    others the average advance (习近平 is 36px, not the 21 of three Latin letters)."""
    return sum(WIDE_W if unicodedata.east_asian_width(ch) in "WF" else CHAR_W
               for ch in text)


Box = tuple[float, float, float, float]      # x0, y0, x1, y1


def _overlap(a: Box, b: Box) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def _place_labels(spots: Sequence[tuple[str, float, float, float, float, bool]], width: int,
                  height: int) -> dict[str, tuple[float, float, str]]:
    """Where each label goes, (x, baseline y, text-anchor), none on another label or on
    another node where it can be helped: beside its node away from the middle first,
    then the other side, above, below. ``spots``: (slug, x, y, radius, label width,
    below only), the biggest nodes first (they choose first)."""
    circles = [(x - r, y - r, x + r, y + r) for _, x, y, r, _, _ in spots]
    taken: list[Box] = []
    found: dict[str, tuple[float, float, str]] = {}
    for at, (slug, x, y, r, w, below_only) in enumerate(spots):
        outward = "start" if x >= width / 2 else "end"
        inward = "end" if outward == "start" else "start"
        options = []
        for side in ("below",) if below_only else (outward, inward, "above", "below"):
            if side == "start":
                box = (x + r + 4, y - LABEL_H / 2 - 1, x + r + 4 + w, y + LABEL_H / 2 - 1)
                spot = (x + r + 4, y + 4, "start")
            elif side == "end":
                box = (x - r - 4 - w, y - LABEL_H / 2 - 1, x - r - 4, y + LABEL_H / 2 - 1)
                spot = (x - r - 4, y + 4, "end")
            elif side == "above":
                box = (x - w / 2, y - r - 3 - LABEL_H, x + w / 2, y - r - 3)
                spot = (x, y - r - 6, "middle")
            else:
                box = (x - w / 2, y + r + 3, x + w / 2, y + r + 3 + LABEL_H)
                spot = (x, y + r + 13 if not below_only else y + r + 15, "middle")
            outside = (max(0.0, -box[0]) + max(0.0, box[2] - width)
                       + max(0.0, -box[1]) + max(0.0, box[3] - height)) * LABEL_H
            cost = outside * 4 + sum(_overlap(box, t) for t in taken) * 2 + sum(
                _overlap(box, c) for i, c in enumerate(circles) if i != at)
            options.append((cost, len(options), box, spot))
            if cost == 0:
                break
        cost, _, box, spot = min(options)
        taken.append(box)
        found[slug] = spot
    return found


def network(nodes: Sequence[Node], edges: Sequence[Edge], ident: str, title: str,
            noun: tuple[str, str], href: Callable[[str], str] = lambda u: u,
            center: str = "", positions: Positions | None = None,
            width: int = 720, height: int = 440) -> str:
    """Entities as linked nodes (area by weight), co-mentions as edges (width by
    count); the centre of an ego network is drawn apart and not linked. The layout is
    scaled so that every label fits beside its node, and labels are placed clear of
    each other."""
    if len(nodes) < 2:
        return ""
    by_slug = {n.slug: n for n in nodes}
    pos = positions if positions is not None else layout(list(by_slug), edges, center)
    top = max(n.weight for n in nodes) or 1
    top_edge = max((w for _, _, w in edges), default=1) or 1

    def radius(node: Node) -> float:
        return 5 + 13 * math.sqrt(node.weight / top) if node.slug != center else 16

    # the widest scale at which each node's label still fits between it and the edge
    half_w, half_h = width / 2 - 8, height / 2 - 30
    for node in nodes:
        px, py = pos.get(node.slug, (0.0, 0.0))
        room = label_width(_label(node.name)) + radius(node) + 10
        if abs(px) > 0.05:
            half_w = min(half_w, (width / 2 - room) / abs(px))
        if abs(py) > 0.05:
            half_h = min(half_h, (height / 2 - radius(node) - LABEL_H - 8) / abs(py))
    half_w, half_h = max(half_w, width / 5), max(half_h, height / 4)

    def xy(slug: str) -> tuple[float, float]:
        x, y = pos.get(slug, (0.0, 0.0))
        return width / 2 + x * half_w, height / 2 + y * half_h

    strongest = sorted(nodes, key=lambda n: (-n.weight, n.slug))
    others = [n for n in strongest if n.slug != center]
    desc = (f"{_plural(len(others), 'entity', 'entities')}"
            f"{' around ' + by_slug[center].name if center in by_slug else ''}; "
            "lines join those named in the same articles, thicker for more. Largest: "
            + ", ".join(f"{n.name} ({_plural(n.weight, *noun)})" for n in others[:5]) + ".")
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
    # the centre first, then by weight: the biggest choose their label's place first
    ordered = sorted(nodes, key=lambda n: (n.slug != center, -n.weight, n.slug))
    spots = [(n.slug, *xy(n.slug), radius(n), label_width(_label(n.name)), n.slug == center)
             for n in ordered]
    labels = _place_labels(spots, width, height)
    shapes = []
    for node in ordered:
        x, y = xy(node.slug)
        tx, ty, anchor = labels[node.slug]
        kind = f" chart__node--{_a(node.kind)}" if node.kind else ""
        shape = (f'<circle class="chart__node{kind}" cx="{_n(x)}" cy="{_n(y)}" '
                 f'r="{_n(radius(node))}"/><text class="chart__label" x="{_n(tx)}" '
                 f'y="{_n(ty)}" text-anchor="{anchor}">{_a(_label(node.name))}</text>')
        if node.slug == center or not node.url:
            shapes.append(f'<g class="chart__center" aria-hidden="true">{shape}</g>')
        else:
            name = f"{node.name}: {_plural(node.weight, *noun)}"
            # named by its <title> (SVG-AAM): an aria-label would hide the visible name
            shapes.append(f'<a href="{_a(href(node.url))}"><title>{_a(name)}</title>{shape}</a>')
    # painted smallest last so no big node hides a small one; the reading and tab
    # order stays biggest first through the document order of the links
    out.extend(shapes)
    out.append("</svg>")
    return "".join(out)
