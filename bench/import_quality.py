"""How well saved news pages are imported: dossier's own reader against
trafilatura and readability-lxml, on the test pages in tests/import_pages/.

Each page comes with what an import must keep (sentences of the article) and
what it must lose (navigation, share and subscribe lines, related links, footers,
the teasers of a section front); a page that is not one article should be
refused, keeping nothing. Per extractor it prints: the share of expected text
kept, the share of boilerplate dropped, and the titles and dates found right.

    pip install -e '.[bench]'
    python3 bench/import_quality.py [-v] [DIR]

DIR: another folder of pages with their .expect.yaml (default: tests/import_pages/), to
measure on pages the reader has not been tuned on.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from dossier.commands.imports.draft import Refused
from dossier.commands.imports.htmlpage import parse_html
from dossier.commands.imports.inputs import Decoded, decode_input

PAGES = Path(__file__).resolve().parent.parent / "tests" / "import_pages"


@dataclass(frozen=True)
class Extracted:
    text: str
    title: str = ""
    date: str = ""      # YYYY-MM-DD


def _plain(text: str) -> str:
    """Text without Markdown's marks, whitespace and quotes made alike."""
    text = re.sub(r"\]\([^)]*\)", "", text)
    text = re.sub(r"[*#>\[\]\\`_]", "", text)
    text = text.replace("’", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.split()).lower()


def day_of(value: object) -> str:
    """A front-matter or extracted date as YYYY-MM-DD, "" for none."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value or "")[:10]


def ours(page: Decoded) -> Extracted:
    try:
        draft = parse_html(page.text, page.base_url, page.saved)
    except Refused:
        return Extracted("")
    image = draft.image
    caption = f"{image.caption} {image.credit}" if image else ""
    return Extracted(f"{draft.title}\n{draft.summary}\n{draft.editor_note}\n{caption}\n"
                     f"{draft.body}", draft.title,
                     day_of(draft.date))


def with_trafilatura(page: Decoded) -> Extracted:
    import trafilatura

    doc = trafilatura.bare_extraction(page.text, url=page.base_url or None, with_metadata=True,
                                      include_comments=False, include_images=True)
    if doc is None:
        return Extracted("")
    data = doc if isinstance(doc, dict) else doc.as_dict()
    text = data.get("text") or ""
    return Extracted(f"{data.get('title') or ''}\n{text}", data.get("title") or "",
                     day_of(data.get("date")))


def with_readability(page: Decoded) -> Extracted:
    from readability import Document

    document = Document(page.text, url=page.base_url or None)
    title = document.short_title()
    text = BeautifulSoup(document.summary(), "html.parser").get_text("\n")
    return Extracted(f"{title}\n{text}", title, "")


EXTRACTORS: dict[str, Callable[[Decoded], Extracted]] = {
    "dossier (beautifulsoup4)": ours, "trafilatura": with_trafilatura,
    "readability-lxml": with_readability}


@dataclass
class Tally:
    kept: int = 0
    keep: int = 0
    dropped: int = 0
    drop: int = 0
    titles: int = 0
    dates: int = 0
    refused: int = 0


def _installed() -> dict[str, Callable[[Decoded], Extracted]]:
    found = {}
    for name, extract in EXTRACTORS.items():
        try:
            extract(Decoded("html", "<html><body><p>x</p></body></html>"))
        except ImportError as exc:
            print(f"{name}: not installed ({exc}); pip install -e '.[bench]'", file=sys.stderr)
            continue
        found[name] = extract
    return found


def measure(folder: Path = PAGES, verbose: bool = False) -> tuple[dict[str, Tally], int, int,
                                                                   int]:
    pages = sorted(p for p in folder.iterdir() if p.suffix in (".html", ".htm", ".mhtml"))
    extractors = _installed()
    tallies = {name: Tally() for name in extractors}
    with_title = with_date = refusals = 0
    for page in pages:
        expect = yaml.safe_load(page.with_suffix(".expect.yaml").read_text(encoding="utf-8"))
        expect.update({k: v for k, v in (expect.get("front") or {}).items()
                       if k in ("title", "date")})
        decoded = decode_input(page.name, page.read_bytes())
        if expect.get("refuse"):
            refusals += 1
        if expect.get("title"):
            with_title += 1
        if expect.get("date"):
            with_date += 1
        for name, extract in extractors.items():
            found = extract(decoded)
            text = _plain(found.text)
            tally = tallies[name]
            kept = [k for k in expect.get("keep") or [] if _plain(k) in text]
            left = [d for d in expect.get("drop") or [] if _plain(d) in text]
            tally.keep += len(expect.get("keep") or [])
            tally.kept += len(kept)
            tally.drop += len(expect.get("drop") or [])
            tally.dropped += len(expect.get("drop") or []) - len(left)
            if expect.get("refuse") and not text.strip():
                tally.refused += 1
            if expect.get("title") and _plain(found.title) == _plain(str(expect["title"])):
                tally.titles += 1
            if expect.get("date") and found.date == day_of(expect["date"]):
                tally.dates += 1
            if verbose:
                missed = [k for k in expect.get("keep") or [] if k not in kept]
                print(f"{page.name:24} {name:26} missed {missed} left {left} "
                      f"title {found.title!r} date {found.date!r}")
    return tallies, with_title, with_date, refusals


def main(argv: list[str]) -> int:
    folders = [Path(a) for a in argv if not a.startswith("-")]
    folder = folders[0] if folders else PAGES
    tallies, titles, dates, refusals = measure(folder, "-v" in argv)
    print(f"{len(tallies)} extractors on the pages of {folder}"
          f" ({titles} state a title, {dates} a date, {refusals} are not one article)")
    print(f"{'extractor':28} {'kept':>6} {'dropped':>8} {'titles':>7} {'dates':>6} "
          f"{'refused':>8}")
    for name, t in tallies.items():
        kept = f"{100 * t.kept / t.keep:5.0f}%" if t.keep else "     -"
        dropped = f"{100 * t.dropped / t.drop:7.0f}%" if t.drop else "       -"
        print(f"{name:28} {kept} {dropped} {t.titles:>4}/{titles} "
              f"{t.dates:>3}/{dates} {t.refused:>5}/{refusals}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
