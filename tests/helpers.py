"""Shared helpers for the end-to-end tests: copy a fixture site, run the CLI, read pages."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parent.parent
SITES = Path(__file__).resolve().parent / "sites"


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str


def copy_site(name: str, into: Path) -> Path:
    """A fixture site (tests/sites/NAME, or "example" for the repository's own) in a tmp dir."""
    target = into / name
    if name == "example":
        target.mkdir()
        for part in ("config.yaml", "content", "static", "themes"):
            source = REPO / part
            if source.is_dir():
                shutil.copytree(source, target / part)
            elif source.exists():
                shutil.copy(source, target / part)
    else:
        shutil.copytree(SITES / name, target, ignore=shutil.ignore_patterns("public"))
    return target


def dossier(*args: str, cwd: Path) -> Run:
    """Run the real command line, as a user would."""
    done = subprocess.run([sys.executable, "-m", "dossier", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)
    return Run(done.returncode, done.stdout, done.stderr)


def tree_digest(root: Path) -> dict[str, str]:
    """Every file under root with the hash of its bytes (to prove nothing changed)."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def page(public: Path, address: str) -> BeautifulSoup:
    """Parse the page at a site address (without the base path)."""
    rel = address.strip("/")
    path = public / rel / "index.html" if not rel.endswith((".html", ".xml")) else public / rel
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def article_links_in_main(soup: BeautifulSoup) -> list[str]:
    """Slugs of the articles a page links to inside <main>."""
    main = soup.find("main")
    assert main is not None, "page has no <main>"
    slugs = set()
    for anchor in main.find_all("a", href=True):
        href = anchor["href"]
        if "/articles/" in href:
            slugs.add(href.split("/articles/", 1)[1].strip("/").split("/")[0])
    return sorted(slugs)
