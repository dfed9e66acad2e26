"""Commands only: parse arguments, call the pipeline, map errors to exit codes.

Exit status: 0 success; 1 the content has errors; 2 usage or config errors.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from dossier import __version__
from dossier.errors import ConfigError, ContentError, Diagnostic

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def _print_diagnostics(diagnostics: Sequence[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        print(diagnostic.format(), file=sys.stderr)


def _counts(diagnostics: Sequence[Diagnostic]) -> tuple[int, int]:
    errors = sum(1 for d in diagnostics if d.severity == "error")
    return errors, len(diagnostics) - errors


_PLURALS = {"entity": "entities"}


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word if count == 1 else _PLURALS.get(word, word + 's')}"


class _Progress:
    """A one-line progress report on a terminal; silent elsewhere."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.last = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.last < 0.1:
            return
        self.last = now
        end = "\n" if done >= total else ""
        print(f"\r{stage} {done:,}/{total:,}", end=end, file=sys.stderr, flush=True)


def _site_root(args: argparse.Namespace) -> Path:
    return Path(args.source).resolve()


def cmd_build(args: argparse.Namespace) -> int:
    from dossier.build import BuildOptions, build

    root = _site_root(args)
    interactive = sys.stderr.isatty() and not args.quiet
    options = BuildOptions(drafts=args.drafts, strict=args.strict, jobs=args.jobs,
                           output=Path(args.output).resolve() if args.output else None,
                           progress=_Progress(True) if interactive else None)
    started = time.perf_counter()
    try:
        report = build(root, options)
    except ConfigError as exc:
        _print_diagnostics(exc.diagnostics)
        print("Build stopped (nothing was written).", file=sys.stderr)
        return EXIT_USAGE
    except ContentError as exc:
        _print_diagnostics(exc.diagnostics)
        errors, warnings = _counts(exc.diagnostics)
        print(f"Build failed: {_plural(errors, 'error')}, {_plural(warnings, 'warning')}; "
              "the previous output was left as it was.", file=sys.stderr)
        return EXIT_CONTENT
    _print_diagnostics(report.diagnostics)
    if not args.quiet:
        _summary(report, time.perf_counter() - started, root)
    return EXIT_OK


def _summary(report, elapsed: float, root: Path) -> None:  # type: ignore[no-untyped-def]
    pages = report.pages
    site = report.site
    files = report.files
    try:
        where = report.output.relative_to(root)
    except ValueError:
        where = report.output
    print(f"Built {files:,} files into {where}/ in {elapsed:.2f} s "
          f"({_plural(report.changed, 'file')} new or changed)")
    print(f"  {_plural(pages.get('article', 0), 'article')} · "
          f"{_plural(len(site.dossiers), 'dossier')} · {_plural(len(site.entities), 'entity')}"
          f" · {_plural(len(site.tags), 'tag')} · {_plural(pages.get('page', 0), 'page')} · "
          f"{_plural(sum(v for k, v in pages.items() if k.endswith('feed')), 'feed')}")
    listing = (pages.get("dossier", 0) + pages.get("entity", 0) + pages.get("tag", 0)
               + pages.get("dossiers", 0) + pages.get("entities", 0) + pages.get("tags", 0))
    print(f"  {_plural(listing, 'list page')} · "
          f"{_plural(pages.get('redirect', 0), 'redirect')}")
    _, warnings = _counts(report.diagnostics)
    if warnings:
        print(f"  {_plural(warnings, 'warning')} (above)")
    stages = " · ".join(f"{name} {seconds:.2f} s" for name, seconds in report.timings)
    print(f"  stages: {stages}")


def cmd_check(args: argparse.Namespace) -> int:
    from dossier.build import BuildOptions, Timer, load_site
    from dossier.config import load_config
    from dossier.errors import errors_in, escalate

    root = _site_root(args)
    try:
        config, warnings = load_config(root, args.strict)
    except ConfigError as exc:
        _print_diagnostics(exc.diagnostics)
        return EXIT_USAGE
    site, problems = load_site(config, BuildOptions(drafts=args.drafts, jobs=args.jobs), Timer())
    problems = [*warnings, *problems]
    if args.strict:
        problems = list(escalate(problems))
    problems.sort(key=lambda d: (d.path, d.line, d.field))
    _print_diagnostics(problems)
    errors, warning_count = _counts(problems)
    if args.quiet:
        return EXIT_CONTENT if errors_in(problems) else EXIT_OK
    print(f"Checked {_plural(len(site.articles), 'article')}, "
          f"{_plural(len(site.dossiers), 'dossier')}, {_plural(len(site.entities), 'entity')}: "
          f"{_plural(errors, 'error')}, {_plural(warning_count, 'warning')}.",
          file=sys.stderr if errors else sys.stdout)
    return EXIT_CONTENT if errors_in(problems) else EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    from dossier.commands.explain import explain

    root = _site_root(args)
    try:
        text, found = explain(root, args.article)
    except ConfigError as exc:
        _print_diagnostics(exc.diagnostics)
        return EXIT_USAGE
    print(text, file=sys.stdout if found else sys.stderr)
    return EXIT_OK if found else EXIT_USAGE


def cmd_new(args: argparse.Namespace) -> int:
    from dossier.commands.scaffold import new_item

    try:
        path = new_item(_site_root(args), args.kind, args.title, date=args.date, kind=args.as_kind)
    except FileExistsError as exc:
        print(f"{exc}: already exists, nothing written", file=sys.stderr)
        return EXIT_CONTENT
    except ValueError as exc:
        print(f"new: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"Created {path}")
    return EXIT_OK


def cmd_init(args: argparse.Namespace) -> int:
    from dossier.commands.scaffold import init_site

    try:
        created = init_site(Path(args.directory))
    except FileExistsError as exc:
        print(f"init: {exc} already exists; choose an empty or new folder", file=sys.stderr)
        return EXIT_USAGE
    print(f"Created a site in {args.directory}/ ({len(created)} files). Next:\n"
          f"  cd {args.directory} && dossier build")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from dossier.dev.serve import serve

    return serve(_site_root(args), host=args.host, port=args.port, drafts=args.drafts)


def cmd_import(args: argparse.Namespace) -> int:
    from dossier.commands.imports.cli import run_import

    return run_import(args)


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dossier", description="Build curated news dossiers into a static site.")
    parser.add_argument("--version", action="version", version=f"dossier {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def site_options(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("-s", "--source", default=".", metavar="DIR",
                         help="the site folder (default: the current folder)")
        sub.add_argument("--drafts", action="store_true", help="include drafts")
        sub.add_argument("-j", "--jobs", type=int, default=0,
                         help="processes to use (default: every core)")

    build = commands.add_parser("build", help="build the site into public/")
    site_options(build)
    build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build.add_argument("-o", "--output", metavar="DIR", help="output folder (default: public/)")
    build.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    build.set_defaults(func=cmd_build)

    check = commands.add_parser("check", help="check the content without writing anything")
    site_options(check)
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    check.set_defaults(func=cmd_check)

    explain = commands.add_parser("explain", help="why an article is in each dossier, and "
                                  "which entities it mentions, line by line")
    explain.add_argument("article", help="the article's slug or file path")
    explain.add_argument("-s", "--source", default=".", metavar="DIR")
    explain.set_defaults(func=cmd_explain)

    new = commands.add_parser("new", help="create a new article, dossier, entity or page")
    new.add_argument("kind", choices=("article", "dossier", "entity", "page"))
    new.add_argument("title", help="its title (an entity's name)")
    new.add_argument("--date", help="article date, YYYY-MM-DD (default: today)")
    new.add_argument("--kind", dest="as_kind", default="person",
                     help="entity kind (default: person)")
    new.add_argument("-s", "--source", default=".", metavar="DIR")
    new.set_defaults(func=cmd_new)

    init = commands.add_parser("init", help="create a new site")
    init.add_argument("directory")
    init.set_defaults(func=cmd_init)

    serve = commands.add_parser("serve", help="build, serve and rebuild on change")
    serve.add_argument("-s", "--source", default=".", metavar="DIR")
    serve.add_argument("--drafts", action="store_true")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(func=cmd_serve)

    imp = commands.add_parser("import", help="turn saved news pages and copied wire text "
                              "into articles")
    from dossier.commands.imports.cli import add_arguments
    add_arguments(imp)
    imp.set_defaults(func=cmd_import)
    for command in commands.choices.values():
        command.set_defaults(command_parser=command)
    return parser


def _terminated(signum: int, frame: object) -> None:
    raise KeyboardInterrupt   # unwind like Ctrl-C: the staging folder is removed


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:   # name the command's own options, not the top level's
        args.command_parser.error(f"unrecognized arguments: {' '.join(extra)}")
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _terminated)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
