"""The pictures end to end: on the example and fixture sites, two cold builds give the
same bytes; network nodes lead to entity pages that exist; timeline bars lead to their
month in the dossier's timeline; timeline.json holds the dossier's articles; the GEXF
reads back in networkx."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from tests.helpers import copy_site, dossier, page, tree_digest
from tests.validators import axe_violations, describe_axe, describe_vnu, serve_dir, vnu_errors

SITES = {"example": "/east-asia/", "mentions": "/sub/", "structured": "/news/"}


@pytest.fixture(scope="module", params=sorted(SITES))
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
          ) -> tuple[Path, Path, str]:
    root = copy_site(request.param, tmp_path_factory.mktemp(request.param))
    for out in ("one", "two"):
        run = dossier("build", "--no-cache", "-q", "-o", out, cwd=root)
        assert run.code == 0, run.stderr
    return root / "one", root / "two", SITES[request.param]


def test_two_cold_builds_give_the_same_bytes(built: tuple[Path, Path, str]) -> None:
    one, two, _ = built
    # Pagefind's index is not ours and not byte-stable: everything else must be
    a, b = ({k: v for k, v in tree_digest(root).items() if not k.startswith("pagefind/")}
            for root in (one, two))
    assert a == b, sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))[:10]
    assert any(k.endswith("timeline.json") for k in a)


def _local(public: Path, base: str, href: str) -> Path:
    assert href.startswith(base), href
    path, _, _ = href[len(base):].partition("#")
    return public / path / "index.html" if not path.endswith((".json", ".gexf")) \
        else public / path


def _dossiers(public: Path) -> list[str]:
    return sorted(p.name for p in (public / "dossiers").iterdir() if p.is_dir())


def test_every_network_node_leads_to_its_entity_page(built: tuple[Path, Path, str]) -> None:
    public, _, base = built
    pages = [f"dossiers/{d}/" for d in _dossiers(public)]
    pages += [f"entities/{p.name}/" for p in sorted((public / "entities").iterdir())
              if p.is_dir()]
    seen = 0
    for address in pages:
        svg = page(public, address).select_one("svg.chart--network")
        if svg is None:
            continue
        assert svg.get("role") == "group"
        for link in svg.find_all("a"):
            target = _local(public, base, link["href"])
            assert "/entities/" in link["href"] and target.is_file(), link["href"]
            name = link.find("text").get_text()   # a long name is cut: "Ministry of D…"
            assert link.find("title").get_text().startswith(name.removesuffix("…"))
            seen += 1
        if address.startswith("entities/"):   # the centre is drawn but not linked
            slug = address.split("/")[1]
            assert not svg.select(f'a[href$="/entities/{slug}/"]')
    assert seen > 0


def test_every_timeline_bar_leads_to_its_month(built: tuple[Path, Path, str]) -> None:
    public, _, base = built
    for slug in _dossiers(public):
        svg = page(public, f"dossiers/{slug}/").select_one("svg.chart--timeline")
        if not _dossier_articles(public, slug):
            assert svg is None, slug
            continue
        assert svg is not None, slug
        for link in svg.find_all("a"):
            target = _local(public, base, link["href"])
            anchor = link["href"].partition("#")[2]
            assert target.is_file(), link["href"]
            assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), link["href"]


def _dossier_articles(public: Path, slug: str) -> list[str]:
    """The dossier's articles as its pages list them, newest first."""
    found, number = [], 1
    while True:
        address = f"dossiers/{slug}/" + (f"page/{number}/" if number > 1 else "")
        if not (public / address / "index.html").is_file():
            return found
        soup = page(public, address)
        for link in soup.select(".timeline .card-list a[href*='/articles/']"):
            article = link["href"].rstrip("/").rsplit("/", 1)[1]
            if article not in found:
                found.append(article)
        number += 1


def test_timeline_json_holds_the_dossier_articles(built: tuple[Path, Path, str]) -> None:
    public, _, _ = built
    for slug in _dossiers(public):
        data = json.loads((public / "dossiers" / slug / "timeline.json").read_text())
        events = data["events"]
        expected = list(reversed(_dossier_articles(public, slug)[:500]))
        assert [e["unique_id"] for e in events] == expected
        for event in events:
            assert set(event["start_date"]) >= {"year", "month", "day"}
            assert event["text"]["headline"]
            assert f'/articles/{event["unique_id"]}/"' in event["text"]["text"]
        assert data["title"]["text"]["headline"]


def test_gexf_reads_back_as_the_dossier_network(built: tuple[Path, Path, str]) -> None:
    public, _, _ = built
    for slug in _dossiers(public):
        graph = nx.read_gexf(public / "dossiers" / slug / "network.gexf")
        svg = page(public, f"dossiers/{slug}/").select_one("svg.chart--network")
        if svg is None:
            assert graph.number_of_nodes() < 2
            continue
        drawn = {a["href"].rstrip("/").rsplit("/", 1)[1] for a in svg.find_all("a")}
        assert set(graph.nodes) == drawn
        assert all(d["weight"] > 0 for _, _, d in graph.edges(data=True))


def test_home_and_dossier_index_show_each_dossier_activity(
        built: tuple[Path, Path, str]) -> None:
    public, _, _ = built
    for address in ("/", "dossiers/"):
        sparks = page(public, address).select(".dossier-card svg.chart--spark")
        assert len(sparks) == len([d for d in _dossiers(public) if _dossier_articles(public, d)])
        assert all(s.get("role") == "img" and s.find("desc") for s in sparks)


def test_chart_pages_are_valid_html(built: tuple[Path, Path, str]) -> None:
    public, _, _ = built
    for folder in ("dossiers", "entities"):
        messages = vnu_errors(public / folder)
        assert messages == [], describe_vnu(messages)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_chart_pages_are_accessible(built: tuple[Path, Path, str], page_fixture,  # type: ignore[no-untyped-def]
                                    scheme: str) -> None:
    public, _, base = built
    slug = next(d for d in _dossiers(public) if _dossier_articles(public, d))
    entity = page(public, f"dossiers/{slug}/").select_one("svg.chart--network a")
    addresses = ["", f"dossiers/{slug}/"]
    if entity is not None:
        addresses.append(entity["href"][len(base):])
    page_fixture.emulate_media(color_scheme=scheme)
    with serve_dir(public, base_path=base) as url:
        for address in addresses:
            page_fixture.goto(url.rstrip("/") + "/" + address)
            violations = axe_violations(page_fixture)
            assert violations == [], address + describe_axe(violations)


@pytest.fixture
def page_fixture(page):  # type: ignore[no-untyped-def]
    return page


def test_builds_in_other_hash_seeds_give_the_same_bytes(tmp_path: Path) -> None:
    """Python salts its string hashes per process: an order taken from a set (float
    sums of related-article scores, once) must never reach the output."""
    import os
    import subprocess
    import sys

    from tests.helpers import REPO

    site = tmp_path / "site"
    subprocess.run([sys.executable, str(REPO / "bench" / "generate.py"), "--articles", "500",
                    "--out", str(site)], check=True, capture_output=True)
    digests = []
    for seed in ("1", "2"):
        subprocess.run([sys.executable, "-m", "dossier", "build", "--no-cache", "-q", "-o",
                        str(tmp_path / seed)], cwd=site, check=True, capture_output=True,
                       env={**os.environ, "PYTHONHASHSEED": seed})
        digests.append({k: v for k, v in tree_digest(tmp_path / seed).items()
                        if not k.startswith("pagefind/")})
    a, b = digests
    assert a == b, sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))[:10]
