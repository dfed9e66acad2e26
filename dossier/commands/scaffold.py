"""`dossier new` and `dossier init`: write starter files (never overwrite)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from dossier import __version__
from dossier.config import load_config
from dossier.content.slugs import slugify
from dossier.linking.lint import INIT_BASE_URL  # a build warns while it stays
from dossier.model import ENTITY_KINDS, KIND_SPELLINGS

_FOLDERS = {"article": "articles", "dossier": "dossiers", "entity": "entities", "page": "pages"}


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def new_item(root: Path, item: str, title: str, date: str | None = None,
             kind: str = "person") -> Path:
    if not title.strip():
        raise ValueError("the title is empty")
    config, _ = load_config(root)
    slug = slugify(title)
    folder = root / "content" / _FOLDERS[item]
    if item == "article":
        day = date or datetime.now(config.zone).date().isoformat()
        try:
            datetime.strptime(day, "%Y-%m-%d")
        except ValueError:
            raise ValueError(f"--date {day!r}: expected YYYY-MM-DD") from None
        path = folder / day[:4] / f"{day}-{slug}.md"
        text = (f"---\ntitle: {_quote(title)}\ndate: {day}\nsummary: \"\"\ndossiers: []\n"
                f"entities: []\ntags: []\n---\n\nWrite the article here.\n")
    elif item == "dossier":
        path = folder / f"{slug}.md"
        text = (f"---\ntitle: {_quote(title)}\nsummary: \"\"\nmatch:\n  entities: []\n"
                f"  tags: []\n  keywords: []\nexclude: []\n---\n\nWhat this dossier follows.\n")
    elif item == "entity":
        kind = KIND_SPELLINGS.get(kind.lower(), kind.lower())
        if kind not in ENTITY_KINDS:
            raise ValueError(f"--kind {kind!r}: expected one of {', '.join(ENTITY_KINDS)}")
        path = folder / f"{slug}.md"
        text = (f"---\nname: {_quote(title)}\nkind: {kind}\naliases: []\ndescription: \"\"\n"
                f"---\n")
    else:
        path = folder / f"{slug}.md"
        text = f"---\ntitle: {_quote(title)}\n---\n\nWrite the page here.\n"
    if path.exists():
        raise FileExistsError(path.relative_to(root))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path.relative_to(root)


_CONFIG = f"""\
title: My Dossiers
description: Curated coverage of the stories we follow.
base_url: {INIT_BASE_URL}
language: en
theme: default
timezone: UTC
entities:
  link: first
articles:
  full_text: true
search:
  enabled: true
cname: null
"""

# The distribution's name on PyPI ("dossier" there is an unrelated logging library);
# the command and the import package stay `dossier`.
DISTRIBUTION = "dossier-ssg"

# Publishes with GitHub's own Pages actions. `dossier check --strict` fails the run on
# any warning before anything is built; both caches survive between runs.
_WORKFLOW = """\
name: Publish to GitHub Pages
on:
  push:
    branches: [main]
  workflow_dispatch:
permissions:
  contents: read
  pages: write
  id-token: write
concurrency:
  group: pages
  cancel-in-progress: false
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v5
      - uses: actions/setup-python@v6
        with:
          python-version: "3.12"
      - name: Cache pip downloads
        uses: actions/cache@v5
        with:
          path: ~/.cache/pip
          key: pip-${{ runner.os }}-${{ hashFiles('requirements.txt') }}
          restore-keys: pip-${{ runner.os }}-
      - name: Cache the build cache
        uses: actions/cache@v5
        with:
          path: .dossier-cache
          key: dossier-${{ runner.os }}-${{ hashFiles('requirements.txt') }}-${{ github.sha }}
          restore-keys: dossier-${{ runner.os }}-${{ hashFiles('requirements.txt') }}-
      - run: python -m pip install -r requirements.txt
      - run: dossier check --strict
      - run: dossier build
      - uses: actions/configure-pages@v6
      - uses: actions/upload-pages-artifact@v5
        with:
          path: public
  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v5
"""


def requirements(version: str = __version__) -> str:
    """requirements.txt for a new site: the exact version `init` ran with."""
    return (f"# The dossier version this site is built with (the workflow installs it).\n"
            f"# Before a release is on PyPI, pin the repository by git URL and tag instead:\n"
            f"#   {DISTRIBUTION} @ git+https://github.com/OWNER/dossier@v{version}\n"
            f"{DISTRIBUTION}=={version}\n")


_STARTER = {
    "config.yaml": _CONFIG,
    ".gitignore": "public/\n.public.*/\n.dossier-cache/\nreport/\n",
    ".github/workflows/pages.yml": _WORKFLOW,
    "requirements.txt": requirements(),
    "content/dossiers/example-dossier.md": (
        "---\ntitle: Example dossier\nsummary: What this dossier follows.\nmatch:\n"
        "  entities: [example-organisation]\n  tags: [example]\n---\n\n"
        "Introduce the story here: what it follows, the key questions, the background.\n"),
    "content/entities/example-organisation.md": (
        "---\nname: Example Organisation\nkind: organization\naliases: [ExOrg]\n"
        "description: An organisation the articles mention.\n---\n"),
    "content/articles/2024/2024-01-15-first-article.md": (
        "---\ntitle: A first article\ndate: 2024-01-15\nsummary: One or two sentences.\n"
        "tags: [example]\n---\n\nThe Example Organisation said on Monday … ExOrg's plans "
        "are the subject of this dossier.\n"),
    "content/pages/about.md": "---\ntitle: About\n---\n\nWho curates this site, and why.\n",
    "static/.gitkeep": "",
}


def init_site(directory: Path, base_url: str | None = None) -> list[Path]:
    if (directory / "config.yaml").exists():
        raise FileExistsError(directory / "config.yaml")
    created = []
    starter = dict(_STARTER)
    if base_url:
        starter["config.yaml"] = _CONFIG.replace(INIT_BASE_URL, base_url)
    for rel, text in starter.items():
        path = directory / rel
        if path.exists():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        created.append(path)
    return created
