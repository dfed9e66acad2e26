"""What one run leaves for the next, so it renders only the pages whose inputs changed.

For every output file: the keys its view read (:mod:`dossier.site.facts`) and a mark
of the file (serve: the hash of its bytes; build: its size, time and inode), with the
value each key had and the related lists. The next run of the same site, config,
templates and output folder renders again only the files one of whose keys has
another value now (or whose file is not the one recorded), and takes the others as
they are. ``dossier serve`` keeps its state in ``serve-state.pickle``, ``dossier
build`` in ``build-state-<folder>.pickle`` (see :func:`dossier.build.state_file`),
both in ``.dossier-cache/``.
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


DELTA = ".delta"          # beside the state: what changed since it was written in full
PENDING = ".pending"      # beside the state: a build changed the output, not the state yet
DELTA_SHARE = 0.05       # a delta holding more of the pages than this: write in full


def _identity(path: Path) -> tuple[int, int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns, info.st_ino


@dataclass(frozen=True)
class Stored:
    """Each output file's reads, the values those keys had, each file's mark, the
    related lists, and every file the run left in the output folder.

    Written in full, then as a small delta beside it (the pages rendered since,
    their keys' values) while the delta holds under 5% of the pages: a warm build
    at 10,000 articles wrote 29 MB (0.8 s) to record one changed page."""

    reads: dict[str, frozenset[Key]]
    hashes: dict[str, Any]                 # output file -> its mark
    values: dict[Key, Any]
    related: RelatedTable
    files: frozenset[str] | None = None    # None: not recorded (list the folder)
    base: tuple[int, int, int] | None = None   # the full state's file, as read
    delta: frozenset[str] = frozenset()        # pages whose entries the delta holds

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
        delta_path = path.with_name(name + DELTA)
        try:
            base = _identity(path)
            with open(path, "rb") as handle:
                header, reads, hashes, values, related, files = \
                    StateUnpickler(handle).load()
            delta = _delta(delta_path, header, base)
        except Exception:   # none, broken or foreign: a full render
            return None
        finally:
            if not keep:
                for gone in (path, delta_path):
                    with contextlib.suppress(OSError):
                        gone.unlink()
        if header != cls._header(config, drafts, folder) or not folder.is_dir():
            return None
        if path.with_name(name + PENDING).exists():   # a build stopped after its commit
            files = None
        pages: frozenset[str] = frozenset()
        if delta is not None:
            pages, delta_reads, delta_hashes, delta_values, related, files = delta
            for rel in pages:
                reads.pop(rel, None)
                hashes.pop(rel, None)
            reads.update(delta_reads)
            hashes.update(delta_hashes)
            values.update(delta_values)
        return cls(reads, hashes, values, related, files, base, pages)

    @classmethod
    def save(cls, config: Config, drafts: bool, folder: Path, name: str,
             reads: Mapping[str, frozenset[Key]], hashes: Mapping[str, Any],
             keys: Iterable[Key], facts: Facts, files: Iterable[str] | None = None,
             previous: Stored | None = None, rendered: Iterable[str] = ()) -> None:
        """``files``: every file of the output folder, when the caller knows them.
        ``previous``: the state this run took, with ``rendered``, the pages it
        rendered (the others kept theirs): then only a delta is written, while small."""
        config.cache_dir.mkdir(parents=True, exist_ok=True)
        path = config.cache_dir / name
        delta_path = path.with_name(name + DELTA)
        header = cls._header(config, drafts, folder)
        listed = None if files is None else frozenset(files)
        if previous is not None and previous.base is not None \
                and previous.base == _identity(path):
            pages = previous.delta.union(rendered, previous.reads.keys() - reads.keys())
            if len(pages) <= DELTA_SHARE * max(len(reads), 1):
                delta_reads = {rel: reads[rel] for rel in pages if rel in reads}
                wanted = {key for keys_read in delta_reads.values() for key in keys_read}
                values = {key: facts.value(key) for key in wanted}
                _write(delta_path, (header, previous.base, pages, delta_reads,
                                    {rel: hashes[rel] for rel in delta_reads},
                                    values, facts.related_table, listed))
                _settled(path, name)
                return
        values = {key: facts.value(key) for key in keys}
        _write(path, (header, _shared(reads, values), hashes, values,
                      facts.related_table, listed))
        with contextlib.suppress(OSError):
            delta_path.unlink()
        _settled(path, name)

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


def _write(path: Path, data: tuple[Any, ...]) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    with open(temporary, "wb") as handle:
        CachePickler(handle, protocol=pickle.HIGHEST_PROTOCOL).dump(data)
    os.replace(temporary, path)


def _delta(path: Path, header: tuple[Any, ...], base: tuple[int, int, int] | None
           ) -> tuple[Any, ...] | None:
    """The delta's (pages, reads, marks, values, related, files), if it was written
    over this very full state."""
    try:
        with open(path, "rb") as handle:
            data = StateUnpickler(handle).load()
    except OSError:
        return None
    if data[0] != header or data[1] != base:
        return None
    return tuple(data[2:])


def pending(config: Config, name: str) -> None:
    """Say that the output is changing and its state is not written yet: until
    :meth:`Stored.save` has, the files the state lists are not trusted."""
    config.cache_dir.mkdir(parents=True, exist_ok=True)
    (config.cache_dir / (name + PENDING)).touch()


def _settled(path: Path, name: str) -> None:
    with contextlib.suppress(OSError):
        path.with_name(name + PENDING).unlink()


def forget(config: Config, name: str) -> None:
    """Remove a state (a run that cannot keep it true, such as a build without cache)."""
    for path in (config.cache_dir / name, config.cache_dir / (name + DELTA),
                 config.cache_dir / (name + PENDING)):
        with contextlib.suppress(OSError):
            path.unlink()
