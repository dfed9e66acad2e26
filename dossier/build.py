"""The build: one short, linear pipeline (config -> read -> link -> plan -> render -> write)."""

from __future__ import annotations

import hashlib
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from markdown_it import MarkdownIt

from dossier.cache import ParseCache
from dossier.config import Config, load_config
from dossier.content.discover import SourceFile, discover, unplaced, walk_files
from dossier.content.markdown import make_markdown
from dossier.content.readers import (
    ParseSettings,
    content_digest,
    content_error,
    parse_article,
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
from dossier.linking.articles import link_article, link_key, mentions_of
from dossier.linking.link import link_site
from dossier.linking.lint import curate
from dossier.linking.membership import KeywordMatcher
from dossier.linking.mentions import AliasTable, Linked, build_alias_table
from dossier.linking.references import Known
from dossier.model import Dossier, Entity, Page, ParsedArticle, Site, UnreadArticle
from dossier.output import assets, weight, write
from dossier.output.render import Renderer, template_error, theme_dirs
from dossier.output.reuse import Stored, forget, pending
from dossier.output.search import FOLDER as SEARCH_FOLDER
from dossier.output.search import index_records
from dossier.parallel import default_jobs, fork_map
from dossier.site.facts import Facts, Key
from dossier.site.routes import Route
from dossier.site.search_records import search_records

Progress = Callable[[str, int, int], None]
STATE_PREFIX = "build-state-"    # what each page read (see output/reuse.py)


def state_file(output: Path) -> str:
    """The build state's file name for an output folder. Named by the folder, so that
    a build without cache into it removes it by name (the pages and files it records
    are no longer the folder's) and leaves another folder's alone; a build that
    saves one removes the others (one state at a time)."""
    folder = hashlib.blake2b(str(output.resolve()).encode(), digest_size=6).hexdigest()
    return f"{STATE_PREFIX}{folder}.pickle"


@dataclass(frozen=True)
class BuildOptions:
    drafts: bool = False
    strict: bool = False
    jobs: int = 0                    # 0: every core
    cache: bool = True               # read and write the parse cache in .dossier-cache/
    search: bool = True              # False: no search index, whatever the config says
    save_cache: bool = True          # False: read the parse cache but never write it
    output: Path | None = None       # default: <site>/public
    progress: Progress | None = None
    # called once the site is read, linked and planned, before its pages are rendered
    # (the command tunes the cyclic collector there: rendering makes short-lived cycles)
    planned: Callable[[], None] | None = None


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
    reused: int = 0                  # pages taken from the last build, not rendered


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


@dataclass(frozen=True)
class Registry:
    """Entities, dossiers and free pages: read before the articles, which link to them."""

    entities: tuple[Entity, ...]
    dossiers: tuple[Dossier, ...]
    pages: tuple[Page, ...]
    known: Known
    table: AliasTable
    keywords: KeywordMatcher
    titles: dict[str, str]
    problems: tuple[Diagnostic, ...]
    link_modes: dict[str, str] = field(default_factory=dict)   # entity -> first|all|none


def read_registry(config: Config, found: dict[str, list[SourceFile]]) -> Registry:
    md = make_markdown()
    base = config.base_path
    problems: list[Diagnostic] = []

    def read_all(kind: str, reader: Callable[..., tuple[Any, list[Diagnostic]]]
                 ) -> tuple[list[Any], frozenset[str]]:
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
    return Registry(tuple(entities), tuple(dossiers), tuple(pages), known,
                    build_alias_table(entities), KeywordMatcher.from_dossiers(dossiers),
                    {e.slug: e.description or e.name for e in entities}, tuple(problems),
                    {e.slug: config.link_mode(e.kind, e.link) for e in entities})


Parsed = tuple[ParsedArticle | UnreadArticle | None, list[Diagnostic]]


def _parse_one(settings: ParseSettings, md: MarkdownIt, table: AliasTable,
               item: tuple[SourceFile, bytes | None]) -> tuple[Parsed, Linked | None]:
    """Parse one article (and find its mentions): what a worker does."""
    source, raw = item
    if raw is None:
        return _read_safely(source, lambda rel, data: (None, [])), None
    try:
        parsed, problems = parse_article(source.rel, raw, settings, md)
    except Exception as exc:   # a reader's bug: reported for this file, never a crash
        return (None, [content_error(source.rel, exc)]), None
    linked = mentions_of(parsed, table) if isinstance(parsed, ParsedArticle) \
        else None
    return (parsed, problems), linked


def read_articles(config: Config, sources: list[SourceFile], registry: Registry,
                  cache: ParseCache, jobs: int, progress: Progress | None = None,
                  stats: dict[str, tuple[int, int, str]] | None = None
                  ) -> tuple[list[ParsedArticle], list[UnreadArticle], list[Diagnostic],
                             dict[str, Linked]]:
    """Parse every article file, taking what the cache holds; find the mentions of
    those whose bodies or registry changed. Returns the parsed articles, the files
    with errors, their diagnostics, and each parsed article's mentions by digest.
    ``stats``: each file's (modification time, size, digest) from an earlier call; a
    file whose time and size are the same is taken to be unchanged, and not read."""
    settings = ParseSettings.of(config)
    key = link_key(registry.table)
    problems: list[Diagnostic] = []
    to_parse: list[tuple[SourceFile, bytes | None]] = []
    new_digests: list[str] = []
    results: list[Parsed] = []
    linked: dict[str, Linked] = {}
    for source in sources:
        raw: bytes | None = None
        digest = None
        if stats is not None:
            try:
                info = os.stat(source.path)
            except OSError:
                info = None
            known = stats.get(source.rel)
            if info is not None and known and known[:2] == (info.st_mtime_ns, info.st_size) \
                    and known[2] in cache.parsed:
                digest = known[2]
        if digest is None:
            try:
                raw = source.path.read_bytes()
                info = os.stat(source.path)
            except OSError as exc:
                problems.append(content_error(source.rel, exc))
                continue
            digest = content_digest(source.rel, raw, settings)
            if stats is not None:
                stats[source.rel] = (info.st_mtime_ns, info.st_size, digest)
        cache.used.add(digest)
        hit = cache.parsed.get(digest)
        if hit is None:
            assert raw is not None
            to_parse.append((source, raw))
            new_digests.append(digest)
            continue
        parsed, found = hit
        results.append((parsed, list(found)))
        if isinstance(parsed, ParsedArticle):
            mentions = cache.linked.get((digest, key))
            if mentions is None:
                cache.new_links = True
                mentions = cache.linked[(digest, key)] = mentions_of(parsed, registry.table)
            linked[digest] = mentions
    md = make_markdown()
    work = partial(_parse_one, settings, md, registry.table)
    done = fork_map(work, to_parse, jobs,
                    (lambda d, t: progress("reading", d, t)) if progress else None)
    for digest, ((parsed, found), mentions) in zip(new_digests, done, strict=True):
        results.append((parsed, found))
        cache.parsed[digest] = (parsed, tuple(found))
        if mentions is not None:
            cache.linked[(digest, key)] = linked[digest] = mentions
    articles, unread = [], []
    for parsed, found in results:
        problems.extend(found)
        if isinstance(parsed, ParsedArticle):
            articles.append(parsed)
            problems.extend(parsed.warnings)
        elif isinstance(parsed, UnreadArticle):
            unread.append(parsed)
    return articles, unread, problems, linked


def unplaced_warnings(root: Path) -> list[Diagnostic]:
    """Markdown under content/ that no folder reads, each said once."""
    return [warning(rel, 1, "file", "not read: articles, dossiers, entities and pages go in "
                    "content/articles/, content/dossiers/, content/entities/ and content/pages/")
            for rel in unplaced(root)]


def load_site(config: Config, options: BuildOptions, timer: Timer,
              cache: ParseCache | None = None) -> tuple[Site, list[Diagnostic]]:
    """Read and link all content. Returns the site and every diagnostic (not escalated)."""
    jobs = options.jobs or default_jobs()
    cache = cache if cache is not None else ParseCache(ParseSettings.of(config).fingerprint)
    problems: list[Diagnostic] = []
    with timer.stage("discover"):
        found = discover(config.root)
        problems.extend(unplaced_warnings(config.root))
    with timer.stage("read registry"):
        registry = read_registry(config, found)
        problems.extend(registry.problems)
    with timer.stage("read articles"):
        parsed, unread, found_problems, linked = read_articles(
            config, found["articles"], registry, cache, jobs, options.progress)
        problems.extend(found_problems)
        found_with = link_key(registry.table)
        articles = [link_article(p, linked[p.digest], config, registry.keywords,
                                 registry.titles, registry.link_modes, found_with)
                    for p in parsed]
    with timer.stage("link"):
        site = link_site(config, articles, list(registry.dossiers), list(registry.entities),
                         list(registry.pages), registry.table, options.drafts, registry.known,
                         unread)
    problems.extend(site.diagnostics)
    problems = curate(problems, site, found["articles"], articles)   # dossier.linking.lint
    return site, problems


def settle(problems: list[Diagnostic], strict: bool) -> list[Diagnostic]:
    """Each problem once, warnings made errors under --strict, sorted; raises
    ContentError (exit 1, nothing written) when any is an error."""
    problems = list(dict.fromkeys(problems))
    if strict:
        problems = list(escalate(problems))
    problems.sort(key=lambda d: (d.path, d.line, d.field))
    if errors_in(problems):
        raise ContentError(problems)
    return problems


def static_clashes(routes: list[Route], static: list[tuple[Path, str, str]]
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


def static_files(config: Config) -> list[tuple[list[tuple[Path, str]], str]]:
    """(files, prefix) pairs: theme assets (site theme over default) and the site's static/."""
    files = assets.theme_files(theme_dirs(config))
    theme = [(p, rel) for rel, p in sorted(files.items())]
    theme += assets.hashed_copies(files, assets.manifest(files))   # for asset() in templates
    return [(theme, "assets"), (walk_files(config.root / "static"), "")]


def build(root: Path, options: BuildOptions | None = None) -> BuildReport:
    """Build the site at ``root``. Raises ConfigError (exit 2) or ContentError (exit 1);
    on either, the previous output is untouched."""
    return _build(root, options or BuildOptions())


def _build(root: Path, options: BuildOptions) -> BuildReport:
    timer = Timer()
    with timer.stage("config"):
        config, config_warnings = load_config(root, options.strict)
        refused = write.refusal(options.output or config.output_dir, config.root)
        if refused:
            raise ConfigError([error("--output", None, "output", refused)])
    settings = ParseSettings.of(config).fingerprint
    with timer.stage("cache"):
        cache = ParseCache.load(config.cache_dir, settings) if options.cache \
            else ParseCache(settings)
    site, problems = load_site(config, options, timer, cache)
    problems = settle([*config_warnings, *problems], options.strict)
    keep = options.cache and options.save_cache   # a failed build writes nothing, cache
                                                  # included: saved once public/ is in place
    output = options.output or config.output_dir
    state = state_file(output)
    with timer.stage("plan"):
        stored = Stored.take(config, options.drafts, output.resolve(), state,
                             keep=True) if options.cache else None
        facts = Facts.of(site, related=stored.related if stored is not None else None)
        routes = list(facts.routes)
        static = [(source, f"{prefix}/{rel}" if prefix else rel, rel)
                  for sources, prefix in static_files(config) for source, rel in sources]
        problems += settle(static_clashes(routes, static), options.strict)
        renderer = Renderer.create(facts)
    with timer.stage("reuse"):
        reused = _reusable(stored, facts, routes, {t for _, t, _ in static}, output)
    if options.planned is not None:
        options.planned()
    for leftover in write.leftovers(output):
        write.remove_in_background(leftover)
    writer = write.begin(output)
    try:
        written, changed, sizes, reads, marks = _render_all(
            renderer, routes, reused, writer, options, timer)
        with timer.stage("static"):
            for source, target, _ in static:
                changed += writer.copy(source, target)
            changed += writer.write(".nojekyll", b"")
            if config.cname:
                changed += writer.write("CNAME", config.cname.strip().encode() + b"\n")
        made = {r.output for r in routes} | {target for _, target, _ in static} \
            | {".nojekyll", *(["CNAME"] if config.cname else [])}
        if config.search_enabled and options.search:
            with timer.stage("search index"):
                index_records(Path(writer.staging), config.language, search_records(site),
                              config.search_shard)
        with timer.stage("weigh"):
            for source, target, _ in static:
                sizes[target] = source.stat().st_size
            index = Path(writer.staging, SEARCH_FOLDER)
            if index.is_dir():
                sizes[SEARCH_FOLDER + "/"] = weight.tree_bytes(str(index))
            problems += settle(_weight_problems(config, output, sizes, site),
                               options.strict)
        with timer.stage("commit"):
            # from here the output is no longer the one a recorded state lists: a
            # build without cache drops that state, one with cache marks it pending
            # until it writes the new one (stopped before, the next lists the folder)
            if keep:
                pending(config, state)
            elif not options.cache:
                forget(config, state)
            present = write.commit(writer, output, made,
                                   stored.files if stored is not None else None)
    except BaseException:
        write.abort(writer)
        raise
    if keep:
        with timer.stage("cache"):
            if cache.worth_saving:
                cache.save(config.cache_dir)
            # the keys read: the last build's (those of pages gone too, until a cold
            # render), and those of the pages rendered now
            keys = set(stored.values) if stored is not None and reused else set()
            keys.update(*(r for rel, r in reads.items() if rel not in reused))
            Stored.save(config, options.drafts, output.resolve(), state, reads, marks,
                        keys, facts, present, stored if reused else None,
                        (rel for rel in reads if rel not in reused))
            # (build-state.pickle: the one state of dossier 0.1 before this naming)
            for other in config.cache_dir.glob("build-state*.pickle"):
                if other.name != state:
                    forget(config, other.name)
    return BuildReport(site, tuple(problems), written, changed, len(made),
                       tuple(timer.stages), output, len(reused))


def _weight_problems(config: Config, output: Path, sizes: dict[str, int],
                     site: Site) -> list[Diagnostic]:
    """GitHub Pages' limits, weighed on the staged output: ``sizes`` of every file
    written (pages as rendered, static files, the search index)."""
    try:
        place = output.resolve().relative_to(config.root.resolve()).as_posix() + "/"
    except ValueError:
        place = str(output).rstrip("/") + "/"
    large = [(rel, size) for rel, size in sizes.items() if size > weight.FILE_LIMIT]
    return weight.limit_problems(place, sum(sizes.values()), len(site.articles), large)


Mark = tuple[str, int, int, int]   # a page's route (repr), its file's size, time, inode


def _mark(route: Route, path: str) -> Mark:
    info = os.stat(path)
    return repr(route), info.st_size, info.st_mtime_ns, info.st_ino


def _reusable(stored: Stored | None, facts: Facts, routes: list[Route], static: set[str],
              output: Path) -> dict[str, tuple[frozenset[Key], Mark]]:
    """The pages of the last build that are still right, with their reads and marks:
    same route, none of their keys changed value, and the file in ``output`` is the
    one that build wrote (a file edited, replaced or gone since is rendered again).
    A page a static file replaces is left to the cold path."""
    if stored is None:
        return {}
    changed = stored.changed(facts)
    reused = {}
    for route in routes:
        rel = route.output
        reads = stored.reads.get(rel)
        mark = stored.hashes.get(rel)
        if reads is None or mark is None or rel in static or mark[0] != repr(route) \
                or not reads.isdisjoint(changed):
            continue
        try:
            if _mark(route, os.path.join(output, rel)) != mark:
                continue
        except OSError:
            continue
        reused[rel] = (reads, mark)
    return reused


def _render_all(renderer: Renderer, routes: list[Route],
                reused: dict[str, tuple[frozenset[Key], Mark]], writer: write.Writer,
                options: BuildOptions, timer: Timer
                ) -> tuple[dict[str, int], int, dict[str, int], dict[str, frozenset[Key]],
                           dict[str, Mark]]:
    """Pages written by kind, how many changed, each page's size, what each page read
    and its file's mark. A page in ``reused`` is linked from the last build, not
    rendered."""
    def render_one(route: Route) -> Diagnostic | tuple[bool, frozenset[Key], Mark]:
        try:
            data = renderer.render(route)
        except Exception as exc:  # a theme bug: report it with the template's line
            return template_error(exc, route)
        changed = writer.write(route.output, data)
        return changed, frozenset(renderer.facts.reads), \
            _mark(route, writer.where(route.output))

    def link_one(route: Route) -> tuple[bool, frozenset[Key], Mark] | None:
        reads, mark = reused[route.output]
        return (False, reads, mark) if writer.link(route.output) else None

    progress = options.progress
    with timer.stage("render + write"):
        kept = {route.output: link_one(route) for route in routes if route.output in reused}
        fresh = [route for route in routes if kept.get(route.output) is None]
        pool: dict[Key, Key] = {}

        def shared(result: Diagnostic | tuple[bool, frozenset[Key], Mark]
                   ) -> Diagnostic | tuple[bool, frozenset[Key], Mark]:
            # each page's reads arrive as new objects: the same key read by a
            # thousand pages is kept once (at 10,000 articles, 1.1 million reads
            # of 89,000 keys)
            if isinstance(result, Diagnostic):
                return result
            changed, reads, mark = result
            return changed, frozenset([pool.setdefault(key, key) for key in reads]), mark

        results = fork_map(render_one, fresh, options.jobs or default_jobs(),
                           (lambda d, t: progress("writing", d, t)) if progress else None,
                           shared)
    failures = sorted({d for d in results if isinstance(d, Diagnostic)})
    if failures:
        raise ContentError(failures)
    done: dict[str, tuple[bool, frozenset[Key], Mark]] = dict(
        zip((route.output for route in fresh), results, strict=True))  # type: ignore[arg-type]
    done.update((rel, r) for rel, r in kept.items() if r is not None)
    return (dict(Counter(route.kind for route in routes)),
            sum(changed for changed, _, _ in done.values()),
            {rel: mark[1] for rel, (_, _, mark) in done.items()},
            {rel: reads for rel, (_, reads, _) in done.items()},
            {rel: mark for rel, (_, _, mark) in done.items()})
