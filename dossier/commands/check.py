"""`dossier check`: read, link and render the site, write nothing into it, and report
every problem a build would, plus what only the rendered site shows (broken links and
anchors, images without alt text, feeds that do not parse, an output over GitHub Pages'
size limit) and files in static/ that link to places outside the site.

For now the site is rendered by the ordinary build into a temporary folder outside the
site and read back; the checks themselves (dossier.output.site_check) take the files as
a mapping, so an in-memory render can replace the build without changing them.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from dossier.build import BuildOptions, BuildReport, Timer, build
from dossier.errors import Diagnostic, escalate, warning
from dossier.model import Site
from dossier.output import weight
from dossier.output.site_check import Source, check_site
from dossier.output.write import remove_in_background
from dossier.parallel import default_jobs, fork_map
from dossier.site.routes import plan


@dataclass(frozen=True)
class CheckReport:
    site: Site
    diagnostics: tuple[Diagnostic, ...]    # sorted; warnings escalated under --strict
    files: int
    timings: tuple[tuple[str, float], ...]  # the build's stages, then the read-back and checks


def read_tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` as {relative posix path: bytes}."""
    files = {}
    for top, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(top, name)
            with open(path, "rb") as handle:
                files[os.path.relpath(path, folder).replace(os.sep, "/")] = handle.read()
    return files


def source_map(site: Site) -> dict[str, str]:
    """{output path: source file} for the pages made from one file each."""
    paths = {"article": {a.slug: a.path for a in site.articles},
             "dossier": {d.slug: d.path for d in site.dossiers},
             "entity": {e.slug: e.path for e in site.entities},
             "page": {p.slug: p.path for p in site.pages}}
    return {route.output: paths[route.kind][route.key] for route in plan(site)
            if route.kind in paths and route.key in paths[route.kind]}


def reader(root: Path, sources: dict[str, str]) -> Callable[[str], Source | None]:
    """source_of for site_check: the source file of a page, read when first asked."""
    cache: dict[str, Source | None] = {}

    def source_of(page: str) -> Source | None:
        rel = sources.get(page)
        if rel is None:
            return None
        if rel not in cache:
            try:
                cache[rel] = Source(rel, (root / rel).read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                cache[rel] = None
        return cache[rel]
    return source_of


def static_links(root: Path) -> list[Diagnostic]:
    """Files and folders in static/ that are symbolic links to places outside the site:
    a linked file is published as a copy of whatever it points at, a linked folder is
    skipped."""
    top = root / "static"
    found = []
    site = root.resolve()
    for folder, dirs, names in os.walk(top):
        for name in sorted(dirs + names):
            path = Path(folder, name)
            if not path.is_symlink():
                continue
            target = path.resolve()
            if target.is_relative_to(site):
                continue
            rel = path.relative_to(root).as_posix()
            what = ("a link to a folder outside the site, which the build skips"
                    if path.is_dir() else
                    "a link to a file outside the site, which the build publishes as a copy"
                    if path.exists() else "a link to nothing (its target does not exist)")
            found.append(warning(rel, 1, "file", f"is {what} ({target}); copy the file "
                                 "into static/ instead"))
    return found


def _fork_mapper(jobs: int) -> Callable[[Callable[[str], Any], Sequence[str]], list[Any]]:
    def mapper(func: Callable[[str], Any], items: Sequence[str]) -> list[Any]:
        return fork_map(func, items, jobs)
    return mapper


def _origin(base_url: str) -> str:
    parts = urlsplit(base_url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def check(root: Path, strict: bool = False, drafts: bool = False, jobs: int = 0) -> CheckReport:
    """Raises ConfigError or ContentError as the build does (content errors stop the
    render, so links are not checked then)."""
    timer = Timer()
    scratch = Path(tempfile.mkdtemp(prefix="dossier-check-"))
    try:
        output = scratch / "public"
        report: BuildReport = build(root, BuildOptions(drafts=drafts, jobs=jobs,
                                                       output=output, save_cache=False))
        with timer.stage("read back"):
            files = read_tree(output)
    finally:   # deleting 700 MB takes seconds on some disks: not while the user waits
        remove_in_background(scratch)
    config = report.site.config
    with timer.stage("check output"):
        rendered = check_site(files, config.base_path,
                              reader(config.root, source_map(report.site)),
                              origin=_origin(config.base_url),
                              map_pages=_fork_mapper(jobs or default_jobs()))
    # a site GitHub Pages would refuse: the build's warning names the scratch folder;
    # check_site reports it as an error, of public/
    diagnostics = [d for d in report.diagnostics if d.field != weight.FIELD]
    problems = list(dict.fromkeys([*diagnostics, *static_links(config.root), *rendered]))
    if strict:
        problems = list(escalate(problems))
    problems.sort(key=lambda d: (d.path, d.line, d.field, d.message))
    return CheckReport(report.site, tuple(problems), len(files),
                       (*report.timings, *timer.stages))
