"""`dossier report`: the curator's page, written outside the published site."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import copy_site, dossier
from tests.validators import describe_vnu, vnu_errors


def test_report_lists_what_awaits_a_decision(tmp_path: Path) -> None:
    site = copy_site("mentions", tmp_path)
    assert dossier("build", cwd=site).code == 0
    before = sorted(p.relative_to(site) for p in (site / "public").rglob("*"))
    run = dossier("report", cwd=site)
    assert run.code == 0, run.stderr
    assert "Wrote report/index.html" in run.stdout
    data = json.loads((site / "report" / "report.json").read_text())
    assert [(a["alias"], a["candidates"], a["mentions"]) for a in data["ambiguities"]] == [
        ("Washington", ["us-government", "washington-dc"], 1)]
    assert {e["slug"] for e in data["never_mentioned"]} == {"us-government", "zebulon-pike"}
    sizes = {d["slug"]: d["articles"] for d in data["dossiers"]}
    assert sizes["empty"] == 0 and sizes["alliance"] >= 2
    assert data["dossiers"][0]["per_year"] == {"2020": data["dossiers"][0]["articles"]}
    orphans = {a["slug"] for a in data["in_no_dossier"]}
    assert "ambiguous" in orphans and "excluded-article" in orphans
    page = (site / "report" / "index.html").read_text()
    assert "Ambiguous mentions awaiting a decision" in page and "zebulon-pike" in page
    assert vnu_errors(site / "report" / "index.html") == [], describe_vnu(
        vnu_errors(site / "report" / "index.html"))
    # nothing of it reaches the published site
    assert sorted(p.relative_to(site) for p in (site / "public").rglob("*")) == before
    refused = dossier("report", "-o", "public/report", cwd=site)
    assert refused.code == 2 and "inside the published output" in refused.stderr
    assert not (site / "public" / "report").exists()
