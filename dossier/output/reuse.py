"""What one run leaves for the next, so it renders only the pages whose inputs changed.

For every output file: the keys its view read (:mod:`dossier.site.facts`) and a mark
of the file (serve: the hash of its bytes; build: its size, time and inode), with the
value each key had and the related lists. The next run of the same site, config,
templates and output folder renders again only the files one of whose keys has
another value now (or whose file is not the one recorded), and takes the others as
they are. ``dossier serve`` keeps its state in ``serve-state.pickle``, ``dossier
build`` in ``build-state.pickle``, both in ``.dossier-cache/``.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dossier import __version__
from dossier.cache import CachePickler, StateUnpickler
from dossier.config import Config
from dossier.output.render import theme_dirs
from dossier.site.facts import Facts, Key, RelatedTable, changed_values

STATE_FORMAT = 1


@dataclass(frozen=True)
class Stored:
    """Each output file's reads, the values those keys had, each file's mark, the
    related lists."""

    reads: dict[str, frozenset[Key]]
    hashes: dict[str, Any]                 # output file -> its mark
    values: dict[Key, Any]
    related: RelatedTable

    @staticmethod
    def _header(config: Config, drafts: bool, folder: Path) -> tuple[Any, ...]:
        # the templates, and the theme's assets: pages link them by content-hashed
        # names (asset()), which no recorded key follows
        templates = hashlib.blake2b(digest_size=16)
        for theme in theme_dirs(config):
            for part in ("templates", "static"):
                for path in sorted((theme / part).rglob("*")):
                    if path.is_file():
                        templates.update(path.as_posix().encode() + b"\0"
                                         + path.read_bytes())
        return (STATE_FORMAT, __version__, repr(config), drafts, str(folder),
                templates.hexdigest())

    @classmethod
    def take(cls, config: Config, drafts: bool, folder: Path, name: str,
             keep: bool = False) -> Stored | None:
        """The state left for ``folder``, or None (none, broken, or from another
        config, template set or folder). Removed once read unless ``keep``."""
        path = config.cache_dir / name
        try:
            with open(path, "rb") as handle:
                header, reads, hashes, values, related = StateUnpickler(handle).load()
        except Exception:   # none, broken or foreign: a full render
            return None
        finally:
            if not keep:
                with contextlib.suppress(OSError):
                    path.unlink()
        if header != cls._header(config, drafts, folder) or not folder.is_dir():
            return None
        return cls(reads, hashes, values, related)

    @classmethod
    def save(cls, config: Config, drafts: bool, folder: Path, name: str,
             reads: Mapping[str, frozenset[Key]], hashes: Mapping[str, Any],
             keys: Iterable[Key], facts: Facts) -> None:
        values = {key: facts.value(key) for key in keys}
        data = (cls._header(config, drafts, folder), reads, hashes, values,
                facts.related_table)
        config.cache_dir.mkdir(parents=True, exist_ok=True)
        path = config.cache_dir / name
        temporary = path.with_name(f".{name}.{os.getpid()}")
        with open(temporary, "wb") as handle:
            CachePickler(handle, protocol=pickle.HIGHEST_PROTOCOL).dump(data)
        os.replace(temporary, path)

    def changed(self, facts: Facts) -> set[Key]:
        """The recorded keys whose value is not the same in ``facts``."""
        return changed_values(facts, self.values)


def forget(config: Config, name: str) -> None:
    """Remove a state (a run that cannot keep it true, such as a build without cache)."""
    with contextlib.suppress(OSError):
        (config.cache_dir / name).unlink()
