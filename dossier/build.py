"""The build: one short, linear pipeline (config -> read -> link -> plan -> render -> write)."""

from __future__ import annotations

import gc
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TypeVar

from dossier.config import Config, load_config
from dossier.content.discover import SourceFile, discover, unplaced, walk_files
from dossier.content.markdown import make_markdown
from dossier.content.readers import (
    ReadContext,
    content_error,
    read_article,
    read_dossier,
    read_entity,
    read_page,
)
from dossier.content.slugs import slug_from_filename
from dossier.errors import (
    ConfigError,
    ContentError,
    Diagnostic,
    error,
    errors_in,
    escalate,
    warning,
)
from dossier.linking.link import link_site
from dossier.linking.membership import KeywordMatcher
from dossier.linking.mentions import build_alias_table
from dossier.linking.references import Known
from dossier.model import Article, Site
from dossier.output import assets, write
from dossier.output.render import Renderer, template_error, theme_dirs
from dossier.output.search import index_site
from dossier.parallel import default_jobs, fork_map
from dossier.site import viewmodel
from dossier.site.routes import Route, plan

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class BuildOptions:
    drafts: bool = False
    strict: bool = False
    jobs: int = 0                    # 0: every core
    output: Path | None = None       # default: <site>/public
    progress: Progress | None = None


@dataclass
class Timer:
    stages: list[tuple[str, float]] = field(default_factory=list)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.stages.append((name, time.perf_counter() - start))


@dataclass(frozen=True)
class BuildReport:
    site: Site
    diagnostics: tuple[Diagnostic, ...]
    pages: dict[str, int]            # files written, by route kind
    changed: int                     # files whose bytes differ from the previous build
    files: int                       # files in the output (pages, feeds, static files)
    timings: tuple[tuple[str, float], ...]
    output: Path


Record = TypeVar("Record")


def _read_safely(source: SourceFile,
                 read: Callable[[str, bytes], tuple[Record | None, list[Diagnostic]]]
                 ) -> tuple[Record | None, list[Diagnostic]]:
    """Read one file into a record; an unreadable file or a reader's bug becomes a
    diagnostic for that file, so it never hides the other files' problems."""
    try:
        raw = source.path.read_bytes()
    except OSError as exc:
        return None, [content_error(source.rel, exc)]
    try:
        return read(source.rel, raw)
    except Exception as exc:
        return None, [content_error(source.rel, exc)]


def load_site(config: Config, options: BuildOptions, timer: Timer) -> tuple[
        Site, list[Diagnostic]]:
    """Read and link all content. Returns the site and every diagnostic (not escalated)."""
    jobs = options.jobs or default_jobs()
    problems: list[Diagnostic] = []
    with timer.stage("discover"):
        found = discover(config.root)
        problems.extend(warning(rel, 1, "file", "not read: articles, dossiers, entities and "
                                "pages go in content/articles/, content/dossiers/, "
                                "content/entities/ and content/pages/")
                        for rel in unplaced(config.root))
    with timer.stage("read registry"):
        md = make_markdown()
        base = config.base_path

        def read_all(kind: str, reader: Callable[..., tuple[Record | None, list[Diagnostic]]]
                     ) -> tuple[list[Record], frozenset[str]]:
            """The records of one kind, and the slugs of its files that failed (they
            exist: the other files' references to them are not errors too)."""
            records, failed = [], set()
            for source in found[kind]:
                record, found_problems = _read_safely(
                    source, lambda rel, raw: reader(rel, raw, md, base))
                problems.extend(found_problems)
                if record is None:
                    failed.add(slug_from_filename(source.path.stem))
                else:
                    records.append(record)
            return records, frozenset(failed)

        entities, unread_entities = read_all("entities", read_entity)
        entity_slugs = frozenset(e.slug for e in entities) | unread_entities
        dossiers, unread_dossiers = read_all(
            "dossiers", partial(read_dossier, known=Known(entity_slugs)))
        pages, _ = read_all("pages", read_page)
        known = Known(entity_slugs, frozenset(d.slug for d in dossiers) | unread_dossiers)
        table = build_alias_table(entities)
        context = ReadContext(config, table, KeywordMatcher.from_dossiers(dossiers),
                              {e.slug: e.description or e.name for e in entities}, known, md)

    def read_one(source: SourceFile) -> tuple[Article | None, list[Diagnostic]]:
        return _read_safely(source, lambda rel, raw: read_article(rel, raw, context))

    with timer.stage("read articles"):
        progress = options.progress
        results = fork_map(read_one, found["articles"], jobs,
                           (lambda d, t: progress("reading", d, t)) if progress else None)
    articles = []
    for article, found_problems in results:
        problems.extend(found_problems)
        if article is not None:
            articles.append(article)
    with timer.stage("link"):
        site = link_site(config, articles, dossiers, entities, pages, table, options.drafts,
                         known)
    problems.extend(site.diagnostics)
    return site, problems


def _settle(problems: list[Diagnostic], strict: bool) -> list[Diagnostic]:
    """Each problem once, warnings made errors under --strict, sorted; raises
    ContentError (exit 1, nothing written) when any is an error."""
    problems = list(dict.fromkeys(problems))
    if strict:
        problems = list(escalate(problems))
    problems.sort(key=lambda d: (d.path, d.line, d.field))
    if errors_in(problems):
        raise ContentError(problems)
    return problems


def _static_clashes(routes: list[Route], static: list[tuple[Path, str, str]]
                    ) -> list[Diagnostic]:
    """A file of the site's static/ (or a theme's) that takes the place of one the
    build makes: a page, a feed, or a theme file."""
    made = {route.output for route in routes}
    clashes = []
    for _, target, rel in static:
        if target in made:
            clashes.append(warning(
                f"static/{rel}", 1, "file",
                f"replaces {target}, which the build makes (a page, a feed or a theme "
                "file); rename it, or override the theme in themes/"))
        made.add(target)
    return clashes


def _static_files(config: Config) -> list[tuple[list[tuple[Path, str]], str]]:
    """(files, prefix) pairs: theme assets (site theme over default) and the site's static/."""
    files = assets.theme_files(theme_dirs(config))
    theme = [(p, rel) for rel, p in sorted(files.items())]
    theme += assets.hashed_copies(files, assets.manifest(files))   # for asset() in templates
    return [(theme, "assets"), (walk_files(config.root / "static"), "")]


def build(root: Path, options: BuildOptions | None = None) -> BuildReport:
    """Build the site at ``root``. Raises ConfigError (exit 2) or ContentError (exit 1);
    on either, the previous output is untouched."""
    options = options or BuildOptions()
    # The build makes millions of long-lived objects and no reference cycles worth
    # collecting: the cyclic collector would only rescan them again and again.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _build(root, options)
    finally:
        if collecting:
            gc.enable()


def _build(root: Path, options: BuildOptions) -> BuildReport:
    timer = Timer()
    with timer.stage("config"):
        config, config_warnings = load_config(root, options.strict)
        refused = write.refusal(options.output or config.output_dir, config.root)
        if refused:
            raise ConfigError([error("--output", None, "output", refused)])
    site, problems = load_site(config, options, timer)
    problems = _settle([*config_warnings, *problems], options.strict)

    output = options.output or config.output_dir
    with timer.stage("plan"):
        routes = plan(site)
        static = [(source, f"{prefix}/{rel}" if prefix else rel, rel)
                  for sources, prefix in _static_files(config) for source, rel in sources]
        problems += _settle(_static_clashes(routes, static), options.strict)
        renderer = Renderer.create(site, routes)
    for leftover in write.leftovers(output):
        write.remove_in_background(leftover)
    gc.freeze()  # forked workers then share the site's memory instead of copying it
    writer = write.begin(output)
    try:
        written, changed = _render_all(renderer, routes, writer, options, timer)
        with timer.stage("static"):
            for source, target, _ in static:
                changed += writer.copy(source, target)
            changed += writer.write(".nojekyll", b"")
            if config.cname:
                changed += writer.write("CNAME", config.cname.strip().encode() + b"\n")
        files = len({r.output for r in routes} | {target for _, target, _ in static}
                    | {".nojekyll", *(["CNAME"] if config.cname else [])})
        if config.search_enabled:
            with timer.stage("search index"):
                index_site(Path(writer.staging), config.language,
                           viewmodel.excerpt_search_records(site))
        with timer.stage("swap"):
            write.commit(writer, output)
    except BaseException:
        write.abort(writer)
        raise
    return BuildReport(site, tuple(problems), written, changed, files, tuple(timer.stages),
                       output)


def _render_all(renderer: Renderer, routes: list[Route], writer: write.Writer,
                options: BuildOptions, timer: Timer) -> tuple[dict[str, int], int]:
    def render_one(route: Route) -> Diagnostic | bool:
        try:
            data = renderer.render(route)
        except Exception as exc:  # a theme bug: report it with the template's line
            return template_error(exc, route)
        return writer.write(route.output, data)

    progress = options.progress
    with timer.stage("render + write"):
        results = fork_map(render_one, routes, options.jobs or default_jobs(),
                           (lambda d, t: progress("writing", d, t)) if progress else None)
    failures = sorted({d for d in results if isinstance(d, Diagnostic)})
    if failures:
        raise ContentError(failures)
    return dict(Counter(route.kind for route in routes)), sum(d is True for d in results)
