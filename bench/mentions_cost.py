"""What finding and linking entity mentions adds to a build.

Reads every article of a site twice in one process, A B A B: with the site's real
alias table, and with an empty one (no entity can match), and prints the medians
and the difference, in CPU seconds and as wall seconds on this machine's cores.

    python bench/mentions_cost.py /tmp/dossier-bench/n10000/dossier-site --runs 3
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from dataclasses import replace
from pathlib import Path

from dossier.build import BuildOptions, Timer, load_site
from dossier.config import load_config
from dossier.content.discover import discover
from dossier.content.markdown import make_markdown
from dossier.content.readers import ReadContext, read_article
from dossier.linking.link import link_site
from dossier.linking.membership import KeywordMatcher
from dossier.linking.mentions import build_alias_table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    config, _ = load_config(args.site)
    site, _ = load_site(config, BuildOptions(), Timer())
    sources = [(s.rel, s.path.read_bytes()) for s in discover(config.root)["articles"]]
    table = build_alias_table(site.entities)
    md = make_markdown()
    keywords = KeywordMatcher.from_dossiers(site.dossiers)
    titles = {e.slug: e.description for e in site.entities}
    with_entities = ReadContext(config, table, keywords, titles, md)
    without = replace(with_entities, table=build_alias_table([]))

    def read(ctx: ReadContext) -> tuple[float, float, list]:
        started = time.process_time()
        articles = [read_article(rel, raw, ctx)[0] for rel, raw in sources]
        reading = time.process_time() - started
        started = time.process_time()
        link_site(
            config, [a for a in articles if a], site.dossiers, site.entities, site.pages, ctx.table
        )
        return reading, time.process_time() - started, articles

    timings: dict[str, list[tuple[float, float]]] = {"with": [], "without": []}
    for _ in range(args.runs):
        for label, ctx in (("with", with_entities), ("without", without)):
            reading, linking, _articles = read(ctx)
            timings[label].append((reading, linking))
    cores = len(os.sched_getaffinity(0))
    print(
        f"{len(sources):,} articles, {len(site.entities)} entities, "
        f"{len(table.owners)} names and aliases; medians of {args.runs} runs (CPU s)"
    )
    medians = {}
    for label, rows in timings.items():
        read_s = statistics.median(r for r, _ in rows)
        link_s = statistics.median(linking for _, linking in rows)
        medians[label] = (read_s, link_s)
        print(f"  {label:8} entities: read {read_s:6.2f}  link {link_s:5.2f}")
    added_read = medians["with"][0] - medians["without"][0]
    added_link = medians["with"][1] - medians["without"][1]
    print(
        f"  mentions add {added_read:.2f} CPU s to reading (spread over {cores} cores: "
        f"{added_read / cores:.2f} s) and {added_link:.2f} s to linking (one process): "
        f"about {added_read / cores + added_link:.2f} s of wall time"
    )


if __name__ == "__main__":
    main()
