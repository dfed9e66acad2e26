"""YAML parsing with line numbers: fast C loader for values, a key-line map for errors."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # C loader: ~10x faster


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """Safe loader that keeps timestamps as text: dates are parsed (and their
    errors reported with the field name) by :mod:`dossier.content.dates`."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Base.construct_yaml_str)


@dataclass(frozen=True)
class YamlProblem:
    line: int  # 0-based line inside the YAML text
    message: str


def load_yaml(text: str) -> tuple[Any, YamlProblem | None]:
    """Parse one YAML document; return (value, None) or (None, problem)."""
    try:
        return yaml.load(text, Loader=_Loader), None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line if mark is not None else 0
        # an error noticed only at the end of the text is better shown where it began
        if exc.context_mark is not None and line >= text.count("\n"):
            line = exc.context_mark.line
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        hint = yaml_hint(text, line, str(exc.problem or ""))
        return None, YamlProblem(line, (message or "invalid YAML") + (f"; {hint}" if hint else ""))
    except yaml.YAMLError as exc:
        return None, YamlProblem(0, str(exc).splitlines()[0] if str(exc) else "invalid YAML")
    except (ValueError, TypeError, OverflowError) as exc:  # pragma: no cover - defensive
        return None, YamlProblem(0, f"invalid value: {exc}")


_VALUE_COLON = re.compile(r"^(\s*(?:-\s+)?[^\s:#][^:]*?):\s+(.*?:\s.*?)\s*$")


def yaml_hint(text: str, line: int, problem: str) -> str:
    """What to do about the two YAML mistakes curators make most: a tab, and a colon
    followed by a space inside an unquoted value."""
    lines = text.splitlines()
    source = lines[line] if 0 <= line < len(lines) else ""
    if "tab" in problem.lower() or "'\\t'" in problem or ("\t" in source and "token" in problem):
        return ("a tab: YAML indents with spaces only; replace the tab with spaces")
    if "mapping values are not allowed" in problem:
        found = _VALUE_COLON.match(source)
        if found:
            key, value = found.groups()
            quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
            return (f"a colon and a space inside a value must be quoted: write "
                    f"{key.strip()}: {quoted}")
    return ""


def key_lines(text: str) -> dict[str, int]:
    """Map dotted key paths to their 0-based line, for error messages.

    Only called when something is wrong, so it may use the slower node API.
    """
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return {}
    lines: dict[str, int] = {}
    _walk(node, "", lines)
    return lines


def _walk(node: yaml.Node | None, prefix: str, lines: dict[str, int]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = f"{prefix}{key_node.value}"
            lines.setdefault(key, key_node.start_mark.line)
            _walk(value_node, key + ".", lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            key = f"{prefix[:-1]}[{index}]" if prefix else f"[{index}]"
            lines.setdefault(key, item.start_mark.line)
            _walk(item, key + ".", lines)


def line_of(lines: dict[str, int], path: str, default: int = 0) -> int:
    """The line of ``path`` or of its nearest ancestor that has one."""
    while path:
        if path in lines:
            return lines[path]
        if "[" in path and (path.endswith("]")):
            path = path[: path.rfind("[")]
        elif "." in path:
            path = path[: path.rfind(".")]
        else:
            break
    return default
