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

STATE_FORMAT = 2


@dataclass(frozen=True)
class Stored:
    """Each output file's reads, the values those keys had, each file's mark, the
    related lists, and every file the run left in the output folder."""

    reads: dict[str, frozenset[Key]]
    hashes: dict[str, Any]                 # output file -> its mark
    values: dict[Key, Any]
    related: RelatedTable
    files: frozenset[str] | None = None    # None: not recorded (list the folder)

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
                header, reads, hashes, values, related, files = \
                    StateUnpickler(handle).load()
        except Exception:   # none, broken or foreign: a full render
            return None
        finally:
            if not keep:
                with contextlib.suppress(OSError):
                    path.unlink()
        if header != cls._header(config, drafts, folder) or not folder.is_dir():
            return None
        return cls(reads, hashes, values, related, files)

    @classmethod
    def save(cls, config: Config, drafts: bool, folder: Path, name: str,
             reads: Mapping[str, frozenset[Key]], hashes: Mapping[str, Any],
             keys: Iterable[Key], facts: Facts, files: Iterable[str] | None = None) -> None:
        """``files``: every file of the output folder, when the caller knows them."""
        values = {key: facts.value(key) for key in keys}
        data = (cls._header(config, drafts, folder), _shared(reads, values), hashes, values,
                facts.related_table, None if files is None else frozenset(files))
        config.cache_dir.mkdir(parents=True, exist_ok=True)
        path = config.cache_dir / name
        temporary = path.with_name(f".{name}.{os.getpid()}")
        with open(temporary, "wb") as handle:
            CachePickler(handle, protocol=pickle.HIGHEST_PROTOCOL).dump(data)
        os.replace(temporary, path)

    def changed(self, facts: Facts) -> set[Key]:
        """The recorded keys whose value is not the same in ``facts``."""
        return changed_values(facts, self.values)


def _shared(reads: Mapping[str, frozenset[Key]], values: Mapping[Key, Any]
            ) -> dict[str, frozenset[Key]]:
    """The reads with each key the same object as that key in ``values``, so that it
    is pickled once, not once per page that read it (a fourth of the bytes, and of
    the time to write and read them, at 10,000 articles). A page's keys that already
    are (read from a state saved so) are taken as they are."""
    pool = {key: key for key in values}
    shared = {}
    for rel, keys in reads.items():
        first = next(iter(keys), None)
        if first is None or pool.get(first) is first:
            shared[rel] = keys
        else:
            shared[rel] = frozenset(pool.get(key, key) for key in keys)
    return shared


def forget(config: Config, name: str) -> None:
    """Remove a state (a run that cannot keep it true, such as a build without cache)."""
    with contextlib.suppress(OSError):
        (config.cache_dir / name).unlink()
