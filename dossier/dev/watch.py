"""Which file-system changes under a site root are the site's: a filter for watchfiles."""

from __future__ import annotations

from pathlib import Path

from watchfiles import Change, DefaultFilter

# folders of the site root that are never its sources
IGNORED_TOP = frozenset({"public", ".dossier-cache", ".git", "node_modules", "report",
                         ".venv", "venv", "__pycache__", ".pytest_cache", ".ruff_cache"})
# editors' temporary, swap and backup files
_SUFFIXES = (".swp", ".swx", ".swo", ".tmp", ".temp", ".part", ".crdownload", ".bak", "~",
             ".kate-swp", ".orig")
_PREFIXES = (".#", "#", ".~")


def is_editor_file(name: str) -> bool:
    return (name.endswith(_SUFFIXES) or name.startswith(_PREFIXES) or name == "4913"
            or name.startswith(".goutputstream"))


class SiteFilter(DefaultFilter):
    """Changes to config.yaml, content/, static/ and themes/ (folders created later
    included); never public/, the cache, .git/, staging folders or editors' files."""

    def __init__(self, root: Path) -> None:
        super().__init__()
        self.root = root.resolve()

    def __call__(self, change: Change, path: str) -> bool:
        try:
            rel = Path(path).resolve().relative_to(self.root)
        except ValueError:
            return False
        parts = rel.parts
        if not parts:
            return False
        top = parts[0]
        if top in IGNORED_TOP or top.startswith("."):
            return False
        if len(parts) == 1:
            return top == "config.yaml"
        if top not in ("content", "static", "themes"):
            return False
        if top == "static" or (top == "themes" and "static" in parts[1:3]):
            # every file the build copies counts, whatever its name (as walk_files)
            return not any(part.startswith(".") and part not in (".nojekyll", ".well-known")
                           for part in parts[1:])
        return not is_editor_file(parts[-1]) and super().__call__(change, path)


SOURCE_FOLDERS = ("content", "static", "themes")


def watched_folders(root: Path) -> list[Path]:
    """The source folders that exist (watched recursively; the root itself is looked
    at between events, so that config.yaml and folders made later are seen too)."""
    return [root / name for name in SOURCE_FOLDERS if (root / name).is_dir()]


def root_state(root: Path) -> tuple[object, ...]:
    """What of the root level is looked at: config.yaml's time and size, and which
    source folders exist."""
    try:
        info = (root / "config.yaml").stat()
        config: object = (info.st_mtime_ns, info.st_size)
    except OSError:
        config = None
    return (config, *((root / name).is_dir() for name in SOURCE_FOLDERS))



def source_snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Every file of the source folders and config.yaml: (modification time, size)."""
    found: dict[str, tuple[int, int]] = {}
    for top in (root / "config.yaml", *(root / name for name in SOURCE_FOLDERS)):
        paths = [top] if top.is_file() else (top.rglob("*") if top.is_dir() else [])
        for path in paths:
            try:
                info = path.stat()
            except OSError:
                continue
            if path.is_file():
                found[path.relative_to(root).as_posix()] = (info.st_mtime_ns, info.st_size)
    return found


def changed_since(before: dict[str, tuple[int, int]],
                  after: dict[str, tuple[int, int]]) -> set[str]:
    """Files added, removed or rewritten between two snapshots."""
    return {rel for rel in before.keys() | after.keys() if before.get(rel) != after.get(rel)}
