"""The parse cache in .dossier-cache/: parsed articles and their mentions, by the
hash of each file's bytes, so that a build after the first parses only what changed.

The file is versioned by the tool's version and the parse settings; one that is
corrupt, from another version or not ours is ignored, never trusted: it is read
with an unpickler that builds nothing but this package's records and plain values.
"""

from __future__ import annotations

import io
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from dossier import __version__
from dossier.linking.mentions import Linked

FILE = "articles.pickle"
FORMAT = 1

# (module, name) pairs the cache may build
_ALLOWED = {
    ("builtins", "frozenset"), ("builtins", "set"), ("builtins", "dict"),
    ("builtins", "list"), ("builtins", "tuple"),
    ("datetime", "datetime"), ("datetime", "date"), ("datetime", "timezone"),
    ("datetime", "timedelta"), ("zoneinfo", "ZoneInfo"),
    ("copyreg", "_reconstructor"), ("builtins", "object"),
}
_OWN_MODULES = ("dossier.model", "dossier.content.body", "dossier.content.frontmatter",
                "dossier.linking.mentions", "dossier.errors")


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _ALLOWED or module in _OWN_MODULES:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"not a dossier cache: {module}.{name}")


_FACT_RECORDS = ("CardFields", "EntityCardFields", "RelatedTable")


class StateUnpickler(_Unpickler):
    """The serve state holds view facts too."""

    def find_class(self, module: str, name: str) -> Any:
        if module == "dossier.site.facts" and name in _FACT_RECORDS:
            return pickle.Unpickler.find_class(self, module, name)
        return super().find_class(module, name)


class CachePickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        # ZoneInfo pickles through getattr(), which the unpickler will not allow: a
        # zone is its key
        if isinstance(obj, ZoneInfo):
            return ZoneInfo, (obj.key,)
        return NotImplemented


Entry = tuple[Any, tuple[Any, ...]]   # (parse result, diagnostics)


@dataclass
class ParseCache:
    """Parse results by content digest, and mentions by (digest, link key). Read once
    at the start of a build, written once at its end, holding only current files."""

    settings: str
    parsed: dict[str, Entry] = field(default_factory=dict)
    linked: dict[tuple[str, str], Linked] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)     # digests of this build's files
    loaded: frozenset[str] = frozenset()            # digests the file held
    new_links: bool = False                         # mentions found under a new registry

    @property
    def changed(self) -> bool:
        """Has this build parsed a file the cache did not hold, or dropped one?"""
        return self.new_links or self.used != self.loaded \
            or len(self.parsed) != len(self.loaded)

    @property
    def worth_saving(self) -> bool:
        """Changed, and by enough that writing it again (seconds at 10,000 articles)
        costs less than the next build parsing again what it lacks: mentions found
        under a new registry, a first cache, or over 2% of the files (and over 50)
        not in it. Entries of files gone stay until then (no harm: keyed by digest)."""
        if not self.changed:
            return False
        fresh = len(self.used - self.loaded)
        return self.new_links or not self.loaded or fresh > max(50, len(self.used) // 50)

    @classmethod
    def load(cls, folder: Path, settings: str) -> ParseCache:
        cache = cls(settings)
        try:
            with open(folder / FILE, "rb") as handle:
                data = _Unpickler(io.BufferedReader(handle)).load()
            header, parsed, linked = data
            if header != (FORMAT, __version__, settings):
                return cache
            if isinstance(parsed, dict) and isinstance(linked, dict):
                cache.parsed, cache.linked = parsed, linked
                cache.loaded = frozenset(parsed)
        except Exception:   # missing, truncated, foreign: a cold build
            return cls(settings)
        return cache

    def save(self, folder: Path) -> None:
        """Write the entries of this build's files (those of files gone are dropped)."""
        digests = self.used
        parsed = {k: v for k, v in self.parsed.items() if k in digests}
        linked = {k: v for k, v in self.linked.items() if k[0] in digests}
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f".{FILE}.{os.getpid()}"
        with open(temporary, "wb") as handle:
            CachePickler(handle, protocol=pickle.HIGHEST_PROTOCOL).dump(
                ((FORMAT, __version__, self.settings), parsed, linked))
        os.replace(temporary, folder / FILE)
        self.loaded = frozenset(parsed)
        self.new_links = False
