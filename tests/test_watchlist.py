"""`dossier mentions`: a watchlist checked against a hand-made list on the fixture site."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.helpers import copy_site, dossier

# read off tests/sites/mentions by hand: (name, entity, [(date, slug, mentions, dossiers)])
EXPECTED = {
    "Mattis": ("jim-mattis", [("2020-01-12", "linked-all", 3, "alliance"),
                              ("2020-01-09", "excluded-article", 1, ""),
                              ("2020-01-01", "possessives", 4, "alliance")]),
    "Officials": ("", [("2020-01-06", "disambiguated", 1, "capital"),
                       ("2020-01-05", "ambiguous", 1, "")]),
    "Washington": ("", [("2020-01-06", "disambiguated", 1, "capital"),   # ambiguous alias:
                        ("2020-01-05", "ambiguous", 1, "")]),            # searched as text
    "senkaku-islands": ("senkaku-islands", [("2020-01-07", "explicit-entity", 0, "islands"),
                                            ("2020-01-03", "cjk-article", 1, "islands")]),
    "Korean": ("", [("2020-01-02", "overlaps", 2, "peninsula")]),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = copy_site("mentions", tmp_path_factory.mktemp("watch"))
    (site / "names.csv").write_text("# watchlist\nname,note\n" + "".join(
        f"{name},x\n" for name in EXPECTED))
    return site


def test_csv_matches_the_hand_checked_list(site: Path) -> None:
    run = dossier("mentions", "--file", "names.csv", "--format", "csv", cwd=site)
    assert run.code == 0, run.stderr
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    for name, (entity, articles) in EXPECTED.items():
        got = [(r["date"], r["slug"], int(r["mentions"]), r["dossiers"]) for r in rows
               if r["name"] == name and r["kind"] == "article"]
        assert got == articles, (name, got)
        assert {r["entity"] for r in rows if r["name"] == name} == {entity}
    dossier_rows = [(r["name"], r["slug"]) for r in rows if r["kind"] == "dossier"]
    assert dossier_rows == [("Korean", "peninsula")]   # its introduction says "Korean"


def test_json_and_table(site: Path) -> None:
    run = dossier("mentions", "Mattis", "Nobody Here", "--format", "json", cwd=site)
    data = json.loads(run.stdout)
    assert [d["name"] for d in data] == ["Mattis", "Nobody Here"]
    assert [a["slug"] for a in data[0]["articles"]] == ["linked-all", "excluded-article",
                                                        "possessives"]
    assert data[0]["articles_by_dossier"] == {"alliance": 2}
    assert data[1]["articles"] == [] and data[1]["entity"] is None
    table = dossier("mentions", "Mattis", cwd=site).stdout
    assert table.startswith("Mattis (entity jim-mattis): 3 articles, 8 mentions")
    assert "2020-01-01  possessives" in table and "in dossiers: alliance (2)" in table
    drafts = dossier("mentions", "Mattis", "--drafts", "--format", "csv", cwd=site).stdout
    assert ",draft," in drafts or "2020-01-08" in drafts
    assert dossier("mentions", cwd=site).code == 2   # no names
