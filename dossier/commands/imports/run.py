"""`dossier import`: each input read, composed, checked by the build's own article
reader and written, one after another; a bad input is reported and the rest go on."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from dossier.build import BuildOptions, Registry, Timer, load_site, read_registry
from dossier.commands.imports.compose import Composed, Overrides, compose
from dossier.commands.imports.draft import Draft, Refused, word_count
from dossier.commands.imports.duplicates import Known
from dossier.commands.imports.htmlpage import parse_html
from dossier.commands.imports.inputs import Input, decode_input, gather
from dossier.commands.imports.report import Outcome, describe, summary
from dossier.commands.imports.wire import parse_wire
from dossier.config import Config, load_config
from dossier.content.discover import discover
from dossier.content.readers import ParseSettings, parse_article
from dossier.content.slugs import slug_from_filename
from dossier.errors import error
from dossier.linking.articles import link_article, link_key, mentions_of
from dossier.linking.membership import membership
from dossier.linking.references import reference_problems
from dossier.model import ParsedArticle, Site


@dataclass(frozen=True)
class ImportOptions:
    overrides: Overrides = field(default_factory=Overrides)
    force: bool = False
    dry_run: bool = False


class UsageError(Exception):
    """The command cannot run as asked (exit status 2)."""


def read_draft(source: Input) -> Draft:
    """Raises Refused for an input that is not one article."""
    if source.raw is None:
        raise Refused(source.problem)
    decoded = decode_input(source.name, source.raw)
    if decoded.kind == "html":
        return parse_html(decoded.text, decoded.base_url, decoded.saved)
    return parse_wire(decoded.text)


@dataclass
class _Session:
    root: Path
    config: Config
    site: Site
    registry: Registry
    known: Known
    options: ImportOptions

    def check(self, composed: Composed, rel: str) -> tuple[Outcome | None, tuple[str, ...],
                                                              tuple[str, ...], int]:
        """Read the article as the build will: its problems, entities and dossiers."""
        config, registry = self.config, self.registry
        parsed, problems = parse_article(rel, composed.text().encode("utf-8"),
                                         ParseSettings.of(config))
        if parsed is not None:
            problems = [*problems, *getattr(parsed, "warnings", ()),
                        *reference_problems(rel, parsed.field_lines, parsed.dossiers,
                                            parsed.entities, registry.known)]
        errors = [p for p in problems if p.severity == "error"]
        if not isinstance(parsed, ParsedArticle) or errors:
            return Outcome("", "failed", rel, problems=tuple(errors or problems)), (), (), 0
        article = link_article(parsed, mentions_of(parsed, registry.table),
                               config, registry.keywords, registry.titles, registry.link_modes,
                               link_key(registry.table))
        entities = tuple(dict.fromkeys([*(m.entity for m in article.mentions),
                                        *article.entities]))
        entity_set = frozenset(entities)
        dossiers = tuple(d.slug for d in self.site.dossiers
                         if membership(article, d, entity_set) is not None)
        return None, entities, dossiers, word_count(composed.body)

    def one(self, source: Input) -> Outcome:
        try:
            return self._one(source)
        except Refused as exc:
            return Outcome(source.name, "failed",
                           problems=(error(source.name, exc.line, "file", exc.message),))
        except FileExistsError as exc:
            return Outcome(source.name, "failed", problems=(error(
                source.name, 1, "file", f"{exc.filename} exists already and is never "
                "overwritten; give another --slug"),))
        except Exception as exc:   # a bug is this input's problem, not the batch's
            return Outcome(source.name, "failed", problems=(error(
                source.name, 1, "file", f"could not be imported: {type(exc).__name__}: {exc}"),))

    def _one(self, source: Input) -> Outcome:
        name = source.name
        draft = read_draft(source)
        try:
            composed = compose(draft, self.options.overrides, self.config.language)
        except ValueError as exc:
            field, _, message = str(exc).partition(": ")
            return Outcome(name, "failed", problems=(error(name, 1, field, message),))
        url = draft.source_url or None
        existing = self.known.find(str(composed.front["title"]), composed.day, url)
        if existing and not self.options.force:
            return Outcome(name, "duplicate", existing)
        slug = self.known.free_slug(composed.slug)
        if slug != composed.slug and self.options.overrides.slug:
            return Outcome(name, "failed", problems=(error(
                name, 1, "slug", f"{composed.slug!r} is already another article's slug; "
                "choose another with --slug"),))
        rel = composed.path(slug)
        failed, entities, dossiers, words = self.check(composed, rel)
        if failed is not None:
            return replace(failed, name=name, problems=(*failed.problems, error(
                name, 1, "import", f"the article would not build, so {rel} was not written "
                "(the problems above)")))
        if not self.options.dry_run:
            target = self.root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "x", encoding="utf-8") as handle:   # never overwrite
                handle.write(composed.text())
        self.known.add(rel, slug, str(composed.front["title"]), composed.day, url)
        note = f"another article has the slug {composed.slug!r}: this one is {slug!r}" \
            if slug != composed.slug else ""
        return Outcome(name, "would write" if self.options.dry_run else "written", rel,
                       composed.front, words, entities, dossiers, note=note,
                       date_how="" if self.options.overrides.date else draft.date_how)


def _session(root: Path, options: ImportOptions) -> _Session:
    config, _ = load_config(root)
    site, _ = load_site(config, BuildOptions(drafts=True), Timer())
    unknown = [d for d in options.overrides.dossiers if d not in site.dossier_by_slug]
    if unknown:
        have = ", ".join(sorted(site.dossier_by_slug)) or "none yet"
        raise UsageError(f"--dossier: no dossier {', '.join(map(repr, unknown))} in "
                         f"content/dossiers/ (the dossiers: {have})")
    known = Known()
    for article in site.articles:
        known.add(article.path, article.slug, article.title, article.date.date(),
                  article.source.url if article.source else None)
    for source in discover(config.root)["articles"]:   # files that fail to read too
        known.slugs.add(slug_from_filename(source.path.stem))
    registry = read_registry(config, discover(config.root))
    return _Session(root, config, site, registry, known, options)


def import_inputs(root: Path, names: list[str], options: ImportOptions,
                  read_stdin: Callable[[], bytes]) -> int:
    """Exit status: 0 when every input was imported or already was; 1 when one failed.
    Raises ConfigError (no site here) and UsageError."""
    if options.overrides.slug and (len(names) > 1 or Path(names[0]).is_dir()):
        raise UsageError("--slug names one article: give it with a single file")
    session = _session(root, options)
    stdin = read_stdin() if "-" in names else None
    outcomes: list[Outcome] = []
    for source in gather(names, stdin):
        outcome = session.one(source)
        outcomes.append(outcome)
        for problem in outcome.problems:
            print(problem.format(), file=sys.stderr)
        for line in describe(outcome):
            print(line)
    failed = any(o.status == "failed" for o in outcomes)
    print(summary(outcomes, options.dry_run), file=sys.stderr if failed else sys.stdout)
    return 1 if failed else 0

