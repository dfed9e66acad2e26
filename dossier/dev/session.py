"""The incremental site behind `dossier serve`: the pipeline kept alive.

A Session holds what a rebuild reuses: the parse cache, each article's linked record,
the linked site, and for every output file what its view read (keys of
:mod:`dossier.site.facts`) and the hash of its bytes. A change re-reads the changed
files, re-links what they touch, and renders again only the routes one of whose
keys changed value; a file is written only when its bytes differ, and the files of
routes that no longer exist are removed. A config change starts over.

The session writes into a folder of its own (``.dossier-cache/serve/`` by default),
never into public/: drafts shown while writing are never published by mistake.
Writes replace files atomically (rename), and the server holds requests while a
rebuild runs, so no reader sees a half-built site.

It forks worker processes for large rebuilds: the process that holds a session has
no threads (``dossier serve`` answers requests from a process of its own).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from dossier.build import (
    BuildOptions,
    Registry,
    Timer,
    read_articles,
    read_registry,
    settle,
    static_clashes,
    static_files,
    unplaced_warnings,
)
from dossier.cache import ParseCache
from dossier.config import CONFIG_FILE, Config, load_config
from dossier.content.discover import KINDS, SourceFile, discover
from dossier.content.readers import ParseSettings
from dossier.dev.served_search import ServedSearch
from dossier.errors import ContentError, Diagnostic
from dossier.linking.articles import entity_modes, link_article, link_key, mentions_of
from dossier.linking.link import Contribution, link_site
from dossier.linking.mentions import AliasTable, Linked
from dossier.model import Article, ParsedArticle, Site
from dossier.output.render import Renderer, template_error, theme_dirs
from dossier.output.reuse import Stored
from dossier.output.write import remove_in_background
from dossier.parallel import default_jobs, fork_map
from dossier.site.facts import Facts, Key, KeyIndex, changed_keys
from dossier.site.routes import Route

SERVE_FOLDER = "serve"
FORK_FROM = 400       # routes to render before workers are worth forking


@dataclass(frozen=True)
class Rebuild:
    """What one rebuild did, for the terminal's one line and for live reload."""

    reason: str                        # what changed, in words
    rendered: int                      # routes rendered
    written: tuple[str, ...]           # site paths whose bytes changed (pages and files)
    removed: tuple[str, ...]           # site paths that no longer exist
    seconds: float
    diagnostics: tuple[Diagnostic, ...]
    full: bool = False

    def line(self) -> str:
        changed = f"{len(self.written)} changed" + (
            f", {len(self.removed)} removed" if self.removed else "")
        return (f"{self.reason}: {self.rendered} rendered, {changed} "
                f"in {self.seconds * 1000:.0f} ms")


@dataclass
class _Output:
    """The serve folder: what each file's route read, and the hash of its bytes."""

    folder: Path
    reads: dict[str, frozenset[Key]] = field(default_factory=dict)   # output file -> keys
    hashes: dict[str, str] = field(default_factory=dict)             # output file -> hash
    index: KeyIndex = field(default_factory=KeyIndex)

    def record(self, rel: str, reads: frozenset[Key]) -> None:
        for key in self.reads.get(rel, ()):
            self.index.discard(key, rel)
        self.reads[rel] = reads
        for key in reads:
            self.index.add(key, rel)

    def forget(self, rel: str) -> None:
        self.record(rel, frozenset())
        del self.reads[rel]
        self.hashes.pop(rel, None)

    def write(self, rel: str, data: bytes) -> bool:
        """Write one file atomically; False when its bytes were already there."""
        digest = hashlib.blake2b(data, digest_size=16).hexdigest()
        if self.hashes.get(rel) == digest:
            return False
        write_atomically(self.folder, rel, data)
        self.hashes[rel] = digest
        return True

    def remove(self, rel: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.folder / rel)
        self.hashes.pop(rel, None)


STATE_FILE = "serve-state.pickle"


def _retire(folder: Path) -> None:
    if folder.exists():
        aside = folder.with_name(f".{folder.name}.retired-{os.getpid()}-{time.monotonic_ns()}")
        os.rename(folder, aside)
        remove_in_background(aside)
    folder.mkdir(parents=True, exist_ok=True)


def write_atomically(folder: Path, rel: str, data: bytes) -> None:
    if rel.startswith(("/", "../")) or "/../" in rel or rel == "..":
        raise ValueError(f"refusing to write outside the output folder: {rel!r}")
    target = folder / rel
    temporary = target.parent / f".{target.name}.{os.getpid()}.tmp"
    try:
        temporary.write_bytes(data)
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
    os.replace(temporary, target)


@dataclass
class _Linking:
    """Each article's linked record, reused while what it was made of holds."""

    # key -> the article, and its entities' tooltips and link modes it was linked with
    articles: dict[str, tuple[Article, tuple[tuple[str, ...], tuple[str, ...]]]] = field(
        default_factory=dict)
    last: dict[str, tuple[Registry, Article]] = field(default_factory=dict)
    contributions: dict[tuple[str, str], Contribution] = field(default_factory=dict)


class Session:
    def __init__(self, root: Path, drafts: bool = False, output: Path | None = None,
                 jobs: int = 0) -> None:
        self.root = root
        self.drafts = drafts
        self.jobs = jobs or default_jobs()
        self.output_folder = output
        self.config: Config | None = None
        self.site: Site | None = None
        self.diagnostics: tuple[Diagnostic, ...] = ()
        self.out: _Output | None = None  # type: ignore[assignment]

    def folder(self, config: Config) -> Path:
        """Where this session writes the site it serves."""
        return self.output_folder or config.cache_dir / SERVE_FOLDER

    # -- the first build, and a config change ---------------------------------------

    def start(self, allow_fork: bool = True) -> Rebuild:
        """Build everything (raises ConfigError; a ContentError leaves the session
        ready for the next change, with nothing served yet)."""
        started = time.perf_counter()
        config, config_warnings = load_config(self.root)
        # the last site goes before the next is built: two would not fit beside each
        # other at 10,000 articles (the files served stay as they are meanwhile)
        self.site = None
        self.facts = None
        self.renderer = None
        self.linking = _Linking()
        self.config = config
        self.config_warnings = config_warnings
        folder = self.folder(config)
        self._stored: Stored | None = None
        if getattr(self, "out", None) is None or self.out.folder != folder:
            self._stored = Stored.take(config, self.drafts, folder, STATE_FILE)
            if self._stored is None:
                _retire(folder)       # what an earlier run left is not known to be this site
                self.out = _Output(folder)
            else:                     # the last run's site, and what each file read
                self.out = _Output(folder, dict(self._stored.reads),
                                   dict(self._stored.hashes))
                for rel, reads in self._stored.reads.items():
                    for key in reads:
                        self.out.index.add(key, rel)
        settings = ParseSettings.of(config).fingerprint
        self.cache = ParseCache.load(config.cache_dir, settings)
        self.linking = _Linking()
        self.facts: Facts | None = None
        self.renderer: Renderer | None = None
        self.static: dict[str, Path] = {}
        self.stats: dict[str, tuple[int, int, str]] = {}
        self._changed_static: set[str] = set()
        self._changed_templates: set[str] = set()
        self._failed = False
        self.routes: dict[str, Route] = {}
        jobs = self.jobs if allow_fork else 1
        site, problems = self._load(jobs)
        if self.cache.changed:
            self.cache.save(config.cache_dir)
        return self._render_site(site, problems, "start", started, jobs, full=True)

    def _load(self, jobs: int) -> tuple[Site, list[Diagnostic]]:
        config = self.config
        assert config is not None
        found = self._discover()
        self.registry = read_registry(config, found)
        parsed, unread, problems, linked = read_articles(
            config, found["articles"], self.registry, self.cache, jobs, stats=self.stats)
        self.parsed = parsed
        self.unread = unread
        self.parse_problems = problems
        return self._link(linked)

    def _discover(self) -> dict[str, list[SourceFile]]:
        config = self.config
        assert config is not None
        self.found = discover(config.root)
        self.unplaced = unplaced_warnings(config.root)
        return self.found

    def _link(self, linked: dict[str, Linked]) -> tuple[Site, list[Diagnostic]]:
        config, registry = self.config, self.registry
        assert config is not None
        articles = []
        for parsed in self.parsed:
            articles.append(self._article(parsed, linked[parsed.digest]))
        site = link_site(config, articles, list(registry.dossiers), list(registry.entities),
                         list(registry.pages), registry.table, self.drafts, registry.known,
                         self.unread, memo=self.linking.contributions)
        problems = [*self.config_warnings, *self.unplaced, *registry.problems,
                    *self.parse_problems, *site.diagnostics]
        return site, problems

    def _article(self, parsed: ParsedArticle, linked: Linked) -> Article:
        config, registry = self.config, self.registry
        assert config is not None
        same = self.linking.last.get(parsed.digest)
        if same is not None and same[0] is registry:
            return same[1]
        article = self._relink(parsed, linked)
        self.linking.last[parsed.digest] = (registry, article)
        return article

    def _relink(self, parsed: ParsedArticle, linked: Linked) -> Article:
        config, registry = self.config, self.registry
        assert config is not None
        key = f"{parsed.digest}:{link_key(registry.table)}:" \
              f"{registry.keywords.fingerprint}"
        used = sorted({link.entity for link in linked.links})
        titles = (tuple(registry.titles.get(s, "") for s in used),
                  entity_modes(linked, registry.link_modes, config.entity_link))
        held = self.linking.articles.get(key)
        if held is not None and held[1] == titles:
            return held[0]
        article = link_article(parsed, linked, config, registry.keywords, registry.titles,
                               registry.link_modes, link_key(registry.table))
        self.linking.articles[key] = (article, titles)
        return article

    def _render_site(self, site: Site, problems: list[Diagnostic], reason: str,
                     started: float, jobs: int, full: bool = False) -> Rebuild:
        """Render the routes whose reads changed (all of them the first time)."""
        config = self.config
        assert config is not None
        try:
            problems = settle(problems, strict=False)
        except ContentError as exc:
            self.diagnostics = exc.diagnostics
            self._failed = True
            raise
        previous = self.facts
        stored, self._stored = self._stored, None
        facts = Facts.of(site, previous,
                         related=stored.related if stored is not None else None)
        routes = {route.output: route for route in facts.routes}
        static = {target: source for sources, prefix in static_files(config)
                  for source, rel in sources
                  for target in [f"{prefix}/{rel}" if prefix else rel]}
        problems += settle(static_clashes(list(facts.routes),
                                          [(s, t, t) for t, s in static.items()]), False)
        if stored is not None:
            # the last run's files: render what read a key whose value is not the same
            renderer = Renderer.create(facts)
            dirty = {rel for key in stored.changed(facts)
                     for rel in self.out.index.users.get(key, ())}
            dirty |= routes.keys() - self.out.reads.keys()
            missing = {rel for rel in self.out.hashes if not (self.out.folder / rel).is_file()}
            for rel in missing:       # gone from the folder since: written again
                del self.out.hashes[rel]
            dirty |= missing | (routes.keys() - self.out.hashes.keys())
            dirty &= routes.keys()
        elif self.renderer is None or previous is None \
                or previous.value(("globals",)) != facts.value(("globals",)):
            renderer = Renderer.create(facts)
            dirty = set(routes)
        else:
            if self._changed_templates:   # Jinja2 caches templates: new ones, same facts
                renderer = Renderer.create(facts)
            else:
                renderer = self.renderer.with_facts(facts)
            keys = changed_keys(previous, facts, self.out.index)
            dirty = {rel for key in keys for rel in self.out.index.users.get(key, ())}
            dirty |= routes.keys() - self.out.reads.keys()
            if self._changed_templates:
                uses = renderer.templates_by_kind()
                dirty |= {rel for rel, route in routes.items()
                          if uses.get(route.kind, frozenset()) & self._changed_templates}
            dirty &= routes.keys()
        # a route that is not what it was (a redirect to another article) renders again
        dirty |= {rel for rel, route in routes.items() if self.routes.get(rel, route) != route}
        # a static file replaces the page at its address (it is copied last): such a
        # page is not rendered; one whose static file went is rendered again
        unshadowed = {t for t in self.static.keys() - static.keys() if t in routes}
        for rel in unshadowed:
            self.out.hashes.pop(rel, None)
        dirty = (dirty | unshadowed) - static.keys()
        written: list[str] = []
        removed = [rel for rel in self.out.reads if rel not in routes]
        for rel in removed:
            self.out.forget(rel)
            if rel not in static:
                self.out.remove(rel)
        rendered = self._render(renderer, [routes[rel] for rel in sorted(dirty)], jobs,
                                written)
        for target, source in static.items():
            if (self.static.get(target) != source or target in self._changed_static
                    or target in self.routes.keys() - self.static.keys()) \
                    and self.out.write(target, source.read_bytes()):
                written.append(target)
        for target in self.static.keys() - static.keys():
            if target not in routes:
                self.out.remove(target)
                removed.append(target)
        extras = {".nojekyll": b""}
        if config.cname:
            extras["CNAME"] = config.cname.strip().encode() + b"\n"
        for target, data in extras.items():
            if self.out.write(target, data):
                written.append(target)
        for rel in [r for r in self.out.hashes
                    if r not in routes and r not in static and r not in extras]:
            self.out.remove(rel)      # a static file or CNAME that went
            removed.append(rel)
        self.static = static
        self.routes = routes
        self._changed_static = set()
        self._changed_templates = set()
        self._failed = False
        self.site, self.facts, self.renderer = site, facts, renderer
        self.diagnostics = tuple(problems)
        # -- search (issue 9): the served index follows the site's records ---------
        if config.search_enabled:
            if getattr(self, "search", None) is None or self.search.folder != self.out.folder:
                self.search = ServedSearch(self.out.folder, config.language)
            self.search.after_rebuild(site, full or stored is not None)
        # -- end search ---------------------------------------------------------------
        return Rebuild(reason, rendered, tuple(sorted(written)), tuple(sorted(removed)),
                       time.perf_counter() - started, tuple(problems), full)

    def _render(self, renderer: Renderer, routes: list[Route], jobs: int,
                written: list[str]) -> int:
        out = self.out

        def render_one(route: Route) -> tuple[str, bytes | None, frozenset[Key]] | Diagnostic:
            try:
                data = renderer.render(route)
            except Exception as exc:  # a theme bug: report it with the template's line
                return template_error(exc, route)
            reads = frozenset(renderer.facts.reads)
            if jobs > 1:   # a worker: write here, send back the hash only
                digest = hashlib.blake2b(data, digest_size=16).hexdigest()
                if out.hashes.get(route.output) != digest:
                    write_atomically(out.folder, route.output, data)
                return route.output, digest, reads
            return route.output, data, reads

        out.folder.mkdir(parents=True, exist_ok=True)
        if len(routes) < FORK_FROM:
            jobs = 1
        results = fork_map(render_one, routes, jobs) if jobs > 1 else \
            [render_one(route) for route in routes]
        failures = sorted({r for r in results if isinstance(r, Diagnostic)})
        if failures:
            raise ContentError(failures)
        for rel, data, reads in results:  # type: ignore[misc]
            out.record(rel, reads)
            if isinstance(data, str):    # a worker wrote it, or found it there already
                if out.hashes.get(rel) != data:
                    written.append(rel)
                out.hashes[rel] = data
            elif out.write(rel, data):
                written.append(rel)
        return len(routes)

    # -- changes ---------------------------------------------------------------------

    def apply(self, paths: Iterable[Path]) -> Rebuild:
        """Rebuild after the files ``paths`` changed (were written, added or deleted)."""
        started = time.perf_counter()
        config = self.config
        assert config is not None
        kinds = self._classify(paths)
        reason = ", ".join(f"{len(v)} {k}" if len(v) > 1 else f"{k} {sorted(v)[0]}"
                           for k, v in sorted(kinds.items())) or "no change"
        if "config" in kinds or self.site is None:
            rebuild = self.start()
            return Rebuild(reason, rebuild.rendered, rebuild.written, rebuild.removed,
                           rebuild.seconds, rebuild.diagnostics, True)
        # kept until a rebuild succeeds: a change made while the content has errors
        # still counts once they are fixed
        self._changed_templates |= self._template_names(kinds.get("template", set()))
        if "static" in kinds:
            self._changed_static |= {t for t, s in self.static.items()
                                     if s.resolve().as_posix() in kinds["static"]}
            theme_static = [str(d.resolve() / "static") for d in theme_dirs(config)]
            if any(p.startswith(tuple(theme_static)) or "/themes/" in p
                   for p in kinds["static"]):
                self._changed_templates.add("*")   # asset() names carry the files' hashes
        for rel in kinds.get("article", ()):
            self.stats.pop(rel, None)      # reported changed: read it, whatever its time
        if not self._failed and not (
                {"article", "registry", "other content", "template"} & kinds.keys()):
            site = self.site
            problems = list(self.diagnostics)
        else:
            site, problems = self._reload(kinds)
        return self._render_site(site, problems, reason, started, self.jobs)

    def _classify(self, paths: Iterable[Path]) -> dict[str, set[str]]:
        config = self.config
        assert config is not None
        root = config.root
        themes = [d.resolve() for d in theme_dirs(config)]
        kinds: dict[str, set[str]] = {}
        for path in paths:
            path = Path(path).resolve()
            try:
                rel = path.relative_to(root).as_posix()
            except ValueError:
                rel = ""
            kind = None
            if rel == CONFIG_FILE:
                kind = "config"
            elif rel.startswith("content/"):
                parts = rel.split("/")
                if len(parts) > 2 and parts[1] == "articles":
                    kind = "article"
                elif len(parts) > 2 and parts[1] in KINDS:
                    kind = "registry"
                else:
                    kind = "other content"
            elif rel.startswith("static/"):
                kind = "static"
            elif rel.startswith("themes/") or any(path.is_relative_to(t) for t in themes):
                theme = next((t for t in themes if path.is_relative_to(t)), None)
                inside = path.relative_to(theme).as_posix() if theme else ""
                if inside.startswith("static/"):
                    kind = "static"
                elif inside.startswith("templates/"):
                    kind = "template"
                else:   # a theme folder appearing or going: themes are looked up again
                    kind = "template"
            if kind is not None:
                kinds.setdefault(kind, set()).add(rel or path.as_posix())
        if "static" in kinds:
            kinds["static"] = {Path(root, p).resolve().as_posix() if not p.startswith("/")
                               else p for p in kinds["static"]}
        return kinds

    def _template_names(self, changed: set[str]) -> set[str]:
        """Template names (as Jinja2 knows them) of changed files under a theme's
        templates/; a theme folder that appeared or went changes every template."""
        config = self.config
        assert config is not None
        names = set()
        for rel in changed:
            parts = rel.split("/")
            if "templates" in parts:
                name = "/".join(parts[parts.index("templates") + 1:])
                names |= {name, f"default/{name}"}
            else:
                names.add("*")
        return names

    def _reload(self, kinds: dict[str, set[str]]) -> tuple[Site, list[Diagnostic]]:
        """Read the content again, reusing every parse and link that still holds."""
        config = self.config
        assert config is not None
        known = {source.rel for sources in self.found.values() for source in sources}
        changed = kinds.get("article", set()) | kinds.get("registry", set()) \
            | kinds.get("other content", set())
        if all(rel in known and (config.root / rel).is_file() for rel in changed):
            found = self.found      # only edits: the same files
        else:
            found = self._discover()
        old_table = self.registry.table
        if "registry" in kinds:
            self.registry = read_registry(config, found)
        table = self.registry.table
        if table.fingerprint != old_table.fingerprint:
            self._carry_mentions(old_table, table)
        if found is self.found and table.fingerprint == old_table.fingerprint:
            # the same files: read only those that changed
            edited = kinds.get("article", set())
            sources = [s for s in found["articles"] if s.rel in edited]
            parsed, unread, problems, _ = read_articles(
                config, sources, self.registry, self.cache, 1, stats=self.stats)
            self.parsed = [p for p in self.parsed if p.path not in edited] + parsed
            self.unread = [u for u in self.unread if u.path not in edited] + unread
            self.parse_problems = [d for d in self.parse_problems if d.path not in edited] \
                + problems
        else:
            self.cache.used = set()
            self.parsed, self.unread, self.parse_problems, _ = read_articles(
                config, found["articles"], self.registry, self.cache, 1, stats=self.stats)
        key = link_key(table)
        return self._link({p.digest: self.cache.linked[(p.digest, key)] for p in self.parsed})

    def _carry_mentions(self, old: AliasTable, new: AliasTable) -> None:
        """An alias change re-scans only the articles whose text holds a changed alias:
        the others' mentions are the same under the new table."""
        config = self.config
        assert config is not None
        changed = {alias for alias in old.owners.keys() | new.owners.keys()
                   if old.owners.get(alias) != new.owners.get(alias)}
        spellings = changed | {a.replace("’", "'") for a in changed}
        old_key = link_key(old)
        new_key = link_key(new)
        for parsed in self.parsed:
            held = self.cache.linked.get((parsed.digest, old_key))
            if held is None or (parsed.digest, new_key) in self.cache.linked:
                continue
            text = "\n".join(parsed.body.blocks).replace("\n", " ")
            if any(alias in text for alias in spellings):
                self.cache.linked[(parsed.digest, new_key)] = mentions_of(parsed, new)
            else:
                self.cache.linked[(parsed.digest, new_key)] = held

    def close(self) -> None:
        """Keep the parse cache, and what each served file read, for the next start."""
        if self.config is None:
            return
        if self.cache.changed:
            self.cache.save(self.config.cache_dir)
        if self.facts is not None and self.site is not None:
            out = self.out
            Stored.save(self.config, self.drafts, out.folder, STATE_FILE, out.reads,
                        out.hashes, out.index.users, self.facts)



__all__ = ["BuildOptions", "Rebuild", "Registry", "Session", "Timer"]
