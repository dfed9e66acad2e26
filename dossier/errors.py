"""Diagnostics: every problem a user can act on, as ``path:line: field: message``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    field: str
    message: str
    severity: Severity = "error"

    def format(self) -> str:
        text = f"{self.path}:{self.line}: {self.field}: {self.message}"
        return text if self.severity == "error" else f"{text} (warning)"


def error(path: str, line: int | None, field: str, message: str) -> Diagnostic:
    return Diagnostic(path, line or 1, field, message, "error")


def warning(path: str, line: int | None, field: str, message: str) -> Diagnostic:
    return Diagnostic(path, line or 1, field, message, "warning")


def escalate(diagnostics: Iterable[Diagnostic]) -> tuple[Diagnostic, ...]:
    """Under ``--strict`` every warning is an error."""
    return tuple(
        Diagnostic(d.path, d.line, d.field, d.message, "error") for d in diagnostics
    )


def errors_in(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.severity == "error"]


class ConfigError(Exception):
    """config.yaml cannot be used: exit status 2."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        super().__init__("\n".join(d.format() for d in self.diagnostics))


class ContentError(Exception):
    """The content has errors: exit status 1. Carries every diagnostic of the run."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        super().__init__("\n".join(d.format() for d in self.diagnostics))
