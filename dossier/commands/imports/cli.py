"""The `dossier import` command line: its options, and their errors as exit status 2."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path

from dossier.content.slugs import is_slug, slugify
from dossier.errors import ConfigError

EXIT_USAGE = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE",
                        help="copied text (.txt), saved pages (.html, .htm, .mhtml), "
                             "folders of them, or - for standard input")
    parser.add_argument("-s", "--site", dest="site_dir", default=".",
                        metavar="DIR", help="the site folder (default: the current folder)")
    parser.add_argument("--dry-run", action="store_true",
                        help="show what would be imported, write nothing")
    parser.add_argument("--full-text", action="store_true",
                        help="show the whole text on the site (you hold the right to "
                             "republish it); default: excerpt mode for an outlet's text")
    parser.add_argument("--dossier", action="append", default=[], metavar="SLUG",
                        help="add the article to this dossier (repeatable)")
    parser.add_argument("--date", help="the article's date (YYYY-MM-DD or ISO 8601), "
                        "instead of the one found")
    parser.add_argument("--source", dest="outlet", metavar="NAME",
                        help="the outlet's name, instead of the one found")
    parser.add_argument("--slug", help="the article's slug, instead of one made from its title")
    parser.add_argument("--force", action="store_true",
                        help="import an article already imported, as a new file beside it")


def _date(value: str | None) -> date | datetime | None:
    from dossier.commands.imports.textdates import machine_date

    if value is None:
        return None
    found = machine_date(value)
    if found is None or not value.strip()[:4].isdigit():
        raise ValueError(f"--date: cannot read {value!r} as a date, expected YYYY-MM-DD or "
                         "an ISO 8601 date-time such as 2017-02-04T09:30:00+09:00")
    return found


def run_import(args: argparse.Namespace) -> int:
    from dossier.commands.imports.compose import Overrides
    from dossier.commands.imports.run import ImportOptions, UsageError, import_inputs

    try:
        when = _date(args.date)
        if args.slug and not is_slug(args.slug):
            raise ValueError(f"--slug: {args.slug!r} is not a slug, expected lowercase ASCII "
                             f"letters, digits and hyphens such as {slugify(args.slug)!r}")
        overrides = Overrides(date=when, source=(args.outlet or "").strip(),
                              slug=args.slug or "", dossiers=tuple(args.dossier),
                              full_text=args.full_text)
        return import_inputs(Path(args.site_dir).resolve(), list(args.files),
                             ImportOptions(overrides, args.force, args.dry_run),
                             lambda: sys.stdin.buffer.read())
    except (ValueError, UsageError) as exc:
        print(f"import: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ConfigError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic.format(), file=sys.stderr)
        return EXIT_USAGE
