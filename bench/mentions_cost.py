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
from pathlib import Path

from dossier.build import BuildOptions, Timer, load_site
from dossier.config import load_config
from dossier.content.discover import discover
from dossier.content.markdown import make_markdown
from dossier.content.readers import ParseSettings, parse_article
from dossier.linking.articles import link_article, link_key, mentions_of
from dossier.linking.link import link_site
from dossier.linking.membership import KeywordMatcher
from dossier.linking.mentions import AliasTable, build_alias_table
from dossier.model import ParsedArticle


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
    settings = ParseSettings.of(config)
    parsed = [p for rel, raw in sources
              if isinstance(p := parse_article(rel, raw, settings, md)[0], ParsedArticle)]
    with_entities, without = table, build_alias_table([])

    def read(table: AliasTable) -> tuple[float, float, list]:
        """Mentions are found after parsing (parsing knows no registry): time finding
        them and linking the article, then linking the site."""
        started = time.process_time()
        found_with = link_key(table)
        articles = [link_article(p, mentions_of(p, table), config,
                                 keywords, titles, {}, found_with) for p in parsed]
        reading = time.process_time() - started
        started = time.process_time()
        link_site(config, articles, site.dossiers, site.entities, site.pages, table)
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
