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
        if is_editor_file(parts[-1]):
            return False
        if len(parts) == 1:
            return top == "config.yaml"
        return top in ("content", "static", "themes")


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


def known_files(folder: Path, before: set[str]) -> set[str]:
    """Every file under a folder that appeared, or that was there before it went
    (``before``: paths relative to the folder)."""
    now = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} \
        if folder.is_dir() else set()
    return now | before
