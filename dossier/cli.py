"""Commands only: parse arguments, call the pipeline, map errors to exit codes.

Exit status: 0 success; 1 the content has errors; 2 usage or config errors.
"""

from __future__ import annotations

import _thread
import argparse
import gc
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

from dossier import __version__
from dossier.errors import ConfigError, ContentError, Diagnostic

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
FORMATS_MENTIONS = ("table", "csv", "json")


def _print_diagnostics(diagnostics: Sequence[Diagnostic], verbose: bool = False) -> None:
    from dossier.diagnostics import print_diagnostics

    print_diagnostics(diagnostics, verbose)


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
                           cache=not getattr(args, "no_cache", False),
                           output=Path(args.output).resolve() if args.output else None,
                           progress=_Progress(True) if interactive else None,
                           planned=_collect_while_rendering)
    started = time.perf_counter()
    # Reading and linking make millions of long-lived objects and no reference cycles
    # worth collecting: the cyclic collector would only rescan them again and again.
    # The process ends with the build, so this is tuned here, not in the library.
    gc.disable()
    try:
        report = build(root, options)
    except ConfigError as exc:
        _print_diagnostics(exc.diagnostics)
        print("Build stopped (nothing was written).", file=sys.stderr)
        return EXIT_USAGE
    except ContentError as exc:
        _print_diagnostics(exc.diagnostics, args.verbose)
        errors, warnings = _counts(exc.diagnostics)
        print(f"Build failed: {_plural(errors, 'error')}, {_plural(warnings, 'warning')}; "
              "the previous output was left as it was.", file=sys.stderr)
        return EXIT_CONTENT
    _print_diagnostics(report.diagnostics, args.verbose)
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
          f"({_plural(report.changed, 'file')} new or changed"
          + (f", {report.reused:,} pages unchanged since the last build, not rendered)"
             if report.reused else ")"))
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
    from dossier.commands.check import check
    from dossier.errors import errors_in

    root = _site_root(args)
    started = time.perf_counter()
    try:
        report = check(root, strict=args.strict, drafts=args.drafts, jobs=args.jobs)
    except ConfigError as exc:
        _print_diagnostics(exc.diagnostics)
        return EXIT_USAGE
    except ContentError as exc:
        _print_diagnostics(exc.diagnostics, args.verbose)
        errors, warnings = _counts(exc.diagnostics)
        if not args.quiet:
            print(f"Check failed: {_plural(errors, 'error')}, {_plural(warnings, 'warning')} "
                  "(links are checked once the content has no errors).", file=sys.stderr)
        return EXIT_CONTENT
    problems = report.diagnostics
    _print_diagnostics(problems, args.verbose)
    errors, warning_count = _counts(problems)
    if args.quiet:
        return EXIT_CONTENT if errors_in(problems) else EXIT_OK
    site = report.site
    print(f"Checked {_plural(len(site.articles), 'article')}, "
          f"{_plural(len(site.dossiers), 'dossier')}, {_plural(len(site.entities), 'entity')}"
          f" and {_plural(report.files, 'output file')} in "
          f"{time.perf_counter() - started:.2f} s: "
          f"{_plural(errors, 'error')}, {_plural(warning_count, 'warning')}.",
          file=sys.stderr if errors else sys.stdout)
    stages = " · ".join(f"{name} {seconds:.2f} s" for name, seconds in report.timings)
    print(f"  stages: {stages}", file=sys.stderr if errors else sys.stdout)
    return EXIT_CONTENT if errors_in(problems) else EXIT_OK


def cmd_deploy(args: argparse.Namespace) -> int:
    from dossier.commands.deploy import DeployError, DeployOptions, deploy, head_commit, preflight

    root = _site_root(args)
    options = DeployOptions(args.remote, args.branch, args.message, args.force)
    try:
        preflight(root, options)   # before building: a deploy that cannot happen says so now
    except DeployError as exc:
        print(f"deploy: {exc}; nothing was published", file=sys.stderr)
        return EXIT_USAGE
    args.output, args.drafts = None, False
    code = cmd_build(args)
    if code != EXIT_OK:
        print("deploy: the build failed; nothing was published", file=sys.stderr)
        return code
    from dossier.config import load_config

    output = load_config(root)[0].output_dir
    message = args.message or (f"Deployed {head_commit(root) or 'the site'} with dossier "
                               f"{__version__}")
    try:
        done = deploy(root, output, DeployOptions(args.remote, args.branch, message,
                                                  args.force))
    except DeployError as exc:
        print(f"deploy: {exc}; nothing was published", file=sys.stderr)
        return EXIT_USAGE
    print(f"Published {done.files:,} files to {args.branch} of {args.remote} ({done.url}) "
          f"as {done.commit[:12]}")
    return EXIT_OK


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
        created = init_site(Path(args.directory), args.base_url)
    except FileExistsError as exc:
        print(f"init: {exc} already exists; choose an empty or new folder", file=sys.stderr)
        return EXIT_USAGE
    todo = "" if args.base_url else (
        "\n  set base_url in config.yaml to the address the site will be published at")
    print(f"Created a site in {args.directory}/ ({len(created)} files). Next:{todo}\n"
          f"  cd {args.directory} && dossier build")
    return EXIT_OK


def _collect_while_rendering() -> None:
    """Rendering makes short-lived reference cycles (templates' contexts and frames):
    left uncollected they held more memory than the site itself (+90 KB a page).
    The site read so far is frozen, so the collector never scans it, and forked
    workers never touch (and so copy) its pages."""
    gc.freeze()
    gc.enable()


def cmd_serve(args: argparse.Namespace) -> int:
    from dossier.dev.serve import serve
    from dossier.dev.session import Rebuild

    def settled(rebuild: Rebuild | None) -> None:
        # the site just built lives until the next change: keep the cyclic collector
        # from scanning its millions of objects again at every collection; after a
        # build of everything, collect what the last site left first (frozen objects
        # are never collected)
        if rebuild is None or rebuild.full:
            gc.unfreeze()
            gc.collect()
        gc.freeze()

    return serve(_site_root(args), host=args.host, port=args.port, drafts=args.drafts,
                 poll=args.poll, on_rebuild=settled, verbose=args.verbose,
                 open_browser=args.open, navigate=args.navigate)


def cmd_import(args: argparse.Namespace) -> int:
    from dossier.commands.imports.cli import run_import

    return run_import(args)


def cmd_entities_suggest(args: argparse.Namespace) -> int:
    from dossier.commands.suggest import format_candidates, suggest, write_entities

    root = _site_root(args)
    if not (root / "config.yaml").is_file():
        print(f"entities suggest: no config.yaml in {root}", file=sys.stderr)
        return EXIT_USAGE
    new, variants, registry = suggest(root, args.jobs)
    if args.write:
        done, problems = write_entities(root, args.write, new)
        for line in done:
            print(line)
        for problem in problems:
            print(problem, file=sys.stderr)
        return EXIT_CONTENT if problems else EXIT_OK
    print("\n".join(format_candidates(new, variants, registry, args.limit)))
    return EXIT_OK


def _loaded_site(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The linked site for a curation command, or an exit status (config errors
    printed)."""
    from dossier.build import BuildOptions, Timer, load_site
    from dossier.config import load_config

    try:
        config, _ = load_config(_site_root(args))
    except ConfigError as exc:
        _print_diagnostics(exc.diagnostics)
        return EXIT_USAGE
    site, _ = load_site(config, BuildOptions(drafts=args.drafts, jobs=args.jobs), Timer())
    return site


def cmd_mentions(args: argparse.Namespace) -> int:
    from dossier.commands.mentions import read_names, render, watch

    names = list(args.names)
    if args.file:
        try:
            names += read_names(Path(args.file))
        except (OSError, UnicodeDecodeError) as exc:
            print(f"mentions: cannot read {args.file}: {exc}", file=sys.stderr)
            return EXIT_USAGE
    if not names:
        args.command_parser.error("give one or more names, or --file names.csv")
    site = _loaded_site(args)
    if isinstance(site, int):
        return site
    sys.stdout.write(render([watch(site, name) for name in names], args.format))
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from dossier.commands.report import refusal, report_data, write_report
    from dossier.commands.suggest import suggest

    root = _site_root(args)
    site = _loaded_site(args)
    if isinstance(site, int):
        return site
    folder = Path(args.output).resolve() if args.output else root / "report"
    refused = refusal(folder, site.config.output_dir)
    if refused:
        print(f"report: {refused}", file=sys.stderr)
        return EXIT_USAGE
    new, variants, registry = suggest(root, args.jobs)
    written = write_report(folder, report_data(site, new, variants, registry.names))
    for path in written:
        try:
            print(f"Wrote {path.relative_to(root)}")
        except ValueError:
            print(f"Wrote {path}")
    return EXIT_OK


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
        verbose_option(sub)

    def verbose_option(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("-v", "--verbose", action="store_true",
                         help="list every place of a repeated warning (default: one line "
                         "per problem)")

    build = commands.add_parser("build", help="build the site into public/")
    site_options(build)
    build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build.add_argument("-o", "--output", metavar="DIR", help="output folder (default: public/)")
    build.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    build.add_argument("--no-cache", action="store_true",
                       help="a cold build: neither read nor write .dossier-cache/")
    build.set_defaults(func=cmd_build)

    check = commands.add_parser("check", help="check the content and the rendered site "
                                "(links, anchors, alt text, feeds, size); writes nothing")
    site_options(check)
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    check.set_defaults(func=cmd_check)

    deploy = commands.add_parser("deploy", help="build, then publish the output to the "
                                 "gh-pages branch of the site's git remote")
    deploy.add_argument("-s", "--source", default=".", metavar="DIR")
    deploy.add_argument("-j", "--jobs", type=int, default=0,
                        help="processes to use (default: every core)")
    deploy.add_argument("--strict", action="store_true",
                        help="treat warnings as errors (nothing is published)")
    deploy.add_argument("--remote", default="origin", help="the remote to push to "
                        "(default: origin)")
    deploy.add_argument("--branch", default="gh-pages",
                        help="the branch that holds the site (default: gh-pages)")
    deploy.add_argument("-m", "--message", default="",
                        help="the commit message (default: names the current commit)")
    deploy.add_argument("--force", action="store_true",
                        help="replace the branch even if it has commits not made here")
    deploy.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    verbose_option(deploy)
    deploy.set_defaults(func=cmd_deploy)

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
    init.add_argument("--base-url", metavar="URL",
                      help="the address the site will be published at, e.g. "
                      "https://you.github.io/site/ (default: a placeholder to replace)")
    init.set_defaults(func=cmd_init)

    serve = commands.add_parser("serve", help="build, serve and rebuild what a change touches")
    serve.add_argument("-s", "--source", default=".", metavar="DIR")
    serve.add_argument("--drafts", action="store_true", help="include drafts")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=int, default=8000,
                       help="port (default: 8000; 0: any free port)")
    serve.add_argument("--poll", action="store_true",
                       help="poll for changes (network drives, some containers)")
    serve.add_argument("--open", action="store_true",
                       help="open the site in the browser once it is served")
    serve.add_argument("--navigate", action="store_true",
                       help="take the open tab to the page of the article just saved")
    verbose_option(serve)
    serve.set_defaults(func=cmd_serve)

    imp = commands.add_parser("import", help="turn saved news pages and copied wire text "
                              "into articles")
    from dossier.commands.imports.cli import add_arguments
    add_arguments(imp)
    imp.set_defaults(func=cmd_import)
    mentions = commands.add_parser(
        "mentions", help="a watchlist: the articles and dossiers that mention each name")
    mentions.add_argument("names", nargs="*", metavar="NAME",
                          help="a name, an alias or an entity's slug")
    mentions.add_argument("--file", metavar="NAMES.CSV",
                          help="names from a CSV file (its `name` column, or the first)")
    mentions.add_argument("--format", choices=FORMATS_MENTIONS, default="table")
    site_options(mentions)
    mentions.set_defaults(func=cmd_mentions)

    report = commands.add_parser(
        "report", help="the curator's report (report/, never part of the published site)")
    report.add_argument("-o", "--output", metavar="DIR",
                        help="folder for the report (default: report/)")
    site_options(report)
    report.set_defaults(func=cmd_report)

    entities = commands.add_parser("entities", help="work on the entity registry")
    entity_commands = entities.add_subparsers(dest="entities_command", metavar="ACTION",
                                              required=True)
    suggest = entity_commands.add_parser(
        "suggest", help="names the articles use that no entity has, and spellings of "
        "registered names that miss them")
    suggest.add_argument("-s", "--source", default=".", metavar="DIR")
    suggest.add_argument("--limit", type=int, metavar="N", help="show the N best only")
    suggest.add_argument("--write", nargs="+", metavar="SLUG",
                         help="write content/entities/SLUG.md for these suggestions "
                         "(never overwrites)")
    suggest.add_argument("-j", "--jobs", type=int, default=0)
    suggest.set_defaults(func=cmd_entities_suggest, command_parser=suggest)

    for command in commands.choices.values():
        command.set_defaults(command_parser=command)
    return parser


def _terminated(signum: int, frame: object) -> None:
    raise KeyboardInterrupt   # unwind like Ctrl-C: the staging folder is removed


def forget_unhandled_interrupt() -> None:
    """Let a caught Ctrl-C end the process with our exit status, not by SIGINT.

    CPython marks a KeyboardInterrupt that leaves a string ``exec`` (dataclasses
    and namedtuples build their methods that way while modules import) as
    unhandled even when a caller catches it, and under ``python -m`` it then ends
    the process by SIGINT (-2) instead of exit 130. Every string ``exec`` clears
    the mark when it starts, so a trivial one does.
    """
    exec("pass", {})


@contextmanager
def interrupts_redelivered() -> Iterator[None]:
    """Within: a Ctrl-C (or SIGTERM) that lands in a finaliser is not lost.

    Python cannot raise an exception out of a ``__del__`` method or a weakref
    callback; it reports it to ``sys.unraisablehook`` and carries on, so the build
    would run to its end as if nobody had asked it to stop. The hook here signals
    the main thread again, from another thread so that the signal lands once the
    finaliser has returned (one that lands in a finaliser again comes back here).
    """
    previous = sys.unraisablehook
    main_thread = threading.main_thread().ident

    def again() -> None:
        time.sleep(0.01)   # let the hook return first
        if main_thread is not None:
            signal.pthread_kill(main_thread, signal.SIGINT)

    def hook(unraisable: sys.UnraisableHookArgs) -> None:
        if isinstance(unraisable.exc_value, KeyboardInterrupt):
            _thread.start_new_thread(again, ())   # not Thread.start: it waits
        else:
            previous(unraisable)

    sys.unraisablehook = hook
    try:
        yield
    finally:
        sys.unraisablehook = previous


def main(argv: Sequence[str] | None = None) -> int:
    with interrupts_redelivered():
        return _main(argv)


def run() -> NoReturn:
    """The `dossier` command: :func:`main`, then the process ends."""
    leave(main())


def leave(status: int) -> NoReturn:
    """End the process with ``status`` once its output is flushed, without the
    interpreter's teardown: freeing a built site object by object (millions of
    them at 10,000 articles) took half a second after the work was done. Nothing
    is left to clean up: every file a command writes is closed, renamed into
    place or removed before it returns, and its worker processes are gone."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:   # output piped into `head` and the like
        pass
    os._exit(status)


def _main(argv: Sequence[str] | None) -> int:
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _terminated)
    try:   # parsing too: a Ctrl-C while the parser is made is still an interruption
        parser = make_parser()
        args, extra = parser.parse_known_args(argv)
        if extra:   # name the command's own options, not the top level's
            args.command_parser.error(f"unrecognized arguments: {' '.join(extra)}")
        return int(args.func(args))
    except KeyboardInterrupt:
        forget_unhandled_interrupt()
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
