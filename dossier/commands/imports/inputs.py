"""What the user named: files, folders of them, or standard input; each read as
bytes and decoded into text or HTML (saved ``.mhtml`` pages unpacked)."""

from __future__ import annotations

import codecs
import email
import email.policy
import email.utils
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path

from dossier.commands.imports.draft import Refused

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
MHTML_SUFFIXES = (".mhtml", ".mht")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + MHTML_SUFFIXES


@dataclass(frozen=True)
class Input:
    name: str          # as the report shows it
    raw: bytes | None  # None: it could not be read (see problem)
    problem: str = ""


@dataclass(frozen=True)
class Decoded:
    kind: str          # "text" or "html"
    text: str
    base_url: str = ""
    saved: datetime | None = None   # when a web archive says the page was saved


def gather(names: list[str], stdin: bytes | None) -> Iterator[Input]:
    """Each named file; each file of a named folder, in name order (hidden files and
    other kinds skipped); ``-`` for standard input."""
    for name in names:
        if name == "-":
            yield Input("<stdin>", stdin if stdin is not None else b"")
            continue
        path = Path(name)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file()
                           and p.suffix.lower() in SUFFIXES
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not found:
                yield Input(name, None, f"a folder with no {', '.join(SUFFIXES)} files in it")
            for file in found:
                yield _read(file)
        else:
            yield _read(path)


def _read(path: Path) -> Input:
    try:
        return Input(str(path), path.read_bytes())
    except FileNotFoundError:
        return Input(str(path), None, "no such file")
    except OSError as exc:
        return Input(str(path), None, f"cannot be read: {exc.strerror or exc}")


_MAGIC = ((b"%PDF", "a PDF document"), (b"\x89PNG", "a PNG image"),
          (b"\xff\xd8\xff", "a JPEG image"),
          (b"GIF8", "a GIF image"), (b"PK\x03\x04", "a ZIP archive (or a Word document)"),
          (b"\xd0\xcf\x11\xe0", "an old Office document"), (b"\x1f\x8b", "a gzip archive"),
          (b"RIFF", "a media file"), (b"\x7fELF", "a program"))
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_HTML_START = re.compile(r"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|article|meta)\b",
                         re.IGNORECASE | re.DOTALL)


def _binary(raw: bytes) -> str:
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            return what
    head = raw[:4096]
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "a binary file"
    return ""


def _decode(raw: bytes, declared: str | None) -> str:
    """Text from bytes: a byte-order mark, else the declared charset, else UTF-8."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            return raw.decode(codec)
    if declared:
        try:
            codec = codecs.lookup(declared).name
        except LookupError:
            raise Refused(f"declares the character set {declared!r}, which is not known; "
                          "save the page again as UTF-8") from None
        if codec in ("iso8859-1", "ascii"):
            codec = "cp1252"   # what browsers read for both, as the HTML standard says
        try:
            return raw.decode(codec)
        except UnicodeDecodeError as exc:
            raise Refused(f"not valid {declared} text (byte 0x{raw[exc.start]:02x} at offset "
                          f"{exc.start}); save it again as UTF-8", _line(raw, exc.start)) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Refused(f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}) "
                      "and no character set declared; save it as UTF-8",
                      _line(raw, exc.start)) from None


def _line(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1


def _mhtml(raw: bytes) -> Decoded:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    base = str(message.get("Snapshot-Content-Location") or "")
    parts = message.walk() if message.is_multipart() else iter([message])
    for part in parts:
        if part.get_content_type() == "text/html" and isinstance(part, EmailMessage):
            payload = part.get_payload(decode=True)
            if not isinstance(payload, bytes):
                continue
            text = _decode(payload, part.get_content_charset() or _declared(payload))
            return Decoded("html", text, str(part.get("Content-Location") or base),
                           _saved_at(str(message.get("Date") or "")))
    raise Refused("a saved web archive (MHTML) with no HTML page in it")


def _saved_at(header: str) -> datetime | None:
    try:
        moment = email.utils.parsedate_to_datetime(header) if header else None
    except (TypeError, ValueError):
        return None
    return moment if moment is not None and moment.tzinfo is not None else None


# the comment browsers write at the top of a page saved as HTML
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(?P<url>https?://[^\s>]+?)\s*-->",
                         re.IGNORECASE)


def _saved_from(text: str) -> str:
    m = _SAVED_FROM.search(text[:4096])
    return m.group("url") if m else ""


def _declared(raw: bytes) -> str | None:
    m = _CHARSET.search(raw[:4096])
    return m.group(1).decode("ascii") if m else None


def decode_input(name: str, raw: bytes) -> Decoded:
    """Raises Refused for an empty, binary or undecodable input."""
    if not raw.strip():
        raise Refused("empty: nothing to import")
    what = _binary(raw)
    if what:
        raise Refused(f"{what}, not text: import copied text (.txt), a saved page "
                      "(.html, .htm) or a web archive (.mhtml)")
    suffix = Path(name).suffix.lower()
    head = raw[:2048].lstrip().lower()
    archive = head.startswith((b"from:", b"mime-version:")) \
        and b"multipart/related" in raw[:4096].lower()
    if suffix in MHTML_SUFFIXES or archive:
        return _mhtml(raw)
    if suffix in HTML_SUFFIXES:
        text = _decode(raw, _declared(raw))
        return Decoded("html", text, _saved_from(text))
    text = _decode(raw, _declared(raw) if suffix not in TEXT_SUFFIXES else None)
    if suffix not in TEXT_SUFFIXES and _HTML_START.match(text):
        return Decoded("html", text, _saved_from(text))
    if not text.strip():
        raise Refused("empty: nothing to import")
    return Decoded("text", text)
