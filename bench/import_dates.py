"""Which date finder gets a saved page's publication date right: dossier's (with and
without its htmldate fallback), htmldate alone, and trafilatura's metadata.

    pip install -e '.[bench]'
    python3 bench/import_dates.py [-v] [--at COMMIT] DIR...

Each DIR holds pages with their .expect.yaml (``date``, or ``front.date``); pages to be
refused or stating no date are not counted. ``--at COMMIT`` measures dossier's reader as
it was at COMMIT too (run from a copy of that commit, by its own import_quality.py) and
what it would have found with today's guarded htmldate fallback where it found nothing:
the way to ask what the fallback would have rescued on pages first seen at COMMIT.
"""

from __future__ import annotations

import logging
import re
import subprocess
import sys
import tempfile
import warnings
from collections.abc import Callable
from datetime import date
from pathlib import Path

import yaml
from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

from dossier.commands.imports import htmlpage, pagedates
from dossier.commands.imports.draft import Refused
from dossier.commands.imports.htmlmeta import json_ld, read_meta
from dossier.commands.imports.inputs import Decoded, decode_input
from dossier.commands.imports.textdates import url_date

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_quality import day_of

REPO = Path(__file__).resolve().parent.parent
logging.disable(logging.CRITICAL)
warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)


def ours(page: Decoded) -> str:
    try:
        return day_of(htmlpage.parse_html(page.text, page.base_url, page.saved).date)
    except Refused:
        return ""


def ours_without_htmldate(page: Decoded) -> str:
    real = pagedates._htmldate
    pagedates._htmldate = lambda *args: None
    try:
        return ours(page)
    finally:
        pagedates._htmldate = real


def guarded_htmldate(page: Decoded) -> str:
    """htmldate as dossier asks it, believed for a day the story's part states."""
    soup = BeautifulSoup(page.text, "lxml")
    meta = read_meta(soup, page.base_url)
    url = meta.source_url or page.base_url
    headline = htmlpage._headline(soup, meta.title)
    stated = pagedates._stated_days(soup, pagedates._Order.of(soup, headline), json_ld(soup),
                                    pagedates._language(soup))
    stated |= {d for d in [url_date(url)] if d}
    return day_of(pagedates._htmldate(page.text, url, date.today(), stated))


def raw_htmldate(page: Decoded) -> str:
    from htmldate import find_date

    return find_date(page.text, original_date=True, url=page.base_url or None) or ""


def trafilatura_date(page: Decoded) -> str:
    import trafilatura

    doc = trafilatura.bare_extraction(page.text, url=page.base_url or None,
                                      with_metadata=True)
    if doc is None:
        return ""
    data = doc if isinstance(doc, dict) else doc.as_dict()
    return day_of(data.get("date"))


FINDERS: dict[str, Callable[[Decoded], str]] = {
    "dossier": ours, "dossier without htmldate": ours_without_htmldate,
    "htmldate (as dossier believes it)": guarded_htmldate, "htmldate": raw_htmldate,
    "trafilatura": trafilatura_date}


def _pages(folder: Path) -> list[tuple[Path, str]]:
    found = []
    for page in sorted(p for p in folder.iterdir() if p.suffix in (".html", ".htm", ".mhtml")):
        expect = yaml.safe_load(page.with_suffix(".expect.yaml").read_text(encoding="utf-8"))
        want = expect.get("date") or (expect.get("front") or {}).get("date")
        if want and not expect.get("refuse"):
            found.append((page, day_of(want)))
    return found


def _at(commit: str, folder: Path) -> dict[str, str]:
    """The dates the reader of ``commit`` found, by that commit's own bench."""
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", str(REPO), "archive", commit],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        done = subprocess.run([sys.executable, "bench/import_quality.py", "-v",
                               str(folder.resolve())], cwd=tmp, capture_output=True,
                              text=True, env={"PYTHONPATH": tmp, "PATH": "/usr/bin:/bin"},
                              check=True)
    dates = {}
    for line in done.stdout.splitlines():
        m = re.match(r"(\S+)\s+dossier \(beautifulsoup4\).* date '(.*)'$", line)
        if m:
            dates[m.group(1)] = m.group(2)
    return dates


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    commit = argv[argv.index("--at") + 1] if "--at" in argv else ""
    folders = [Path(a) for a in argv if not a.startswith("-") and a != commit]
    for folder in folders:
        pages = _pages(folder)
        right = dict.fromkeys(FINDERS, 0)
        then = _at(commit, folder) if commit else {}
        then_right = rescued = 0
        for page, want in pages:
            decoded = decode_input(page.name, page.read_bytes())
            found = {name: finder(decoded) for name, finder in FINDERS.items()}
            for name, day in found.items():
                right[name] += day == want
            if commit:
                old = then.get(page.name, "")
                then_right += old == want
                rescued += (old or found["htmldate (as dossier believes it)"]) == want
            if verbose:
                wrong = {n: d for n, d in found.items() if d != want}
                print(f"{page.name:34} want {want} wrong: {wrong}")
        print(f"{folder}: {len(pages)} pages state a date")
        for name, count in right.items():
            print(f"  {name:36} {count:>3}/{len(pages)}")
        if commit:
            print(f"  {'dossier at ' + commit[:10]:36} {then_right:>3}/{len(pages)}")
            print(f"  {'  with the guarded htmldate fallback':36} {rescued:>3}/{len(pages)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
