"""config.yaml: a typed, frozen Config, with every problem reported at once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dossier.content.yamlsource import key_lines, line_of, load_yaml
from dossier.errors import ConfigError, Diagnostic, error, warning

CONFIG_FILE = "config.yaml"
LINK_MODES = ("first", "all", "none")
# the kinds of entity (dossier.model re-exports them; config reads them for link_by_kind)
ENTITY_KINDS = ("person", "organization", "place", "event", "document", "topic")


@dataclass(frozen=True)
class Config:
    root: Path
    title: str = "Dossiers"
    description: str = ""
    base_url: str = "/"
    language: str = "en"
    theme: str = "default"
    timezone: str = "UTC"
    entity_link: str = "first"
    entity_link_by_kind: dict[str, str] = field(default_factory=dict)   # kind -> mode
    full_text: bool = True
    search_enabled: bool = True
    search_shard: int = 1500        # records per index shard at most (Pagefind's memory)
    cname: str | None = None
    per_page: int = 50
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def base_path(self) -> str:
        """The path part of base_url, always starting and ending with "/"."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def output_dir(self) -> Path:
        return self.root / "public"

    @property
    def cache_dir(self) -> Path:
        return self.root / ".dossier-cache"

    def link_mode(self, kind: str, own: str | None = None) -> str:
        """Which mentions of an entity of ``kind`` become links: the entity's own
        ``link:``, else its kind's ``entities.link_by_kind``, else ``entities.link``."""
        return own or self.entity_link_by_kind.get(kind) or self.entity_link


def _str(value: Any) -> bool:
    return isinstance(value, str)


def _bool(value: Any) -> bool:
    return isinstance(value, bool)


def _opt_str(value: Any) -> bool:
    return value is None or isinstance(value, str)


def _pos_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _mapping(value: Any) -> bool:
    return isinstance(value, dict)


def _link_mode(value: Any) -> bool:
    """first, all or none, in any case (as an entity's own ``link:`` is read)."""
    return isinstance(value, str) and value.lower() in LINK_MODES


@dataclass(frozen=True)
class _Key:
    path: str
    attr: str | None
    check: Callable[[Any], bool]
    expected: str


_SCHEMA: tuple[_Key, ...] = (
    _Key("title", "title", _str, "a string"),
    _Key("description", "description", _str, "a string"),
    _Key("base_url", "base_url", _str, "a URL such as https://example.org/sub/ or /"),
    _Key("language", "language", _str, "a language code such as en"),
    _Key("theme", "theme", _str, "a theme name"),
    _Key("timezone", "timezone", _str, "an IANA time zone such as UTC or Asia/Tokyo"),
    _Key("entities", None, _mapping, "a mapping"),
    _Key("entities.link", "entity_link", _link_mode, "one of first, all, none"),
    _Key("entities.link_by_kind", "entity_link_by_kind", _mapping,
         f"a mapping of kinds ({', '.join(ENTITY_KINDS)}) to first, all or none"),
    *(_Key(f"entities.link_by_kind.{kind}", None, _link_mode,
           "one of first, all, none") for kind in ENTITY_KINDS),
    _Key("articles", None, _mapping, "a mapping"),
    _Key("articles.full_text", "full_text", _bool, "true or false"),
    _Key("search", None, _mapping, "a mapping"),
    _Key("search.enabled", "search_enabled", _bool, "true or false"),
    _Key("search.shard_size", "search_shard", _pos_int, "a whole number above 0"),
    _Key("cname", "cname", _opt_str, "a domain name or null"),
    _Key("paginate", "per_page", _pos_int, "a whole number above 0"),
    _Key("params", "params", _mapping, "a mapping"),
)
_KNOWN = {key.path for key in _SCHEMA}
_OPEN = {"params"}  # mappings whose inner keys are the user's own


def _flatten(data: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    items: list[tuple[str, Any]] = []
    for key, value in data.items():
        path = f"{prefix}{key}"
        items.append((path, value))
        if isinstance(value, dict) and path in _KNOWN and path not in _OPEN:
            items.extend(_flatten(value, path + "."))
    return items


def parse_config(
    text: str, root: Path, strict: bool = False
) -> tuple[Config, tuple[Diagnostic, ...]]:
    """Validate config text. Raises ConfigError with every problem; returns warnings."""
    data, problem = load_yaml(text)
    if problem is not None:
        raise ConfigError([error(CONFIG_FILE, problem.line + 1, "config", problem.message)])
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError([error(CONFIG_FILE, 1, "config", "expected a mapping of settings")])

    lines = key_lines(text)
    problems: list[Diagnostic] = []
    values: dict[str, Any] = {}
    for path, value in _flatten(data):
        line = line_of(lines, path) + 1
        spec = next((k for k in _SCHEMA if k.path == path), None)
        if spec is None:
            report = error if strict else warning
            known = (f": expected a kind, one of {', '.join(ENTITY_KINDS)}"
                     if path.startswith("entities.link_by_kind.") else "")
            problems.append(report(CONFIG_FILE, line, path,
                                   ("unknown setting" if strict else "unknown setting, ignored")
                                   + known))
            continue
        if not spec.check(value):
            problems.append(
                error(CONFIG_FILE, line, path, f"got {value!r}, expected {spec.expected}")
            )
            continue
        if spec.attr is not None:
            values[spec.attr] = value

    problems.extend(_check_values(values, lines))
    if any(d.severity == "error" for d in problems):
        raise ConfigError(problems)
    values["base_url"] = _published_address(values.get("base_url", "/"))
    if "entity_link" in values:
        values["entity_link"] = values["entity_link"].lower()
    if "entity_link_by_kind" in values:   # the kinds named rightly (others were reported)
        values["entity_link_by_kind"] = {
            str(k): str(v).lower() for k, v in values["entity_link_by_kind"].items()
            if k in ENTITY_KINDS}
    return Config(root=root, **values), tuple(problems)


def _published_address(base_url: str) -> str:
    """base_url ending in "/", its path percent-encoded (``/my dossiers/`` is written
    into pages as ``/my%20dossiers/``, which every browser and host understands)."""
    parts = urlsplit(base_url.strip())
    path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
    path = path if path.endswith("/") else path + "/"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def _check_values(values: dict[str, Any], lines: dict[str, int]) -> list[Diagnostic]:
    problems = []
    if "timezone" in values:
        try:
            ZoneInfo(values["timezone"])
        except (ZoneInfoNotFoundError, ValueError):
            problems.append(error(CONFIG_FILE, lines.get("timezone", 0) + 1, "timezone",
                                  f"unknown time zone {values['timezone']!r}, "
                                  "expected an IANA name such as UTC or Asia/Tokyo"))
    if "base_url" in values:
        parts = urlsplit(values["base_url"])
        absolute = parts.scheme in ("http", "https") and parts.netloc
        if not absolute and not values["base_url"].startswith("/"):
            problems.append(error(CONFIG_FILE, lines.get("base_url", 0) + 1, "base_url",
                                  f"got {values['base_url']!r}, expected an absolute URL "
                                  "(https://example.org/sub/) or a path starting with /"))
        elif not absolute and values["base_url"].strip("/"):
            problems.append(warning(CONFIG_FILE, lines.get("base_url", 0) + 1, "base_url",
                                    f"{values['base_url']!r} has no scheme and host: feeds, the "
                                    "sitemap and canonical links need absolute addresses and "
                                    "will say http://localhost; set the published address, "
                                    "such as https://example.org/sub/"))
    return problems


def load_config(root: Path, strict: bool = False) -> tuple[Config, tuple[Diagnostic, ...]]:
    path = root / CONFIG_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError([error(CONFIG_FILE, 1, "config",
                                 f"no {CONFIG_FILE} in {root}: run `dossier build` in a "
                                 "site folder, or create one with `dossier init DIR`")]) from None
    except UnicodeDecodeError as exc:
        raise ConfigError([error(CONFIG_FILE, 1, "config", f"not UTF-8 text ({exc.reason})")]) \
            from None
    config, warnings = parse_config(text, root.resolve(), strict)
    theme_problem = _check_theme(config)
    if theme_problem:
        raise ConfigError([*warnings, theme_problem])
    return config, warnings


def _check_theme(config: Config) -> Diagnostic | None:
    if config.theme == "default" or (config.root / "themes" / config.theme).is_dir():
        return None
    return error(CONFIG_FILE, 1, "theme",
                 f"no folder themes/{config.theme}/, expected `default` or a folder under themes/")
