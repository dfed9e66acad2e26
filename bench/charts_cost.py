"""What the charts and exports add to a cold build, measured in one process on one
linked site (so the reading of articles, the noisy part, is done once):

    python3 bench/charts_cost.py SITE_DIR

1. linking: the site's aggregates with and without the networks;
2. rendering: every page that shows a chart (home, /dossiers/, each dossier's and
   each entity's first page), with the charts and with them left out, in alternation;
3. the new files (timeline.json and network.gexf of each dossier).
The added time is (1) + (2) + (3), for one process; the build renders on every core.
"""

from __future__ import annotations

import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

from dossier import build as build_module
from dossier.config import load_config
from dossier.linking import link
from dossier.linking.link import aggregate
from dossier.output.render import Renderer
from dossier.site import viewmodel
from dossier.site.facts import Facts
from dossier.site.urls import RouteKind


def timed(fn, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    root = Path(sys.argv[1])
    config, _ = load_config(root, False)
    site, _ = build_module.load_site(config, build_module.BuildOptions(cache=False),
                                     build_module.Timer())
    aggregates = site.aggregates
    assert aggregates is not None

    dossier_articles = {k: list(v) for k, v in site.dossier_articles.items()}
    entity_articles = {k: list(v) for k, v in site.entity_articles.items()}
    args = (site.article_entities, site.mention_counts, dossier_articles,
            site.article_dossiers, entity_articles)
    with_networks = timed(lambda: aggregate(*args))
    real = link._network
    link._network = lambda *a, **k: ((), ())  # type: ignore[assignment]
    without_networks = timed(lambda: aggregate(*args))
    link._network = real

    facts = Facts.of(site)
    routes = [r for r in facts.routes if r.number == 1 and r.kind in (
        RouteKind.HOME, RouteKind.DOSSIERS, RouteKind.DOSSIER, RouteKind.ENTITY)]
    exports = [r for r in facts.routes
               if r.kind in (RouteKind.DOSSIER_TIMELINE, RouteKind.DOSSIER_NETWORK)]

    def render_all(renderer: Renderer, which: list) -> None:  # type: ignore[type-arg]
        for route in which:
            renderer.render(route)

    plain = {"activity": viewmodel.activity, "network_view": viewmodel.network_view}
    with_charts, without_charts = [], []
    for _ in range(3):
        renderer = Renderer.create(facts)       # a new layout memo: a cold build's
        with_charts.append(timed(lambda r=renderer: render_all(r, routes), 1))
        viewmodel.activity = lambda *a, **k: ()  # type: ignore[assignment]
        viewmodel.network_view = lambda *a, **k: None  # type: ignore[assignment]
        renderer = Renderer.create(facts)
        without_charts.append(timed(lambda r=renderer: render_all(r, routes), 1))
        viewmodel.activity = plain["activity"]  # type: ignore[assignment]
        viewmodel.network_view = plain["network_view"]  # type: ignore[assignment]
    renderer = Renderer.create(facts)
    exported = timed(lambda: render_all(renderer, exports))
    linking = with_networks - without_networks
    rendering = statistics.median(with_charts) - statistics.median(without_charts)
    print(f"{len(site.articles)} articles, {len(routes)} pages with charts, "
          f"{len(exports)} export files")
    print(f"aggregates: {with_networks:.3f} s with networks, {without_networks:.3f} s without"
          f" (+{linking:.3f} s)")
    print(f"chart pages: {statistics.median(with_charts):.3f} s with charts, "
          f"{statistics.median(without_charts):.3f} s without (+{rendering:.3f} s) "
          f"runs {[round(t, 2) for t in with_charts]} / {[round(t, 2) for t in without_charts]}")
    print(f"exports: {exported:.3f} s")
    print(f"added in one process: {linking + rendering + exported:.2f} s")
    _ = replace


if __name__ == "__main__":
    main()
