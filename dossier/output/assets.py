"""Theme assets under content-hashed names, so a host may let browsers cache them for
good: ``style.css`` is also written as ``style.<hash>.css``, and templates link the
hashed name with ``asset('style.css')``. A changed file gets a new name; the plain
name stays too (for a site theme's templates that link it directly, and for
relative references between assets).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from dossier.content.discover import walk_files

PREFIX = "assets"          # theme assets live at /assets/<name>
HASH_LENGTH = 10


def hashed_name(rel: str, data: bytes) -> str:
    """``css/style.css`` -> ``css/style.<hash>.css`` (the hash before the first
    extension, so ``app.min.js`` -> ``app.<hash>.min.js``)."""
    digest = hashlib.sha256(data).hexdigest()[:HASH_LENGTH]
    folder, slash, name = rel.rpartition("/")
    stem, dot, extensions = name.partition(".")
    if not stem:   # a dot file: keep the dot with its name
        stem, dot, extensions = name, "", ""
    return f"{folder}{slash}{stem}.{digest}{dot}{extensions}"


def theme_files(dirs: Sequence[Path]) -> dict[str, Path]:
    """The theme's static files by name, the first folder's winning (site theme over
    the default)."""
    files: dict[str, Path] = {}
    for folder in reversed(dirs):
        for path, rel in walk_files(folder / "static"):
            files[rel] = path
    return files


def manifest(files: Mapping[str, Path]) -> dict[str, str]:
    """Each asset's name -> its hashed name (reads the files)."""
    return {rel: hashed_name(rel, path.read_bytes()) for rel, path in files.items()}


def hashed_copies(files: Mapping[str, Path], names: Mapping[str, str]
                  ) -> list[tuple[Path, str]]:
    """(source, hashed name) for each asset: the extra copies the build writes."""
    return [(files[rel], names[rel]) for rel in sorted(files)]


def asset_function(names: Mapping[str, str], base_path: str) -> Callable[[str], str]:
    """The template global ``asset(name)``: the address of the asset's hashed copy.
    A name the theme does not have is a template error naming it."""
    def asset(name: str) -> str:
        rel = name.lstrip("/")
        if rel.startswith(f"{PREFIX}/"):
            rel = rel[len(PREFIX) + 1:]
        if rel not in names:
            known = ", ".join(sorted(names)) or "none"
            raise ValueError(f"asset({name!r}): no such file in the theme's static/ "
                             f"folder (it has: {known})")
        return f"{base_path}{PREFIX}/{names[rel]}"
    return asset
